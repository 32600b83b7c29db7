import {
  CHANNEL_COMMANDS,
  type InboundBody,
  type UnsupportedKind,
  withUnreadAttachment,
} from '../../messaging/inbound-event.ts';

type ChannelCommand = (typeof CHANNEL_COMMANDS)[number];

/** A file shared with a message, as the Events API describes it. */
export interface SlackFile {
  mimetype?: string | undefined;
  subtype?: string | undefined;
}

export interface MessageBodyOptions {
  /** The message's `text`, in Slack's markup. */
  text: string;
  files?: readonly SlackFile[] | undefined;
  /** The bot's own user id; its mentions are removed from the text. */
  botUserId: string | undefined;
  /** The message is an `app_mention`: without a known bot id, its leading mention goes. */
  mention: boolean;
}

/** Commands that only make sense without an argument; with one, the text is a question. */
const BARE_COMMANDS: readonly ChannelCommand[] = ['new', 'help'];

/**
 * Turns a channel mention or direct message into an inbound body: text starting with
 * `/pitch`, `/link`... is that command; a mention with nothing else asks for help; anything
 * else is the text, in plain form. A shared file is an attachment Dealwise cannot read: the
 * text sent with it is answered, and a file alone gets a polite note.
 */
export function messageBody(options: MessageBodyOptions): InboundBody {
  const [file] = options.files ?? [];
  const attachment = file === undefined ? undefined : fileKind(file);
  const text = plainSlackText(options);
  if (text === '') {
    return attachment
      ? { type: 'unsupported', kind: attachment }
      : { type: 'command', command: 'help', argument: '' };
  }

  const slash = /^\/(\w+)(?:\s+([\s\S]*))?$/.exec(text);
  const name = slash?.[1]?.toLowerCase();
  const command = isCommand(name) ? commandOf(name, slash?.[2] ?? '') : undefined;
  return withUnreadAttachment(command ?? { type: 'text', text }, attachment);
}

/**
 * Reads the text of `/dealwise ...`: `pitch <account>`, `score <account>`, `link <code>`,
 * `ask <question>`, a bare `new` or `help`; empty asks for help, anything else is a question.
 */
export function slashCommandBody(text: string): InboundBody {
  const trimmed = plainSlackText({ text, botUserId: undefined, mention: false });
  if (trimmed === '') return { type: 'command', command: 'help', argument: '' };

  const [first = '', ...rest] = trimmed.split(/\s+/);
  const name = first.toLowerCase();
  const command = isCommand(name) ? commandOf(name, rest.join(' ')) : undefined;
  return command ?? { type: 'command', command: 'ask', argument: trimmed };
}

/**
 * Slack's markup as a reader sees it: the bot's mention removed, links and channel names
 * shown plainly, `&amp;` `&lt;` `&gt;` decoded, whitespace collapsed.
 */
export function plainSlackText(options: MessageBodyOptions): string {
  let text = options.text;
  if (options.botUserId !== undefined) {
    text = text.replaceAll(
      new RegExp(`<@${escapeRegExp(options.botUserId)}(\\|[^>]*)?>`, 'g'),
      ' ',
    );
  } else if (options.mention) {
    text = text.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>/, ' ');
  }

  return decodeEntities(text.replace(/<([^<>]*)>/g, (_, inner: string) => plainReference(inner)))
    .replace(/[^\S\n]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** The command, or undefined when its argument shows the text is a question instead. */
function commandOf(name: ChannelCommand, argument: string): InboundBody | undefined {
  const rest = argument.trim();
  if (BARE_COMMANDS.includes(name) && rest !== '') return undefined;
  if (name === 'link' && /\s/.test(rest)) return undefined;
  return { type: 'command', command: name, argument: rest };
}

/** `<@U1>`, `<#C1|sales>`, `<!here>`, `<https://x|label>` as plain text. */
function plainReference(inner: string): string {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label}` : target;
  if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
  if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
  return label && label !== target ? `${label} (${target})` : target;
}

function fileKind(file: SlackFile): UnsupportedKind {
  const type = file.mimetype ?? '';
  if (type.startsWith('image/')) return 'photo';
  if (type.startsWith('audio/') || file.subtype === 'slack_audio') return 'voice';
  if (type.startsWith('video/') || file.subtype === 'slack_video') return 'video';
  return 'file';
}

function isCommand(name: string | undefined): name is ChannelCommand {
  return (CHANNEL_COMMANDS as readonly (string | undefined)[]).includes(name);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function decodeEntities(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
