import { CHANNEL_COMMANDS, type InboundBody } from '../../messaging/inbound-event.ts';

type Command = (typeof CHANNEL_COMMANDS)[number];

/** `/ask ...`; Chinese keyboards type the full-width slash and space too. */
const COMMAND = /^[/／]([A-Za-z]+)(?:[\s\u3000]+([\s\S]*))?$/;

/** Words that stand for a command on their own, as Chinese users type them. */
const COMMAND_WORDS: ReadonlyMap<string, Command> = new Map([
  ['帮助', 'help'],
  ['/帮助', 'help'],
]);

/**
 * Reads a WeCom text message: `/ask`, `/pitch`, `/score`, `/link`, `/new` and `/help` (any
 * case, with a full-width slash too) and `帮助` become commands with the rest as argument;
 * anything else, unknown commands included, is text for the agent.
 */
export function parseWecomText(content: string): InboundBody {
  const text = content.trim();
  const word = COMMAND_WORDS.get(text);
  if (word !== undefined) return { type: 'command', command: word, argument: '' };

  const match = COMMAND.exec(text);
  const name = match?.[1]?.toLowerCase();
  if (match && isCommand(name)) {
    return { type: 'command', command: name, argument: (match[2] ?? '').trim() };
  }
  return { type: 'text', text };
}

function isCommand(name: string | undefined): name is Command {
  return CHANNEL_COMMANDS.includes(name as Command);
}
