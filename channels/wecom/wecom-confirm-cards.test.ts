import { describe, expect, it } from 'vitest';
import { wecomConfirmCards } from './wecom-confirm-cards.ts';

const FIRST = '0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e';
const SECOND = '7c1e9a20-1111-4c55-9d0e-3f1a2b3c4d5e';

describe('wecomConfirmCards', () => {
  it('makes no card for a reply without buttons', () => {
    expect(wecomConfirmCards({ text: 'hi', citations: [], actions: [] })).toEqual([]);
  });

  it('makes one English card per prepared write, numbered, with its own buttons', () => {
    const cards = wecomConfirmCards({
      text: '**Two activities** to log.\nConfirm each.',
      citations: [],
      actions: [FIRST, SECOND].flatMap((actionId) => [
        { actionId, decision: 'confirm' as const, label: 'Confirm' },
        { actionId, decision: 'cancel' as const, label: 'Cancel' },
      ]),
    });

    expect(cards.map((card) => card.main_title)).toEqual([
      { title: 'Please confirm (1/2)', desc: 'Two activities to log.' },
      { title: 'Please confirm (2/2)', desc: 'Two activities to log.' },
    ]);
    expect(cards[1]?.button_list.map((button) => button.key)).toEqual([
      `${SECOND}:confirm`,
      `${SECOND}:cancel`,
    ]);
  });

  it('cuts a long Chinese summary to the card description length', () => {
    const [card] = wecomConfirmCards({
      text: '将记录：'.padEnd(80, '东'),
      citations: [],
      actions: [{ actionId: FIRST, decision: 'confirm', label: '确认' }],
    });

    expect(card?.main_title.title).toBe('请确认');
    expect([...(card?.main_title.desc ?? '')]).toHaveLength(44);
    expect(card?.main_title.desc?.endsWith('…')).toBe(true);
  });

  it('gives every send a new task id, as WeCom refuses a repeated one', () => {
    const message = {
      text: 'Log it?',
      citations: [],
      actions: [{ actionId: FIRST, decision: 'confirm' as const, label: 'Confirm' }],
    };
    const [first] = wecomConfirmCards(message);
    const [second] = wecomConfirmCards(message);

    expect(first?.task_id).toMatch(new RegExp(`^dw-${FIRST}-[0-9a-f]{12}$`));
    expect(second?.task_id).not.toBe(first?.task_id);
  });
});
