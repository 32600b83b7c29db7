import { type Logger, pino } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
}

/**
 * The process's root logger. Modules take a child with `logger.child({ module })`.
 * Prompts, customer data and secrets are never logged at info level.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level,
    base: { service: 'dealwise' },
    redact: {
      paths: ['*.authorization', '*.apiKey', '*.password', '*.secret', '*.token'],
      censor: '[redacted]',
    },
  });
}
