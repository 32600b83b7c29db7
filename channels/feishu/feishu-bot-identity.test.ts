import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { createFeishuApi } from './feishu-api.ts';
import { createFeishuBotIdentity } from './feishu-bot-identity.ts';
import { API_BASE, BOT_OPEN_ID } from './testing/feishu-events.ts';
import { createFeishuMockApi } from './testing/feishu-mock-api.ts';

const mock = createFeishuMockApi();
let lookups = 0;

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.server.resetHandlers();
  lookups = 0;
});
afterAll(() => mock.server.close());

function identity() {
  mock.server.events.removeAllListeners('request:start');
  mock.server.events.on('request:start', ({ request }) => {
    if (request.url.endsWith('/open-apis/bot/v3/info')) lookups += 1;
  });
  const api = createFeishuApi({
    appId: 'cli_test_app',
    appSecret: 'app-secret-test',
    apiBase: API_BASE,
  });
  return createFeishuBotIdentity({ api, logger: createLogger({ level: 'silent' }) });
}

describe('createFeishuBotIdentity', () => {
  it("looks the bot's open_id up once and keeps it", async () => {
    const bot = identity();

    const ids = await Promise.all([bot.openId(), bot.openId()]);
    ids.push(await bot.openId());

    expect(ids).toEqual([BOT_OPEN_ID, BOT_OPEN_ID, BOT_OPEN_ID]);
    expect(lookups).toBe(1);
  });

  it('gives undefined when the lookup fails, and looks again next time', async () => {
    mock.server.use(
      http.get(
        `${API_BASE}/open-apis/bot/v3/info`,
        () => HttpResponse.json({ code: 99991672, msg: 'no permission' }),
        { once: true },
      ),
    );
    const bot = identity();

    expect(await bot.openId()).toBeUndefined();
    expect(await bot.openId()).toBe(BOT_OPEN_ID);
    expect(lookups).toBe(2);
  });
});
