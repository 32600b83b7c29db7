/**
 * `npm run ingest -- <path...> [--type T] [--audience A] [--account ID] [--tenant SLUG]
 *  [--version N] [--effective-from YYYY-MM-DD] [--effective-to YYYY-MM-DD]`
 * Ingests files and folders into a tenant's knowledge base, with a progress bar and a
 * closing summary. A file that fails is reported and the rest go on.
 */
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { and, eq, or } from 'drizzle-orm';
import { type Database, openDatabase } from '../db/client.ts';
import { accounts, audience, documentType, tenants } from '../db/schema/index.ts';
import { loadConfig } from '../lib/config.ts';
import { DealwiseError, InputError } from '../lib/errors.ts';
import { createEmbedder } from './create-embedder.ts';
import type { Audience, DocumentType } from './ingest-document.ts';
import { ingestFiles } from './ingest-files.ts';

const USAGE =
  'usage: npm run ingest -- <path...> [--type playbook|talk_track|filing|policy|faq|other] ' +
  '[--audience public|internal|account] [--account <id or registry id>] [--tenant <slug>] ' +
  '[--version <n>] [--effective-from <date>] [--effective-to <date>]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    type: { type: 'string' },
    audience: { type: 'string' },
    account: { type: 'string' },
    tenant: { type: 'string' },
    version: { type: 'string' },
    'effective-from': { type: 'string' },
    'effective-to': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help || positionals.length === 0) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const config = loadConfig();
const database = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
try {
  const tenantId = await resolveTenant(database.db, values.tenant);
  const accountId = values.account
    ? await resolveAccount(database.db, tenantId, values.account)
    : null;
  const chosenAudience = oneOf(values.audience, audience.enumValues, '--audience') as
    | Audience
    | undefined;
  const bar = new SingleBar({
    format: 'ingesting [{bar}] {value}/{total} files  {file}',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(1, 0, { file: '' });

  const summary = await ingestFiles(
    { db: database.db, embedder: createEmbedder(config.embeddings), tenantId },
    {
      paths: positionals,
      attributes: {
        type: oneOf(values.type, documentType.enumValues, '--type') as DocumentType | undefined,
        audience: chosenAudience ?? (accountId ? 'account' : 'internal'),
        accountId,
        ...(values.version ? { version: Number(values.version) } : {}),
        effectiveFrom: values['effective-from'] ?? null,
        effectiveTo: values['effective-to'] ?? null,
      },
      onProgress: ({ done, total, file }) => {
        bar.setTotal(total);
        bar.update(done, { file });
      },
    },
  );
  bar.stop();

  console.log(
    `\n${summary.files} files: ${summary.documents} documents stored (${summary.chunks} chunks), ` +
      `${summary.unchanged} unchanged, ${summary.failed.length} failed.`,
  );
  for (const failure of summary.failed) {
    console.log(`  failed  ${failure.file}: ${failure.message} [${failure.code}]`);
  }
  for (const problem of summary.problems) {
    console.log(`  skipped ${problem.file}, ${problem.message}`);
  }
  process.exitCode = summary.failed.length > 0 ? 1 : 0;
} catch (error) {
  if (!(error instanceof DealwiseError)) throw error;
  console.error(`${error.message} [${error.code}]`);
  process.exitCode = 2;
} finally {
  await database.close();
}

async function resolveTenant(db: Database, slug: string | undefined): Promise<string> {
  const rows = await db
    .select({ id: tenants.id, slug: tenants.slug })
    .from(tenants)
    .where(slug ? eq(tenants.slug, slug) : undefined);
  if (rows.length === 1) return (rows[0] as { id: string }).id;
  throw new InputError({
    code: 'tenant_required',
    message: slug
      ? `No tenant with slug "${slug}".`
      : `There are ${rows.length} tenants; choose one with --tenant <slug> ` +
        `(${rows.map((row) => row.slug).join(', ')}).`,
  });
}

async function resolveAccount(db: Database, tenantId: string, reference: string): Promise<string> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(reference);
  const [account] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.tenantId, tenantId),
        isUuid
          ? or(eq(accounts.id, reference), eq(accounts.registryId, reference))
          : eq(accounts.registryId, reference),
      ),
    );
  if (account) return account.id;
  throw new InputError({
    code: 'unknown_account',
    message: `No account "${reference}" in this tenant; pass its id or unified social credit code.`,
  });
}

function oneOf(value: string | undefined, allowed: readonly string[], flag: string) {
  if (value === undefined || allowed.includes(value)) return value;
  throw new InputError({
    code: 'invalid_option',
    message: `${flag} must be one of ${allowed.join(', ')}.`,
  });
}
