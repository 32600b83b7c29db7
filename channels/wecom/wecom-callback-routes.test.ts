import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import type { InboundEvent } from '../../messaging/inbound-event.ts';
import type { Receipt } from '../../messaging/receive-inbound-event.ts';
import { TEST_WECOM_CONFIG } from './wecom-api-mock.ts';
import { wecomCallbackRoutes } from './wecom-callback-routes.ts';
import {
  signedCallback,
  signedEnvelope,
  verificationRequest,
  wecomMessageXml,
} from './wecom-test-callbacks.ts';

const config = TEST_WECOM_CONFIG;
const NOW_SECONDS = 1_767_225_600;
const now = () => new Date(NOW_SECONDS * 1000);

let received: InboundEvent[] = [];
let receive = async (event: InboundEvent): Promise<Receipt> => {
  received.push(event);
  return 'accepted';
};

const routes = wecomCallbackRoutes({
  config,
  dependencies: {
    logger: createLogger({ level: 'silent' }),
    receive: (event) => receive(event),
    now,
  },
});

beforeEach(() => {
  received = [];
  receive = async (event) => {
    received.push(event);
    return 'accepted';
  };
});

const TEXT = {
  ToUserName: config.corpId,
  FromUserName: 'ZhangSan',
  CreateTime: String(NOW_SECONDS - 2),
  MsgType: 'text',
  Content: '东浦医院的扩建项目预算是多少？',
  MsgId: '7441236521590834127',
  AgentID: config.agentId,
};

function post(
  fields: Record<string, string>,
  options: Partial<Parameters<typeof signedCallback>[0]> = {},
) {
  return routes.request(
    signedCallback({
      config,
      timestamp: NOW_SECONDS,
      message: wecomMessageXml(fields),
      ...options,
    }),
  );
}

async function problemCode(response: Response): Promise<string> {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return ((await response.json()) as { code: string }).code;
}

describe('GET /wecom/callback', () => {
  it('answers URL verification with the decrypted echostr', async () => {
    const request = verificationRequest({
      config,
      timestamp: NOW_SECONDS,
      echo: '1616140317555161061',
    });
    const response = await routes.request(request);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1616140317555161061');
  });

  it('accepts an echostr whose "+" arrived unencoded', async () => {
    let request = verificationRequest({ config, timestamp: NOW_SECONDS, echo: 'echo-0' });
    for (let attempt = 1; !request.url.includes('%2B') && attempt < 50; attempt += 1) {
      request = verificationRequest({ config, timestamp: NOW_SECONDS, echo: `echo-${attempt}` });
    }
    const response = await routes.request(new Request(request.url.replaceAll('%2B', '+')));

    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^echo-\d+$/);
  });

  it('rejects a verification signed with another token', async () => {
    const request = verificationRequest({
      config,
      timestamp: NOW_SECONDS,
      echo: 'x',
      token: 'other',
    });
    const response = await routes.request(request);

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('wecom_signature_invalid');
  });

  it('rejects a verification without echostr as malformed', async () => {
    const request = verificationRequest({ config, timestamp: NOW_SECONDS, echo: 'x' });
    const url = new URL(request.url);
    url.searchParams.delete('echostr');
    const response = await routes.request(new Request(url));

    expect(response.status).toBe(400);
    expect(await problemCode(response)).toBe('wecom_payload_malformed');
  });
});

describe('POST /wecom/callback', () => {
  it('stores a text message addressed to its sender, then answers an empty 200', async () => {
    const response = await post(TEXT);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(received).toEqual([
      {
        platform: 'wecom',
        dedupeKey: 'wecom:7441236521590834127',
        sender: { workspaceId: config.corpId, userId: 'ZhangSan' },
        address: {
          workspaceId: config.corpId,
          chatId: 'ZhangSan',
          direct: true,
          messageId: '7441236521590834127',
        },
        body: { type: 'text', text: '东浦医院的扩建项目预算是多少？' },
        sentAt: new Date((NOW_SECONDS - 2) * 1000).toISOString(),
      },
    ]);
  });

  it('acknowledges a redelivery the core reports as a duplicate', async () => {
    receive = async () => 'duplicate';
    const response = await post(TEXT);

    expect(response.status).toBe(200);
  });

  it('routes a card press to an action event keyed by sender, time and button', async () => {
    const { MsgId: _none, ...fields } = TEXT;
    const response = await post({
      ...fields,
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: '0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e:cancel',
      TaskId: 'dw-task',
      CardType: 'button_interaction',
    });

    expect(response.status).toBe(200);
    expect(received[0]?.dedupeKey).toBe(
      `wecom:ZhangSan:${NOW_SECONDS - 2}:0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e:cancel`,
    );
    expect(received[0]?.body).toEqual({
      type: 'action',
      actionId: '0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e',
      decision: 'cancel',
    });
  });

  it('acknowledges enter_agent and subscribe events without storing them', async () => {
    const { MsgId: _none, Content: _text, ...fields } = TEXT;
    for (const event of ['enter_agent', 'subscribe']) {
      const response = await post({ ...fields, MsgType: 'event', Event: event });
      expect(response.status).toBe(200);
    }
    expect(received).toEqual([]);
  });

  it('rejects a callback without msg_signature', async () => {
    const signed = signedCallback({
      config,
      timestamp: NOW_SECONDS,
      message: wecomMessageXml(TEXT),
    });
    const url = new URL(signed.url);
    url.searchParams.delete('msg_signature');
    const response = await routes.request(
      new Request(url, { method: 'POST', body: await signed.text() }),
    );

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('wecom_signature_missing');
    expect(received).toEqual([]);
  });

  it('rejects a body swapped under a valid signature, before decrypting it', async () => {
    const genuine = signedCallback({
      config,
      timestamp: NOW_SECONDS,
      message: wecomMessageXml(TEXT),
    });
    const swapped = signedEnvelope({
      config,
      timestamp: NOW_SECONDS,
      encrypted: 'bm90IGNpcGhlcnRleHQ=',
    });
    const response = await routes.request(
      new Request(genuine.url, { method: 'POST', body: await swapped.text() }),
    );

    // A ciphertext that cannot decrypt would say "malformed"; the signature is checked first.
    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('wecom_signature_invalid');
    expect(received).toEqual([]);
  });

  it('rejects a message signed with another Token', async () => {
    const response = await post(TEXT, { token: 'not-our-token' });

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('wecom_signature_invalid');
  });

  it('rejects a message encrypted for another CorpID', async () => {
    const response = await post(TEXT, { corpId: 'ww0another0corp' });

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('wecom_corp_mismatch');
    expect(received).toEqual([]);
  });

  it('rejects a timestamp more than five minutes old or ahead', async () => {
    for (const timestamp of [NOW_SECONDS - 301, NOW_SECONDS + 301]) {
      const response = await post(TEXT, { timestamp });
      expect(response.status).toBe(401);
      expect(await problemCode(response)).toBe('wecom_timestamp_stale');
    }
    expect(received).toEqual([]);
  });

  it('accepts a timestamp just inside the window', async () => {
    const response = await post(TEXT, { timestamp: NOW_SECONDS - 299 });

    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('answers an envelope without Encrypt with a 400 problem document', async () => {
    const signed = signedCallback({
      config,
      timestamp: NOW_SECONDS,
      message: wecomMessageXml(TEXT),
    });
    const response = await routes.request(
      new Request(signed.url, { method: 'POST', body: '<xml><ToUserName>ww</ToUserName></xml>' }),
    );

    expect(response.status).toBe(400);
    expect(await problemCode(response)).toBe('wecom_payload_malformed');
  });

  it('refuses a body over 64 KB with a 413', async () => {
    const signed = signedCallback({
      config,
      timestamp: NOW_SECONDS,
      message: wecomMessageXml(TEXT),
    });
    const body = `<xml><Encrypt>${'A'.repeat(70_000)}</Encrypt></xml>`;
    const response = await routes.request(new Request(signed.url, { method: 'POST', body }));

    expect(response.status).toBe(413);
    expect(received).toEqual([]);
  });

  it('answers 500 when the message cannot be stored, so WeCom delivers it again', async () => {
    receive = async () => {
      throw new Error('database unavailable');
    };
    const response = await post(TEXT);

    expect(response.status).toBe(500);
  });
});
