import { describe, expect, it } from 'vitest';
import { isMissing, parseDate, parseNumber } from './cell-values.ts';
import { inferColumns } from './column-inference.ts';

describe('cell values', () => {
  it('treats blanks and CRM placeholders as missing', () => {
    const placeholders = ['', '  ', 'N/A', 'null', '-', '未知', '#N/A'];

    expect(placeholders.every(isMissing)).toBe(true);
    expect(isMissing('0')).toBe(false);
  });

  it('reads numbers with thousands separators, currency and percent', () => {
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber('¥3.5')).toBe(3.5);
    expect(parseNumber('12%')).toBe(0.12);
    expect(parseNumber('12a')).toBeNull();
  });

  it('reads ISO-like dates with dashes or slashes', () => {
    expect(parseDate('2025/3/1')?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(parseDate('2025-03-01 10:30')?.toISOString()).toBe('2025-03-01T10:30:00.000Z');
    expect(parseDate('next week')).toBeNull();
  });
});

describe('inferColumns', () => {
  it('infers numeric, boolean, date, categorical, identifier and constant columns', () => {
    const records = Array.from({ length: 30 }, (_, i) => ({
      employees: i % 7 === 0 ? 'N/A' : String(100 + i),
      has_budget: i % 2 === 0 ? 'yes' : 'no',
      created: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
      industry: ['hospital', 'clinic', 'lab'][i % 3] as string,
      email: `buyer${i}@example.com`,
      country: 'CN',
    }));

    const kinds = inferColumns(records, Object.keys(records[0] ?? {})).map((p) => p.kind);

    expect(kinds).toEqual(['numeric', 'boolean', 'date', 'categorical', 'identifier', 'constant']);
  });
});
