import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const WECOM = {
  WECOM_CORP_ID: 'ww0123456789',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'secret',
  WECOM_TOKEN: 'token',
  WECOM_ENCODING_AES_KEY: 'a'.repeat(43),
};

describe('channel configuration', () => {
  it('turns every channel off when none of its variables is set', () => {
    const { channels } = loadConfig({});
    expect(channels).toEqual({
      citationBaseUrl: undefined,
      slack: undefined,
      telegram: undefined,
      wecom: undefined,
      feishu: undefined,
    });
  });

  it('configures Slack for HTTP events, Socket Mode or both, with the default API URL', () => {
    const http = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).channels;
    expect(http.slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's',
      appToken: undefined,
      apiUrl: 'https://slack.com/api/',
    });
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).channels;
    expect(socket.slack?.appToken).toBe('xapp-1');
  });

  it('names what is missing when a channel is partly configured', () => {
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => loadConfig({ ...WECOM, WECOM_SECRET: '' })).toThrow(/WECOM_SECRET/);
    expect(() => loadConfig({ FEISHU_APP_ID: 'cli_1' })).toThrow(
      /FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN/,
    );
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'x'.repeat(20) })).toThrow(
      /TELEGRAM_BOT_TOKEN/,
    );
  });

  it('rejects tokens of the wrong kind with the fix', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' })).toThrow(
      /SLACK_BOT_TOKEN must be a bot token/,
    );
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'not a token' })).toThrow(/@BotFather/);
    expect(() => loadConfig({ ...WECOM, WECOM_ENCODING_AES_KEY: 'short' })).toThrow(/43-character/);
  });

  it('picks the Lark API for FEISHU_DOMAIN=lark unless a base URL is given', () => {
    const feishu = {
      FEISHU_APP_ID: 'cli_1',
      FEISHU_APP_SECRET: 's',
      FEISHU_VERIFICATION_TOKEN: 't',
    };
    expect(loadConfig(feishu).channels.feishu?.apiBase).toBe('https://open.feishu.cn');
    expect(loadConfig({ ...feishu, FEISHU_DOMAIN: 'lark' }).channels.feishu?.apiBase).toBe(
      'https://open.larksuite.com',
    );
    const proxied = { ...feishu, FEISHU_API_BASE: 'http://proxy.internal:8080' };
    expect(loadConfig(proxied).channels.feishu?.apiBase).toBe('http://proxy.internal:8080');
  });

  it('takes a Telegram webhook URL to register only over HTTPS and with its secret', () => {
    const webhook = {
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_SECRET: 'a-secret-of-sixteen-chars',
      TELEGRAM_WEBHOOK_URL: 'https://sales.example.com/telegram/webhook',
    };

    expect(loadConfig(webhook).channels.telegram?.webhookUrl).toBe(
      'https://sales.example.com/telegram/webhook',
    );
    expect(() => loadConfig({ ...webhook, TELEGRAM_WEBHOOK_SECRET: undefined })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
    expect(() =>
      loadConfig({ ...webhook, TELEGRAM_WEBHOOK_URL: 'http://sales.example.com/telegram/webhook' }),
    ).toThrow(/TELEGRAM_WEBHOOK_URL/);
  });

  it('uses long polling for Telegram without a webhook secret', () => {
    const { telegram } = loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }).channels;
    expect(telegram).toEqual({
      botToken: '123:abc',
      webhookSecret: undefined,
      apiRoot: 'https://api.telegram.org',
    });
  });
});
