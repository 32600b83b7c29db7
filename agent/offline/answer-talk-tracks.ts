import { z } from 'zod';
import { noAnswer } from './no-answer.ts';
import { quoteSentences } from './quote-sentences.ts';
import { inLanguage, type ResultRenderer } from './render-context.ts';

const tracks = z.array(
  z.looseObject({
    title: z.string(),
    section: z.string(),
    whenToUse: z.string(),
    text: z.string(),
  }),
);

/** The recommended talk tracks: when to use each, its source and a quoted passage. */
export const answerTalkTracks: ResultRenderer = (result, context) => {
  const parsed = tracks.safeParse(result.data);
  if (!parsed.success) return undefined;
  if (parsed.data.length === 0) return noAnswer(context.language);

  const lines = parsed.data.map((track, index) => {
    const quote = quoteSentences({ text: track.text, question: context.question });
    const marker = context.citations.marker(result.citations[index]);
    const source = `${track.title} › ${track.section}`;
    return `${index + 1}. ${track.whenToUse} — ${source}: ${quote} ${marker}`.trimEnd();
  });
  const heading = inLanguage(context, {
    zh: '推荐以下话术：',
    en: 'Talk tracks that fit:',
  });
  return [heading, ...lines].join('\n');
};
