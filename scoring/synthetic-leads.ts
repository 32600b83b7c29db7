import type { FeatureRecord } from './cell-values.ts';
import { seededRandom } from './seeded-random.ts';

export interface SyntheticLeadsOptions {
  rows: number;
  seed: number;
  /** Log-odds that an open tender adds: the planted signal. Default 2.2. */
  tenderEffect?: number;
}

const INDUSTRIES = ['hospital', 'clinic', 'distributor', 'lab', 'pharmacy', 'rare-a', 'rare-b'];
const INDUSTRY_WEIGHTS = [0.4, 0.25, 0.2, 0.1, 0.046, 0.002, 0.002];
const REGIONS = ['East China', 'South China', 'North China', 'Southwest China'];
const SIZE_BANDS = ['small', 'medium', 'large', 'enterprise'];
const DAY_MS = 86_400_000;

/**
 * Lead rows shaped like a CRM export, with a planted signal: an open tender and web
 * visits raise conversion, positive replies help a little; size and `noise_*` columns do
 * nothing.
 * Blanks and placeholders are sprinkled in. Deterministic for a seed.
 */
export function syntheticLeads(options: SyntheticLeadsOptions): FeatureRecord[] {
  const random = seededRandom(options.seed);
  const tenderEffect = options.tenderEffect ?? 2.2;
  const start = Date.UTC(2024, 0, 1);

  return Array.from({ length: options.rows }, (_, index) => {
    const tenderOpen = random() < 0.2;
    const webVisits = Math.floor(-Math.log(1 - random()) * 2);
    const replies = random() < 0.3 ? 1 + Math.floor(random() * 3) : 0;
    const industry = pick(INDUSTRIES, INDUSTRY_WEIGHTS, random());
    const logOdds =
      -3 + tenderEffect * Number(tenderOpen) + 0.35 * Math.min(webVisits, 6) + 0.3 * replies;
    const converted = random() < 1 / (1 + Math.exp(-logOdds));
    const created = new Date(start + (index / options.rows) * 540 * DAY_MS);
    const contactedHours = random() < 0.1 ? null : Math.round(random() * 96);

    return {
      lead_id: `L-${String(index + 1).padStart(6, '0')}`,
      created_at: created.toISOString().slice(0, 10),
      first_contact_at:
        contactedHours === null
          ? ''
          : new Date(created.getTime() + contactedHours * 3_600_000).toISOString(),
      industry,
      region: REGIONS[Math.floor(random() * REGIONS.length)] ?? 'East China',
      employee_count: random() < 0.05 ? 'N/A' : String(Math.round(20 + random() ** 3 * 5000)),
      web_visits: String(webVisits),
      positive_replies: String(replies),
      size_band: SIZE_BANDS[Math.floor(random() * SIZE_BANDS.length)] ?? 'medium',
      tender_open: tenderOpen ? 'yes' : 'no',
      noise_score: (random() * 100).toFixed(1),
      noise_channel: random() < 0.5 ? 'alpha' : 'beta',
      converted: converted ? '1' : '0',
    };
  });
}

function pick<T>(values: T[], weights: number[], draw: number): T {
  let cumulative = 0;
  for (let i = 0; i < values.length; i += 1) {
    cumulative += weights[i] ?? 0;
    if (draw < cumulative) return values[i] as T;
  }
  return values.at(-1) as T;
}
