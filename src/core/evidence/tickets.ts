/**
 * Metrics computed from a ticket export. The core owns the definitions and the arithmetic; the
 * adapters parse the CSV (with csv-parse) and stream its records in, so an export of a million rows
 * is summarised in one pass with memory bounded by the queries, not the rows.
 */
import { closest, quoteShort } from '../base';
import {
  clockSeconds, COLUMN_PRESETS, isBusinessDuration, TICKET_COLUMNS,
  type Calendar, type ClockDuration, type ComputedValue, type SlaSpec, type TicketColumn,
} from '../format';
import { BusinessClock } from './businessTime';
import { DateReader, dateFix } from './dates';
import { duration, percent, round, statOf, STAT_QUANTILE } from './figures';
import { Samples } from './samples';

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
  /** For sla_breach_rate: wall-clock seconds, or an SLA on either clock, or per priority. */
  sla?: number | SlaSpec;
  /** `percent` for a csat written as a percentage: the share of 4s and 5s (top-two-box) instead of the mean. */
  unit?: 'percent';
  /** For a duration: the statistic (default mean for mttr, else p50). */
  stat?: DurationStat;
}

export type DurationStat = 'p50' | 'p90' | 'p95' | 'mean';

/** How a source's export is laid out beyond its column mapping. */
export interface ExportLayout {
  /** A key of COLUMN_PRESETS: its header names fill in the logical columns the mapping leaves out. */
  preset?: string;
  /** Unicode tokens; default the preset's, else ISO 8601. */
  dateFormat?: string;
  /** IANA name for dates without an offset (default UTC). */
  timezone?: string;
  /** For business-time SLAs: the source's calendar, else the map's. */
  calendar?: Calendar;
}

/** The statistic a duration metric reports by default. */
export function defaultStat(metric: string): DurationStat {
  return metric === 'mttr' ? 'mean' : 'p50';
}

/** The SLA as a spec, whatever way it was given. */
export function slaSpecOf(sla: number | SlaSpec | undefined): SlaSpec | undefined {
  return typeof sla === 'number' ? { all: { amount: sla, unit: 's', text: `${sla}s` } } : sla;
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
  return JSON.stringify([q.metric, q.where ?? {}, q.sla ?? 0, q.unit ?? '', q.stat ?? '']);
}

const DAY_MS = 86400000;

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
  /** For sla_breach_rate: the SLA for every ticket, or per lower-cased priority. */
  sla?: { all?: ClockDuration; byPriority?: Map<string, ClockDuration> };
  problem?: string;
}

export class TicketAggregator {
  private readonly index: Partial<Record<TicketColumn, number>> = {};
  private readonly accumulators: Accumulator[] = [];
  private rows = 0;
  private readonly names: Partial<Record<TicketColumn, string>> = {};
  /** The header's names, lower-cased, to their position: for `where:` on any column. */
  private readonly position: Map<string, number>;
  private readonly header: string[];
  private readonly mapping: Record<string, string>;
  private readonly dates: DateReader;
  private readonly clock: BusinessClock | undefined;
  private newestMs = -Infinity;
  private oldestMs = Infinity;
  /** The first data row holding U+FFFD: bytes that were not UTF-8 when the file was decoded. */
  private notUtf8Row: number | undefined;

  /**
   * @param header the export's header row
   * @param mapping logical column (or a short name for `where:`) -> header name; a logical column
   *   not mapped takes the preset's header name, else its own name
   */
  constructor(header: string[], mapping: Record<string, string>, queries: TicketQuery[], layout: ExportLayout = {}) {
    this.header = header;
    this.mapping = mapping;
    this.position = new Map();
    header.forEach((h, i) => { if (!this.position.has(h.trim().toLowerCase())) this.position.set(h.trim().toLowerCase(), i); });
    const preset = layout.preset ? COLUMN_PRESETS[layout.preset] : undefined;
    for (const column of Object.keys(TICKET_COLUMNS) as TicketColumn[]) {
      const candidates = mapping[column] !== undefined ? [mapping[column]] : [...(preset?.columns[column] ?? []), column];
      const found = candidates.find((name) => this.position.has(name.trim().toLowerCase()));
      if (found !== undefined) this.index[column] = this.position.get(found.trim().toLowerCase());
      this.names[column] = found ?? candidates[0];
    }
    this.dates = new DateReader({ format: layout.dateFormat ?? preset?.dateFormat, timezone: layout.timezone });
    this.clock = layout.calendar ? new BusinessClock(layout.calendar) : undefined;
    for (const query of queries) this.accumulators.push(this.accumulator(query));
  }

  /** Which mapped columns are missing from the header. */
  missingColumns(mapping: Record<string, string>): string[] {
    return Object.values(mapping).filter((name) => !this.position.has(name.trim().toLowerCase()));
  }

  /** The header name each logical column was found under. */
  foundColumns(): Partial<Record<TicketColumn, string>> {
    return Object.fromEntries(Object.entries(this.index).map(([column, at]) => [column, this.header[at!]]));
  }

  /** Where a `where:` name is in the header: a logical column, a short name from `columns:`, or a header name. */
  columnAt(name: string): number | undefined {
    return this.index[name as TicketColumn] ?? this.position.get((this.mapping[name] ?? name).trim().toLowerCase());
  }

  private accumulator(query: TicketQuery): Accumulator {
    const spec = COMPUTABLE[query.metric];
    const acc: Accumulator = { query, reads: [...(spec?.needs ?? []), ...(ALSO_READS[query.metric] ?? [])], matches: () => true, numerator: 0, denominator: 0, sum: 0 };
    if (!spec) {
      acc.problem = `\`${query.metric}\` cannot be computed from tickets. Computable: ${Object.keys(COMPUTABLE).join(', ')}.`;
      return acc;
    }
    const missing = spec.needs.filter((c) => this.index[c] === undefined);
    if (missing.length) {
      acc.problem = `The export has no ${missing.map((c) => `\`${quoteShort(this.names[c] ?? c)}\``).join(', ')} column (${missing.join(', ')}), which ${query.metric} needs. Map it under the source's \`columns:\`.`;
      return acc;
    }
    if (query.metric === 'sla_breach_rate') {
      acc.problem = this.slaProblem(acc, slaSpecOf(query.sla));
      if (acc.problem) return acc;
    }
    const filters: [number, Set<string>][] = [];
    for (const [column, values] of Object.entries(query.where ?? {})) {
      const at = this.columnAt(column);
      if (at === undefined) {
        const headers = this.header.slice(0, 12).map((h) => `\`${quoteShort(h, 40)}\``).join(', ');
        acc.problem = `\`where: ${quoteShort(column)}\` names no column of the export. Use a logical column (${Object.keys(this.index).join(', ')}), a name given in \`columns:\`, or a header name: ${headers}${this.header.length > 12 ? '…' : ''}.`;
        return acc;
      }
      filters.push([at, new Set(values.map((v) => v.trim().toLowerCase()))]);
      (acc.filterValues ??= []).push({ column: this.header[at] ?? column, at, wanted: values, seen: new Set() });
    }
    if (filters.length) acc.matches = (row) => filters.every(([at, set]) => set.has((row[at] ?? '').trim().toLowerCase()));
    if (['mttr', 'time_to_resolution', 'first_response_time'].includes(query.metric)) acc.samples = new Samples();
    if (query.metric === 'backlog_age') acc.open = new Samples();
    return acc;
  }

  /** Reads the SLA into the accumulator, or says why it cannot be applied. */
  private slaProblem(acc: Accumulator, sla: SlaSpec | undefined): string | undefined {
    if (!sla || (!sla.all && !sla.byPriority)) return 'sla_breach_rate needs the SLA to compare with: add `sla: 8h` (or `sla: { P1: 4h, P2: 2bd }`) to the metric.';
    const durations = [...(sla.all ? [sla.all] : []), ...Object.values(sla.byPriority ?? {})];
    if (durations.some(isBusinessDuration) && !this.clock) {
      return 'The SLA is in business time (bh, bd) but no calendar says when the desk works: add `calendar: { days: mon-fri, hours: 08:00-18:00, timezone: Europe/Berlin }` to the map or the source.';
    }
    if (sla.byPriority && this.index.priority === undefined) {
      return `A per-priority SLA needs the export's priority column: there is no \`${quoteShort(this.names.priority ?? 'priority')}\`. Map it under the source's \`columns:\` (priority: <header>).`;
    }
    acc.sla = { all: sla.all, byPriority: sla.byPriority ? new Map(Object.entries(sla.byPriority).map(([k, v]) => [k.trim().toLowerCase(), v])) : undefined };
    return undefined;
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
    const opened = cell('opened') !== undefined ? this.dates.parse(cell('opened')!) : undefined;
    const resolved = cell('resolved') !== undefined ? this.dates.parse(cell('resolved')!) : undefined;
    const firstResponse = cell('first_response') !== undefined ? this.dates.parse(cell('first_response')!) : undefined;
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
      case 'sla_breach_rate': {
        if (!isResolved || opened === undefined) return;
        const sla = acc.sla!.byPriority ? acc.sla!.byPriority.get((cell('priority') ?? '').trim().toLowerCase()) : acc.sla!.all;
        if (!sla) return; // a priority the SLA does not cover: no SLA applies to the ticket
        acc.denominator++;
        const business = isBusinessDuration(sla);
        const took = business ? this.clock!.seconds(opened, resolved!) : (resolved! - opened) / 1000;
        if (took > clockSeconds(sla, this.clock?.daySeconds)) acc.numerator++;
        return;
      }
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

  private dateWording(): string {
    const format = this.dates.settings.format;
    return format ? `a date in the format \`${quoteShort(format)}\` (or ISO 8601)` : 'an ISO 8601 date (2026-09-21 or 2026-09-21 15:00)';
  }

  private computedResult(acc: Accumulator): ComputedValue {
    if (acc.problem) return { n: 0, problem: acc.problem };
    if (acc.unreadable) {
      const u = acc.unreadable;
      const name = this.names[u.column] ?? u.column;
      const head = `${u.count.toLocaleString('en-US')} value${u.count === 1 ? '' : 's'} in \`${quoteShort(name)}\` ${u.count === 1 ? 'is' : 'are'}`;
      const first = `starting with \`${quoteShort(u.value, 40)}\` in data row ${u.row}`;
      if (DATE_COLUMNS.includes(u.column)) return { n: 0, problem: `${head} not ${this.dateWording()}, ${first}: ${dateFix(u.value, this.dates.settings.format)}` };
      return { n: 0, problem: `${head} not a number or yes/no, ${first}: convert the export's ${quoteShort(name)} column, so no ticket is silently left out.` };
    }
    const share = (): ComputedValue => acc.denominator
      ? { n: acc.denominator, value: percent(acc.numerator / acc.denominator) }
      : { n: 0, problem: 'No ticket in the export matches, so there is nothing to compute.' };
    switch (acc.query.metric) {
      case 'mttr': case 'time_to_resolution': case 'first_response_time': {
        const figure = statOf(acc.samples!, acc.query.stat ?? defaultStat(acc.query.metric));
        if (figure === undefined) return { n: 0, problem: acc.query.metric === 'mttr' ? 'No resolved ticket in the export matches.' : 'No matching ticket has both dates.' };
        return { n: acc.samples!.length, value: duration(figure) };
      }
      case 'csat':
        if (acc.query.unit === 'percent') return acc.denominator ? share() : { n: 0, problem: 'No matching ticket has a satisfaction score.' };
        return acc.denominator ? { n: acc.denominator, value: { kind: 'number', amount: round(acc.sum / acc.denominator, 2), text: String(round(acc.sum / acc.denominator, 2)) } } : { n: 0, problem: 'No matching ticket has a satisfaction score.' };
      case 'backlog_age': {
        // An age's quantile p is the newest date minus the opening times' quantile 1 - p.
        const stat = acc.query.stat ?? defaultStat(acc.query.metric);
        const opened = stat === 'mean' ? acc.open!.mean() : acc.open!.quantile(1 - STAT_QUANTILE[stat]);
        if (opened === undefined) return { n: 0, problem: 'No matching ticket is open in the export.' };
        return { n: acc.open!.length, value: duration((this.newestMs - opened) / 1000) };
      }
      default:
        return share();
    }
  }
}
