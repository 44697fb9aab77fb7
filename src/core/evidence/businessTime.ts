/**
 * Business time: how much of the span between two instants falls inside a calendar's working
 * hours, on its working days, in its time zone, outside its holidays. Each local day's working
 * window is computed once and remembered, so a million tickets cost a few thousand window lookups.
 */
import type { Calendar } from '../format';
import { ZoneOffsets } from './dates';

const DAY_MS = 86400000;
/** Past this many local days (about 27 years) a span is cut: no ticket waits that long. */
const MAX_DAYS = 10000;

export class BusinessClock {
  private readonly zone: ZoneOffsets;
  private readonly holidays: Set<number>;
  private readonly windows = new Map<number, [number, number] | null>();

  constructor(readonly calendar: Calendar) {
    this.zone = new ZoneOffsets(calendar.timezone);
    this.holidays = new Set(calendar.holidays);
  }

  /** Seconds in one working day: what `1bd` stands for. */
  get daySeconds(): number {
    return (this.calendar.end - this.calendar.start) * 60;
  }

  /** The working window of a local day (days since the epoch) as UTC milliseconds, or null when not worked. */
  private window(day: number): [number, number] | null {
    let w = this.windows.get(day);
    if (w !== undefined) return w;
    const weekday = ((day + 3) % 7 + 7) % 7 + 1; // 1970-01-01 was a Thursday (ISO 4)
    w = this.calendar.days.includes(weekday) && !this.holidays.has(day)
      ? [this.zone.fromLocal(day * DAY_MS + this.calendar.start * 60000), this.zone.fromLocal(day * DAY_MS + this.calendar.end * 60000)]
      : null;
    if (this.windows.size > 100000) this.windows.clear();
    this.windows.set(day, w);
    return w;
  }

  /** Business seconds between two instants (milliseconds); 0 when `to` is not after `from`. */
  seconds(from: number, to: number): number {
    if (!(to > from)) return 0;
    const first = Math.floor((from + this.zone.at(from)) / DAY_MS);
    const last = Math.min(Math.floor((to + this.zone.at(to)) / DAY_MS), first + MAX_DAYS);
    let ms = 0;
    for (let day = first; day <= last; day++) {
      const w = this.window(day);
      if (!w) continue;
      const overlap = Math.min(to, w[1]) - Math.max(from, w[0]);
      if (overlap > 0) ms += overlap;
    }
    return ms / 1000;
  }
}
