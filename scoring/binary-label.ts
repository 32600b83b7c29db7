import { InputError } from '../lib/errors.ts';
import { type CellValue, categoryOf, isMissing } from './cell-values.ts';

const POSITIVE = new Set(['1', 'true', 'yes', 'y', 't', 'won', 'converted', 'closed won', '是']);
const NEGATIVE = new Set([
  '0',
  'false',
  'no',
  'n',
  'f',
  'lost',
  'not converted',
  'closed lost',
  '否',
]);

/**
 * Reads a label column as 0/1. Accepts 1/0, true/false, yes/no, won/lost, 是/否;
 * throws an InputError that lists the values found when the column is not binary.
 */
export function parseBinaryLabels(values: readonly CellValue[], column: string): number[] {
  const unreadable = new Set<string>();
  const labels = values.map((value, index) => {
    if (isMissing(value)) {
      throw new InputError({
        code: 'label_missing',
        message:
          `Row ${index + 1} has no value in the label column "${column}"; ` +
          'fill it with 1 or 0, or drop the row.',
        details: { column, row: index + 1 },
      });
    }
    const word = (categoryOf(value) ?? '').toLowerCase();
    if (POSITIVE.has(word)) return 1;
    if (NEGATIVE.has(word)) return 0;
    unreadable.add(String(value));
    return 0;
  });

  if (unreadable.size > 0) {
    const examples = [...unreadable].slice(0, 5);
    const quoted = examples.map((value) => `"${value}"`).join(', ');
    throw new InputError({
      code: 'label_not_binary',
      message:
        `The label column "${column}" must be binary (1/0, true/false, yes/no, won/lost); ` +
        `it also holds ${quoted}. Map it to two values or pick another --label.`,
      details: { column, values: examples },
    });
  }
  return labels;
}
