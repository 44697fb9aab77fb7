/**
 * A business calendar (`calendar:` on the map or a source): the working days, the working hours,
 * the time zone they are in and the holidays. Business durations (`8bh`, `2bd`) and the SLAs written
 * in them count only the time inside it. The syntax lives here; the arithmetic in the evidence room.
 */

/** ISO weekdays: 1 is Monday, 7 is Sunday. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface Calendar {
  /** ISO weekdays that are working days (1 Monday ... 7 Sunday). */
  days: number[];
  /** Minutes after local midnight when the working day starts and ends. */
  start: number;
  end: number;
  /** IANA time zone name; `UTC` when not said. */
  timezone: string;
  /** Days since the epoch (local dates) that are not worked. */
  holidays: number[];
}

/** `mon-fri`, `[mon, tue, wed]`, `mon-thu, sat`: ISO weekdays, or undefined when not weekdays. */
export function parseWeekdays(values: string[]): number[] | undefined {
  const days = new Set<number>();
  for (const value of values.flatMap((v) => v.split(','))) {
    const part = value.trim().toLowerCase();
    if (!part) continue;
    const range = /^([a-z]{3})[a-z]*\s*-\s*([a-z]{3})[a-z]*$/.exec(part);
    const single = /^([a-z]{3})[a-z]*$/.exec(part);
    const from = WEEKDAYS.indexOf((range?.[1] ?? single?.[1]) as typeof WEEKDAYS[number]) + 1;
    const to = range ? WEEKDAYS.indexOf(range[2] as typeof WEEKDAYS[number]) + 1 : from;
    if (!from || !to) return undefined;
    for (let d = from; ; d = d % 7 + 1) {
      days.add(d);
      if (d === to) break;
    }
  }
  return days.size ? [...days].sort((a, b) => a - b) : undefined;
}

/** `08:00-18:00` (24-hour clock): minutes after midnight, start before end. */
export function parseHours(text: unknown): { start: number; end: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (Number(m[2]) > 59 || Number(m[4]) > 59 || end > 24 * 60 || start >= end) return undefined;
  return { start, end };
}

/** `Mon-Fri 08:00-18:00 Europe/Berlin, 2 holidays`: the calendar in words, for hovers and messages. */
export function describeCalendar(c: Calendar): string {
  const names = c.days.map((d) => WEEKDAYS[d - 1][0].toUpperCase() + WEEKDAYS[d - 1].slice(1));
  const contiguous = c.days.every((d, i) => i === 0 || d === c.days[i - 1] + 1);
  const days = contiguous && c.days.length > 2 ? `${names[0]}-${names[names.length - 1]}` : names.join(', ');
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const holidays = c.holidays.length ? `, ${c.holidays.length} holiday${c.holidays.length === 1 ? '' : 's'}` : '';
  return `${days} ${hhmm(c.start)}-${hhmm(c.end)} ${c.timezone}${holidays}`;
}
