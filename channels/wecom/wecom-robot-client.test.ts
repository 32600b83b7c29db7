import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RemoteServiceError } from '../../lib/errors.ts';
import { utf8Length } from './split-text-by-bytes.ts';
import { createWecomApiMock, TEST_WECOM_CONFIG } from './wecom-api-mock.ts';
import { createWecomRobotClient } from './wecom-robot-client.ts';

const config = TEST_WECOM_CONFIG;
const api = createWecomApiMock(config);
const webhookUrl = config.robotWebhookUrl ?? '';

beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => api.server.close());
beforeEach(() => api.reset());

describe('WeCom group robot client', () => {
  it('pushes a message to the group as markdown', async () => {
    await createWecomRobotClient({ webhookUrl }).push({
      text: '**线索提醒**：东浦医院三天没有跟进 [1]。',
      citations: [{ n: 1, title: '融资新闻', locator: '2025-06-01', url: 'https://example.com/n' }],
    });

    expect(api.robotPushes()).toEqual([
      {
        msgtype: 'markdown',
        markdown: {
          content:
            '**线索提醒**：东浦医院三天没有跟进 [1]。\n\n**来源**\n' +
            '> [1] [融资新闻](https://example.com/n) · 2025-06-01',
        },
      },
    ]);
  });

  it('splits a long push into pieces of at most 4096 bytes', async () => {
    const text = '东浦医院扩建项目进展顺利，预算已批复。\n'.repeat(300);
    await createWecomRobotClient({ webhookUrl }).push({ text, citations: [] });

    const contents = api
      .robotPushes()
      .map((body) => (body.markdown as { content: string }).content);
    expect(contents.length).toBeGreaterThan(1);
    for (const content of contents) expect(utf8Length(content)).toBeLessThanOrEqual(4096);
  });

  it('throws a RemoteServiceError, without the webhook key, when WeCom refuses', async () => {
    const wrongKey = webhookUrl.replace('test-robot-key', 'revoked-key');
    const push = createWecomRobotClient({ webhookUrl: wrongKey }).push({
      text: 'hi',
      citations: [],
    });

    const error = await push.catch((caught: unknown) => caught as RemoteServiceError);
    expect(error).toBeInstanceOf(RemoteServiceError);
    expect(error?.details).toMatchObject({ errcode: 93000 });
    expect(error?.message).not.toContain('revoked-key');
  });
});
