import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../lib/logger.ts';

/**
 * Bolt's logger interface over a pino child. Bolt's info lines (connection chatter) go to
 * debug; its warnings and errors keep their level. Developer mode stays off, so Bolt logs
 * strings and errors here, never payloads or message text.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;

  return {
    debug: (...parts) => write(logger, 'debug', parts),
    info: (...parts) => write(logger, 'debug', parts),
    warn: (...parts) => write(logger, 'warn', parts),
    error: (...parts) => write(logger, 'error', parts),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function write(logger: Logger, level: 'debug' | 'warn' | 'error', parts: unknown[]): void {
  const error = parts.find((part) => part instanceof Error);
  const text = parts
    .filter((part) => !(part instanceof Error))
    .map((part) => String(part))
    .join(' ');
  logger[level](error === undefined ? {} : { err: error }, text || 'bolt');
}
