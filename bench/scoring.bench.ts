/**
 * Lead scoring: training time on 10k rows, scoring throughput, and held-out quality of
 * the trained model beside a base-rate classifier and the rule prior, in one run.
 */
import { parseBinaryLabels } from '../scoring/binary-label.ts';
import { formatCsv } from '../scoring/csv-table.ts';
import { trainFromCsv } from '../scoring/csv-training.ts';
import { probabilityOf } from '../scoring/explained-score.ts';
import { type ScoreMetrics, scoreMetrics } from '../scoring/metrics.ts';
import { explainWithRules } from '../scoring/rule-prior.ts';
import { syntheticLeads } from '../scoring/synthetic-leads.ts';
import { trainModel } from '../scoring/train-model.ts';
import { explainWithModel } from '../scoring/trained-model.ts';
import { printTable, quantile, timeRuns } from './stats.ts';

const ROWS = 10_000;
const now = new Date('2025-07-01T00:00:00Z');
const records = syntheticLeads({ rows: ROWS, seed: 2024 });
const text = formatCsv(records);
const labels = parseBinaryLabels(
  records.map((record) => record.converted),
  'converted',
);

const trainingMs = await timeRuns(
  async () => trainFromCsv({ text, labelColumn: 'converted', idColumn: 'lead_id', now }),
  { runs: 5, warmup: 1 },
);

const cut = Math.round(ROWS * 0.8);
const model = trainModel({
  records: records.slice(0, cut),
  labels: labels.slice(0, cut),
  labelColumn: 'converted',
  idColumn: 'lead_id',
  now,
});
const heldOut = records.slice(cut);
const heldOutLabels = labels.slice(cut);

const scoringMs = await timeRuns(
  async () => heldOut.map((record) => probabilityOf(explainWithModel(model, record))),
  { runs: 10 },
);

console.log(
  `${ROWS} synthetic leads; trained on the first ${cut} by time, evaluated on ${heldOut.length}`,
);
printTable([
  {
    measure: `train on ${ROWS} rows (CSV parse + 3 fits + calibration), ms`,
    median: quantile(trainingMs, 0.5),
    p90: quantile(trainingMs, 0.9),
  },
  {
    measure: 'score with reasons, rows/s',
    median: heldOut.length / (quantile(scoringMs, 0.5) / 1000),
    p90: heldOut.length / (quantile(scoringMs, 0.9) / 1000),
  },
]);
console.log('');

const baseRate = labels.slice(0, cut).reduce((sum, label) => sum + label, 0) / cut;
const row = (scorer: string, metrics: ScoreMetrics) => ({
  scorer,
  auc: metrics.auc,
  'precision top decile': metrics.precisionTopDecile,
  brier: metrics.brier,
  'base rate': metrics.baseRate,
});
printTable([
  row(
    'trained logistic regression',
    scoreMetrics(
      heldOut.map((record) => probabilityOf(explainWithModel(model, record))),
      heldOutLabels,
    ),
  ),
  row(
    'base-rate classifier',
    scoreMetrics(
      heldOut.map(() => baseRate),
      heldOutLabels,
    ),
  ),
  row(
    'rule prior',
    scoreMetrics(
      heldOut.map((record) => probabilityOf(explainWithRules(record))),
      heldOutLabels,
    ),
  ),
]);
