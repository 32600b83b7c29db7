/** A value in a training or scoring record: CSV cells are strings, database features typed. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** A record to score or train on: column name to value. */
export type FeatureRecord = Record<string, CellValue>;

/** Placeholders CRMs export for "no value", compared lower-cased and trimmed. */
const PLACEHOLDERS = new Set([
  '',
  '-',
  '--',
  '?',
  'na',
  'n/a',
  '#n/a',
  'nan',
  'null',
  'none',
  'nil',
  'undefined',
  'unknown',
  'missing',
  '(blank)',
  '未知',
  '无',
  '空',
  '暂无',
]);

const TRUE_WORDS = new Set(['true', 'yes', 'y', 't', '1', '是', '对']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'f', '0', '否', '不是']);
const NUMBER_PATTERN = /^[-+]?(\d{1,3}(,\d{3})+|\d*)(\.\d+)?(e[-+]?\d+)?$/i;
const DATE_PATTERN =
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** True for blanks and placeholder values such as `N/A`, `null`, `-` or `未知`. */
export function isMissing(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value instanceof Date) return Number.isNaN(value.getTime());
  if (typeof value === 'boolean') return false;
  return PLACEHOLDERS.has(value.trim().toLowerCase());
}

/** A number from `1,200`, `¥3.5`, `12%` or a numeric value; null when it is not one. */
export function parseNumber(value: CellValue): number | null {
  if (isMissing(value)) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return null;
  const text = (value as string).trim().replace(/^[¥$€£]|元$/g, '');
  const percent = text.endsWith('%');
  const digits = percent ? text.slice(0, -1) : text;
  if (digits === '' || !NUMBER_PATTERN.test(digits) || !/\d/.test(digits)) return null;
  const parsed = Number(digits.replaceAll(',', ''));
  return percent ? parsed / 100 : parsed;
}

/** A boolean from `true`/`false`, `yes`/`no`, `1`/`0`, `是`/`否`; null when it is not one. */
export function parseBoolean(value: CellValue): boolean | null {
  if (isMissing(value)) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (value instanceof Date) return null;
  const word = (value as string).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

// Limitation: only year-first dates parse; `03/04/2025` is ambiguous and stays text.
/** A date from an ISO-like text (`2025-03-01`, `2025/3/1 10:00`); null when it is not one. */
export function parseDate(value: CellValue): Date | null {
  if (isMissing(value)) return null;
  if (value instanceof Date) return value;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!DATE_PATTERN.test(text)) return null;
  const [day, time] = text.split(/[ T]/);
  const [year, month, date] = (day ?? '').split(/[-/.]/);
  const iso = `${year}-${month?.padStart(2, '0')}-${date?.padStart(2, '0')}T${time ?? '00:00:00'}`;
  const parsed = new Date(/Z|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** A category label: trimmed text, or the value's text form. */
export function categoryOf(value: CellValue): string | null {
  if (isMissing(value)) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value).trim();
}
