import { CHANNEL_COMMANDS } from '../../messaging/inbound-event.ts';

type ChannelCommand = (typeof CHANNEL_COMMANDS)[number];

/** A slash command at the start of a message: `/ask@dealwise_bot 东浦医院的预算`. */
export interface TelegramCommand {
  /** The core's command; `/start` is help, or link when it carries a deep-link code. */
  command: ChannelCommand;
  argument: string;
  /** The `@bot` it was addressed to, lower-cased, when the sender named one. */
  target: string | undefined;
  /** False for a command the core does not know, e.g. `/settings`. */
  known: boolean;
}

const COMMAND_PATTERN = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?=\s|$)([\s\S]*)$/;

/**
 * Reads the slash command a message starts with, undefined when it starts with none. An
 * unknown command becomes help, so `/settings` is answered with what the bot can do.
 */
export function parseTelegramCommand(text: string): TelegramCommand | undefined {
  const match = COMMAND_PATTERN.exec(text.trimStart());
  if (!match) return undefined;

  const name = (match[1] ?? '').toLowerCase();
  const target = match[2]?.toLowerCase();
  const argument = (match[3] ?? '').trim();
  if (name === 'start') {
    // A deep link t.me/<bot>?start=<code> arrives as `/start <code>`.
    return { command: argument ? 'link' : 'help', argument, target, known: true };
  }

  const known = (CHANNEL_COMMANDS as readonly string[]).includes(name);
  const command = known ? (name as ChannelCommand) : 'help';
  return { command, argument: known ? argument : '', target, known };
}
