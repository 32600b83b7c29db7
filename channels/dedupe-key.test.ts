import { describe, expect, it } from 'vitest';
import { dedupeKey } from './dedupe-key.ts';

describe('dedupeKey', () => {
  it('uses the event_id of a Slack event', () => {
    const payload = { type: 'event_callback', event_id: 'Ev08MFMKH6' };

    expect(dedupeKey({ platform: 'slack', payload })).toBe('slack:Ev08MFMKH6');
  });

  it('returns undefined for a Slack payload without event_id', () => {
    expect(dedupeKey({ platform: 'slack', payload: { type: 'block_actions' } })).toBeUndefined();
  });

  it('uses the update_id of a Telegram update', () => {
    const payload = { update_id: 912345678, message: { text: '你好' } };

    expect(dedupeKey({ platform: 'telegram', payload })).toBe('telegram:912345678');
  });

  it('returns undefined for a Telegram update_id that is not an integer', () => {
    expect(dedupeKey({ platform: 'telegram', payload: { update_id: '1' } })).toBeUndefined();
  });

  it('uses the MsgId of a WeCom message, kept as text beyond 2^53', () => {
    const fields = { MsgId: '4561255354251345929', FromUserName: 'zhangsan', CreateTime: '1' };

    expect(dedupeKey({ platform: 'wecom', fields })).toBe('wecom:4561255354251345929');
  });

  it('uses FromUserName and CreateTime of a WeCom event without MsgId', () => {
    const fields = {
      MsgType: 'event',
      Event: 'enter_agent',
      FromUserName: 'lisi',
      CreateTime: '1735689600',
    };

    expect(dedupeKey({ platform: 'wecom', fields })).toBe('wecom:lisi:1735689600');
  });

  it('tells apart two WeCom card buttons pressed in the same second', () => {
    const press = (eventKey: string) => ({
      MsgType: 'event',
      Event: 'template_card_event',
      FromUserName: 'lisi',
      CreateTime: '1735689600',
      EventKey: eventKey,
    });

    expect(dedupeKey({ platform: 'wecom', fields: press('write-a:confirm') })).toBe(
      'wecom:lisi:1735689600:write-a:confirm',
    );
    expect(dedupeKey({ platform: 'wecom', fields: press('write-b:confirm') })).toBe(
      'wecom:lisi:1735689600:write-b:confirm',
    );
  });

  it('returns undefined for a WeCom event without a sender', () => {
    expect(dedupeKey({ platform: 'wecom', fields: { CreateTime: '1735689600' } })).toBeUndefined();
  });

  it('uses the event_id of a Feishu schema 2.0 event', () => {
    const payload = { schema: '2.0', header: { event_id: 'f-1' } };

    expect(dedupeKey({ platform: 'feishu', payload })).toBe('feishu:f-1');
  });

  it('uses the uuid of a Feishu 1.0 event', () => {
    expect(dedupeKey({ platform: 'feishu', payload: { uuid: 'u-1' } })).toBe('feishu:u-1');
  });
});
