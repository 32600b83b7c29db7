import { describe, expect, it } from 'vitest';
import type { InputError } from '../lib/errors.ts';
import { formatCsv, parseCsvTable } from './csv-table.ts';
import { predictCsv, trainFromCsv } from './csv-training.ts';
import { syntheticLeads } from './synthetic-leads.ts';

const now = new Date('2025-07-01T00:00:00Z');

function trainingError(text: string, labelColumn = 'converted'): InputError {
  try {
    trainFromCsv({ text, labelColumn, now });
  } catch (error) {
    return error as InputError;
  }
  throw new Error('training did not fail');
}

describe('trainFromCsv with malformed input', () => {
  it('rejects a file without the label column and lists the columns there are', () => {
    const error = trainingError('id,visits\n1,3\n2,4\n', 'converted');

    expect(error.code).toBe('column_missing');
    expect(error.message).toContain('the columns are: id, visits');
  });

  it('rejects a label that is not binary and quotes the odd values', () => {
    const error = trainingError('id,converted\n1,1\n2,0\n3,maybe\n');

    expect(error.code).toBe('label_not_binary');
    expect(error.message).toContain('"maybe"');
  });

  it('rejects an empty file', () => {
    expect(trainingError('').code).toBe('csv_empty');
  });

  it('rejects a header without data rows', () => {
    expect(trainingError('id,converted\n').code).toBe('csv_empty');
  });

  it('rejects a ragged row and names it', () => {
    const error = trainingError('id,visits,converted\n1,3,1\n2,4\n');

    expect(error.code).toBe('csv_ragged_row');
    expect(error.message).toContain('Row 3');
  });

  it('rejects a label column with one value only', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${i % 5},0`).join('\n');

    expect(trainingError(`id,visits,converted\n${rows}\n`).code).toBe('label_single_class');
  });
});

describe('predictCsv', () => {
  it('writes an id, a probability and readable reasons for every row', () => {
    const model = trainFromCsv({
      text: formatCsv(syntheticLeads({ rows: 1500, seed: 3 })),
      labelColumn: 'converted',
      idColumn: 'lead_id',
      now,
    });
    const table = parseCsvTable(formatCsv(syntheticLeads({ rows: 5, seed: 4 })));

    const predictions = predictCsv(model, table);

    expect(predictions.map((prediction) => prediction.id)).toEqual([
      'L-000001',
      'L-000002',
      'L-000003',
      'L-000004',
      'L-000005',
    ]);
    expect(predictions.every((p) => p.score > 0 && p.score < 1)).toBe(true);
    expect(predictions[0]?.reasons[0]).toMatch(/^\w+ = .+ (raises|lowers) the score/);
  });
});
