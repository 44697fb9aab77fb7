/**
 * Metrics computed from a ticket export. The core owns the definitions and the arithmetic; the
 * adapters parse the CSV (with csv-parse) and stream its records in, so an export of a million rows
 * is summarised in one pass with memory bounded by the queries, not the rows.
 */
import { closest, quoteShort } from '../base';
import { TICKET_COLUMNS, type ComputedValue, type Quantity, type TicketColumn } from '../format';

/** Which columns each computable metric reads. */
export const COMPUTABLE: Record<string, { needs: TicketColumn[]; definition: string }> = {
  fcr: { needs: ['opened', 'resolved'], definition: 'Resolved tickets with no transfer, no escalation and no reopen, as a share of resolved tickets.' },
  mttr: { needs: ['opened', 'resolved'], definition: 'Mean of resolved minus opened, over resolved tickets.' },
  time_to_resolution: { needs: ['opened', 'resolved'], definition: 'Median of resolved minus opened, over resolved tickets.' },
  first_response_time: { needs: ['opened', 'first_response'], definition: 'Median of first response minus opened, over tickets with a first response.' },
  reopen_rate: { needs: ['resolved', 'reopened'], definition: 'Resolved tickets reopened at least once, as a share of resolved tickets.' },
  escalation_rate: { needs: ['escalated'], definition: 'Tickets escalated, as a share of all tickets.' },
  transfer_rate: { needs: ['transfers'], definition: 'Tickets transferred at least once, as a share of all tickets.' },
  csat: { needs: ['csat'], definition: 'Mean satisfaction score over tickets whose survey was answered; written as a percentage, the share of 4s and 5s (top-two-box, 1-5 survey).' },
  backlog_age: { needs: ['opened', 'resolved'], definition: 'Median age of tickets still open, as of the newest date in the export.' },
  sla_breach_rate: { needs: ['opened', 'resolved'], definition: 'Resolved tickets whose resolution took longer than the metric\'s `sla`, as a share of resolved tickets.' },
};

export interface TicketQuery {
  metric: string;
  /** Logical column -> accepted values (case-insensitive). */
  where?: Record<string, string[]>;
  /** Seconds, for sla_breach_rate. */
  sla?: number;
  /** `percent` for a csat written as a percentage: the share of 4s and 5s (top-two-box) instead of the mean. */
  unit?: 'percent';
}

export interface TicketSummary {
  rows: number;
  /** The first data row (one-based) with bytes that were not UTF-8: the export must be saved as UTF-8. */
  notUtf8Row?: number;
  /** Days since the epoch of the oldest and newest date in the export. */
  oldest?: number;
  newest?: number;
  results: Map<string, ComputedValue>;
}


export function queryKey(q: TicketQuery): string {
  return JSON.stringify([q.metric, q.where ?? {}, q.sla ?? 0, q.unit ?? '']);
}

const DAY_MS = 86400000;

/** Parses `2026-07-01`, `2026-07-01T09:12:00Z`, `2026-07-01 09:12:00` (read as UTC). Milliseconds. */
export function parseDateTime(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
  if (!m) return undefined;
  let ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (m[7] && m[7] !== 'Z') {
    const sign = m[7][0] === '-' ? -1 : 1;
    const digits = m[7].slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}

/** A count or a flag: `3`, `0`, `true`, `yes`, `y`, `1`. Empty is undefined. */
function countOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  if (t === 'true' || t === 'yes' || t === 'y') return 1;
  if (t === 'false' || t === 'no' || t === 'n') return 0;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Growable Float64 store for medians: 8 bytes per matching row, nothing per other row. */
class Samples {
  private data = new Float64Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  mean(): number | undefined {
    if (!this.length) return undefined;
    let sum = 0;
    for (let i = 0; i < this.length; i++) sum += this.data[i];
    return sum / this.length;
  }
  median(): number | undefined {
    if (!this.length) return undefined;
    const sorted = this.data.slice(0, this.length).sort();
    const mid = this.length >> 1;
    return this.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}

/** The columns each metric reads, beyond its `needs` (optional counts that default to none). */
const ALSO_READS: Partial<Record<string, TicketColumn[]>> = {
  fcr: ['transfers', 'escalated', 'reopened'],
};
const DATE_COLUMNS: readonly TicketColumn[] = ['opened', 'resolved', 'first_response'];
/** Distinct values of a `where:` column kept for a did-you-mean, each cut to a length worth quoting. */
const MAX_SEEN_VALUES = 50;
const MAX_SEEN_LENGTH = 200;

/** Values a metric needed but could not read: counted, with the first one to show. */
interface Unreadable { column: TicketColumn; value: string; row: number; count: number }

interface Accumulator {
  query: TicketQuery;
  /** Every column the metric reads, to notice values that cannot be read. */
  reads: TicketColumn[];
  /** Per `where:` column, the values asked for and a sample of the values the export has. */
  filterValues?: { column: string; at: number; wanted: string[]; seen: Set<string> }[];
  /** Whether any row passed the `where:` filter. */
  anyMatch?: boolean;
  unreadable?: Unreadable;
  matches: (row: string[]) => boolean;
  numerator: number;
  denominator: number;
  sum: number;
  samples?: Samples;
  /** Opened times of open tickets, for backlog age relative to the export's newest date. */
  open?: Samples;
  problem?: string;
}

export class TicketAggregator {
  private readonly index: Partial<Record<TicketColumn, number>> = {};
  private readonly accumulators: Accumulator[] = [];
  private rows = 0;
  private readonly names: Partial<Record<TicketColumn, string>> = {};
  private newestMs = -Infinity;
  private oldestMs = Infinity;
  /** The first data row holding U+FFFD: bytes that were not UTF-8 when the file was decoded. */
  private notUtf8Row: number | undefined;

  /**
   * @param header the export's header row
   * @param mapping logical column -> header name (a logical name maps to itself by default)
   */
  constructor(header: string[], mapping: Record<string, string>, queries: TicketQuery[]) {
    const position = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
    for (const column of Object.keys(TICKET_COLUMNS) as TicketColumn[]) {
      const name = (mapping[column] ?? column).trim().toLowerCase();
      const at = position.get(name);
      if (at !== undefined) this.index[column] = at;
      this.names[column] = mapping[column] ?? column;
    }
    for (const query of queries) this.accumulators.push(this.accumulator(query, mapping));
  }

  /** Which mapped columns are missing from the header. */
  missingColumns(mapping: Record<string, string>): string[] {
    return Object.entries(mapping).filter(([logical]) => this.index[logical as TicketColumn] === undefined).map(([, name]) => name);
  }

  private accumulator(query: TicketQuery, mapping: Record<string, string>): Accumulator {
    const spec = COMPUTABLE[query.metric];
    const acc: Accumulator = { query, reads: [...(spec?.needs ?? []), ...(ALSO_READS[query.metric] ?? [])], matches: () => true, numerator: 0, denominator: 0, sum: 0 };
    if (!spec) {
      acc.problem = `\`${query.metric}\` cannot be computed from tickets. Computable: ${Object.keys(COMPUTABLE).join(', ')}.`;
      return acc;
    }
    const missing = spec.needs.filter((c) => this.index[c] === undefined);
    if (missing.length) {
      acc.problem = `The export has no ${missing.map((c) => `\`${mapping[c] ?? c}\``).join(', ')} column (${missing.join(', ')}), which ${query.metric} needs. Map it under the source's \`columns:\`.`;
      return acc;
    }
    if (query.metric === 'sla_breach_rate' && !query.sla) acc.problem = 'sla_breach_rate needs the SLA to compare with: add `sla: 8h` to the metric.';
    const filters: [number, Set<string>][] = [];
    for (const [column, values] of Object.entries(query.where ?? {})) {
      const at = this.index[column as TicketColumn];
      if (at === undefined) {
        acc.problem = `\`where: ${column}\` names no column of the export. Use a mapped column: ${Object.keys(this.index).join(', ')}.`;
        return acc;
      }
      filters.push([at, new Set(values.map((v) => v.trim().toLowerCase()))]);
      (acc.filterValues ??= []).push({ column: this.names[column as TicketColumn] ?? column, at, wanted: values, seen: new Set() });
    }
    if (filters.length) acc.matches = (row) => filters.every(([at, set]) => set.has((row[at] ?? '').trim().toLowerCase()));
    if (['mttr', 'time_to_resolution', 'first_response_time'].includes(query.metric)) acc.samples = new Samples();
    if (query.metric === 'backlog_age') acc.open = new Samples();
    return acc;
  }

  add(row: string[]): void {
    this.rows++;
    if (this.notUtf8Row === undefined) {
      for (const value of row) if (value.indexOf('\uFFFD') >= 0) this.notUtf8Row = this.rows;
    }
    const cell = (c: TicketColumn) => {
      const at = this.index[c];
      return at === undefined ? undefined : row[at];
    };
    const opened = cell('opened') !== undefined ? parseDateTime(cell('opened')!) : undefined;
    const resolved = cell('resolved') !== undefined ? parseDateTime(cell('resolved')!) : undefined;
    const firstResponse = cell('first_response') !== undefined ? parseDateTime(cell('first_response')!) : undefined;
    for (const t of [opened, resolved, firstResponse]) {
      if (t === undefined) continue;
      if (t > this.newestMs) this.newestMs = t;
      if (t < this.oldestMs) this.oldestMs = t;
    }
    for (const acc of this.accumulators) {
      if (acc.filterValues && !acc.anyMatch) {
        // Kept until a row matches: then a typo in `where:` is ruled out and the sample not needed.
        for (const f of acc.filterValues) if (f.seen.size < MAX_SEEN_VALUES) f.seen.add((row[f.at] ?? '').slice(0, MAX_SEEN_LENGTH).trim());
      }
      if (acc.problem || !acc.matches(row)) continue;
      acc.anyMatch = true;
      this.noticeUnreadable(acc, cell, { opened, resolved, first_response: firstResponse });
      this.accumulate(acc, cell, opened, resolved, firstResponse);
    }
  }

  /** A date that is not ISO 8601 or a count that is not a number would be skipped or read as none: count it. */
  private noticeUnreadable(acc: Accumulator, cell: (c: TicketColumn) => string | undefined, dates: Partial<Record<TicketColumn, number>>): void {
    for (const column of acc.reads) {
      const raw = cell(column)?.trim();
      if (!raw) continue;
      // The columns a metric reads are dates or counts (filters are matched as text, never read).
      const unreadable = DATE_COLUMNS.includes(column) ? dates[column] === undefined : countOf(raw) === undefined;
      if (!unreadable) continue;
      // Counted in the first column found unreadable, which the message names.
      if (!acc.unreadable) acc.unreadable = { column, value: raw, row: this.rows, count: 1 };
      else if (acc.unreadable.column === column) acc.unreadable.count++;
    }
  }

  private accumulate(acc: Accumulator, cell: (c: TicketColumn) => string | undefined, opened?: number, resolved?: number, firstResponse?: number): void {
    const isResolved = resolved !== undefined;
    switch (acc.query.metric) {
      case 'fcr':
        if (!isResolved) return;
        acc.denominator++;
        if (!(countOf(cell('transfers')) ?? 0) && !(countOf(cell('escalated')) ?? 0) && !(countOf(cell('reopened')) ?? 0)) acc.numerator++;
        return;
      case 'mttr': case 'time_to_resolution':
        if (isResolved && opened !== undefined && resolved! >= opened) acc.samples!.push((resolved! - opened) / 1000);
        return;
      case 'first_response_time':
        if (firstResponse !== undefined && opened !== undefined && firstResponse >= opened) acc.samples!.push((firstResponse - opened) / 1000);
        return;
      case 'reopen_rate':
        if (!isResolved) return;
        acc.denominator++;
        if ((countOf(cell('reopened')) ?? 0) > 0) acc.numerator++;
        return;
      case 'escalation_rate': case 'transfer_rate': {
        // Over tickets whose column says either way; an empty cell says nothing.
        const count = countOf(cell(acc.query.metric === 'escalation_rate' ? 'escalated' : 'transfers'));
        if (count === undefined) return;
        acc.denominator++;
        if (count > 0) acc.numerator++;
        return;
      }
      case 'csat': {
        const score = countOf(cell('csat'));
        if (score === undefined) return;
        acc.denominator++;
        acc.sum += score;
        if (score >= 4) acc.numerator++;
        if (score > 5 && acc.query.unit === 'percent' && !acc.problem) {
          acc.problem = `A satisfaction score of ${score} is above 5: CSAT as a percentage is the share of 4s and 5s on a 1-5 survey. Write the target as a mean score on the survey's scale instead (\`target: 8.5/10\`).`;
        }
        return;
      }
      case 'backlog_age':
        if (!isResolved && opened !== undefined) acc.open!.push(opened);
        return;
      case 'sla_breach_rate':
        if (!isResolved || opened === undefined) return;
        acc.denominator++;
        if ((resolved! - opened) / 1000 > acc.query.sla!) acc.numerator++;
        return;
    }
  }

  finish(): TicketSummary {
    const results = new Map<string, ComputedValue>();
    for (const acc of this.accumulators) results.set(queryKey(acc.query), this.result(acc));
    return {
      rows: this.rows,
      notUtf8Row: this.notUtf8Row,
      newest: Number.isFinite(this.newestMs) ? Math.floor(this.newestMs / DAY_MS) : undefined,
      oldest: Number.isFinite(this.oldestMs) ? Math.floor(this.oldestMs / DAY_MS) : undefined,
      results,
    };
  }

  private result(acc: Accumulator): ComputedValue {
    const result = this.computedResult(acc);
    // Nothing matched the filter: show what the export has, which catches a typo in `where:`.
    if (result.problem && !acc.problem && acc.filterValues && !acc.anyMatch) {
      const hints = acc.filterValues.map((f) => {
        const seen = [...f.seen].filter(Boolean).sort();
        const wantedLower = new Set(f.wanted.map((w) => w.trim().toLowerCase()));
        if (!seen.length || seen.some((v) => wantedLower.has(v.toLowerCase()))) return '';
        const guess = closest(f.wanted[0], seen);
        return ` The export's \`${quoteShort(f.column)}\` values include ${seen.slice(0, 8).map((v) => `\`${quoteShort(v)}\``).join(', ')}${seen.length > 8 ? '…' : ''}${guess ? `: did you mean \`${guess}\`?` : '.'}`;
      }).join('');
      if (hints) return { ...result, problem: `${result.problem}${hints}` };
    }
    return result;
  }

  private computedResult(acc: Accumulator): ComputedValue {
    if (acc.problem) return { n: 0, problem: acc.problem };
    if (acc.unreadable) {
      const u = acc.unreadable;
      const what = DATE_COLUMNS.includes(u.column) ? 'an ISO 8601 date (2026-09-21 or 2026-09-21 15:00)' : 'a number or yes/no';
      const name = this.names[u.column] ?? u.column;
      return { n: 0, problem: `${u.count.toLocaleString('en-US')} value${u.count === 1 ? '' : 's'} in \`${name}\` ${u.count === 1 ? 'is' : 'are'} not ${what}, starting with \`${quoteShort(u.value, 40)}\` in data row ${u.row}: convert the export's ${name} column, so no ticket is silently left out.` };
    }
    const share = (): ComputedValue => acc.denominator
      ? { n: acc.denominator, value: percent(acc.numerator / acc.denominator) }
      : { n: 0, problem: 'No ticket in the export matches, so there is nothing to compute.' };
    switch (acc.query.metric) {
      case 'mttr': {
        const mean = acc.samples!.mean();
        return mean === undefined ? { n: 0, problem: 'No resolved ticket in the export matches.' } : { n: acc.samples!.length, value: duration(mean) };
      }
      case 'time_to_resolution': case 'first_response_time': {
        const median = acc.samples!.median();
        return median === undefined ? { n: 0, problem: 'No matching ticket has both dates.' } : { n: acc.samples!.length, value: duration(median) };
      }
      case 'csat':
        if (acc.query.unit === 'percent') return acc.denominator ? share() : { n: 0, problem: 'No matching ticket has a satisfaction score.' };
        return acc.denominator ? { n: acc.denominator, value: { kind: 'number', amount: round(acc.sum / acc.denominator, 2), text: String(round(acc.sum / acc.denominator, 2)) } } : { n: 0, problem: 'No matching ticket has a satisfaction score.' };
      case 'backlog_age': {
        // The median age is the newest date minus the median opening time.
        const medianOpened = acc.open!.median();
        if (medianOpened === undefined) return { n: 0, problem: 'No matching ticket is open in the export.' };
        return { n: acc.open!.length, value: duration((this.newestMs - medianOpened) / 1000) };
      }
      default:
        return share();
    }
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function percent(fraction: number): Quantity {
  return { kind: 'percent', amount: round(fraction, 4), text: `${round(fraction * 100, 1)}%` };
}

function duration(seconds: number): Quantity {
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  const [size, unit] = units.find(([s]) => seconds >= s * (s === 86400 ? 2 : 1)) ?? [1, 's'];
  return { kind: 'duration', amount: Math.round(seconds), text: `${round(seconds / size, 1)}${unit}` };
}
