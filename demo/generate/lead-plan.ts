import type { DemoActivity, DemoDeal, DemoLead } from '../data-format.ts';

/** How soon a lead was first contacted by its owner. */
export type ContactSpeed = 'fast' | 'late' | 'never';

/** The hidden traits a lead was generated from; activities are derived from them. */
export interface LeadTraits {
  signal: boolean;
  contact: ContactSpeed;
  meeting: boolean;
  download: boolean;
  reply: 'positive' | 'neutral' | 'negative' | 'none';
}

/** A lead before keys are assigned, with what the activity generator needs. */
export interface LeadPlan {
  lead: Omit<DemoLead, 'key' | 'externalId'>;
  /** Random leads carry traits; scripted leads carry their own activities instead. */
  traits?: LeadTraits;
  /** Scripted activities without keys; `leadKey` is filled in once keys exist. */
  activities?: Omit<DemoActivity, 'key'>[];
  /** A scripted deal for this lead, without key and leadKey. */
  deal?: Omit<DemoDeal, 'key' | 'leadKey'>;
  /** Relative day the lead stopped being worked (conversion or disqualification). */
  endDaysAgo: number;
  /** A note for the final report, e.g. why this lead is good nudge material. */
  note?: string;
}
