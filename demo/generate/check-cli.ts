/**
 * Checks the demo data files against each other: keys, references, time order, and
 * that every knowledge document exists. Prints the planted lead-conversion patterns.
 *
 *   npx tsx demo/generate/check-cli.ts
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  DemoAccount,
  DemoActivity,
  DemoContact,
  DemoDeal,
  DemoDocument,
  DemoLead,
  DemoPolicyRule,
  DemoSignal,
  DemoTenantFile,
} from '../data-format.ts';
import { leadFeatures } from './lead-features.ts';

const demoDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const knowledgeDir = join(demoDir, 'knowledge');
const problems: string[] = [];

function read<T>(name: string): T {
  return JSON.parse(readFileSync(join(demoDir, 'data', `${name}.json`), 'utf8')) as T;
}

function expect(condition: unknown, message: string): void {
  if (!condition) problems.push(message);
}

function unique(label: string, values: string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    expect(!seen.has(value), `${label} not unique: ${value}`);
    seen.add(value);
  }
}

function oneOf(label: string, value: unknown, allowed: readonly string[]): void {
  expect(typeof value === 'string' && allowed.includes(value), `${label}: bad value ${value}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(knowledgeDir, path)];
  });
}

const tenant = read<DemoTenantFile>('tenant');
const accounts = read<DemoAccount[]>('accounts');
const contacts = read<DemoContact[]>('contacts');
const leads = read<DemoLead[]>('leads');
const deals = read<DemoDeal[]>('deals');
const activities = read<DemoActivity[]>('activities');
const signals = read<DemoSignal[]>('signals');
const policies = read<DemoPolicyRule[]>('policies');
const documents = read<DemoDocument[]>('documents');

const userKeys = new Set(tenant.users.map((user) => user.key));
const teamKeys = new Set(tenant.teams.map((team) => team.key));
const accountKeys = new Set(accounts.map((account) => account.key));
const contactByKey = new Map(contacts.map((contact) => [contact.key, contact]));
const leadByKey = new Map(leads.map((lead) => [lead.key, lead]));
const dealByKey = new Map(deals.map((deal) => [deal.key, deal]));
const regions = new Set(accounts.map((account) => account.region));
const stages = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
];

unique('user key', [...userKeys]);
unique(
  'user apiKey',
  tenant.users.flatMap((user) => (user.apiKey ? [user.apiKey] : [])),
);
unique(
  'product code',
  tenant.products.map((product) => product.code),
);
for (const user of tenant.users) {
  oneOf(`user ${user.key} role`, user.role, [
    'rep',
    'manager',
    'admin',
    'customer_contact',
    'partner',
  ]);
  oneOf(`user ${user.key} locale`, user.locale, ['zh-CN', 'en-US']);
  if (user.teamKey) expect(teamKeys.has(user.teamKey), `user ${user.key}: unknown team`);
  if (user.role === 'customer_contact' || user.role === 'partner') {
    expect(user.accountKey && accountKeys.has(user.accountKey), `user ${user.key}: needs account`);
  }
}
for (const product of tenant.products) {
  expect(/^C[0-9A-Z]{14,19}$/.test(product.code), `product code format ${product.code}`);
}

unique(
  'account key',
  accounts.map((account) => account.key),
);
unique(
  'registryId',
  accounts.map((account) => account.registryId),
);
for (const account of accounts) {
  expect(account.registryId.length === 18, `registryId length ${account.key}`);
  expect(userKeys.has(account.ownerKey), `account ${account.key}: unknown owner`);
  oneOf(`account ${account.key} size`, account.sizeBand, [
    'small',
    'medium',
    'large',
    'enterprise',
  ]);
}

unique(
  'contact key',
  contacts.map((contact) => contact.key),
);
for (const contact of contacts) {
  expect(accountKeys.has(contact.accountKey), `contact ${contact.key}: unknown account`);
}

unique(
  'lead key',
  leads.map((lead) => lead.key),
);
unique(
  'externalId',
  leads.map((lead) => lead.externalId),
);
for (const lead of leads) {
  const label = `lead ${lead.key}`;
  oneOf(`${label} status`, lead.status, [
    'new',
    'working',
    'qualified',
    'converted',
    'disqualified',
  ]);
  oneOf(`${label} source`, lead.source, [
    'website',
    'trade_show',
    'referral',
    'tender',
    'partner',
    'outbound',
    'import',
  ]);
  expect(userKeys.has(lead.ownerKey), `${label}: unknown owner`);
  if (lead.accountKey) expect(accountKeys.has(lead.accountKey), `${label}: unknown account`);
  if (lead.contactKey) {
    expect(
      contactByKey.get(lead.contactKey)?.accountKey === lead.accountKey,
      `${label}: contact account`,
    );
  }
  const first = lead.firstContactedDaysAgo;
  if (first !== undefined)
    expect(first <= lead.createdDaysAgo && first >= 0, `${label}: first contact`);
  expect(
    (lead.status === 'converted') === (lead.convertedDaysAgo !== undefined),
    `${label}: converted`,
  );
  if (lead.convertedDaysAgo !== undefined) {
    expect(
      first !== undefined && lead.convertedDaysAgo <= first,
      `${label}: converted before contact`,
    );
  }
  if (lead.status === 'new') expect(first === undefined, `${label}: new but contacted`);
}

unique(
  'deal key',
  deals.map((deal) => deal.key),
);
for (const deal of deals) {
  const label = `deal ${deal.key}`;
  expect(accountKeys.has(deal.accountKey), `${label}: unknown account`);
  expect(userKeys.has(deal.ownerKey), `${label}: unknown owner`);
  expect(deal.amount >= 80_000 && deal.amount <= 5_000_000, `${label}: amount ${deal.amount}`);
  if (deal.leadKey) {
    const lead = leadByKey.get(deal.leadKey);
    expect(lead?.accountKey === deal.accountKey, `${label}: lead account`);
    expect(lead?.status === 'converted', `${label}: lead not converted`);
  }
  const history = deal.stageHistory;
  expect(
    history[0]?.from === null && history[0]?.daysAgo === deal.createdDaysAgo,
    `${label}: start`,
  );
  expect(history[history.length - 1]?.to === deal.stage, `${label}: history end`);
  history.forEach((change, index) => {
    oneOf(`${label} stage`, change.to, stages);
    const previous = history[index - 1];
    if (previous) {
      expect(change.from === previous.to, `${label}: history chain`);
      expect(change.daysAgo < previous.daysAgo, `${label}: history order`);
    }
  });
  const closed = deal.stage.startsWith('closed');
  expect(
    closed ? deal.expectedCloseDaysAgo >= 0 : deal.expectedCloseDaysAgo < 0,
    `${label}: close`,
  );
}

unique(
  'activity key',
  activities.map((activity) => activity.key),
);
for (const activity of activities) {
  const label = `activity ${activity.key}`;
  const { leadKey, contactKey, dealKey, userKey } = activity;
  expect(leadKey || contactKey || dealKey, `${label}: no link`);
  const lead = leadKey ? leadByKey.get(leadKey) : undefined;
  const deal = dealKey ? dealByKey.get(dealKey) : undefined;
  const contact = contactKey ? contactByKey.get(contactKey) : undefined;
  if (leadKey) expect(lead, `${label}: unknown lead`);
  if (dealKey) expect(deal, `${label}: unknown deal`);
  if (contactKey) expect(contact, `${label}: unknown contact`);
  if (userKey) expect(userKeys.has(userKey), `${label}: unknown user`);
  if (lead && contact) expect(lead.accountKey === contact.accountKey, `${label}: lead/contact`);
  if (deal && contact) expect(deal.accountKey === contact.accountKey, `${label}: deal/contact`);
  if (lead) expect(activity.daysAgo <= lead.createdDaysAgo, `${label}: before lead`);
  expect(activity.daysAgo >= 0, `${label}: in the future`);
  if (activity.kind === 'call') expect(activity.durationSeconds, `${label}: call duration`);
  if (activity.kind === 'email') expect(activity.emailDirection, `${label}: email direction`);
  if (activity.kind === 'web_visit') expect(activity.pages?.length, `${label}: pages`);
  if (activity.kind === 'download') expect(activity.documentUrl, `${label}: document`);
}

unique(
  'signal key',
  signals.map((signal) => signal.key),
);
unique(
  'signal sourceUrl',
  signals.map((signal) => signal.sourceUrl),
);
for (const signal of signals) {
  expect(accountKeys.has(signal.accountKey), `signal ${signal.key}: unknown account`);
  expect(/^https:\/\/[a-z.]*example\.(com|cn|gov\.cn)\//.test(signal.sourceUrl), `signal url`);
}

const codes = new Set(tenant.products.map((product) => product.code));
unique(
  'policy code/region/version',
  policies.map((rule) => `${rule.productCode}/${rule.region}/${rule.version}`),
);
for (const rule of policies) {
  const label = `policy ${rule.productCode}/${rule.region}`;
  expect(codes.has(rule.productCode), `${label}: unknown product`);
  expect(regions.has(rule.region), `${label}: unknown region`);
  expect(rule.reimbursementRatio >= 0 && rule.reimbursementRatio <= 1, `${label}: ratio`);
}

unique(
  'document sourceId',
  documents.map((document) => document.sourceId),
);
unique(
  'document file',
  documents.map((document) => document.file),
);
for (const document of documents) {
  const label = `document ${document.sourceId}`;
  expect(existsSync(join(knowledgeDir, document.file)), `${label}: missing file ${document.file}`);
  oneOf(`${label} type`, document.type, [
    'playbook',
    'talk_track',
    'filing',
    'policy',
    'faq',
    'other',
  ]);
  oneOf(`${label} audience`, document.audience, ['public', 'internal', 'account']);
  oneOf(`${label} language`, document.language, ['zh', 'en', 'mixed']);
  if (document.audience === 'account') expect(document.accountKey, `${label}: needs account`);
  if (document.accountKey) expect(accountKeys.has(document.accountKey), `${label}: account`);
}
const listed = new Set(documents.map((document) => document.file));
for (const file of filesUnder(knowledgeDir)) expect(listed.has(file), `unlisted knowledge ${file}`);

const customer = tenant.users.find((user) => user.role === 'customer_contact');
const customerAccount = customer?.accountKey;
expect(
  contacts.some((contact) => contact.accountKey === customerAccount),
  'customer: contacts',
);
expect(
  leads.some((lead) => lead.accountKey === customerAccount),
  'customer: leads',
);
expect(
  deals.some((deal) => deal.accountKey === customerAccount),
  'customer: deal',
);
expect(
  documents.some(
    (document) => document.audience === 'account' && document.accountKey === customerAccount,
  ),
  'customer: account document',
);

const features = leadFeatures({ leads, activities, signals });
const resolved = leads.filter((lead) => lead.createdDaysAgo >= 12 && lead.status !== 'new');
const rate = (subset: DemoLead[]) => {
  const converted = subset.filter((lead) => lead.status === 'converted').length;
  const percent = ((100 * converted) / Math.max(1, subset.length)).toFixed(0);
  return `${converted}/${subset.length} = ${percent}%`;
};
const byStatus = new Map<string, number>();
for (const lead of leads) byStatus.set(lead.status, (byStatus.get(lead.status) ?? 0) + 1);
console.log('statuses', [...byStatus].map(([status, count]) => `${status} ${count}`).join(', '));
console.log(`converted overall ${rate(leads)}; among leads older than 12 days ${rate(resolved)}`);
for (const name of [
  'signal',
  'meeting',
  'download',
  'positiveReply',
  'contactedWithin7Days',
] as const) {
  const withFeature = resolved.filter((lead) => features.get(lead.key)?.[name]);
  const without = resolved.filter((lead) => !features.get(lead.key)?.[name]);
  console.log(`${name.padEnd(21)} with ${rate(withFeature).padEnd(14)} without ${rate(without)}`);
}
console.log(
  `counts: accounts ${accounts.length}, contacts ${contacts.length}, leads ${leads.length}, ` +
    `deals ${deals.length}, activities ${activities.length}, signals ${signals.length}, ` +
    `policies ${policies.length}, documents ${documents.length}`,
);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${problems.length} problem(s)`);
  process.exitCode = 1;
} else {
  console.log('demo data is consistent');
}
