import { z } from 'zod';
import { ConfigurationError } from './errors.ts';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const optionalUrl = optionalText.refine(
  (value) => value === undefined || URL.canParse(value),
  'is not a URL',
);

/** The environment variables of the chat channels; part of the environment schema. */
export const channelsEnvironmentSchema = z.object({
  CITATION_BASE_URL: optionalUrl,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine(
    (value) => value === undefined || value.startsWith('xoxb-'),
    'must be a bot token (xoxb-...) from the OAuth & Permissions page',
  ),
  SLACK_APP_TOKEN: optionalText.refine(
    (value) => value === undefined || value.startsWith('xapp-'),
    'must be an app-level token (xapp-...) with connections:write, for Socket Mode',
  ),
  SLACK_API_URL: optionalUrl,
  TELEGRAM_BOT_TOKEN: optionalText.refine(
    (value) => value === undefined || /^\d+:[\w-]+$/.test(value),
    'must look like 123456:ABC-... as @BotFather gives it',
  ),
  TELEGRAM_WEBHOOK_SECRET: optionalText.refine(
    (value) => value === undefined || /^[A-Za-z0-9_-]{16,256}$/.test(value),
    'must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -',
  ),
  TELEGRAM_WEBHOOK_URL: optionalUrl.refine(
    (value) => value === undefined || value.startsWith('https://'),
    'must be the public https:// URL of POST /telegram/webhook; Telegram calls only HTTPS',
  ),
  TELEGRAM_API_ROOT: optionalUrl,
  WECOM_CORP_ID: optionalText,
  WECOM_AGENT_ID: optionalText.refine(
    (value) => value === undefined || /^\d+$/.test(value),
    'must be the numeric AgentId of the self-built app',
  ),
  WECOM_SECRET: optionalText,
  WECOM_TOKEN: optionalText,
  WECOM_ENCODING_AES_KEY: optionalText.refine(
    (value) => value === undefined || /^[A-Za-z0-9]{43}$/.test(value),
    "must be the 43-character EncodingAESKey from the app's API receive settings",
  ),
  WECOM_ROBOT_WEBHOOK_URL: optionalUrl,
  WECOM_API_BASE: optionalUrl,
  FEISHU_APP_ID: optionalText,
  FEISHU_APP_SECRET: optionalText,
  FEISHU_VERIFICATION_TOKEN: optionalText,
  FEISHU_ENCRYPT_KEY: optionalText,
  FEISHU_DOMAIN: z
    .enum(['feishu', 'lark'], { error: 'must be feishu (China) or lark (international)' })
    .default('feishu'),
  FEISHU_API_BASE: optionalUrl,
});

type ChannelsEnvironment = z.output<typeof channelsEnvironmentSchema>;

/** Slack: HTTP events with the signing secret, Socket Mode with the app token, or both. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string | undefined;
  /** Set: receive events over Socket Mode (no public URL needed). */
  appToken: string | undefined;
  apiUrl: string;
}

/** Telegram: a webhook checked by its secret token, or long polling when there is none. */
export interface TelegramConfig {
  botToken: string;
  webhookSecret: string | undefined;
  /** Where Telegram should send updates; registered with setWebhook at start when set. */
  webhookUrl?: string | undefined;
  apiRoot: string;
}

/** A WeCom (企业微信) self-built app, and optionally a group robot for pushes. */
export interface WecomConfig {
  corpId: string;
  agentId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
  robotWebhookUrl: string | undefined;
  apiBase: string;
}

/** A Feishu (China) or Lark (international) app. */
export interface FeishuConfig {
  appId: string;
  appSecret: string;
  verificationToken: string;
  /** Set when the app encrypts events; then signatures are checked too. */
  encryptKey: string | undefined;
  domain: 'feishu' | 'lark';
  apiBase: string;
}

/** The configured chat channels; an absent one is off. */
export interface ChannelsConfig {
  /** Where citations in chat replies link to: `<base>/documents/<id>`. */
  citationBaseUrl: string | undefined;
  slack: SlackConfig | undefined;
  telegram: TelegramConfig | undefined;
  wecom: WecomConfig | undefined;
  feishu: FeishuConfig | undefined;
}

const FEISHU_API_BASES = {
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
} as const;

/**
 * The channels the environment configures. A channel with none of its variables set is
 * off; one with only some of them is a ConfigurationError naming the missing ones.
 */
export function channelsConfig(env: ChannelsEnvironment): ChannelsConfig {
  return {
    citationBaseUrl: env.CITATION_BASE_URL,
    slack: slackConfig(env),
    telegram: telegramConfig(env),
    wecom: wecomConfig(env),
    feishu: feishuConfig(env),
  };
}

function slackConfig(env: ChannelsEnvironment): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN } = env;
  if (!SLACK_BOT_TOKEN && !SLACK_SIGNING_SECRET && !SLACK_APP_TOKEN) return undefined;
  if (!SLACK_BOT_TOKEN || (!SLACK_SIGNING_SECRET && !SLACK_APP_TOKEN)) {
    throw incomplete(
      'Slack',
      'SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET (HTTP events) or SLACK_APP_TOKEN (Socket Mode)',
    );
  }
  return {
    botToken: SLACK_BOT_TOKEN,
    signingSecret: SLACK_SIGNING_SECRET,
    appToken: SLACK_APP_TOKEN,
    apiUrl: env.SLACK_API_URL ?? 'https://slack.com/api/',
  };
}

function telegramConfig(env: ChannelsEnvironment): TelegramConfig | undefined {
  if (!env.TELEGRAM_BOT_TOKEN) {
    if (env.TELEGRAM_WEBHOOK_SECRET || env.TELEGRAM_WEBHOOK_URL) {
      throw incomplete('Telegram', 'TELEGRAM_BOT_TOKEN');
    }
    return undefined;
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    throw incomplete('Telegram', 'TELEGRAM_WEBHOOK_SECRET');
  }
  return {
    botToken: env.TELEGRAM_BOT_TOKEN,
    webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
    ...(env.TELEGRAM_WEBHOOK_URL ? { webhookUrl: env.TELEGRAM_WEBHOOK_URL } : {}),
    apiRoot: env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org',
  };
}

function wecomConfig(env: ChannelsEnvironment): WecomConfig | undefined {
  const required = {
    WECOM_CORP_ID: env.WECOM_CORP_ID,
    WECOM_AGENT_ID: env.WECOM_AGENT_ID,
    WECOM_SECRET: env.WECOM_SECRET,
    WECOM_TOKEN: env.WECOM_TOKEN,
    WECOM_ENCODING_AES_KEY: env.WECOM_ENCODING_AES_KEY,
  };
  const values = requireAllOrNone('WeCom', required);
  if (!values) {
    if (env.WECOM_ROBOT_WEBHOOK_URL) throw incomplete('WeCom', Object.keys(required).join(', '));
    return undefined;
  }
  return {
    corpId: values.WECOM_CORP_ID,
    agentId: values.WECOM_AGENT_ID,
    secret: values.WECOM_SECRET,
    token: values.WECOM_TOKEN,
    encodingAesKey: values.WECOM_ENCODING_AES_KEY,
    robotWebhookUrl: env.WECOM_ROBOT_WEBHOOK_URL,
    apiBase: env.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com',
  };
}

function feishuConfig(env: ChannelsEnvironment): FeishuConfig | undefined {
  const values = requireAllOrNone('Feishu', {
    FEISHU_APP_ID: env.FEISHU_APP_ID,
    FEISHU_APP_SECRET: env.FEISHU_APP_SECRET,
    FEISHU_VERIFICATION_TOKEN: env.FEISHU_VERIFICATION_TOKEN,
  });
  if (!values) {
    if (env.FEISHU_ENCRYPT_KEY)
      throw incomplete('Feishu', 'FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN');
    return undefined;
  }
  return {
    appId: values.FEISHU_APP_ID,
    appSecret: values.FEISHU_APP_SECRET,
    verificationToken: values.FEISHU_VERIFICATION_TOKEN,
    encryptKey: env.FEISHU_ENCRYPT_KEY,
    domain: env.FEISHU_DOMAIN,
    apiBase: env.FEISHU_API_BASE ?? FEISHU_API_BASES[env.FEISHU_DOMAIN],
  };
}

function requireAllOrNone<Key extends string>(
  channel: string,
  values: Record<Key, string | undefined>,
): Record<Key, string> | undefined {
  const entries = Object.entries(values) as [Key, string | undefined][];
  const missing = entries.filter(([, value]) => value === undefined).map(([key]) => key);
  if (missing.length === entries.length) return undefined;
  if (missing.length > 0) throw incomplete(channel, missing.join(', '));
  return values as Record<Key, string>;
}

function incomplete(channel: string, needed: string): ConfigurationError {
  return new ConfigurationError({
    code: 'invalid_environment',
    message: `${channel} is partly configured: set ${needed}, or unset its variables to turn it off.`,
  });
}
