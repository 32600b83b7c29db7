import { describe, expect, it } from 'vitest';
import { extractEntities } from './entities.ts';

const ACCOUNTS = [
  { nameZh: '上海东浦医院', nameEn: 'Shanghai Dongpu Hospital' },
  { nameZh: '上海申江肿瘤医院', nameEn: 'Shanghai Shenjiang Cancer Hospital' },
  { nameZh: '南京鼓岭医院', nameEn: 'Nanjing Guling Hospital' },
  { nameZh: '广东粤康医疗集团有限公司', nameEn: 'Guangdong Yuekang Healthcare Group Co., Ltd.' },
];
const LEAD = '3f1c2a9e-1b2c-4d5e-8f90-1234567890ab';

describe('extractEntities regions', () => {
  it('maps Chinese province names to the English names the data uses', () => {
    expect(extractEntities('输液泵在上海和广东省的报销比例').regions).toEqual([
      'Shanghai',
      'Guangdong',
    ]);
  });

  it('reads English province names as whole words only', () => {
    expect(extractEntities('reimbursement in guangdong').regions).toEqual(['Guangdong']);
    expect(extractEntities('the Shanghaiese menu').regions).toEqual([]);
  });

  it('maps a big city to its province', () => {
    expect(extractEntities('深圳的报销政策').regions).toEqual(['Guangdong']);
    expect(extractEntities('policy in Hangzhou').regions).toEqual(['Zhejiang']);
  });
});

describe('extractEntities products', () => {
  it('reads an insurance code', () => {
    expect(extractEntities('C1405020010000340013 在北京报销多少').products).toEqual([
      { text: 'C1405020010000340013', kind: 'code' },
    ]);
  });

  it('reads a model number before a product name', () => {
    expect(extractEntities('HK-M8 监护仪').products).toEqual([
      { text: 'HK-M8', kind: 'model' },
      { text: '监护仪', kind: 'name' },
    ]);
  });

  it('reads glossary product names in Chinese and English', () => {
    expect(extractEntities('输液泵报销').products).toEqual([{ text: '输液泵', kind: 'name' }]);
    expect(extractEntities('are infusion pumps covered').products).toEqual([
      { text: 'infusion pump', kind: 'name' },
    ]);
  });
});

describe('extractEntities record ids', () => {
  it('reads a UUID and the kind of record named before it', () => {
    expect(extractEntities(`score lead ${LEAD.toUpperCase()}`).recordIds).toEqual([
      { id: LEAD, kind: 'lead' },
    ]);
    expect(extractEntities(`商机 ${LEAD} 跟进`).recordIds).toEqual([{ id: LEAD, kind: 'deal' }]);
  });

  it('reads CRM ids apart from UUIDs and model numbers', () => {
    const entities = extractEntities('线索 CRM-10001 和 HK-M8');

    expect(entities.externalIds).toEqual(['CRM-10001']);
    expect(entities.recordIds).toEqual([]);
    expect(entities.products).toEqual([{ text: 'HK-M8', kind: 'model' }]);
  });
});

describe('extractEntities accounts', () => {
  it('finds a known account by a distinctive part of its Chinese name', () => {
    expect(extractEntities('介绍一下东浦', ACCOUNTS).accounts).toEqual(['上海东浦医院']);
  });

  it('finds a known account by a distinctive word of its English name', () => {
    expect(extractEntities('Tell me about Guling', ACCOUNTS).accounts).toEqual(['南京鼓岭医院']);
  });

  it('does not take a region for an account name', () => {
    expect(extractEntities('reimbursement in Guangdong', ACCOUNTS).accounts).toEqual([]);
    expect(extractEntities('上海的医院', ACCOUNTS).accounts).toEqual([]);
  });

  it('passes the organisation phrase on when no account names are given', () => {
    expect(extractEntities('介绍一下深圳南山湾医院').accounts).toEqual(['深圳南山湾医院']);
    expect(extractEntities('Give me an overview of Nanjing Guling Hospital').accounts).toEqual([
      'Nanjing Guling Hospital',
    ]);
    expect(extractEntities('Draft an email to Dongpu about the demo').accounts).toEqual(['Dongpu']);
  });
});

describe('extractEntities language', () => {
  it('reads the language from the words around the names', () => {
    expect(extractEntities('给 Dongpu Hospital 写一封邮件').language).toBe('zh');
    expect(extractEntities('Tell me about 东浦医院').language).toBe('en');
  });
});
