import type { AnswerLanguage } from '../agent/offline/message-language.ts';
import type { Caller } from '../auth/caller.ts';
import type { CHANNEL_COMMANDS, Platform, UnsupportedKind } from './inbound-event.ts';

const UNSUPPORTED_NAMES: Record<UnsupportedKind, { zh: string; en: string }> = {
  sticker: { zh: '表情', en: 'stickers' },
  photo: { zh: '图片', en: 'photos' },
  voice: { zh: '语音', en: 'voice messages' },
  video: { zh: '视频', en: 'videos' },
  file: { zh: '文件', en: 'files' },
  location: { zh: '位置', en: 'locations' },
  other: { zh: '这类消息', en: 'this kind of message' },
};

/** How a platform spells one of the channel commands, e.g. `/link` or `/dealwise link`. */
export type CommandSpelling = (command: (typeof CHANNEL_COMMANDS)[number]) => string;

/** How commands are typed on a platform: Slack has one slash command, `/dealwise`. */
export function commandSpelling(platform: Platform): CommandSpelling {
  return platform === 'slack' ? (command) => `/dealwise ${command}` : (command) => `/${command}`;
}

/** The language of the caller's profile, for replies to messages without text. */
export function callerLanguage(caller: Caller): AnswerLanguage {
  return caller.locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** What Dealwise says in chats besides the agent's answers, in Chinese and English. */
export const PHRASES = {
  /**
   * To someone whose chat account is not linked yet, in both languages as we know neither.
   * `command` is how the platform spells a command, e.g. `/link` or `/dealwise link`.
   */
  linkInstructions: (command: CommandSpelling): string =>
    '你好！请先把这个聊天账号关联到 Dealwise：在 Dealwise 里生成一次性关联码' +
    `（POST /v1/channels/link-codes），然后在这里发送 ${command('link')} 关联码（或只发关联码）。\n` +
    'Hello! Link this chat account to Dealwise first: create a one-time code in Dealwise ' +
    `(POST /v1/channels/link-codes), then send ${command('link')} <code> (or just the code) here.`,
  linked: {
    zh: '已关联。现在可以直接提问，例如：“东浦医院最近有什么动态？”',
    en: 'Linked. Ask away, e.g. "What is new at Dongpu Hospital?"',
  },
  alreadyLinked: {
    zh: '这个聊天账号已经关联。要改关联到别的 Dealwise 用户，请用新的关联码。',
    en: 'This chat account is already linked. To link it to another Dealwise user, use a new code.',
  },
  linkFailed:
    '关联码无效或已过期，请重新生成。\nThat code is invalid or has expired; create a new one.',
  linkLocked:
    '关联失败次数过多，请 15 分钟后再试。\nToo many failed codes; try again in 15 minutes.',
  help: {
    zh: (command: CommandSpelling): string =>
      `可以直接提问，或用命令：\n- ${command('ask')} 问题\n- ${command('pitch')} 客户名称：起草拜访提纲\n` +
      `- ${command('score')} 客户名称或线索ID：线索意向评分\n- ${command('new')}：开始新对话\n` +
      `- ${command('link')} 关联码：关联账号`,
    en: (command: CommandSpelling): string =>
      `Ask a question, or use a command:\n- ${command('ask')} <question>\n` +
      `- ${command('pitch')} <account>: draft a pitch\n- ${command('score')} <account or lead id>: lead intent score\n` +
      `- ${command('new')}: start a new conversation\n- ${command('link')} <code>: link your account`,
  },
  newConversation: {
    zh: '好的，我们重新开始。',
    en: 'Starting a new conversation.',
  },
  emptyCommand: {
    zh: (command: CommandSpelling): string =>
      `请在命令后面写上内容，例如：${command('pitch')} 东浦医院`,
    en: (command: CommandSpelling): string =>
      `Add what the command is about, e.g. ${command('pitch')} Dongpu Hospital`,
  },
  turnFailed: {
    zh: '抱歉，这次没能回答，你的消息已保存。请稍后再试。',
    en: 'Sorry, I could not answer this time; your message is saved. Please try again shortly.',
  },
  actionUnavailable: {
    zh: '这个按钮已失效（已处理、已过期，或不是发给你的）。',
    en: 'This button is no longer available (already used, expired, or not yours).',
  },
  cancelled: { zh: '已取消，没有写入任何内容。', en: 'Cancelled; nothing was written.' },
  confirmLabels: {
    zh: { confirm: '确认', cancel: '取消' },
    en: { confirm: 'Confirm', cancel: 'Cancel' },
  },
  /** The messages `/pitch <account>` and `/score <account or lead id>` stand for. */
  pitchRequest: {
    zh: (account: string) => `为${account}起草一份拜访提纲`,
    en: (account: string) => `Draft a pitch for ${account}`,
  },
  scoreRequest: {
    zh: (target: string) => `给 ${target} 的线索打分`,
    en: (target: string) => `Score the lead of ${target}`,
  },
  /** Said before the answer to a text that came with an attachment. */
  unreadAttachment(kind: UnsupportedKind, language: AnswerLanguage): string {
    const name = UNSUPPORTED_NAMES[kind][language];
    return language === 'zh'
      ? `（附带的${name}我暂时还看不了，下面只回答文字部分。）`
      : `(I cannot read ${name} yet, so this answers your text only.)`;
  },
  unsupported(kind: UnsupportedKind, language: AnswerLanguage): string {
    const name = UNSUPPORTED_NAMES[kind][language];
    return language === 'zh'
      ? `我暂时还看不了${name}，请用文字描述你的问题。`
      : `I cannot read ${name} yet; please type your question.`;
  },
} as const;
