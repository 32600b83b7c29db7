import type { Config } from '../lib/config.ts';
import { ConfigurationError, InputError } from '../lib/errors.ts';
import type { CassetteMeta } from './cassette/cassette-file.ts';

/** The value of `--model` that stands for the offline model. */
export const OFFLINE_MODEL = 'offline';

/**
 * Stands in for the API key while replaying: the replayed requests never leave the process,
 * so no real key is needed (and none is written to or read from the cassette).
 */
export const REPLAY_API_KEY = 'replay-without-a-key';

/**
 * The model settings an eval runs the agent on: `--model <name>` on the configured endpoint
 * (`offline` for the offline model), else the recorded model when replaying a cassette, else
 * the configured model. A named model replaces the configured fallback, so the run measures
 * that model alone. Throws a ConfigurationError when a model is named without an API key.
 */
export function evalModelConfig(options: {
  config: Config;
  /** The value of `--model`. */
  model: string | undefined;
  /** The cassette being replayed, if any. */
  replaying: CassetteMeta | undefined;
}): Config['model'] {
  const { config, model, replaying } = options;
  const offline = { ...config.model, apiKey: undefined, fallbackName: undefined };
  if (model === OFFLINE_MODEL) return offline;

  if (replaying) {
    const name = model ?? replaying.model;
    if (name === null) return offline;
    const fallbackName = model === undefined ? (replaying.fallbackModel ?? undefined) : undefined;
    return { ...config.model, apiKey: REPLAY_API_KEY, name, fallbackName };
  }
  if (model === undefined) return config.model;

  requireApiKey(config, `--model ${model}`);
  return { ...config.model, name: model, fallbackName: undefined };
}

/**
 * The settings of the judge's model: `--judge <name>` on the configured endpoint, with the
 * same key and limits as the agent's. Throws when no key is configured and nothing is
 * replayed, or when the offline model is named (it cannot grade).
 */
export function judgeModelConfig(options: {
  config: Config;
  judge: string;
  replaying: CassetteMeta | undefined;
}): Config['model'] {
  const { config, judge } = options;
  if (judge === OFFLINE_MODEL) {
    throw new InputError({
      code: 'invalid_options',
      message: '--judge needs a model of the configured endpoint; the offline model cannot grade.',
    });
  }
  if (options.replaying) {
    return { ...config.model, apiKey: REPLAY_API_KEY, name: judge, fallbackName: undefined };
  }
  requireApiKey(config, `--judge ${judge}`);
  return { ...config.model, name: judge, fallbackName: undefined };
}

function requireApiKey(config: Config, option: string): void {
  if (config.model.apiKey) return;
  throw new ConfigurationError({
    code: 'model_auth_missing',
    message:
      `${option} needs OPENAI_API_KEY (and OPENAI_BASE_URL for a provider other than OpenAI); ` +
      `set them, or run on the offline model with --model ${OFFLINE_MODEL}, or replay a ` +
      'recorded run with --replay <cassette>.',
  });
}
