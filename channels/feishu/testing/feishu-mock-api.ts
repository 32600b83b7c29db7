/** The Feishu open API mocked with msw: it issues tokens and records the cards Dealwise sends. */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { SentMessage } from '../../channel-contract.ts';
import { API_BASE, BOT_OPEN_ID } from './feishu-events.ts';

/** A call the mocked API answered: which endpoint, and the parsed body and query. */
export interface RecordedCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  authorization: string | null;
}

/** The mocked Feishu open API, and what it received. */
export interface FeishuMockApi {
  server: ReturnType<typeof setupServer>;
  /** Cards sent, as the contract reads them. */
  sent(): SentMessage[];
  /** Every send call, oldest first. */
  calls(): RecordedCall[];
  /** Cards redrawn with PATCH, oldest first: the message id and the card JSON. */
  patched(): { messageId: string; content: string }[];
  /** How many tenant_access_tokens were issued. */
  tokensIssued(): number;
  /** Revokes the current token, as Feishu does when one is reset. */
  revokeToken(): void;
  failSends(): void;
  reset(): void;
}

/** Starts (when listened on) a mocked Feishu API at `base`. */
export function createFeishuMockApi(base = API_BASE): FeishuMockApi {
  let calls: RecordedCall[] = [];
  let patched: { messageId: string; content: string }[] = [];
  let failing = false;
  let issued = 0;
  let validToken = '';

  const record = async (request: Request, path: string) => {
    const authorization = request.headers.get('authorization');
    const body = (await request.json()) as Record<string, unknown>;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    if (authorization !== `Bearer ${validToken}`) {
      return HttpResponse.json({ code: 99991663, msg: 'Invalid access token for authorization.' });
    }
    if (failing) {
      return HttpResponse.json(
        { code: 99991400, msg: 'request trigger frequency limit' },
        { status: 429 },
      );
    }
    calls.push({ path, query, body, authorization });
    return HttpResponse.json({
      code: 0,
      msg: 'success',
      data: { message_id: `om_sent_${calls.length}` },
    });
  };

  const server = setupServer(
    http.post(`${base}/open-apis/auth/v3/tenant_access_token/internal`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      if (body.app_id !== 'cli_test_app' || body.app_secret !== 'app-secret-test') {
        return HttpResponse.json({ code: 10014, msg: 'app secret invalid' });
      }
      issued += 1;
      validToken = `t-test-${issued}`;
      return HttpResponse.json({
        code: 0,
        msg: 'ok',
        tenant_access_token: validToken,
        expire: 7200,
      });
    }),
    http.get(`${base}/open-apis/bot/v3/info`, ({ request }) =>
      request.headers.get('authorization') === `Bearer ${validToken}`
        ? HttpResponse.json({
            code: 0,
            msg: 'ok',
            bot: { app_name: 'Dealwise', open_id: BOT_OPEN_ID },
          })
        : HttpResponse.json({ code: 99991663, msg: 'Invalid access token for authorization.' }),
    ),
    http.post(`${base}/open-apis/im/v1/messages`, ({ request }) =>
      record(request, '/open-apis/im/v1/messages'),
    ),
    http.post(`${base}/open-apis/im/v1/messages/:messageId/reply`, ({ request, params }) =>
      record(request, `/open-apis/im/v1/messages/${String(params.messageId)}/reply`),
    ),
    http.patch(`${base}/open-apis/im/v1/messages/:messageId`, async ({ request, params }) => {
      const body = (await request.json()) as Record<string, unknown>;
      patched.push({ messageId: String(params.messageId), content: String(body.content) });
      return HttpResponse.json({ code: 0, msg: 'success', data: {} });
    }),
  );

  return {
    server,
    sent: () => calls.map(sentMessage),
    calls: () => [...calls],
    patched: () => [...patched],
    tokensIssued: () => issued,
    revokeToken: () => {
      validToken = 'revoked';
    },
    failSends: () => {
      failing = true;
    },
    reset: () => {
      calls = [];
      patched = [];
      failing = false;
    },
  };
}

/** A recorded send as the contract reads it: to whom, the card's visible text, the raw body. */
function sentMessage(call: RecordedCall): SentMessage {
  const to = typeof call.body.receive_id === 'string' ? call.body.receive_id : call.path;
  return { to, text: cardText(String(call.body.content)), raw: JSON.stringify(call.body) };
}

/** The text a reader sees on a card: its lark_md blocks, entities decoded. */
export function cardText(content: string): string {
  const card = JSON.parse(content) as { elements: { tag: string; text?: { content: string } }[] };
  return card.elements
    .flatMap((element) => (element.tag === 'div' && element.text ? [element.text.content] : []))
    .join('\n')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
