import type { DemoAccount, DemoDeal, DemoLead } from '../data-format.ts';
import { type Random, roundDays } from './random.ts';

type Stage = DemoDeal['stage'];

const openStages: readonly Stage[] = ['prospecting', 'qualification', 'proposal', 'negotiation'];

const amountRanges: Record<string, readonly [number, number]> = {
  patient_monitoring: [300_000, 3_000_000],
  infusion: [150_000, 1_500_000],
  ultrasound: [400_000, 5_000_000],
  consumables: [80_000, 1_200_000],
  surgical_stapler: [120_000, 1_600_000],
};

const sizeFactor: Record<DemoAccount['sizeBand'], number> = {
  small: 0.25,
  medium: 0.5,
  large: 0.75,
  enterprise: 1,
};

const projectNames: Record<string, readonly string[]> = {
  patient_monitoring: ['监护设备采购项目', '重症监护能力提升项目', 'ICU Monitoring Upgrade'],
  infusion: ['输注设备更新项目', '输液泵/注射泵集中采购', 'Infusion Pump Renewal'],
  ultrasound: ['超声诊断设备项目', '彩超更新项目', 'Ultrasound Fleet Upgrade'],
  consumables: ['一次性输注耗材年度供货', '输液器带量采购配送', 'Infusion Set Supply Agreement'],
  surgical_stapler: ['腔镜吻合器年度供货', '吻合器及钉仓遴选项目', 'Endo Stapler Supply'],
};

function amountFor(random: Random, productLine: string, account: DemoAccount): number {
  const [low, high] = amountRanges[productLine] ?? [100_000, 1_000_000];
  const factor = sizeFactor[account.sizeBand];
  const raw = low + (high - low) * factor * random.between(0.4, 1);
  return Math.max(80_000, Math.round(raw / 10_000) * 10_000);
}

/** Moves forward through the stages from `createdDaysAgo`, spreading changes over time. */
function history(
  random: Random,
  target: Stage,
  created: number,
  closeDaysAgo: number,
): DemoDeal['stageHistory'] {
  const path: Stage[] = ['prospecting'];
  if (target === 'closed_lost') {
    const lastOpen = random.pick(['qualification', 'proposal', 'negotiation'] as const);
    path.push(...openStages.slice(1, openStages.indexOf(lastOpen) + 1), 'closed_lost');
  } else if (target === 'closed_won') {
    path.push(...openStages.slice(1), 'closed_won');
  } else {
    path.push(...openStages.slice(1, openStages.indexOf(target) + 1));
  }

  const span = created - closeDaysAgo;
  const steps = path.length - 1;
  return path.map((stage, index) => ({
    from: index === 0 ? null : (path[index - 1] ?? null),
    to: stage,
    daysAgo: roundDays(index === 0 ? created : created - (span * index) / Math.max(steps, 1)),
  }));
}

/** Options for turning a converted lead into a deal. */
export interface DealFromLeadOptions {
  key: string;
  lead: DemoLead;
  account: DemoAccount;
  random: Random;
}

/** A deal opened when the lead converted; older deals are closed, newer ones still open. */
export function dealFromLead(options: DealFromLeadOptions): DemoDeal {
  const { key, lead, account, random } = options;
  const created = lead.convertedDaysAgo ?? lead.createdDaysAgo;
  const cycle = random.between(30, 110);

  let stage: Stage;
  let closeDaysAgo: number;
  if (created - cycle > 1) {
    stage = random.chance(0.6) ? 'closed_won' : 'closed_lost';
    closeDaysAgo = roundDays(created - cycle);
  } else {
    const progress = Math.min(0.99, created / cycle);
    stage = openStages[Math.floor(progress * openStages.length)] ?? 'prospecting';
    closeDaysAgo = 0;
  }

  const stageHistory = history(
    random,
    stage,
    created,
    stage.startsWith('closed') ? closeDaysAgo : roundDays(created * 0.2),
  );
  const suffix = random.pick(projectNames[lead.productLine] ?? ['采购项目']);
  return {
    key,
    accountKey: account.key,
    leadKey: lead.key,
    name: `${account.nameZh} ${suffix}`,
    stage,
    amount: amountFor(random, lead.productLine, account),
    currency: 'CNY',
    expectedCloseDaysAgo: stage.startsWith('closed') ? closeDaysAgo : -roundDays(cycle - created),
    productLine: lead.productLine,
    ownerKey: lead.ownerKey,
    createdDaysAgo: created,
    stageHistory,
  };
}
