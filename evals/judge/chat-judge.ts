import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { AIMessage } from '@langchain/core/messages';
import { estimateTurnCost, modelCallsIn } from '../../agent/model/usage-cost.ts';
import type { TurnResult } from '../../agent/turn-events.ts';
import { type JudgeRequest, judgeMessages } from './judge-prompt.ts';
import { type JudgeVerdict, parseJudgeVerdict } from './parse-judge-verdict.ts';

/** A verdict and what asking for it took: the judge's tokens and their estimated cost. */
export interface GradedVerdict extends JudgeVerdict {
  usage: TurnResult['usage'];
}

/** Grades answers against rubrics. */
export interface Judge {
  /** The judge's model name, as reported. */
  model: string;
  /** The verdict on one answer; throws when the judge cannot give one. */
  grade(request: JudgeRequest): Promise<GradedVerdict>;
}

/** A judge backed by a chat model: it is asked for a JSON verdict, read defensively. */
export function createChatJudge(options: { model: BaseChatModel; name: string }): Judge {
  return {
    model: options.name,
    grade: async (request) => {
      const reply = await options.model.invoke(judgeMessages(request));
      const cost = estimateTurnCost({ calls: modelCallsIn([reply], options.name) });
      const usage = {
        promptTokens: cost.inputTokens,
        completionTokens: cost.outputTokens,
        cost: cost.cost,
      };
      // Limitation: a reply that cannot be read throws here, and its tokens go uncounted.
      return { ...parseJudgeVerdict(replyText(reply)), usage };
    },
  };
}

function replyText(reply: AIMessage): string {
  if (typeof reply.content === 'string') return reply.content;
  return reply.content
    .map((part) => (typeof part === 'object' && 'text' in part ? String(part.text) : ''))
    .join('');
}
