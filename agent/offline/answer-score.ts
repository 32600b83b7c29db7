import { z } from 'zod';
import { inLanguage, type ResultRenderer } from './render-context.ts';

const score = z.looseObject({
  leadId: z.string(),
  account: z.object({ id: z.string(), name: z.string() }).optional(),
  otherLeadIds: z.array(z.string()).default([]),
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
  const subject = data.account
    ? {
        zh: `${data.account.name}最近活跃的未结线索 ${data.leadId}`,
        en: `${data.account.name}'s most recently active open lead, ${data.leadId},`,
      }
    : { zh: `线索 ${data.leadId}`, en: `Lead ${data.leadId}` };
  const headline = inLanguage(context, {
    zh: `${subject.zh} 的意向评分为 ${data.score.toFixed(2)}（${band}）。`,
    en: `${subject.en} scores ${data.score.toFixed(2)} (${band}).`,
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
    ...otherLeadsLine(context, data.otherLeadIds),
  ].join('\n');
};

function otherLeadsLine(context: Parameters<ResultRenderer>[1], leadIds: string[]): string[] {
  if (leadIds.length === 0) return [];
  const ids = leadIds.join(', ');
  return [
    inLanguage(context, {
      zh: `该客户另有 ${leadIds.length} 条未结线索可单独评分：${ids}`,
      en: `The account has ${leadIds.length} more open leads to score one by one: ${ids}`,
    }),
  ];
}
