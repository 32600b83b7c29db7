/** Small helpers shared by the benchmarks. */
import { nearestRank } from '../lib/nearest-rank.ts';

/** The q-quantile (0..1) of some samples, by nearest rank; NaN when there are none. */
export function quantile(samples: number[], q: number): number {
  return nearestRank(samples, q) ?? Number.NaN;
}

/** Milliseconds taken by each of `runs` calls of `work`, after `warmup` unmeasured calls. */
export async function timeRuns(
  work: () => Promise<unknown>,
  options: { runs: number; warmup?: number },
): Promise<number[]> {
  for (let i = 0; i < (options.warmup ?? 3); i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Prints rows as an aligned table. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const cell = (value: string | number | undefined) =>
    typeof value === 'number' ? formatNumber(value) : (value ?? '');
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => String(cell(row[column])).length)),
  );
  const line = (values: string[]) =>
    values.map((value, i) => value.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map((column) => String(cell(row[column])))));
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(3);
}
