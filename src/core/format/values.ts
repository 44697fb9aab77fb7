/**
 * The format's value syntaxes: percentages, durations, ratings, dates, review cadences, periods.
 * Each parser returns undefined for text it does not recognise, so callers can report it.
 */

export type UnitKind = 'percent' | 'duration' | 'rating' | 'number';

export interface Quantity {
  kind: UnitKind;
  /** percent: a fraction (0.18 for 18%); duration: seconds; rating: the score; number: itself. */
  amount: number;
  /** rating: the scale's maximum (5 for 4.2/5). */
  scale?: number;
  /** The text as written, for messages. */
  text: string;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/;
const PERCENT_RE = /^(-?\d+(?:\.\d+)?)\s*%$/;
const RATING_RE = /^(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A duration's unit: wall-clock (s, m, h, d, w) or business time (bh: business hours, bd: business days). */
export type DurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'bh' | 'bd';

/** A duration as written, on either clock: `4h` (wall-clock) or `8bh`, `2bd` (business time, by a calendar). */
export interface ClockDuration {
  amount: number;
  unit: DurationUnit;
  /** The text as written. */
  text: string;
}

const CLOCK_DURATION_RE = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w|bh|bd)$/;

/**
 * A handoff's SLA and wait as every surface shows them (diagram, outline, diff): a wall-clock one
 * normalised (`90m` reads `1.5h`), a business or per-priority one as written.
 */
export function handoffTimes(h: { sla?: { value: number }; wait?: { value: number }; slaSpec?: { value: Parameters<typeof formatSlaSpec>[0] }; waitSpec?: { value: Parameters<typeof formatSlaSpec>[0] } }): { sla?: string; wait?: string } {
  return {
    sla: h.sla ? formatDuration(h.sla.value) : h.slaSpec ? formatSlaSpec(h.slaSpec.value) : undefined,
    wait: h.wait ? formatDuration(h.wait.value) : h.waitSpec ? formatSlaSpec(h.waitSpec.value) : undefined,
  };
}

/** An SLA or a wait as written, on its clock: `8bh`, or per priority `P1 4h, P2 2bd`. */
export function formatSlaSpec(spec: { all?: ClockDuration; byPriority?: Record<string, ClockDuration> }): string {
  if (spec.all) return spec.all.text;
  return Object.entries(spec.byPriority ?? {}).map(([priority, d]) => `${priority} ${d.text}`).join(', ');
}

/** Parses `45s`, `4h`, `2d` or a business duration `8bh`, `2bd`. */
export function parseClockDuration(text: unknown): ClockDuration | undefined {
  if (typeof text !== 'string') return undefined;
  const m = CLOCK_DURATION_RE.exec(text.trim());
  return m ? { amount: Number(m[1]), unit: m[2] as DurationUnit, text: text.trim() } : undefined;
}

/** Whether a duration counts business time (by a calendar) rather than wall-clock time. */
export function isBusinessDuration(d: ClockDuration): boolean {
  return d.unit === 'bh' || d.unit === 'bd';
}

/**
 * Seconds a duration stands for: wall-clock seconds, or business seconds (one `bh` is 3600 seconds
 * of working time; one `bd` is one working day of the calendar, its hours' length).
 */
export function clockSeconds(d: ClockDuration, workingDaySeconds = 8 * 3600): number {
  if (d.unit === 'bh') return d.amount * 3600;
  if (d.unit === 'bd') return d.amount * workingDaySeconds;
  return d.amount * DURATION_UNITS[d.unit];
}

export function parseDuration(text: string): number | undefined {
  const m = DURATION_RE.exec(text.trim());
  return m ? Number(m[1]) * DURATION_UNITS[m[2]] : undefined;
}

/**
 * Parses a metric value. A bare number in [0, 1] is read as a fraction when the metric is a
 * percentage (`0.18` is 18%); otherwise numbers stay plain numbers.
 */
export function parseQuantity(raw: unknown, expected?: readonly UnitKind[]): Quantity | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    const text = String(raw);
    if (expected?.includes('percent') && !expected.includes('number') && raw >= 0 && raw <= 1) {
      return { kind: 'percent', amount: raw, text };
    }
    return { kind: 'number', amount: raw, text };
  }
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  let m = PERCENT_RE.exec(text);
  if (m) return { kind: 'percent', amount: Number(m[1]) / 100, text };
  m = RATING_RE.exec(text);
  if (m && Number(m[2]) > 0) return { kind: 'rating', amount: Number(m[1]), scale: Number(m[2]), text };
  const seconds = parseDuration(text);
  if (seconds !== undefined) return { kind: 'duration', amount: seconds, text };
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return parseQuantity(Number(text), expected);
  return undefined;
}

/**
 * Why a quantity cannot be a real measurement, as a phrase ("more than 100%"), or undefined when
 * it can. A rating's score runs from 0 to its scale; with `share` (the metric is a share of tickets,
 * contacts or customers) a percentage runs from 0% to 100%. Other percentages (growth, change) and
 * numbers are not bounded here.
 */
export function impossibleQuantity(q: Quantity, share: boolean): string | undefined {
  if (q.kind === 'rating' && q.scale !== undefined) {
    if (q.amount > q.scale) return `above its scale: a score out of ${trim(q.scale)} is at most ${trim(q.scale)}`;
    if (q.amount < 0) return 'below zero: a score runs from 0 to its scale';
  }
  if (q.kind === 'percent' && share) {
    if (q.amount > 1) return 'more than 100%';
    if (q.amount < 0) return 'below 0%';
  }
  return undefined;
}

/** A comparable number for a quantity: ratings are normalised to their scale. */
export function magnitude(q: Quantity): number {
  return q.kind === 'rating' && q.scale ? q.amount / q.scale : q.amount;
}

const dateMemo = new Map<string, number | undefined>();

/** Days since the epoch for an ISO date, or undefined when it is not a real calendar date. */
export function parseIsoDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  // Maps repeat the same few dates (as_of, review, due): remember them, within a small bound.
  if (dateMemo.has(text)) return dateMemo.get(text);
  const day = computeIsoDate(text);
  if (dateMemo.size > 1000) dateMemo.clear();
  dateMemo.set(text, day);
  return day;
}

function computeIsoDate(text: string): number | undefined {
  const m = DATE_RE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return Math.round(ms / 86400000);
}

export function formatIsoDate(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** A period as every feature words it: `2026-07-01 to 2026-09-30`. */
export function formatPeriod(period: { start: number; end: number }): string {
  return `${formatIsoDate(period.start)} to ${formatIsoDate(period.end)}`;
}

/** An ISO interval `start/end` of two dates. */
export function parseInterval(text: unknown): { start: number; end: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const parts = text.split('/');
  if (parts.length !== 2) return undefined;
  const start = parseIsoDate(parts[0]);
  const end = parseIsoDate(parts[1]);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end };
}

export const CADENCES = ['month', 'quarter', 'half-year', 'year'] as const;
const CADENCE_DAYS: Record<string, number> = { month: 31, quarter: 92, 'half-year': 183, year: 366 };

/** Review cadence in days: a named cadence or `<N>d`. */
export function parseCadence(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const named = CADENCE_DAYS[text.trim()];
  if (named) return named;
  const m = /^(\d+)d$/.exec(text.trim());
  return m && Number(m[1]) > 0 ? Number(m[1]) : undefined;
}

/** A cadence in days as a map would write it: the named cadence, else `<N> days`. */
export function formatCadence(days: number): string {
  return Object.keys(CADENCE_DAYS).find((name) => CADENCE_DAYS[name] === days) ?? `${days} days`;
}

/** Human wording for a number of seconds, in the largest unit that keeps it readable. */
export function formatDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  const units: [number, string][] = [[604800, 'w'], [86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  for (const [size, unit] of units) {
    if (abs >= size * (unit === 'w' ? 2 : 1)) return `${Math.round((seconds / size) * 10) / 10}${unit}`;
  }
  return `${trim(seconds)}s`;
}

export function formatQuantityAmount(kind: UnitKind, amount: number, scale?: number): string {
  switch (kind) {
    case 'percent':
      return `${trim(amount * 100)}%`;
    case 'duration':
      return formatDuration(amount);
    case 'rating':
      return scale ? `${trim(amount)}/${trim(scale)}` : trim(amount);
    default:
      return trim(amount);
  }
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}
