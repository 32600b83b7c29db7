import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage } from '@langchain/core/messages';
import { type JudgeRequest, judgeMessages } from './judge-prompt.ts';
import { type JudgeVerdict, parseJudgeVerdict } from './parse-judge-verdict.ts';

/** Grades answers against rubrics. */
export interface Judge {
  /** The judge's model name, as reported. */
  model: string;
  /** The verdict on one answer; throws when the judge cannot give one. */
  grade(request: JudgeRequest): Promise<JudgeVerdict>;
}

/** A judge backed by a chat model: it is asked for a JSON verdict, read defensively. */
export function createChatJudge(options: { model: BaseChatModel; name: string }): Judge {
  return {
    model: options.name,
    grade: async (request) => {
      const reply = await options.model.invoke(judgeMessages(request));
      return parseJudgeVerdict(replyText(reply));
    },
  };
}

function replyText(reply: AIMessage): string {
  if (typeof reply.content === 'string') return reply.content;
  return reply.content
    .map((part) => (typeof part === 'object' && 'text' in part ? String(part.text) : ''))
    .join('');
}
