/** The Slack Web API, mocked with msw, for the Slack channel's tests. */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { SentMessage } from '../../channel-contract.ts';
import { directChannelOf, TEST_API_URL } from './slack-requests.ts';

/** A `chat.postMessage` call as the mock received it. */
export interface PostedMessage extends SentMessage {
  /** The form fields as JSON, so links and button values read as they were sent. */
  raw: string;
  threadTs: string | undefined;
  blocks: Record<string, unknown>[];
}

/** The mock's controls and what it has seen. */
export interface SlackApiMock {
  listen(): void;
  close(): void;
  /** Messages posted, oldest first. */
  posted(): PostedMessage[];
  /** Messages redrawn with `chat.update`, oldest first. */
  updated(): { channel: string; ts: string; blocks: Record<string, unknown>[] }[];
  /** Bodies posted to response URLs (`https://hooks.slack.com/...`), oldest first. */
  responded(): Record<string, unknown>[];
  /** Users `conversations.open` was called for. */
  openedFor(): string[];
  /** Makes every `chat.postMessage` fail (`ok: false`) until reset. */
  failSends(): void;
  /** What `apps.connections.open` answers with, for Socket Mode. */
  setSocketUrl(url: string): void;
  reset(): void;
}

/** A channel the mocked bot is not a member of: `chat.postMessage` there is `not_in_channel`. */
export const CHANNEL_WITHOUT_BOT = 'C0OUTSIDE';

/** Starts nothing until `listen`; unhandled requests fail the test. */
export function createSlackApiMock(apiUrl = TEST_API_URL): SlackApiMock {
  let posted: PostedMessage[] = [];
  let opened: string[] = [];
  let responded: Record<string, unknown>[] = [];
  let updated: ReturnType<SlackApiMock['updated']> = [];
  let failing = false;
  let socketUrl = 'ws://127.0.0.1:1/';

  const server = setupServer(
    http.post(`${apiUrl}chat.postMessage`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      if (failing) return HttpResponse.json({ ok: false, error: 'fatal_error' });

      const channel = form.get('channel') ?? '';
      if (channel === CHANNEL_WITHOUT_BOT) {
        return HttpResponse.json({ ok: false, error: 'not_in_channel' });
      }
      posted.push({
        to: channel,
        text: form.get('text') ?? '',
        raw: JSON.stringify(Object.fromEntries(form.entries())),
        threadTs: form.get('thread_ts') ?? undefined,
        blocks: JSON.parse(form.get('blocks') ?? '[]'),
      });
      return HttpResponse.json({ ok: true, channel, ts: `1735690000.${posted.length}` });
    }),
    http.post(`${apiUrl}chat.update`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      const channel = form.get('channel') ?? '';
      const ts = form.get('ts') ?? '';
      updated.push({ channel, ts, blocks: JSON.parse(form.get('blocks') ?? '[]') });
      return HttpResponse.json({ ok: true, channel, ts });
    }),
    http.post(`${apiUrl}conversations.open`, async ({ request }) => {
      const users = new URLSearchParams(await request.text()).get('users') ?? '';
      opened.push(users);
      return HttpResponse.json({ ok: true, channel: { id: directChannelOf(users) } });
    }),
    http.post(`${apiUrl}apps.connections.open`, () =>
      HttpResponse.json({ ok: true, url: socketUrl }),
    ),
    http.post('https://hooks.slack.com/*', async ({ request }) => {
      responded.push((await request.json()) as Record<string, unknown>);
      return new HttpResponse('ok');
    }),
  );

  return {
    listen: () => server.listen({ onUnhandledRequest: 'error' }),
    close: () => server.close(),
    posted: () => posted,
    responded: () => responded,
    updated: () => updated,
    openedFor: () => opened,
    failSends: () => {
      failing = true;
    },
    setSocketUrl: (url) => {
      socketUrl = url;
    },
    reset: () => {
      posted = [];
      opened = [];
      responded = [];
      updated = [];
      failing = false;
    },
  };
}
