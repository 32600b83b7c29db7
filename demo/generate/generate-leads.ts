import type { DemoAccount, DemoContact, DemoLead, DemoSignal } from '../data-format.ts';
import type { ContactSpeed, LeadPlan, LeadTraits } from './lead-plan.ts';
import { type Random, roundDays } from './random.ts';

/** Options for generating the random part of the lead history. */
export interface GenerateLeadsOptions {
  accounts: DemoAccount[];
  contacts: DemoContact[];
  signals: DemoSignal[];
  repKeys: string[];
  /** How many random leads to add to the scripted ones. */
  count: number;
  /** Accounts whose leads are all scripted. */
  scriptedAccountKeys: string[];
  random: Random;
}

type Source = DemoLead['source'];

const productLinesByIndustry: Record<string, readonly (readonly [string, number])[]> = {
  hospital: [
    ['patient_monitoring', 3],
    ['infusion', 2],
    ['ultrasound', 2],
    ['consumables', 2],
    ['surgical_stapler', 2],
  ],
  hospital_group: [
    ['consumables', 3],
    ['patient_monitoring', 2],
    ['infusion', 2],
  ],
  distributor: [
    ['consumables', 3],
    ['surgical_stapler', 2],
    ['infusion', 2],
  ],
  clinic: [
    ['ultrasound', 2],
    ['patient_monitoring', 1],
    ['consumables', 1],
  ],
  third_party_lab: [['consumables', 1]],
};

/** True for the signals that make a lead much more likely to convert. */
export function isBuyingSignal(signal: DemoSignal): boolean {
  return signal.kind === 'tender_notice' || signal.kind === 'funding_news';
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** The planted model: signals, meetings, downloads and positive replies raise conversion. */
function conversionProbability(traits: LeadTraits): number {
  if (traits.contact === 'never') return 0;
  const logit =
    -1.95 +
    1.7 * Number(traits.signal) +
    1.5 * Number(traits.meeting) +
    1.3 * Number(traits.download) +
    1.5 * Number(traits.reply === 'positive') -
    0.8 * Number(traits.reply === 'negative') -
    2.2 * Number(traits.contact === 'late');
  return sigmoid(logit);
}

function sampleTraits(random: Random, signal: boolean): LeadTraits {
  const contact = random.weighted<ContactSpeed>([
    ['fast', 0.72],
    ['late', 0.16],
    ['never', 0.12],
  ]);
  const contacted = contact !== 'never';
  const reply = contacted
    ? random.weighted<LeadTraits['reply']>([
        ['positive', 0.25],
        ['neutral', 0.2],
        ['negative', 0.1],
        ['none', 0.45],
      ])
    : 'none';
  return {
    signal,
    contact,
    meeting: contacted && random.chance(0.3),
    download: random.chance(0.3),
    reply,
  };
}

function openStatus(random: Random, traits: LeadTraits, age: number): DemoLead['status'] {
  if (traits.contact === 'never') return age > 45 && random.chance(0.8) ? 'disqualified' : 'new';
  const warm = traits.meeting || traits.reply === 'positive';
  if (age < 12) return warm ? 'qualified' : 'working';
  if (age < 60) {
    return random.weighted([
      ['working', 0.45],
      ['qualified', warm ? 0.35 : 0.15],
      ['disqualified', 0.3],
    ]);
  }
  return random.weighted([
    ['disqualified', 0.6],
    ['qualified', 0.12],
    ['working', 0.28],
  ]);
}

function planLead(
  options: GenerateLeadsOptions,
  input: {
    account?: DemoAccount;
    createdDaysAgo: number;
    signal: boolean;
    source: Source;
    productLine: string;
  },
): LeadPlan {
  const { random, contacts, repKeys } = options;
  const traits = sampleTraits(random, input.signal);
  const created = roundDays(input.createdDaysAgo);
  const accountContacts = contacts.filter((contact) => contact.accountKey === input.account?.key);

  let firstContacted: number | undefined;
  if (traits.contact === 'fast') firstContacted = created - random.between(0.05, 6.5);
  if (traits.contact === 'late') firstContacted = created - random.between(8, 30);
  if (firstContacted !== undefined && firstContacted < 0.2) {
    // Too recent to have been contacted yet: the lead is simply new.
    firstContacted = undefined;
    traits.contact = 'never';
    traits.meeting = false;
    traits.reply = 'none';
  }

  const lead: LeadPlan['lead'] = {
    source: input.source,
    status: 'new',
    productLine: input.productLine,
    ownerKey: input.account?.ownerKey ?? random.pick(repKeys),
    createdDaysAgo: created,
  };
  if (input.account) lead.accountKey = input.account.key;
  if (accountContacts.length > 0) lead.contactKey = random.pick(accountContacts).key;
  if (firstContacted !== undefined) lead.firstContactedDaysAgo = roundDays(firstContacted);

  const converts = random.chance(conversionProbability(traits));
  const contactedAt = lead.firstContactedDaysAgo ?? created;
  if (converts && created >= 12 && contactedAt >= 4) {
    const latest = Math.min(75, contactedAt - 1);
    lead.status = 'converted';
    lead.convertedDaysAgo = roundDays(Math.max(1, contactedAt - random.between(3, latest)));
    return { lead, traits, endDaysAgo: lead.convertedDaysAgo };
  }

  lead.status = openStatus(random, traits, created);
  if (lead.status === 'converted') lead.status = 'qualified';
  const endDaysAgo =
    lead.status === 'disqualified'
      ? roundDays(Math.max(0.5, contactedAt - random.between(5, 40)))
      : 0;
  return { lead, traits, endDaysAgo };
}

function signalSource(random: Random, signal: DemoSignal): Source {
  if (signal.kind === 'tender_notice') {
    return random.weighted<Source>([
      ['tender', 0.55],
      ['outbound', 0.25],
      ['referral', 0.2],
    ]);
  }
  return random.weighted<Source>([
    ['outbound', 0.5],
    ['referral', 0.3],
    ['website', 0.2],
  ]);
}

function normalSource(random: Random, account: DemoAccount | undefined): Source {
  if (!account) return random.pick<Source>(['website', 'trade_show', 'import']);
  return random.weighted<Source>([
    ['website', 28],
    ['trade_show', 20],
    ['referral', 10],
    ['partner', account.industry === 'distributor' ? 30 : 10],
    ['outbound', 18],
    ['import', 10],
  ]);
}

function productLineFor(random: Random, account: DemoAccount | undefined): string {
  const table = productLinesByIndustry[account?.industry ?? 'hospital'] ?? [];
  return random.weighted(table);
}

/** Leads created shortly after a tender notice or funding news on their account. */
function signalLeads(options: GenerateLeadsOptions): LeadPlan[] {
  const { random, accounts, signals, scriptedAccountKeys } = options;
  const plans: LeadPlan[] = [];
  for (const signal of signals.filter(isBuyingSignal)) {
    if (signal.daysAgo < 5 || scriptedAccountKeys.includes(signal.accountKey)) continue;
    const account = accounts.find((candidate) => candidate.key === signal.accountKey);
    const count = random.integer(2, 3);
    for (let index = 0; index < count; index++) {
      const category = signal.payload.productCategory;
      plans.push(
        planLead(options, {
          account,
          createdDaysAgo: signal.daysAgo - random.between(0.3, Math.min(40, signal.daysAgo - 1)),
          signal: true,
          source: signalSource(random, signal),
          productLine:
            typeof category === 'string'
              ? category
              : random.pick(['patient_monitoring', 'infusion', 'ultrasound']),
        }),
      );
    }
  }
  return plans;
}

/** Leads without a buying signal before them: cold accounts, or hot accounts before the signal. */
function ordinaryLeads(options: GenerateLeadsOptions, count: number): LeadPlan[] {
  const { random, accounts, signals, scriptedAccountKeys } = options;
  const firstSignal = new Map<string, number>();
  for (const signal of signals.filter(isBuyingSignal)) {
    const known = firstSignal.get(signal.accountKey) ?? 0;
    firstSignal.set(signal.accountKey, Math.max(known, signal.daysAgo));
  }
  const eligible = accounts.filter((account) => !scriptedAccountKeys.includes(account.key));
  const cold = eligible.filter((account) => !firstSignal.has(account.key));
  const hot = eligible.filter((account) => {
    const earliest = firstSignal.get(account.key);
    return earliest !== undefined && earliest < 200;
  });

  const plans: LeadPlan[] = [];
  for (let index = 0; index < count; index++) {
    const roll = random.next();
    let account: DemoAccount | undefined;
    let createdDaysAgo = random.between(0.5, 300);
    if (roll < 0.07) {
      account = undefined;
    } else if (roll < 0.15) {
      account = random.pick(hot);
      createdDaysAgo = random.between((firstSignal.get(account.key) ?? 0) + 15, 300);
    } else {
      account = random.pick(cold);
    }
    plans.push(
      planLead(options, {
        account,
        createdDaysAgo,
        signal: false,
        source: normalSource(random, account),
        productLine: productLineFor(random, account),
      }),
    );
  }
  return plans;
}

/** Generates the random leads, with their hidden traits. */
export function generateLeads(options: GenerateLeadsOptions): LeadPlan[] {
  const fromSignals = signalLeads(options);
  const ordinary = ordinaryLeads(options, Math.max(0, options.count - fromSignals.length));
  return [...fromSignals, ...ordinary];
}
