import { describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import { wecomInboundEvent } from './wecom-inbound-event.ts';

const CORP_ID = 'ww0dealwise0test';
const BASE = {
  ToUserName: CORP_ID,
  FromUserName: 'ZhangSan',
  CreateTime: '1767225600',
  AgentID: '1000002',
};

function errorOf(run: () => unknown): DealwiseError | undefined {
  try {
    run();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('wecomInboundEvent', () => {
  it('reads an English text message, deduped by MsgId', () => {
    const event = wecomInboundEvent(
      { ...BASE, MsgType: 'text', Content: 'What is new at Dongpu?', MsgId: '123456789' },
      { corpId: CORP_ID },
    );

    expect(event).toEqual({
      platform: 'wecom',
      dedupeKey: 'wecom:123456789',
      sender: { workspaceId: CORP_ID, userId: 'ZhangSan' },
      address: { workspaceId: CORP_ID, chatId: 'ZhangSan', direct: true, messageId: '123456789' },
      body: { type: 'text', text: 'What is new at Dongpu?' },
      sentAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('reads a Chinese /score command', () => {
    const event = wecomInboundEvent(
      { ...BASE, MsgType: 'text', Content: '/score 东浦医院', MsgId: '1' },
      { corpId: CORP_ID },
    );

    expect(event?.body).toEqual({ type: 'command', command: 'score', argument: '东浦医院' });
  });

  it.each([
    ['image', 'photo'],
    ['voice', 'voice'],
    ['video', 'video'],
    ['shortvideo', 'video'],
    ['file', 'file'],
    ['location', 'location'],
    ['link', 'other'],
    ['miniprogram', 'other'],
  ])('reads a %s message as an unsupported %s', (msgType, kind) => {
    const event = wecomInboundEvent(
      { ...BASE, MsgType: msgType, MediaId: 'media', MsgId: '2' },
      { corpId: CORP_ID },
    );

    expect(event?.body).toEqual({ type: 'unsupported', kind });
  });

  it('reads a template card press as an action, deduped by sender, time and button', () => {
    const event = wecomInboundEvent(
      {
        ...BASE,
        MsgType: 'event',
        Event: 'template_card_event',
        EventKey: '0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e:confirm',
        TaskId: 'dw-task',
        ResponseCode: 'code-to-update-the-card',
      },
      { corpId: CORP_ID },
    );

    expect(event?.dedupeKey).toBe(
      'wecom:ZhangSan:1767225600:0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e:confirm',
    );
    expect(event?.body).toEqual({
      type: 'action',
      actionId: '0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e',
      decision: 'confirm',
    });
    expect(event?.address).toEqual({
      workspaceId: CORP_ID,
      chatId: 'ZhangSan',
      direct: true,
      messageId: 'code-to-update-the-card',
    });
  });

  it('drops enter_agent, subscribe and other events', () => {
    for (const name of ['enter_agent', 'subscribe', 'change_contact', 'click']) {
      const fields = { ...BASE, MsgType: 'event', Event: name, EventKey: 'menu' };
      expect(wecomInboundEvent(fields, { corpId: CORP_ID })).toBeUndefined();
    }
  });

  it('refuses a button key that is not a Dealwise action', () => {
    const fields = { ...BASE, MsgType: 'event', Event: 'template_card_event', EventKey: 'x:ok' };
    expect(errorOf(() => wecomInboundEvent(fields, { corpId: CORP_ID }))?.code).toBe(
      'wecom_payload_malformed',
    );
  });

  it.each([
    ['no sender', { ...BASE, FromUserName: '', MsgType: 'text', Content: 'hi' }],
    ['no MsgType', { ...BASE, Content: 'hi' }],
    ['a CreateTime that is not seconds', { ...BASE, CreateTime: '2026-01-01', MsgType: 'text' }],
    ['a text without Content', { ...BASE, MsgType: 'text', MsgId: '3' }],
    ['a text of spaces only', { ...BASE, MsgType: 'text', Content: '  ', MsgId: '3' }],
    ['an event without Event', { ...BASE, MsgType: 'event' }],
  ])('refuses a message with %s', (_case, fields) => {
    const error = errorOf(() => wecomInboundEvent(fields, { corpId: CORP_ID }));
    expect(error?.code).toBe('wecom_payload_malformed');
  });
});
