/**
 * `npm run score:predict -- --model <model.json> --csv <file> --out <file>` scores every
 * row of a CSV and writes id, score and the top reasons.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DealwiseError, InputError } from '../lib/errors.ts';
import { formatCsv } from './csv-table.ts';
import { predictCsv, readCsvFile } from './csv-training.ts';
import { readModelFile } from './model-file.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    csv: { type: 'string' },
    out: { type: 'string' },
  },
});

try {
  if (!values.model || !values.csv || !values.out) {
    throw new InputError({
      code: 'missing_argument',
      message: 'Pass --model <model.json> --csv <file> --out <file>.',
    });
  }
  const model = await readModelFile(values.model);
  const predictions = predictCsv(model, await readCsvFile(values.csv));
  const rows = predictions.map((prediction) => ({
    id: prediction.id,
    score: prediction.score.toFixed(4),
    reason_1: prediction.reasons[0] ?? '',
    reason_2: prediction.reasons[1] ?? '',
    reason_3: prediction.reasons[2] ?? '',
  }));
  await writeFile(values.out, formatCsv(rows), 'utf8');
  console.log(`${rows.length} rows scored; written to ${values.out}`);
} catch (error) {
  if (!(error instanceof DealwiseError)) throw error;
  console.error(`score:predict: ${error.message}`);
  process.exit(1);
}
