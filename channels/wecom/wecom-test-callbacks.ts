/**
 * Test support: WeCom callback requests built as WeCom builds them, encrypted and signed with
 * an app's Token and EncodingAESKey. Not used outside tests.
 */
import type { WecomConfig } from '../../lib/channels-config.ts';
import { encryptWecomMessage, wecomSignature } from './wecom-crypto.ts';

const CALLBACK_URL = 'https://dealwise.test/wecom/callback';

export interface CallbackOptions {
  config: WecomConfig;
  /** The request's timestamp in Unix seconds; now unless given. */
  timestamp?: number;
  /** Encrypt for this receiveid instead of the configured CorpID. */
  corpId?: string;
  /** Sign with this Token instead of the configured one. */
  token?: string;
}

/** A decrypted WeCom message as XML, every field in CDATA as WeCom writes text fields. */
export function wecomMessageXml(fields: Readonly<Record<string, string>>): string {
  const children = Object.entries(fields).map(
    ([name, value]) => `<${name}><![CDATA[${value}]]></${name}>`,
  );
  return `<xml>${children.join('')}</xml>`;
}

/** A POST callback carrying `message` encrypted and signed as WeCom sends it. */
export function signedCallback(options: CallbackOptions & { message: string }): Request {
  const { config } = options;
  const encrypted = encryptWecomMessage({
    token: config.token,
    encodingAesKey: config.encodingAesKey,
    corpId: options.corpId ?? config.corpId,
    message: options.message,
    timestamp: String(timestampOf(options)),
    nonce: 'nonce',
  }).encrypted;
  return signedEnvelope({ ...options, encrypted });
}

/** A POST callback whose envelope carries `encrypted` as is, correctly signed. */
export function signedEnvelope(options: CallbackOptions & { encrypted: string }): Request {
  const body = wecomMessageXml({
    ToUserName: options.config.corpId,
    Encrypt: options.encrypted,
    AgentID: options.config.agentId,
  });
  return new Request(signedUrl({ ...options, encrypted: options.encrypted }), {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  });
}

/** The GET with which WeCom verifies a callback URL; the echo is `echo`. */
export function verificationRequest(options: CallbackOptions & { echo: string }): Request {
  const { config } = options;
  const echostr = encryptWecomMessage({
    token: config.token,
    encodingAesKey: config.encodingAesKey,
    corpId: options.corpId ?? config.corpId,
    message: options.echo,
    timestamp: String(timestampOf(options)),
    nonce: 'nonce',
  }).encrypted;
  const url = new URL(signedUrl({ ...options, encrypted: echostr }));
  url.searchParams.set('echostr', echostr);
  return new Request(url);
}

function signedUrl(options: CallbackOptions & { encrypted: string }): string {
  const timestamp = String(timestampOf(options));
  const signature = wecomSignature({
    token: options.token ?? options.config.token,
    timestamp,
    nonce: 'nonce',
    encrypted: options.encrypted,
  });
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce: 'nonce' });
  return `${CALLBACK_URL}?${query}`;
}

function timestampOf(options: CallbackOptions): number {
  return options.timestamp ?? Math.floor(Date.now() / 1000);
}
