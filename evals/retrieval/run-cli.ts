/**
 * `npm run eval:retrieval [-- --json results.json]`: seeds the demo tenant, runs the
 * labelled questions in the vector, text and hybrid modes as the demo admin, and prints
 * recall, MRR and nDCG overall and by language, then the questions hybrid misses.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { authenticateApiKey } from '../../auth/api-keys.ts';
import { openDatabase } from '../../db/client.ts';
import { loadDemoData, seedDemoTenant } from '../../demo/seed.ts';
import { createEmbedder } from '../../knowledge/create-embedder.ts';
import { loadConfig } from '../../lib/config.ts';
import { evaluateRetrieval, SEARCH_MODES } from './evaluate-retrieval.ts';
import { formatReport } from './format-report.ts';
import { checkSourceIds, loadQuestions, type RetrievalQuestion } from './load-questions.ts';
import { missesAt10, summarizeResults } from './summarize-results.ts';

const K = 10;
const ADMIN_KEY = 'dw_demo_admin';
const DEFAULT_QUESTIONS = fileURLToPath(new URL('./questions.jsonl', import.meta.url));

const { values: options } = parseArgs({
  options: { json: { type: 'string' }, questions: { type: 'string' } },
});

const config = loadConfig();
const questionsFile = options.questions ?? DEFAULT_QUESTIONS;
const questions = await loadQuestions(questionsFile);
const demo = await loadDemoData();
checkSourceIds(questions, new Set(demo.documents.map((document) => document.sourceId)));

// Limitation: on an already seeded PostgreSQL, unchanged documents keep the vectors of the
// embedder that first stored them; use an empty database when comparing embedders.
const database = await openDatabase({ url: config.database.url });
try {
  const embedder = createEmbedder(config.embeddings);
  await seedDemoTenant(database.db, { embedder });
  const caller = await authenticateApiKey(database.db, ADMIN_KEY);

  const results = await evaluateRetrieval({
    context: { db: database.db, embedder },
    caller,
    questions,
    modes: SEARCH_MODES,
    k: K,
  });
  const heading = `Retrieval eval: ${describeQuestions(questions)}; k = ${K}; embedder ${
    embedder.id
  }; ${database.kind}`;
  console.log(
    formatReport({
      heading,
      summaries: summarizeResults(results, SEARCH_MODES),
      misses: missesAt10(results, 'hybrid'),
    }),
  );

  if (options.json) {
    await writeFile(options.json, `${JSON.stringify(results, null, 2)}\n`, 'utf8');
    console.log(`\nPer-question results written to ${options.json}`);
  }
} finally {
  await database.close();
}

function describeQuestions(list: readonly RetrievalQuestion[]): string {
  const zh = list.filter((question) => question.language === 'zh').length;
  const crossLingual = list.filter((question) => question.crossLingual).length;
  const en = list.length - zh;
  return `${list.length} questions (${zh} zh, ${en} en; ${crossLingual} cross-lingual)`;
}
