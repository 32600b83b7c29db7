import { CHANNEL_COMMANDS, type InboundBody } from '../messaging/inbound-event.ts';

type Command = (typeof CHANNEL_COMMANDS)[number];

/**
 * `/pitch 东浦医院`: a slash (or the full-width `／` Chinese keyboards type) and a command
 * name, then the argument after any spaces, full-width ones included; `/pitch东浦医院` too.
 */
const COMMAND = /^[/／]([A-Za-z]+)(?![A-Za-z0-9_])[\s\u3000]*([\s\S]*)$/;

/** Words that stand for a command on their own, as Chinese users type them. */
const COMMAND_WORDS: ReadonlyMap<string, Command> = new Map([
  ['帮助', 'help'],
  ['／帮助', 'help'],
  ['/帮助', 'help'],
]);

/**
 * Reads a chat message typed as plain text: `/ask`, `/pitch`, `/score`, `/link`, `/new` and
 * `/help` in any case, and `帮助`, become commands with the rest as their argument; an empty
 * message (a bare mention of the bot) asks for help; anything else, unknown commands
 * included, is text for the agent. Slack's `/dealwise` and Telegram's `/cmd@bot` have their
 * own readers, as those platforms add to the syntax.
 */
export function commandText(content: string): InboundBody {
  const text = content.trim();
  if (text === '') return { type: 'command', command: 'help', argument: '' };
  const word = COMMAND_WORDS.get(text);
  if (word !== undefined) return { type: 'command', command: word, argument: '' };

  const match = COMMAND.exec(text);
  const name = match?.[1]?.toLowerCase();
  const command = CHANNEL_COMMANDS.find((known) => known === name);
  if (match && command) return { type: 'command', command, argument: (match[2] ?? '').trim() };
  return { type: 'text', text };
}
