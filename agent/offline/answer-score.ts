import { z } from 'zod';
import { inLanguage, type ResultRenderer } from './render-context.ts';

const score = z.looseObject({
  leadId: z.string(),
  score: z.number(),
  band: z.string(),
  reasons: z
    .array(
      z.looseObject({
        impact: z.number(),
        text: z.object({ zh: z.string(), en: z.string() }),
        records: z.array(z.looseObject({ type: z.string(), id: z.string() })).default([]),
      }),
    )
    .default([]),
});

const BANDS_ZH: Record<string, string> = { hot: '热', warm: '温', cool: '凉', cold: '冷' };
const TOP_REASONS = 3;

/** The lead's score and band, and its strongest reasons with the records behind them. */
export const answerScore: ResultRenderer = (result, context) => {
  const parsed = score.safeParse(result.data);
  if (!parsed.success) return undefined;

  const data = parsed.data;
  const leadMarker = context.citations.markerOfKey(`lead:${data.leadId}`);
  const band = context.language === 'zh' ? (BANDS_ZH[data.band] ?? data.band) : data.band;
  const headline = inLanguage(context, {
    zh: `线索 ${data.leadId} 的意向评分为 ${data.score.toFixed(2)}（${band}）。`,
    en: `Lead ${data.leadId} scores ${data.score.toFixed(2)} (${band}).`,
  });

  const reasons = [...data.reasons]
    .sort((left, right) => Math.abs(right.impact) - Math.abs(left.impact))
    .slice(0, TOP_REASONS)
    .map((reason) => {
      const direction = reason.impact >= 0 ? '↑' : '↓';
      const keys = reason.records.map((record) => `${record.type}:${record.id}`);
      const markers = context.citations.markersOfKeys(keys);
      return `- ${direction} ${reason.text[context.language]} ${markers}`.trimEnd();
    });
  const heading = inLanguage(context, { zh: '主要原因：', en: 'Top reasons:' });
  return [
    `${headline} ${leadMarker}`.trimEnd(),
    ...(reasons.length ? [heading, ...reasons] : []),
  ].join('\n');
};
