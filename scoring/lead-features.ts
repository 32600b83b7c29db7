import type { FeatureRecord } from './cell-values.ts';
import type { LeadHistory } from './lead-history.ts';

/** A record a factor rests on, so a rep can open it: a visit, an email, a tender notice. */
export interface RecordRef {
  type: 'activity' | 'signal' | 'lead' | 'account';
  id: string;
  title: string;
  at: string | null;
  url?: string;
}

/** A lead's features for scoring, the records behind each, and how adjustments slice it. */
export interface LeadFeatures {
  leadId: string;
  record: FeatureRecord;
  evidence: Record<string, RecordRef[]>;
  region: string | null;
  /** The account's size band. */
  segment: string | null;
  productLine: string | null;
}

/** Every feature a lead is scored on: engagement, triggers, responsiveness and fit. */
export const SIGNAL_FEATURES = [
  'web_visits',
  'pages_viewed',
  'dwell_minutes',
  'email_opens',
  'positive_replies',
  'neutral_replies',
  'negative_replies',
  'downloads',
  'meetings',
  'calls',
  'tender_open',
  'tender_recency',
  'funding_recency',
  'registry_recency',
  'patent_recency',
  'hours_to_first_contact',
  'industry',
  'region',
  'size_band',
  'employee_count',
  'product_line',
  'source',
] as const;

/** One of the features a lead is scored on; per-signal adjustments name these. */
export type SignalFeature = (typeof SIGNAL_FEATURES)[number];

const DAY_MS = 86_400_000;
/** Engagement counts look back this far from the moment the lead is scored at. */
export const ENGAGEMENT_WINDOW_DAYS = 90;
const HALF_LIFE_DAYS = {
  tender_notice: 30,
  funding_news: 60,
  registry_change: 60,
  patent_filing: 90,
};

// Limitation: import columns beyond the schema reach only CSV-trained models, not this path.
/**
 * Features of a lead as of a moment: only activities and signals before `asOf` count,
 * engagement over the last 90 days, external triggers decayed by age.
 */
export function leadFeatures(history: LeadHistory, asOf: Date): LeadFeatures {
  const evidence: Record<string, RecordRef[]> = {};
  const record: FeatureRecord = {
    ...engagementFeatures(history, asOf, evidence),
    ...triggerFeatures(history, asOf, evidence),
    ...fitFeatures(history, evidence),
    hours_to_first_contact: hoursToFirstContact(history, asOf, evidence),
    created_at: history.lead.createdAt,
  };
  return {
    leadId: history.lead.id,
    record,
    evidence,
    region: history.account?.region ?? null,
    segment: history.account?.sizeBand ?? null,
    productLine: history.lead.productLine,
  };
}

function engagementFeatures(
  history: LeadHistory,
  asOf: Date,
  evidence: Record<string, RecordRef[]>,
): FeatureRecord {
  const since = asOf.getTime() - ENGAGEMENT_WINDOW_DAYS * DAY_MS;
  const recent = history.activities.filter(
    (activity) => activity.occurredAt.getTime() >= since && activity.occurredAt <= asOf,
  );
  const visits = recent.filter((activity) => activity.kind === 'web_visit');
  const opened = recent.filter(
    (a) => a.kind === 'email' && a.emailDirection === 'outbound' && a.emailOpened,
  );
  const replies = recent.filter((a) => a.kind === 'email' && a.emailDirection === 'inbound');
  const bySentiment = (sentiment: string) =>
    replies.filter((reply) => (reply.replySentiment ?? 'neutral') === sentiment);
  const groups = {
    web_visits: visits,
    pages_viewed: visits,
    dwell_minutes: visits,
    email_opens: opened,
    positive_replies: bySentiment('positive'),
    neutral_replies: bySentiment('neutral'),
    negative_replies: bySentiment('negative'),
    downloads: recent.filter((activity) => activity.kind === 'download'),
    meetings: recent.filter((activity) => activity.kind === 'meeting'),
    calls: recent.filter((activity) => activity.kind === 'call'),
  };
  for (const [feature, rows] of Object.entries(groups)) evidence[feature] = rows.map(activityRef);

  const pageCount = (activity: (typeof visits)[number]) => activity.pages?.length ?? 1;
  const dwell = (activity: (typeof visits)[number]) =>
    activity.dwellSeconds ?? activity.pages?.reduce((sum, page) => sum + page.dwellSeconds, 0) ?? 0;
  return {
    web_visits: visits.length,
    pages_viewed: visits.reduce((sum, visit) => sum + pageCount(visit), 0),
    dwell_minutes: Math.round(visits.reduce((sum, visit) => sum + dwell(visit), 0) / 6) / 10,
    email_opens: opened.length,
    positive_replies: groups.positive_replies.length,
    neutral_replies: groups.neutral_replies.length,
    negative_replies: groups.negative_replies.length,
    downloads: groups.downloads.length,
    meetings: groups.meetings.length,
    calls: groups.calls.length,
  };
}

function triggerFeatures(
  history: LeadHistory,
  asOf: Date,
  evidence: Record<string, RecordRef[]>,
): FeatureRecord {
  const published = history.signals.filter((signal) => signal.publishedAt <= asOf);
  const openTenders = published.filter(
    (signal) => signal.kind === 'tender_notice' && tenderDeadline(signal) >= asOf.getTime(),
  );
  evidence.tender_open = openTenders.map(signalRef);

  const decayed = (kind: keyof typeof HALF_LIFE_DAYS, feature: string): number => {
    const matching = published.filter((signal) => signal.kind === kind);
    evidence[feature] = matching.map(signalRef);
    const ages = matching.map((signal) => (asOf.getTime() - signal.publishedAt.getTime()) / DAY_MS);
    const best = Math.max(0, ...ages.map((age) => 0.5 ** (age / HALF_LIFE_DAYS[kind])));
    return Math.round(best * 1000) / 1000;
  };
  return {
    tender_open: openTenders.length > 0,
    tender_recency: decayed('tender_notice', 'tender_recency'),
    funding_recency: decayed('funding_news', 'funding_recency'),
    registry_recency: decayed('registry_change', 'registry_recency'),
    patent_recency: decayed('patent_filing', 'patent_recency'),
  };
}

/** When a tender's bidding window closes: its payload's deadline, else 20 days after notice. */
function tenderDeadline(signal: LeadHistory['signals'][number]): number {
  const payload = signal.payload as { deadline?: unknown; deadlineDays?: unknown };
  if (typeof payload.deadline === 'string' && !Number.isNaN(Date.parse(payload.deadline))) {
    return Date.parse(payload.deadline);
  }
  const days = typeof payload.deadlineDays === 'number' ? payload.deadlineDays : 20;
  return signal.publishedAt.getTime() + days * DAY_MS;
}

function fitFeatures(history: LeadHistory, evidence: Record<string, RecordRef[]>): FeatureRecord {
  const { account, lead } = history;
  const accountRefs = account ? [accountRef(account)] : [];
  for (const feature of ['industry', 'region', 'size_band', 'employee_count']) {
    evidence[feature] = accountRefs;
  }
  evidence.product_line = [leadRef(history)];
  evidence.source = [leadRef(history)];
  return {
    industry: account?.industry ?? null,
    region: account?.region ?? null,
    size_band: account?.sizeBand ?? null,
    employee_count: account?.employeeCount ?? null,
    product_line: lead.productLine,
    source: lead.source,
  };
}

function hoursToFirstContact(
  history: LeadHistory,
  asOf: Date,
  evidence: Record<string, RecordRef[]>,
): number | null {
  evidence.hours_to_first_contact = [leadRef(history)];
  const { createdAt, firstContactedAt } = history.lead;
  if (!firstContactedAt || firstContactedAt > asOf) return null;
  return Math.max(0, Math.round((firstContactedAt.getTime() - createdAt.getTime()) / 360_000) / 10);
}

function activityRef(activity: LeadHistory['activities'][number]): RecordRef {
  const title =
    activity.subject ?? activity.documentTitle ?? activity.pages?.[0]?.title ?? activity.kind;
  const url = activity.documentUrl ?? activity.pages?.[0]?.url;
  return {
    type: 'activity',
    id: activity.id,
    title,
    at: activity.occurredAt.toISOString(),
    ...(url ? { url } : {}),
  };
}

function signalRef(signal: LeadHistory['signals'][number]): RecordRef {
  return {
    type: 'signal',
    id: signal.id,
    title: signal.title,
    at: signal.publishedAt.toISOString(),
    url: signal.sourceUrl,
  };
}

function accountRef(account: NonNullable<LeadHistory['account']>): RecordRef {
  return {
    type: 'account',
    id: account.id,
    title: account.nameZh ?? account.nameEn ?? account.id,
    at: null,
  };
}

function leadRef(history: LeadHistory): RecordRef {
  return {
    type: 'lead',
    id: history.lead.id,
    title: history.lead.externalId ?? history.lead.id,
    at: history.lead.createdAt.toISOString(),
  };
}
