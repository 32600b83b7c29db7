import { escapeHtml } from './escape-html.ts';

/** One bar: a label and its value; null draws no bar and reads "n/a". */
export interface Bar {
  label: string;
  value: number | null;
}

/** What a bar chart shows and how its values read. */
export interface BarChartOptions {
  title: string;
  bars: readonly Bar[];
  /** How a value is written beside its bar. */
  format: (value: number) => string;
  /** The value of a full-width bar; default the largest value (at least 1). */
  max?: number;
}

const WIDTH = 560;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 80;
const ROW_HEIGHT = 24;
const BAR_HEIGHT = 16;
const TOP = 8;

/** A horizontal bar chart as an inline SVG element, one row per bar. */
export function renderBarChart(options: BarChartOptions): string {
  const { bars } = options;
  const max = options.max ?? Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const height = TOP * 2 + ROW_HEIGHT * bars.length;
  const rows = bars.map((bar, index) => barRow({ bar, index, max, format: options.format }));

  return [
    `<svg class="chart" role="img" aria-label="${escapeHtml(options.title)}"`,
    ` viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"`,
    ' xmlns="http://www.w3.org/2000/svg">',
    `<title>${escapeHtml(options.title)}</title>`,
    ...rows,
    '</svg>',
  ].join('');
}

function barRow(options: {
  bar: Bar;
  index: number;
  max: number;
  format: (value: number) => string;
}): string {
  const { bar, max } = options;
  const y = TOP + options.index * ROW_HEIGHT;
  const textY = y + BAR_HEIGHT - 4;
  const room = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const length = bar.value === null || max <= 0 ? 0 : Math.min(1, bar.value / max) * room;
  const shown = bar.value === null ? 'n/a' : options.format(bar.value);

  return [
    `<text class="label" x="${LABEL_WIDTH - 8}" y="${textY}" text-anchor="end">`,
    `${escapeHtml(shorten(bar.label))}<title>${escapeHtml(bar.label)}</title></text>`,
    `<rect class="track" x="${LABEL_WIDTH}" y="${y}" width="${room}" height="${BAR_HEIGHT}"/>`,
    `<rect class="bar" x="${LABEL_WIDTH}" y="${y}" width="${length.toFixed(1)}"`,
    ` height="${BAR_HEIGHT}"/>`,
    `<text class="value" x="${LABEL_WIDTH + room + 6}" y="${textY}">${escapeHtml(shown)}</text>`,
  ].join('');
}

function shorten(label: string): string {
  const characters = [...label];
  return characters.length <= 24 ? label : `${characters.slice(0, 23).join('')}…`;
}
