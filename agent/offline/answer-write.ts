import { z } from 'zod';
import { withoutInstructions } from './quote-sentences.ts';
import { inLanguage, type ResultRenderer } from './render-context.ts';

const pending = z.looseObject({ status: z.literal('awaiting_confirmation'), preview: z.string() });
const applied = z.looseObject({ activityId: z.string(), created: z.boolean() });

/** A write waiting for the user's yes (its preview), or one that was saved. */
export const answerWrite: ResultRenderer = (result, context) => {
  const waiting = pending.safeParse(result.data);
  if (waiting.success) {
    return [
      inLanguage(context, { zh: '请确认以下内容：', en: 'Please confirm:' }),
      withoutInstructions(waiting.data.preview),
      inLanguage(context, {
        zh: '确认后才会保存，目前尚未写入。',
        en: 'Nothing is saved until you confirm.',
      }),
    ].join('\n');
  }

  const done = applied.safeParse(result.data);
  if (!done.success) return undefined;
  return done.data.created
    ? inLanguage(context, { zh: '已保存。', en: 'Saved.' })
    : inLanguage(context, { zh: '这条记录之前已保存过。', en: 'This was already saved.' });
};
