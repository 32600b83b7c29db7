/** The message, the time it was sent and the user's offset from UTC. */
export interface DueDateOptions {
  text: string;
  now: Date;
  /** The user's offset from UTC in minutes; 480 for China. */
  utcOffsetMinutes: number;
}

const WEEKDAYS_ZH = '日一二三四五六';
const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DEFAULT_HOUR = 9;

// Limitation: reads only simple day phrases (明天, 3天后, 下周五, next Friday, a YYYY-MM-DD) and hours.
/**
 * When a follow-up the message asks for is due, as ISO 8601 with the user's offset: the
 * day it names (tomorrow when it names none) at the hour it names, else 09:00.
 */
export function dueDateIn(options: DueDateOptions): string {
  const local = new Date(options.now.getTime() + options.utcOffsetMinutes * 60_000);
  const explicit = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(options.text);
  const day = explicit
    ? Date.UTC(Number(explicit[1]), Number(explicit[2]) - 1, Number(explicit[3]))
    : Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) +
      daysAhead(options.text, local.getUTCDay()) * 86_400_000;

  const minutes = minutesIn(options.text) ?? DEFAULT_HOUR * 60;
  const date = new Date(day + minutes * 60_000).toISOString().slice(0, 16);
  return `${date}:00${offsetText(options.utcOffsetMinutes)}`;
}

/** Days from today to the day the text names; 1 when it names none. */
function daysAhead(text: string, today: number): number {
  const lower = text.toLowerCase();
  if (/后天|day after tomorrow/.test(lower)) return 2;
  if (/明天|tomorrow/.test(lower)) return 1;
  if (/今天|today|tonight|今晚/.test(lower)) return 0;

  const inDays = /(\d+)\s*天后|in (\d+) days?/.exec(lower);
  if (inDays) return Number(inDays[1] ?? inDays[2]);

  const weekday = weekdayIn(lower);
  if (weekday !== undefined) {
    const ahead = (weekday - today + 7) % 7 || 7;
    return /下周|下星期|next week/.test(lower) && ahead < 7 ? ahead + 7 : ahead;
  }
  if (/下周|下星期|next week/.test(lower)) return 7;
  return 1;
}

function weekdayIn(lower: string): number | undefined {
  const chinese = /(?:周|星期|礼拜)([一二三四五六日天])/.exec(lower)?.[1];
  if (chinese !== undefined) return chinese === '天' ? 0 : WEEKDAYS_ZH.indexOf(chinese);

  const index = WEEKDAYS_EN.findIndex((name) => lower.includes(name));
  return index >= 0 ? index : undefined;
}

/** Minutes after midnight of the time the text names: 15:30, 下午3点, 3pm. */
function minutesIn(text: string): number | undefined {
  const lower = text.toLowerCase();
  const clock = /(?:^|\D)(\d{1,2})[:：](\d{2})(?!\d)/.exec(lower);
  if (clock) return inDay(Number(clock[1]), Number(clock[2]));

  const spoken = /(上午|早上|下午|晚上)?\s*(\d{1,2})\s*(点|am|pm)/.exec(lower);
  if (!spoken) return undefined;
  const hour = Number(spoken[2]);
  const afternoon = spoken[3] === 'pm' || spoken[1] === '下午' || spoken[1] === '晚上';
  return inDay(afternoon && hour < 12 ? hour + 12 : hour, 0);
}

function inDay(hour: number, minute: number): number | undefined {
  return hour <= 23 && minute <= 59 ? hour * 60 + minute : undefined;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  return `${sign}${hours}:${String(absolute % 60).padStart(2, '0')}`;
}
