import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../lib/errors.ts';
import { createLogger } from '../../lib/logger.ts';
import { createSlackSocketMode } from './slack-socket-mode.ts';
import { TEST_APP_TOKEN } from './testing/slack-requests.ts';

const REFUSING_API = 'https://slack-refusing.test/api/';
const UNREACHABLE_API = 'https://slack-unreachable.test/api/';

const server = setupServer(
  http.post(`${REFUSING_API}apps.connections.open`, () =>
    HttpResponse.json({ ok: false, error: 'invalid_auth' }),
  ),
  http.post(`${UNREACHABLE_API}apps.connections.open`, () => HttpResponse.error()),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

function socketModeAt(apiUrl: string) {
  return createSlackSocketMode({
    appToken: TEST_APP_TOKEN,
    apiUrl,
    dispatch: async () => ({ acknowledged: true, response: undefined }),
    logger: createLogger({ level: 'silent' }),
    connectWaitMs: 50,
  });
}

describe('Socket Mode start-up', () => {
  it('refuses to start with an app token Slack rejects, saying what to do', async () => {
    const failure = await socketModeAt(REFUSING_API)
      .start()
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ConfigurationError);
    expect(failure).toMatchObject({ code: 'slack_app_token_rejected' });
    expect((failure as Error).message).toContain('SLACK_APP_TOKEN (invalid_auth)');
  });

  it('returns from start while Slack cannot be reached, and still stops', async () => {
    const socketMode = socketModeAt(UNREACHABLE_API);

    const outcome = await socketMode.start().then(() => 'started');
    await socketMode.stop();

    expect(outcome).toBe('started');
  });
});
