import { z } from 'zod';
import { InputError } from '../lib/errors.ts';
import { SIGNAL_FEATURES } from './lead-features.ts';
import type { ExplainedScore } from './trained-model.ts';

/** Largest multiplier accepted: beyond it one setting would drown every other signal. */
export const MAXIMUM_MULTIPLIER = 10;

const multiplier = z
  .number({ error: 'must be a number' })
  .min(0, 'must be 0 or more (0 switches it off, 1 leaves it as it is)')
  .max(MAXIMUM_MULTIPLIER, `must be at most ${MAXIMUM_MULTIPLIER}`);

/** Multipliers a manager sets: on the odds by region, segment, product line; per signal. */
export const scoreAdjustmentsSchema = z.strictObject({
  region: z.record(z.string().min(1), multiplier).default({}),
  segment: z.record(z.string().min(1), multiplier).default({}),
  productLine: z.record(z.string().min(1), multiplier).default({}),
  signal: z.record(z.string().min(1), multiplier).default({}),
});

/** A tenant's multipliers; anything not named is 1. */
export type ScoreAdjustments = z.infer<typeof scoreAdjustmentsSchema>;

/** No adjustment at all. */
export const NO_ADJUSTMENTS: ScoreAdjustments = {
  region: {},
  segment: {},
  productLine: {},
  signal: {},
};

/** The values a tenant's adjustments may name. */
export interface AdjustmentVocabulary {
  regions: string[];
  segments: string[];
  productLines: string[];
}

/**
 * Parses adjustments from a request body and checks every name against the tenant's
 * regions, segments, product lines and the known signals; throws InputError otherwise.
 */
export function parseAdjustments(
  body: unknown,
  vocabulary: AdjustmentVocabulary,
): ScoreAdjustments {
  const parsed = scoreAdjustmentsSchema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'body'} ${issue.message}`,
    );
    throw new InputError({
      code: 'invalid_adjustment',
      message: `The adjustments are invalid: ${problems.join('; ')}.`,
      details: { problems },
    });
  }

  const adjustments = parsed.data;
  const unknown = [
    ...unknownKeys('region', adjustments.region, vocabulary.regions),
    ...unknownKeys('segment', adjustments.segment, vocabulary.segments),
    ...unknownKeys('productLine', adjustments.productLine, vocabulary.productLines),
    ...unknownKeys('signal', adjustments.signal, [...SIGNAL_FEATURES]),
  ];
  if (unknown.length > 0) {
    throw new InputError({
      code: 'invalid_adjustment',
      message: `The adjustments name what does not exist: ${unknown.join('; ')}.`,
      details: { problems: unknown },
    });
  }
  return adjustments;
}

/** Where a lead sits for the odds multipliers; the segment is the account's size band. */
export interface AdjustmentSlice {
  region: string | null;
  segment: string | null;
  productLine: string | null;
}

/** Applies multipliers: each signal's log-odds scaled, then the odds scaled by slice. */
export function applyAdjustments(
  explained: ExplainedScore,
  slice: AdjustmentSlice,
  adjustments: ScoreAdjustments,
): ExplainedScore {
  const contributions = explained.contributions.map((part) => ({
    ...part,
    logOdds: part.logOdds * (adjustments.signal[part.feature] ?? 1),
  }));
  const oddsMultiplier =
    lookup(adjustments.region, slice.region) *
    lookup(adjustments.segment, slice.segment) *
    lookup(adjustments.productLine, slice.productLine);
  return { base: explained.base + Math.log(oddsMultiplier), contributions };
}

function lookup(multipliers: Record<string, number>, key: string | null): number {
  return key === null ? 1 : (multipliers[key] ?? 1);
}

function unknownKeys(field: string, values: Record<string, number>, known: string[]): string[] {
  return Object.keys(values)
    .filter((key) => !known.includes(key))
    .map((key) => `${field} "${key}" is not one of ${known.join(', ') || '(none)'}`);
}
