import { describe, expect, it } from 'vitest';
import { expandQuery } from './query-expansion.ts';

const ACCOUNTS = [
  { nameZh: '上海东浦医院', nameEn: 'Shanghai Dongpu Hospital' },
  { nameZh: '上海申江肿瘤医院', nameEn: 'Shanghai Shenjiang Cancer Hospital' },
  { nameZh: '苏州瑞和医疗供应链有限公司', nameEn: 'Suzhou Ruihe Medical Supply Chain Co., Ltd.' },
];

describe('expandQuery', () => {
  it('adds the other-language forms of a glossary concept', () => {
    expect(expandQuery('What is the reimbursement ratio?', [])).toContain('报销比例');
    expect(expandQuery('报销比例是多少', [])).toContain('reimbursement ratio');
  });

  it('adds the Chinese name of an account named in English', () => {
    expect(expandQuery('latest quote for Dongpu', ACCOUNTS)).toContain('上海东浦医院');
  });

  it('adds the English name of an account named in Chinese', () => {
    expect(expandQuery('瑞和的经销协议', ACCOUNTS)).toContain(
      'Suzhou Ruihe Medical Supply Chain Co., Ltd.',
    );
  });

  it('does not take a word many accounts share for a name', () => {
    const expansions = expandQuery('hospitals in Shanghai', ACCOUNTS);

    expect(expansions).not.toContain('上海东浦医院');
    expect(expansions).not.toContain('上海申江肿瘤医院');
  });
});
