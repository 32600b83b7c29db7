import { randomBytes } from 'node:crypto';
import { messageLanguage } from '../../agent/offline/message-language.ts';
import type { ReplyAction, ReplyMessage } from '../../messaging/reply-message.ts';

/** A button on a WeCom button_interaction card; pressing it calls back with `key` as EventKey. */
export interface WecomCardButton {
  text: string;
  /** 1 to 4; WeCom draws 1 as the primary button. */
  style: number;
  key: string;
}

/** The `template_card` of a WeCom button_interaction message. */
export interface WecomButtonCard {
  card_type: 'button_interaction';
  source: { desc: string };
  main_title: { title: string; desc?: string };
  /** Unique per app, at most 128 bytes of letters, digits and `_-@`. */
  task_id: string;
  button_list: WecomCardButton[];
}

const DESC_CHARACTERS = 44;
const BUTTON_CHARACTERS = 10;

/**
 * One button_interaction card per prepared write in a reply: its confirm and cancel buttons
 * carry only `<actionId>:<decision>` as their key, which a press sends back as EventKey.
 * The reply's text goes before the cards as markdown; the card repeats its first line.
 */
export function wecomConfirmCards(message: ReplyMessage): WecomButtonCard[] {
  const groups = byActionId(message.actions);
  const summary = firstLine(message.text);
  const language = messageLanguage(message.actions.map((action) => action.label).join(' '));

  return [...groups.entries()].map(([actionId, actions], index) => {
    const count = groups.size > 1 ? ` (${index + 1}/${groups.size})` : '';
    const title = language === 'zh' ? `请确认${count}` : `Please confirm${count}`;
    return {
      card_type: 'button_interaction',
      source: { desc: 'Dealwise' },
      main_title: { title, ...(summary ? { desc: cut(summary, DESC_CHARACTERS) } : {}) },
      task_id: taskId(actionId),
      button_list: actions.map(button),
    };
  });
}

/** The EventKey a button sends back: `<actionId>:<decision>`. */
export function wecomButtonKey(action: Pick<ReplyAction, 'actionId' | 'decision'>): string {
  return `${action.actionId}:${action.decision}`;
}

function byActionId(actions: readonly ReplyAction[]): Map<string, ReplyAction[]> {
  const groups = new Map<string, ReplyAction[]>();
  for (const action of actions) {
    groups.set(action.actionId, [...(groups.get(action.actionId) ?? []), action]);
  }
  return groups;
}

function button(action: ReplyAction): WecomCardButton {
  return {
    text: cut(action.label, BUTTON_CHARACTERS),
    style: action.decision === 'confirm' ? 1 : 2,
    key: wecomButtonKey(action),
  };
}

/**
 * WeCom refuses a task_id it has seen (errcode 42014), even when a retried send repeats a card
 * whose first send got lost; a random suffix keeps each send new.
 */
function taskId(actionId: string): string {
  const safe = actionId.replace(/[^A-Za-z0-9_@-]/g, '').slice(0, 100);
  return `dw-${safe}-${randomBytes(6).toString('hex')}`;
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim().length > 0) ?? '';
  return line.replace(/\*\*|`/g, '').trim();
}

function cut(text: string, characters: number): string {
  const glyphs = [...text];
  return glyphs.length <= characters ? text : `${glyphs.slice(0, characters - 1).join('')}…`;
}
