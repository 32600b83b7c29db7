import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import { createFeishuApi } from './feishu-api.ts';
import { API_BASE } from './testing/feishu-events.ts';
import { createFeishuMockApi } from './testing/feishu-mock-api.ts';

const mock = createFeishuMockApi();
const send = { method: 'POST' as const, path: '/open-apis/im/v1/messages', body: { a: 1 } };

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.server.resetHandlers());
afterAll(() => mock.server.close());
beforeEach(() => mock.reset());

function api(options: { appSecret?: string; now?: () => number; apiBase?: string } = {}) {
  return createFeishuApi({
    appId: 'cli_test_app',
    appSecret: options.appSecret ?? 'app-secret-test',
    apiBase: options.apiBase ?? API_BASE,
    now: options.now,
  });
}

async function errorOf(run: () => Promise<unknown>): Promise<DealwiseError | undefined> {
  try {
    await run();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('createFeishuApi', () => {
  it('fetches one tenant_access_token and reuses it while it is fresh', async () => {
    const client = api();
    const before = mock.tokensIssued();

    await Promise.all([client.request(send), client.request(send)]);
    await client.request(send);

    expect(mock.tokensIssued() - before).toBe(1);
    expect(mock.calls().map((call) => call.authorization)).toEqual([
      `Bearer t-test-${before + 1}`,
      `Bearer t-test-${before + 1}`,
      `Bearer t-test-${before + 1}`,
    ]);
  });

  it('fetches a new token five minutes before the old one expires', async () => {
    let now = 0;
    const client = api({ now: () => now });
    const before = mock.tokensIssued();

    await client.request(send);
    now = (7200 - 5 * 60 - 1) * 1000;
    await client.request(send);
    now += 2000;
    await client.request(send);

    expect(mock.tokensIssued() - before).toBe(2);
  });

  it('fetches a new token and retries once when Feishu says the token is invalid', async () => {
    const client = api();
    await client.request(send);
    mock.revokeToken();
    const before = mock.tokensIssued();

    await client.request(send);

    expect(mock.tokensIssued() - before).toBe(1);
    expect(mock.calls()).toHaveLength(2);
  });

  it('gives up after one retry when the new token is refused too', async () => {
    mock.server.use(
      http.post(`${API_BASE}/open-apis/im/v1/messages`, () =>
        HttpResponse.json({ code: 99991663, msg: 'Invalid access token for authorization.' }),
      ),
    );
    const before = mock.tokensIssued();

    const error = await errorOf(() => api().request(send));

    expect(error).toMatchObject({ name: 'RemoteServiceError', code: 'feishu_api_error' });
    expect(mock.tokensIssued() - before).toBe(2);
  });

  it('turns a code other than 0 into a RemoteServiceError with the code and msg', async () => {
    mock.server.use(
      http.post(`${API_BASE}/open-apis/im/v1/messages`, () =>
        HttpResponse.json(
          { code: 230002, msg: 'Bot/User can NOT be out of the chat.' },
          { status: 400 },
        ),
      ),
    );

    const error = await errorOf(() => api().request(send));

    expect(error).toMatchObject({ name: 'RemoteServiceError', code: 'feishu_api_error' });
    expect(error?.message).toContain('230002');
    expect(error?.message).toContain('Bot/User can NOT be out of the chat.');
    expect(error?.details).toMatchObject({ feishuCode: 230002 });
    expect(JSON.stringify({ message: error?.message, details: error?.details })).not.toContain(
      't-test-',
    );
  });

  it('reports a refused app secret as a token failure naming the variables', async () => {
    const error = await errorOf(() => api({ appSecret: 'wrong' }).request(send));

    expect(error).toMatchObject({ name: 'RemoteServiceError', code: 'feishu_token_failed' });
    expect(error?.message).toContain('FEISHU_APP_SECRET');
    expect(error?.message).not.toContain('wrong');
  });

  it('reports an answer without a result code as an HTTP failure', async () => {
    mock.server.use(
      http.post(`${API_BASE}/open-apis/im/v1/messages`, () =>
        HttpResponse.text('<html>Bad gateway</html>', { status: 502 }),
      ),
    );

    const error = await errorOf(() => api().request(send));

    expect(error).toMatchObject({ code: 'feishu_http_error', details: { status: 502 } });
  });

  it('reports a network failure as unreachable', async () => {
    mock.server.use(http.post(`${API_BASE}/open-apis/im/v1/messages`, () => HttpResponse.error()));

    expect((await errorOf(() => api().request(send)))?.code).toBe('feishu_unreachable');
  });
});
