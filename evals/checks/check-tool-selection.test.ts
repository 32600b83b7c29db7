import { describe, expect, it } from 'vitest';
import { checkToolSelection } from './check-tool-selection.ts';
import { matchArgument } from './match-argument.ts';

const calls = [
  {
    id: '1',
    name: 'lookup_policy',
    arguments: { product: 'C0212040010000910017', region: '上海' },
  },
];

describe('matchArgument', () => {
  it('supports exact, contains, pattern and oneOf matchers', () => {
    expect(matchArgument('上海', '上海')).toBe(true);
    expect(matchArgument('上海东浦医院', { contains: '东浦' })).toBe(true);
    expect(matchArgument('Shanghai', { pattern: '^shang' })).toBe(true);
    expect(matchArgument('上海', { oneOf: ['Shanghai', '上海'] })).toBe(true);
    expect(matchArgument('Beijing', { oneOf: ['Shanghai', '上海'] })).toBe(false);
  });
});

describe('checkToolSelection', () => {
  it('passes when the expected call matches and forbidden tools were not called', () => {
    const result = checkToolSelection(
      {
        toolsCalled: [{ name: 'lookup_policy', args: { region: { oneOf: ['Shanghai', '上海'] } } }],
        toolsNotCalled: ['draft_pitch'],
      },
      { toolCalls: calls },
    );

    expect(result).toEqual({ check: 'tools', passed: true, detail: 'tools called: lookup_policy' });
  });

  it('names a wrong argument, a missing tool and a forbidden one', () => {
    const result = checkToolSelection(
      {
        toolsCalled: [
          { name: 'lookup_policy', args: { region: 'Beijing' } },
          { name: 'search_knowledge' },
        ],
        toolsNotCalled: ['lookup_policy'],
      },
      { toolCalls: calls },
    );

    expect(result?.passed).toBe(false);
    expect(result?.detail).toBe(
      'lookup_policy was called with unexpected region="上海"; search_knowledge was not called; ' +
        'lookup_policy was called but must not be (called: lookup_policy)',
    );
  });

  it('is skipped when the case names no tools', () => {
    expect(checkToolSelection({}, { toolCalls: calls })).toBeUndefined();
  });
});
