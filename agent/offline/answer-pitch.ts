import { z } from 'zod';
import { withoutInstructions } from './quote-sentences.ts';
import { inLanguage, percent, type RenderContext, type ResultRenderer } from './render-context.ts';

const draft = z.looseObject({
  format: z.enum(['email', 'call_outline']),
  subject: z.string().nullable().optional(),
  sections: z.array(
    z.looseObject({ role: z.string(), text: z.string(), citationKeys: z.array(z.string()) }),
  ),
  guidance: z
    .array(
      z.looseObject({
        title: z.string(),
        section: z.string().nullable().optional(),
        citationKey: z.string(),
      }),
    )
    .default([]),
  policyCheck: z
    .array(
      z.looseObject({
        claim: z.string(),
        stated: z.number(),
        actual: z.number().nullable(),
        verdict: z.string(),
      }),
    )
    .default([]),
});

type Draft = z.infer<typeof draft>;

/** The pitch draft, each section with its citations, playbook tips and contradicted claims. */
export const answerPitch: ResultRenderer = (result, context) => {
  const parsed = draft.safeParse(result.data);
  if (!parsed.success) return undefined;

  const data = parsed.data;
  return [
    heading(data, context),
    ...body(data, context),
    ...contradictions(data, context),
    ...guidance(data, context),
  ].join('\n');
};

function heading(data: Draft, context: RenderContext): string {
  const kind =
    data.format === 'email'
      ? inLanguage(context, { zh: '邮件草稿', en: 'Draft email' })
      : inLanguage(context, { zh: '拜访提纲', en: 'Call outline' });
  const subject = data.subject
    ? inLanguage(context, { zh: `（主题：${data.subject}）`, en: ` (subject: ${data.subject})` })
    : '';
  return `${kind}${subject}${context.language === 'zh' ? '：' : ':'}`;
}

/** The sections as the tool wrote them, with the markers of the facts each states. */
function body(data: Draft, context: RenderContext): string[] {
  const sections = data.format === 'email' ? data.sections : data.sections.filter(notGreeting);
  return sections.map((section, index) => {
    const markers = context.citations.markersOfKeys(section.citationKeys);
    const text = `${withoutInstructions(section.text)}${markers ? ` ${markers}` : ''}`;
    return data.format === 'email' ? text : `${index + 1}. ${text}`;
  });
}

function notGreeting(section: { role: string }): boolean {
  return section.role !== 'greeting';
}

function contradictions(data: Draft, context: RenderContext): string[] {
  return data.policyCheck
    .filter((check) => check.verdict === 'contradicted')
    .map((check) => {
      const stated = percent(check.stated);
      const actual = check.actual === null ? '?' : percent(check.actual);
      return inLanguage(context, {
        zh: `⚠ 与医保政策不符：“${check.claim}”写的是 ${stated}，政策为 ${actual}。`,
        en: `⚠ Against the policy table: "${check.claim}" states ${stated}; the rule: ${actual}.`,
      });
    });
}

function guidance(data: Draft, context: RenderContext): string[] {
  if (data.guidance.length === 0) return [];
  const tips = data.guidance.map((tip) => {
    const place = tip.section ? ` › ${tip.section}` : '';
    return `- ${tip.title}${place} ${context.citations.markerOfKey(tip.citationKey)}`.trimEnd();
  });
  return [
    inLanguage(context, { zh: '供您参考的打法：', en: 'Playbook guidance for you:' }),
    ...tips,
  ];
}
