import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  type ChannelsConfig,
  channelsConfig,
  channelsEnvironmentSchema,
} from './channels-config.ts';
import { ConfigurationError } from './errors.ts';

/**
 * The only module that reads the environment. Everything else receives the parsed
 * configuration as an argument.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], {
    error: 'must be true or false',
  })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
    DATABASE_URL: optionalText.refine(
      (value) => value === undefined || /^postgres(ql)?:\/\/.+/.test(value),
      'is not a postgres:// URL; unset it to use the embedded database',
    ),
    DATA_DIR: z.string().min(1).default('.data'),
    DEMO_SEED: booleanFlag.default(true),
    JOBS_WORKER: booleanFlag.default(true),
    CONFIRMATION_SECRET: optionalText.refine(
      (value) => value === undefined || value.length >= 32,
      'must be at least 32 characters; e.g. `openssl rand -hex 32`',
    ),
    OPENAI_API_KEY: optionalText,
    OPENAI_BASE_URL: optionalText.refine(
      (value) => value === undefined || URL.canParse(value),
      'is not a URL; e.g. https://api.openai.com/v1',
    ),
    DEALWISE_MODEL: z.string().min(1).default('gpt-4o-mini'),
    DEALWISE_FALLBACK_MODEL: optionalText,
    MODEL_TIMEOUT_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .positive('must be above 0, e.g. 30')
      .max(600, 'must be at most 600')
      .default(30),
    MODEL_MAX_RETRIES: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 10')
      .max(10, 'must be between 0 and 10')
      .default(2),
    EMBEDDINGS_PROVIDER: z
      .enum(['offline', 'openai'], { error: 'must be offline or openai' })
      .default('offline'),
    EMBEDDINGS_API_KEY: optionalText,
    EMBEDDINGS_BASE_URL: optionalText.refine(
      (value) => value === undefined || URL.canParse(value),
      'is not a URL; e.g. https://api.openai.com/v1',
    ),
    EMBEDDINGS_MODEL: z.string().min(1).default('text-embedding-3-small'),
  })
  .extend(channelsEnvironmentSchema.shape);

/** Dealwise's validated configuration. */
export interface Config {
  environment: 'development' | 'production' | 'test';
  http: { host: string; port: number };
  logLevel: (typeof LOG_LEVELS)[number];
  database: { url: string | undefined; dataDir: string };
  /** Load the demo tenant when the database has no tenant yet. */
  demoSeed: boolean;
  /** Run a job worker in this process (rescoring and other background work). */
  jobsWorker: boolean;
  /** Signs confirmations of writes the agent prepares; shared by every replica. */
  confirmationSecret: string | undefined;
  model: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    name: string;
    /** Another model on the same endpoint, tried when the primary fails. */
    fallbackName: string | undefined;
    /** Time allowed for each attempt of a model call. */
    timeoutMs: number;
    /** Retries per model after a transient failure. */
    maxRetries: number;
  };
  /** Offline by default; `openai` for any OpenAI-compatible embeddings endpoint. */
  embeddings:
    | { provider: 'offline' }
    | { provider: 'openai'; apiKey: string; baseUrl: string | undefined; model: string };
  /** Slack, Telegram, WeCom and Feishu; each off unless its variables are set. */
  channels: ChannelsConfig;
}

/**
 * Parses and validates the environment. Throws a ConfigurationError that names every
 * wrong variable and how to fix it.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = readEnvironment()): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      return `${variable} ${issue.message}`;
    });
    throw new ConfigurationError({
      code: 'invalid_environment',
      message: `Invalid configuration (see .env.example):\n- ${problems.join('\n- ')}`,
      details: { problems },
    });
  }

  const env = parsed.data;
  return {
    channels: channelsConfig(env),
    embeddings: embeddingsConfig(env),
    environment: env.NODE_ENV,
    http: { host: env.HOST, port: env.PORT },
    logLevel: env.LOG_LEVEL,
    database: { url: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR) },
    demoSeed: env.DEMO_SEED,
    jobsWorker: env.JOBS_WORKER,
    confirmationSecret: confirmationSecret(env),
    model: {
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL,
      name: env.DEALWISE_MODEL,
      fallbackName: env.DEALWISE_FALLBACK_MODEL,
      timeoutMs: env.MODEL_TIMEOUT_SECONDS * 1000,
      maxRetries: env.MODEL_MAX_RETRIES,
    },
  };
}

function confirmationSecret(env: z.output<typeof environmentSchema>): string | undefined {
  if (env.CONFIRMATION_SECRET || env.NODE_ENV !== 'production') return env.CONFIRMATION_SECRET;
  throw new ConfigurationError({
    code: 'invalid_environment',
    message:
      'CONFIRMATION_SECRET is required in production (32+ characters, the same on every ' +
      'replica); it signs the confirmations of writes the assistant prepares.',
  });
}

function embeddingsConfig(env: z.output<typeof environmentSchema>): Config['embeddings'] {
  if (env.EMBEDDINGS_PROVIDER === 'offline') return { provider: 'offline' };

  const apiKey = env.EMBEDDINGS_API_KEY ?? env.OPENAI_API_KEY;
  if (!apiKey) {
    throw new ConfigurationError({
      code: 'invalid_environment',
      message:
        'EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_API_KEY (or OPENAI_API_KEY); set one, ' +
        'or unset EMBEDDINGS_PROVIDER to use the offline embedder.',
    });
  }
  return {
    provider: 'openai',
    apiKey,
    baseUrl: env.EMBEDDINGS_BASE_URL ?? env.OPENAI_BASE_URL,
    model: env.EMBEDDINGS_MODEL,
  };
}

/**
 * The process environment, after loading `.env` from the working directory if there is
 * one. Variables already set in the environment win over the file.
 */
export function readEnvironment(file = '.env'): NodeJS.ProcessEnv {
  if (existsSync(file)) process.loadEnvFile(file);
  return process.env;
}
