import { type AIMessageChunk, HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conversationWithResults, policyResult } from './__fixtures__/tool-results.ts';
import { OFFLINE_MODEL_NAME, OfflineChatModel } from './offline-chat-model.ts';
import { OFFLINE_NOTE } from './offline-replies.ts';

const policyArguments: { product: string; region: string }[] = [];

const lookupPolicy = tool(
  async (input) => {
    policyArguments.push(input);
    return JSON.stringify(policyResult);
  },
  {
    name: 'lookup_policy',
    description: 'Looks up a reimbursement rule.',
    schema: z.object({ product: z.string(), region: z.string() }),
  },
);

const searchKnowledge = tool(
  async () => JSON.stringify({ data: [], citations: [], summary: 'found 0 passage(s)' }),
  {
    name: 'search_knowledge',
    description: 'Searches the knowledge base.',
    schema: z.object({ query: z.string() }),
  },
);

const draftPitch = tool(async () => '{}', {
  name: 'draft_pitch',
  description: 'Drafts a pitch.',
  schema: z.object({ account: z.string() }),
});

async function collect(stream: AsyncIterable<AIMessageChunk>): Promise<AIMessageChunk[]> {
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function merge(chunks: AIMessageChunk[]): AIMessageChunk {
  const [first, ...rest] = chunks;
  if (first === undefined) throw new Error('expected at least one chunk');
  return rest.reduce((merged, chunk) => merged.concat(chunk), first);
}

describe('OfflineChatModel tool calls', () => {
  it('calls a bound tool with arguments read from the message', async () => {
    const model = new OfflineChatModel().bindTools([lookupPolicy, searchKnowledge]);

    const answer = await model.invoke('输液泵在上海的报销比例是多少？');

    expect(answer.tool_calls).toEqual([
      {
        id: 'offline_call_1_0',
        name: 'lookup_policy',
        args: { product: '输液泵', region: 'Shanghai' },
        type: 'tool_call',
      },
    ]);
  });

  it('calls only tools that were bound', async () => {
    const model = new OfflineChatModel().bindTools([searchKnowledge]);

    const answer = await model.invoke('输液泵在上海的报销比例是多少？');

    expect(answer.tool_calls?.map((call) => call.name)).toEqual(['search_knowledge']);
  });

  it('recognises accounts from the names it is given', async () => {
    const model = new OfflineChatModel({
      accountNames: [{ nameZh: '上海东浦医院', nameEn: 'Shanghai Dongpu Hospital' }],
    }).bindTools([draftPitch]);

    const answer = await model.invoke('Draft an email to Dongpu');

    expect(answer.tool_calls?.[0]?.args).toMatchObject({ account: '上海东浦医院' });
  });

  it('reports estimated usage and its model name', async () => {
    const answer = await new OfflineChatModel().invoke([new HumanMessage('你好')]);

    expect(answer.response_metadata.model_name).toBe(OFFLINE_MODEL_NAME);
    expect(answer.usage_metadata).toMatchObject({ input_tokens: 2 });
    expect(answer.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });
});

describe('OfflineChatModel streaming', () => {
  it('streams small chunks that join into the text _generate returns', async () => {
    const messages = conversationWithResults('输液泵在上海报销多少？', [
      { name: 'lookup_policy', content: policyResult },
    ]);
    const model = new OfflineChatModel();

    const whole = await model.invoke(messages);
    const chunks = await collect(await model.stream(messages));

    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.map((chunk) => chunk.content).join('')).toBe(whole.content);
    expect(String(whole.content).startsWith(OFFLINE_NOTE)).toBe(true);
  });

  it('streams tool calls as chunks that merge into the same tool calls', async () => {
    const model = new OfflineChatModel().bindTools([lookupPolicy]);

    const whole = await model.invoke('Is the infusion pump reimbursed in Guangdong?');
    const merged = merge(
      await collect(await model.stream('Is the infusion pump reimbursed in Guangdong?')),
    );

    expect(merged.tool_calls).toEqual(whole.tool_calls);
    expect(merged.usage_metadata).toMatchObject({
      input_tokens: whole.usage_metadata?.input_tokens,
      output_tokens: whole.usage_metadata?.output_tokens,
      total_tokens: whole.usage_metadata?.total_tokens,
    });
    expect(merged.response_metadata.model_name).toBe(OFFLINE_MODEL_NAME);
  });
});

describe('OfflineChatModel under createAgent', () => {
  it('runs the loop: tool call, tool result, cited final answer', async () => {
    policyArguments.length = 0;
    const agent = createAgent({
      model: new OfflineChatModel(),
      tools: [lookupPolicy, searchKnowledge],
    });

    const result = await agent.invoke({
      messages: [{ role: 'user', content: '输液泵在上海的报销比例是多少？' }],
    });

    const final = String(result.messages.at(-1)?.content);
    expect(result.messages.map((message) => message.type)).toEqual(['human', 'ai', 'tool', 'ai']);
    expect(policyArguments).toEqual([{ product: '输液泵', region: 'Shanghai' }]);
    expect(final).toContain('医保报销比例为 80%（乙类）。 [1]');
    expect(final).toContain('[1] 医保报销目录（上海）');
  });

  it('streams the final answer token by token through the agent', async () => {
    const agent = createAgent({ model: new OfflineChatModel(), tools: [lookupPolicy] });
    const tokens: string[] = [];

    const stream = await agent.stream(
      { messages: [{ role: 'user', content: 'Infusion pump reimbursement in Shanghai?' }] },
      { streamMode: 'messages' },
    );
    for await (const [message, metadata] of stream) {
      if (metadata.langgraph_node === 'model_request' && typeof message.content === 'string') {
        tokens.push(message.content);
      }
    }

    const text = tokens.join('');
    expect(tokens.filter((token) => token !== '').length).toBeGreaterThan(10);
    expect(text.startsWith(OFFLINE_NOTE)).toBe(true);
    expect(text).toContain('is reimbursed at 80% in Shanghai');
  });
});
