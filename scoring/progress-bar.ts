import cliProgress from 'cli-progress';

/** A terminal progress bar for long training runs; `update` takes a fraction done. */
export function progressBar(label: string): { update(fraction: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {duration}s`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0);
  return {
    update: (fraction) => bar.update(Math.round(Math.min(1, Math.max(0, fraction)) * 100)),
    stop: () => bar.stop(),
  };
}
