/**
 * `npm run score:train -- --csv <file> --label <column> [--id <column>] [--exclude a,b]
 * --out <model.json>` trains a lead model on a CRM export. Without --csv it trains the
 * tenant's model from the database (`--tenant <slug>`), or keeps the rule prior when
 * there is too little data.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../lib/config.ts';
import { DealwiseError, InputError } from '../lib/errors.ts';
import { trainFromCsv } from './csv-training.ts';
import type { ScoreMetrics } from './metrics.ts';
import { writeModelFile } from './model-file.ts';
import { progressBar } from './progress-bar.ts';
import { trainTenantModel } from './train-tenant-model.ts';

const { values } = parseArgs({
  options: {
    csv: { type: 'string' },
    label: { type: 'string' },
    id: { type: 'string' },
    exclude: { type: 'string' },
    out: { type: 'string' },
    tenant: { type: 'string' },
  },
});

try {
  if (values.csv) await trainCsv();
  else await trainDatabase();
} catch (error) {
  if (!(error instanceof DealwiseError)) throw error;
  console.error(`score:train: ${error.message}`);
  process.exit(1);
}

async function trainCsv(): Promise<void> {
  if (!values.label || !values.out) {
    throw new InputError({
      code: 'missing_argument',
      message: 'Pass --label <column> and --out <model.json> with --csv <file>.',
    });
  }
  const text = await readFile(values.csv as string, 'utf8');
  const bar = progressBar('training');
  const model = trainFromCsv({
    text,
    fileName: values.csv as string,
    labelColumn: values.label,
    idColumn: values.id ?? null,
    exclude: values.exclude ? values.exclude.split(',').map((column) => column.trim()) : [],
    now: new Date(),
    onProgress: bar.update,
  });
  bar.stop();
  await writeModelFile(values.out, model);
  console.log(`split: ${model.validation.split}, ${model.validation.trainingRows} training rows`);
  printMetrics(model.validation.model);
  console.log(`model written to ${values.out}`);
}

async function trainDatabase(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
  });
  try {
    const bar = progressBar('training');
    const report = await trainTenantModel(database.db, {
      ...(values.tenant ? { tenantSlug: values.tenant } : {}),
      now: new Date(),
      onProgress: bar.update,
    });
    bar.stop();
    console.log(
      `tenant: ${report.tenantSlug}; ` +
        `${report.labelledLeads} labelled leads, ${report.conversions} conversions`,
    );
    console.log(`scorer in use: ${report.scorer} (${report.reason})`);
    console.log('rule prior on the same leads:');
    printMetrics(report.ruleMetrics);
    if (report.modelMetrics) {
      console.log('trained model, held out:');
      printMetrics(report.modelMetrics);
    }
  } finally {
    await database.close();
  }
}

function printMetrics(metrics: ScoreMetrics): void {
  console.log(
    [
      `  AUC ${metrics.auc.toFixed(3)}`,
      `precision in top decile ${metrics.precisionTopDecile.toFixed(3)}`,
      `Brier ${metrics.brier.toFixed(4)}`,
      `base rate ${metrics.baseRate.toFixed(3)} (${metrics.positives}/${metrics.rows})`,
    ].join(' | '),
  );
}
