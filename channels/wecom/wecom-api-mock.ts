/**
 * Test support: a mocked WeCom server API and group robot (msw) that issue access tokens,
 * record the messages sent, and can be told to fail sends or expire the token. Not used
 * outside tests.
 */
import { HttpResponse, http } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import type { WecomConfig } from '../../lib/channels-config.ts';

/** A WeCom app's settings as the tests configure it; the API lives at a fake base URL. */
export const TEST_WECOM_CONFIG: WecomConfig = {
  corpId: 'ww0dealwise0test',
  agentId: '1000002',
  secret: 'test-app-secret-0123456789',
  token: 'DealwiseCallbackToken',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  robotWebhookUrl: 'https://qyapi.wecom.test/cgi-bin/webhook/send?key=test-robot-key',
  apiBase: 'https://qyapi.wecom.test',
};

/** How the mock fails message/send: an errcode in a 200 answer, or an HTTP 500. */
export type SendFailure = 'errcode' | 'http';

/** The mocked WeCom API and what it has seen. */
export interface WecomApiMock {
  server: SetupServer;
  /** Bodies of the message/send calls WeCom accepted, oldest first. */
  sends(): Record<string, unknown>[];
  /** Bodies of the message/update_template_card calls, oldest first. */
  cardUpdates(): Record<string, unknown>[];
  /** Bodies the group robot accepted, oldest first. */
  robotPushes(): Record<string, unknown>[];
  /** How many access tokens were handed out. */
  tokenRequests(): number;
  /** Makes every message/send fail until reset. */
  failSends(failure: SendFailure): void;
  /** Revokes the current token: calls with it get errcode 42001, gettoken gives a new one. */
  expireToken(): void;
  /** Forgets sends and failures; tokens stay valid. */
  reset(): void;
}

/** Starts nothing; call `server.listen()` in a hook. */
export function createWecomApiMock(config: WecomConfig = TEST_WECOM_CONFIG): WecomApiMock {
  let sends: Record<string, unknown>[] = [];
  let pushes: Record<string, unknown>[] = [];
  let cardUpdates: Record<string, unknown>[] = [];
  let failure: SendFailure | undefined;
  let generation = 1;
  let tokens = 0;
  const token = () => `access-token-${generation}`;

  const server = setupServer(
    http.get(`${config.apiBase}/cgi-bin/gettoken`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      if (query.get('corpid') !== config.corpId || query.get('corpsecret') !== config.secret) {
        return HttpResponse.json({ errcode: 40001, errmsg: 'invalid credential' });
      }
      tokens += 1;
      return HttpResponse.json({
        errcode: 0,
        errmsg: 'ok',
        access_token: token(),
        expires_in: 7200,
      });
    }),
    http.post(`${config.apiBase}/cgi-bin/message/send`, async ({ request }) => {
      const presented = new URL(request.url).searchParams.get('access_token');
      if (presented !== token()) {
        return HttpResponse.json({ errcode: 42001, errmsg: 'access_token expired' });
      }
      if (failure === 'http') return new HttpResponse('upstream failure', { status: 500 });
      if (failure === 'errcode') return HttpResponse.json({ errcode: 50001, errmsg: 'busy' });

      sends.push((await request.json()) as Record<string, unknown>);
      return HttpResponse.json({ errcode: 0, errmsg: 'ok', msgid: `msg-${sends.length}` });
    }),
    http.post(`${config.apiBase}/cgi-bin/message/update_template_card`, async ({ request }) => {
      cardUpdates.push((await request.json()) as Record<string, unknown>);
      return HttpResponse.json({ errcode: 0, errmsg: 'ok', invaliduser: [] });
    }),
    http.post(`${config.apiBase}/cgi-bin/webhook/send`, async ({ request }) => {
      const expected = new URL(config.robotWebhookUrl ?? '').searchParams.get('key');
      if (new URL(request.url).searchParams.get('key') !== expected) {
        return HttpResponse.json({ errcode: 93000, errmsg: 'invalid webhook url' });
      }
      pushes.push((await request.json()) as Record<string, unknown>);
      return HttpResponse.json({ errcode: 0, errmsg: 'ok' });
    }),
  );

  return {
    server,
    sends: () => [...sends],
    robotPushes: () => [...pushes],
    cardUpdates: () => [...cardUpdates],
    tokenRequests: () => tokens,
    failSends: (mode) => {
      failure = mode;
    },
    expireToken: () => {
      generation += 1;
    },
    reset: () => {
      sends = [];
      pushes = [];
      cardUpdates = [];
      failure = undefined;
    },
  };
}
