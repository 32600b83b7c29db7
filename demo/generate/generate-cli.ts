/**
 * Regenerates the bulk demo records (contacts, leads, deals, activities) and the
 * reimbursement CSV from the hand-written files, deterministically.
 *
 *   npx tsx demo/generate/generate-cli.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  DemoAccount,
  DemoActivity,
  DemoDeal,
  DemoLead,
  DemoPolicyRule,
  DemoSignal,
  DemoTenantFile,
  DemoUser,
} from '../data-format.ts';
import { dealActivities, leadActivities } from './generate-activities.ts';
import { generateContacts } from './generate-contacts.ts';
import { dealFromLead } from './generate-deals.ts';
import { generateLeads } from './generate-leads.ts';
import type { LeadPlan } from './lead-plan.ts';
import { createRandom } from './random.ts';
import { reimbursementCsv } from './reimbursement-csv.ts';
import { scriptedDeals } from './scripted-deals.ts';
import { scriptedLeads } from './scripted-leads.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, 'demo', 'data');

function read<T>(name: string): T {
  return JSON.parse(readFileSync(join(dataDir, `${name}.json`), 'utf8')) as T;
}

function write(name: string, value: unknown): void {
  writeFileSync(join(dataDir, `${name}.json`), `${JSON.stringify(value, null, 2)}\n`);
}

function find<T extends { key: string }>(items: T[], key: string | undefined): T {
  const item = items.find((candidate) => candidate.key === key);
  if (!item) throw new Error(`unknown key ${key}`);
  return item;
}

const random = createRandom(20261203);
const tenant = read<DemoTenantFile>('tenant');
const accounts = read<DemoAccount[]>('accounts');
const signals = read<DemoSignal[]>('signals');
const policies = read<DemoPolicyRule[]>('policies');
const repKeys = tenant.users.filter((user) => user.role === 'rep').map((user) => user.key);

const contacts = generateContacts(accounts, random);
const plans: LeadPlan[] = [
  ...scriptedLeads,
  ...generateLeads({
    accounts,
    contacts,
    signals,
    repKeys,
    count: 200 - scriptedLeads.length,
    scriptedAccountKeys: ['acc-001'],
    random,
  }),
];
plans.sort((a, b) => b.lead.createdDaysAgo - a.lead.createdDaysAgo);

const leads: DemoLead[] = plans.map((plan, index) => ({
  key: `lead-${String(index + 1).padStart(3, '0')}`,
  externalId: `CRM-${10001 + index}`,
  ...plan.lead,
}));

const deals: DemoDeal[] = [];
const drafts: Omit<DemoActivity, 'key'>[] = [];
const nextDealKey = () => `deal-${String(deals.length + 1).padStart(3, '0')}`;

plans.forEach((plan, index) => {
  const lead = leads[index];
  if (!lead) return;
  const owner = find<DemoUser>(tenant.users, lead.ownerKey);

  let deal: DemoDeal | undefined;
  if (plan.deal) {
    deal = { key: nextDealKey(), leadKey: lead.key, ...plan.deal };
  } else if (lead.status === 'converted' && lead.accountKey) {
    const account = find(accounts, lead.accountKey);
    deal = dealFromLead({ key: nextDealKey(), lead, account, random });
  }
  if (deal) deals.push(deal);

  const leadDrafts = plan.traits
    ? leadActivities({ lead, traits: plan.traits, endDaysAgo: plan.endDaysAgo, owner, random })
    : (plan.activities ?? []);
  for (const draft of leadDrafts) {
    const withLead: Omit<DemoActivity, 'key'> = { ...draft, leadKey: lead.key };
    if (!withLead.contactKey && lead.contactKey) withLead.contactKey = lead.contactKey;
    if (deal && draft.daysAgo < deal.createdDaysAgo) withLead.dealKey = deal.key;
    drafts.push(withLead);
  }
  if (deal && !plan.deal) drafts.push(...dealActivities(deal, owner, lead.contactKey));
});

for (const scripted of scriptedDeals) {
  const deal: DemoDeal = { key: nextDealKey(), ...scripted };
  deals.push(deal);
  const contact = contacts.find((candidate) => candidate.accountKey === deal.accountKey);
  drafts.push(...dealActivities(deal, find<DemoUser>(tenant.users, deal.ownerKey), contact?.key));
}

drafts.sort((a, b) => b.daysAgo - a.daysAgo);
const activities: DemoActivity[] = drafts.map((draft, index) => ({
  key: `act-${String(index + 1).padStart(4, '0')}`,
  ...draft,
}));

write('contacts', contacts);
write('leads', leads);
write('deals', deals);
write('activities', activities);
writeFileSync(
  join(root, 'demo', 'knowledge', 'policy', 'reimbursement-table.csv'),
  reimbursementCsv(policies, tenant.products),
);

for (const plan of plans) {
  const lead = leads[plans.indexOf(plan)];
  if (plan.note && lead) console.log(`${lead.key} ${lead.externalId}: ${plan.note}`);
}
console.log(
  `contacts ${contacts.length}, leads ${leads.length}, deals ${deals.length}, ` +
    `activities ${activities.length}`,
);
