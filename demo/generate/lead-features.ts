import type { DemoActivity, DemoLead, DemoSignal } from '../data-format.ts';

/** The planted features, recomputed from the files the way a scoring model could. */
export interface LeadFeatures {
  signal: boolean;
  meeting: boolean;
  download: boolean;
  positiveReply: boolean;
  contactedWithin7Days: boolean;
}

/** Options: the files the features are computed from. */
export interface LeadFeaturesOptions {
  leads: DemoLead[];
  activities: DemoActivity[];
  signals: DemoSignal[];
}

/** A tender notice or funding news on the lead's account in the 60 days before it was created. */
function hadSignal(lead: DemoLead, signals: DemoSignal[]): boolean {
  return signals.some(
    (signal) =>
      signal.accountKey === lead.accountKey &&
      (signal.kind === 'tender_notice' || signal.kind === 'funding_news') &&
      signal.daysAgo >= lead.createdDaysAgo &&
      signal.daysAgo - lead.createdDaysAgo <= 60,
  );
}

/** Computes each lead's planted features from its activities and its account's signals. */
export function leadFeatures(options: LeadFeaturesOptions): Map<string, LeadFeatures> {
  const { leads, activities, signals } = options;
  const result = new Map<string, LeadFeatures>();
  for (const lead of leads) {
    const own = activities.filter((activity) => activity.leadKey === lead.key);
    const first = lead.firstContactedDaysAgo;
    result.set(lead.key, {
      signal: hadSignal(lead, signals),
      meeting: own.some((activity) => activity.kind === 'meeting'),
      download: own.some((activity) => activity.kind === 'download'),
      positiveReply: own.some((activity) => activity.replySentiment === 'positive'),
      contactedWithin7Days: first !== undefined && lead.createdDaysAgo - first <= 7,
    });
  }
  return result;
}
