import { describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import { parseWecomXml } from './parse-wecom-xml.ts';

function errorOf(run: () => unknown): DealwiseError | undefined {
  try {
    run();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('parseWecomXml', () => {
  it('reads the encrypted envelope', () => {
    const xml =
      '<xml><ToUserName><![CDATA[ww123]]></ToUserName><Encrypt><![CDATA[AbC+/=]]></Encrypt>' +
      '<AgentID><![CDATA[1000002]]></AgentID></xml>';

    expect(parseWecomXml(xml)).toEqual({
      ToUserName: 'ww123',
      Encrypt: 'AbC+/=',
      AgentID: '1000002',
    });
  });

  it('reads a text message with Chinese content, across lines, after a declaration', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <xml>
        <FromUserName><![CDATA[zhangsan]]></FromUserName>
        <CreateTime>1735689600</CreateTime>
        <MsgType><![CDATA[text]]></MsgType>
        <Content><![CDATA[帮我查一下 Acme 的报价]]></Content>
        <MsgId>4561255354251345929</MsgId>
      </xml>`;

    expect(parseWecomXml(xml)).toEqual({
      FromUserName: 'zhangsan',
      CreateTime: '1735689600',
      MsgType: 'text',
      Content: '帮我查一下 Acme 的报价',
      MsgId: '4561255354251345929',
    });
  });

  it('keeps CDATA content exactly, even when it looks like markup', () => {
    const xml = '<xml><Content><![CDATA[  a </Content> & <b>x</b> ]]></Content></xml>';

    expect(parseWecomXml(xml).Content).toBe('  a </Content> & <b>x</b> ');
  });

  it('decodes entities in plain text', () => {
    const xml = '<xml><Content>Q&amp;A &lt;3 &#20320;&#x597D;</Content></xml>';

    expect(parseWecomXml(xml).Content).toBe('Q&A <3 你好');
  });

  it('gives the inner XML of an element with children', () => {
    const xml =
      '<xml><Event><![CDATA[location_select]]></Event>' +
      '<SendLocationInfo><Location_X>23</Location_X></SendLocationInfo></xml>';

    expect(parseWecomXml(xml).SendLocationInfo).toBe('<Location_X>23</Location_X>');
  });

  it('gives an empty string for a self-closing element', () => {
    expect(parseWecomXml('<xml><EventKey/><MsgType>event</MsgType></xml>')).toEqual({
      EventKey: '',
      MsgType: 'event',
    });
  });

  it('keeps the first of repeated elements', () => {
    expect(parseWecomXml('<xml><MsgId>1</MsgId><MsgId>2</MsgId></xml>').MsgId).toBe('1');
  });

  it('refuses a DOCTYPE', () => {
    const xml = '<!DOCTYPE xml [<!ENTITY x "y">]><xml><Content>&x;</Content></xml>';

    expect(errorOf(() => parseWecomXml(xml))?.code).toBe('wecom_payload_malformed');
  });

  it('rejects an unclosed element', () => {
    expect(errorOf(() => parseWecomXml('<xml><Content>hi</xml>'))?.code).toBe(
      'wecom_payload_malformed',
    );
  });

  it('rejects text that is not XML', () => {
    expect(errorOf(() => parseWecomXml('{"Encrypt":"x"}'))).toMatchObject({
      name: 'InputError',
      code: 'wecom_payload_malformed',
    });
  });
});
