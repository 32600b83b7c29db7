/**
 * Shapes of the demo data files under `demo/data/`. Every record has a stable `key`
 * from which the seed derives its row id, so re-running the seed changes nothing.
 * Times are given relative to the moment of seeding (`daysAgo`, fractional allowed),
 * so the demo always looks current; dates in the future use negative `daysAgo`.
 */

export interface DemoTenantFile {
  tenant: { key: string; slug: string; name: string; defaultLocale: string };
  teams: { key: string; name: string; region: string }[];
  users: DemoUser[];
  products: DemoProduct[];
}

export interface DemoUser {
  key: string;
  email: string;
  displayName: string;
  role: 'rep' | 'manager' | 'admin' | 'customer_contact' | 'partner';
  teamKey?: string;
  /** Required for customer_contact and partner. */
  accountKey?: string;
  locale: 'zh-CN' | 'en-US';
  timeZone: string;
  /** Demo-only plain API key, e.g. `dw_demo_rep`; stored hashed. */
  apiKey?: string;
}

export interface DemoProduct {
  code: string;
  nameZh: string;
  nameEn: string;
  productLine: string;
  listPrice: number;
}

export interface DemoAccount {
  key: string;
  nameZh: string;
  nameEn: string;
  industry: string;
  region: string;
  sizeBand: 'small' | 'medium' | 'large' | 'enterprise';
  employeeCount: number;
  registryId: string;
  website?: string;
  ownerKey: string;
}

export interface DemoContact {
  key: string;
  accountKey: string;
  name: string;
  title: string;
  email?: string;
  phone?: string;
  locale: 'zh-CN' | 'en-US';
}

export interface DemoLead {
  key: string;
  accountKey?: string;
  contactKey?: string;
  externalId: string;
  source: 'website' | 'trade_show' | 'referral' | 'tender' | 'partner' | 'outbound' | 'import';
  status: 'new' | 'working' | 'qualified' | 'converted' | 'disqualified';
  productLine: string;
  ownerKey: string;
  createdDaysAgo: number;
  firstContactedDaysAgo?: number;
  convertedDaysAgo?: number;
}

export interface DemoDeal {
  key: string;
  accountKey: string;
  leadKey?: string;
  name: string;
  stage:
    | 'prospecting'
    | 'qualification'
    | 'proposal'
    | 'negotiation'
    | 'closed_won'
    | 'closed_lost';
  amount: number;
  currency: string;
  /** Negative for a close date in the future. */
  expectedCloseDaysAgo: number;
  productLine: string;
  ownerKey: string;
  createdDaysAgo: number;
  /** Ordered history ending at `stage`; the first has `from: null`. */
  stageHistory: { from: DemoDeal['stage'] | null; to: DemoDeal['stage']; daysAgo: number }[];
}

export interface DemoActivity {
  key: string;
  kind: 'call' | 'email' | 'meeting' | 'web_visit' | 'download';
  daysAgo: number;
  leadKey?: string;
  contactKey?: string;
  dealKey?: string;
  userKey?: string;
  subject?: string;
  notes?: string;
  durationSeconds?: number;
  emailDirection?: 'outbound' | 'inbound';
  emailOpened?: boolean;
  replySentiment?: 'positive' | 'neutral' | 'negative';
  pages?: { url: string; title?: string; dwellSeconds: number }[];
  dwellSeconds?: number;
  documentTitle?: string;
  documentUrl?: string;
}

export interface DemoSignal {
  key: string;
  accountKey: string;
  kind: 'tender_notice' | 'registry_change' | 'funding_news' | 'patent_filing' | 'press_release';
  title: string;
  summary: string;
  sourceUrl: string;
  daysAgo: number;
  payload: Record<string, unknown>;
}

export interface DemoPolicyRule {
  productCode: string;
  region: string;
  reimbursementRatio: number;
  category: string;
  conditions: string;
  requiredMaterials: string[];
  effectiveFrom: string;
  effectiveTo?: string;
  version: number;
}

/** One knowledge-base document; its text is a file under `demo/knowledge/`. */
export interface DemoDocument {
  sourceId: string;
  /** Path under `demo/knowledge/`. */
  file: string;
  title: string;
  type: 'playbook' | 'talk_track' | 'filing' | 'policy' | 'faq' | 'other';
  language: 'zh' | 'en' | 'mixed';
  audience: 'public' | 'internal' | 'account';
  accountKey?: string;
  version: number;
  effectiveFrom?: string;
  effectiveTo?: string;
}
