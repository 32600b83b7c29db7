import { z } from 'zod';
import { noAnswer } from './no-answer.ts';
import { answersQuestion, quoteSentences } from './quote-sentences.ts';
import { inLanguage, type ResultRenderer } from './render-context.ts';

const passages = z.array(
  z.looseObject({ title: z.string(), text: z.string(), locator: z.string().optional() }),
);

const MAX_PASSAGES = 3;

/**
 * The top search passages that share words with the question, each quoted with its title
 * and citation; the "no answer" text when none does.
 */
export const answerSearch: ResultRenderer = (result, context) => {
  const parsed = passages.safeParse(result.data);
  if (!parsed.success) return undefined;

  const relevant = parsed.data
    .map((passage, index) => ({ passage, citation: result.citations[index] }))
    .filter(({ passage }) => answersQuestion(`${passage.title} ${passage.text}`, context.question))
    .slice(0, MAX_PASSAGES);
  if (relevant.length === 0) return noAnswer(context.language);

  const lines = relevant.map(({ passage, citation }) => {
    const quote = quoteSentences({ text: passage.text, question: context.question });
    const place = passage.locator ? ` (${passage.locator})` : '';
    return `- ${passage.title}${place}: ${quote} ${context.citations.marker(citation)}`.trimEnd();
  });
  const heading = inLanguage(context, {
    zh: '知识库中的相关内容：',
    en: 'Here is what the knowledge base says:',
  });
  return [heading, ...lines].join('\n');
};
