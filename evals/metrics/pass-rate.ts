import { InputError } from '../../lib/errors.ts';

/** Share of the outcomes that passed; 0 for none. */
export function passRate(outcomes: readonly boolean[]): number {
  if (outcomes.length === 0) return 0;
  return outcomes.filter(Boolean).length / outcomes.length;
}

/**
 * pass^k: the share of cases that passed in all of their first k runs, a measure of how
 * reliably (not how often) the assistant gets a case right. `runs` holds each case's
 * outcomes, one per repeat; k defaults to the fewest runs any case has.
 */
export function passHatK(runs: readonly (readonly boolean[])[], k?: number): number {
  if (runs.length === 0) return 0;
  const repeats = k ?? Math.min(...runs.map((outcomes) => outcomes.length));
  const short = runs.findIndex((outcomes) => outcomes.length < repeats || outcomes.length === 0);
  if (short !== -1 || repeats < 1) {
    throw new InputError({
      code: 'too_few_runs',
      message:
        `pass^${repeats} needs at least ${Math.max(repeats, 1)} run(s) of every case; ` +
        `case ${short + 1} has ${runs[short]?.length ?? 0}. Run more repeats or lower k.`,
      details: { k: repeats, case: short },
    });
  }
  return passRate(runs.map((outcomes) => outcomes.slice(0, repeats).every(Boolean)));
}
