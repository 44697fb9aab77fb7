/**
 * The same metric definitions as SQL, for a team whose tickets live in a warehouse: one query per
 * computed metric over a table with the source's columns (named after the source id), returning one
 * row `value, n`: shares as percentages 0-100, durations in hours, scores as numbers. Dates are read
 * as the source says (date_format, timezone, ISO 8601 otherwise); business time is computed where the
 * dialect can (DuckDB), and said where it cannot. `journeymap metrics --emit-sql` prints them.
 */
import { clockSeconds, isBusinessDuration, type Calendar, type ClockDuration, type Metric, type SlaSpec, type TicketColumn } from '../format';
import { STAT_QUANTILE } from './figures';
import { COMPUTABLE, defaultStat, type DurationStat } from './tickets';

export const SQL_DIALECTS = ['duckdb', 'postgres', 'bigquery', 'snowflake'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** What the query needs to know about the source: where each column is, how dates are written. */
export interface SqlSource {
  table: string;
  /** Logical column -> the header name it is under in this export. */
  columns: Partial<Record<TicketColumn, string>>;
  /** A `where:` name -> its header name (logical columns, short names, header names). */
  resolve: (name: string) => string | undefined;
  dateFormat?: string;
  timezone?: string;
  calendar?: Calendar;
}

const quoteIdent = (d: SqlDialect, name: string) => d === 'bigquery' ? `\`${name.replace(/[`\\]/g, '\\$&')}\`` : `"${name.replace(/"/g, '""')}"`;
const quoteText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Unicode date tokens as strftime (DuckDB, BigQuery) or Postgres/Snowflake patterns. */
function dateFormatFor(d: SqlDialect, format: string): string {
  const strftime: Record<string, string> = { yyyy: '%Y', yy: '%y', MMMM: '%B', MMM: '%b', MM: '%m', M: '%m', dd: '%d', d: '%d', HH: '%H', H: '%H', hh: '%I', h: '%I', mm: '%M', ss: '%S', a: '%p' };
  const oracle: Record<string, string> = { yyyy: 'YYYY', yy: 'YY', MMMM: 'Month', MMM: 'Mon', MM: 'MM', M: 'MM', dd: 'DD', d: 'DD', HH: 'HH24', H: 'HH24', hh: 'HH12', h: 'HH12', mm: 'MI', ss: 'SS', a: 'AM' };
  const table = d === 'duckdb' || d === 'bigquery' ? strftime : oracle;
  return format.replace(/'([^']*)'|yyyy|yy|MMMM|MMM|MM|M|dd|d|HH|H|hh|h|mm|ss|a/g, (token, literal) => literal !== undefined ? literal : table[token] ?? token);
}

/**
 * A date-time that carries its own offset, as dates.ts's ISO_RE reads one: only after a time, so a
 * plain date (`2026-07-01`, whose `-01` looks like an offset) is read in the source's time zone.
 */
const OFFSET_RE = '\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*(Z|[+-]\\d\\d(:?\\d\\d)?)$';

/** A date column as seconds since the epoch, read as the source says. */
function epochOf(d: SqlDialect, column: string, source: SqlSource): string {
  const zone = quoteText(source.timezone ?? 'UTC');
  const format = source.dateFormat ? quoteText(dateFormatFor(d, source.dateFormat)) : undefined;
  const text = d === 'bigquery' ? `NULLIF(TRIM(CAST(${column} AS STRING)), '')` : `NULLIF(TRIM(CAST(${column} AS VARCHAR)), '')`;
  switch (d) {
    case 'duckdb': {
      // Through text, whatever type DuckDB detected: an offset is honoured, else the time is local to the zone.
      const iso = `CASE WHEN regexp_matches(${text}, '${OFFSET_RE}') THEN TRY_CAST(${text} AS TIMESTAMPTZ) ELSE timezone(${zone}, TRY_CAST(${text} AS TIMESTAMP)) END`;
      return `epoch(${format ? `COALESCE(timezone(${zone}, TRY_STRPTIME(${text}, ${format})), ${iso})` : iso})`;
    }
    case 'postgres': {
      const local = format ? `to_timestamp(${text}, ${format})::timestamp` : `(${text})::timestamp`;
      return `EXTRACT(EPOCH FROM CASE WHEN ${text} ~ '${OFFSET_RE}' THEN (${text})::timestamptz ELSE ${local} AT TIME ZONE ${zone} END)`;
    }
    case 'bigquery':
      return `UNIX_SECONDS(${format ? `COALESCE(SAFE.PARSE_TIMESTAMP(${format}, ${text}, ${zone}), SAFE.TIMESTAMP(${text}, ${zone}))` : `SAFE.TIMESTAMP(${text}, ${zone})`})`;
    case 'snowflake': {
      const local = format ? `COALESCE(TRY_TO_TIMESTAMP_NTZ(${text}, ${format}), TRY_TO_TIMESTAMP_NTZ(${text}))` : `TRY_TO_TIMESTAMP_NTZ(${text})`;
      return `DATE_PART(EPOCH_SECOND, CASE WHEN REGEXP_LIKE(${text}, '.*${OFFSET_RE.replace(/\\/g, '\\\\')}') THEN TRY_TO_TIMESTAMP_TZ(${text}) ELSE CONVERT_TIMEZONE(${zone}, 'UTC', ${local}) END)`;
    }
  }
}

/** A count or a flag, as countOf reads it: true/yes/y 1, false/no/n 0, a number; else NULL. */
function countSql(d: SqlDialect, column: string): string {
  const t = `LOWER(TRIM(CAST(${column} AS ${d === 'bigquery' ? 'STRING' : 'VARCHAR'})))`;
  const num = d === 'bigquery' ? `SAFE_CAST(${t} AS FLOAT64)` : d === 'postgres' ? `CASE WHEN ${t} ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN ${t}::double precision END` : d === 'snowflake' ? `TRY_TO_DOUBLE(${t})` : `TRY_CAST(${t} AS DOUBLE)`;
  return `CASE WHEN ${t} IN ('true', 'yes', 'y') THEN 1 WHEN ${t} IN ('false', 'no', 'n') THEN 0 ELSE ${num} END`;
}

/** `value, n` of a statistic of x over the rows of `from`: a mean, or a percentile by linear interpolation. */
function statQuery(d: SqlDialect, stat: DurationStat, x: string, from: string): string {
  if (stat === 'mean') return `SELECT AVG(${x}) AS value, COUNT(*) AS n FROM (${from}) t`;
  const p = STAT_QUANTILE[stat];
  if (d === 'duckdb') return `SELECT quantile_cont(${x}, ${p}) AS value, COUNT(*) AS n FROM (${from}) t`;
  // BigQuery's exact percentile is an analytic function: computed per row, then taken once.
  if (d === 'bigquery') return `SELECT ANY_VALUE(v) AS value, COUNT(*) AS n FROM (SELECT PERCENTILE_CONT(${x}, ${p}) OVER () AS v FROM (${from}) t) q`;
  return `SELECT PERCENTILE_CONT(${p}) WITHIN GROUP (ORDER BY ${x}) AS value, COUNT(*) AS n FROM (${from}) t`;
}

/** DuckDB: business seconds between two epochs by the calendar, day by day in its zone. */
function businessSecondsSql(from: string, to: string, c: Calendar): string {
  const zone = quoteText(c.timezone);
  const local = (e: string) => `CAST(timezone(${zone}, to_timestamp(${e})) AS DATE)`;
  const holidays = c.holidays.map((h) => `DATE '${new Date(h * 86400000).toISOString().slice(0, 10)}'`);
  const bound = (minutes: number) => `epoch(timezone(${zone}, CAST(g.day AS TIMESTAMP) + INTERVAL ${minutes} MINUTE))`;
  return `(SELECT COALESCE(SUM(GREATEST(0, LEAST(${to}, ${bound(c.end)}) - GREATEST(${from}, ${bound(c.start)}))), 0) FROM (SELECT CAST(unnest(generate_series(${local(from)}, ${local(to)}, INTERVAL 1 DAY)) AS DATE) AS day) g WHERE isodow(g.day) IN (${c.days.join(', ')})${holidays.length ? ` AND g.day NOT IN (${holidays.join(', ')})` : ''})`;
}

export interface EmittedSql { sql: string; note?: string }

/** The query computing `metric` over the source's table, or why none can be written. */
export function metricSql(metric: Metric, d: SqlDialect, source: SqlSource): EmittedSql {
  const name = metric.name.value;
  if (!COMPUTABLE[name]) return { sql: `-- ${name} cannot be computed from ticket exports`, note: 'not computable' };
  const col = (c: TicketColumn) => source.columns[c] !== undefined ? quoteIdent(d, source.columns[c]!) : undefined;
  const missing = COMPUTABLE[name].needs.filter((c) => !col(c));
  if (missing.length) return { sql: `-- ${name}: the export has no ${missing.join(', ')} column`, note: 'missing column' };
  const table = quoteIdent(d, source.table);
  const filters: string[] = [];
  for (const [key, values] of Object.entries(metric.where?.value ?? {})) {
    const header = source.resolve(key);
    if (!header) return { sql: `-- ${name}: where: ${key} names no column of the export`, note: 'unknown column' };
    filters.push(`LOWER(TRIM(CAST(${quoteIdent(d, header)} AS ${d === 'bigquery' ? 'STRING' : 'VARCHAR'}))) IN (${values.map((v) => quoteText(v.trim().toLowerCase())).join(', ')})`);
  }
  const opened = col('opened') && epochOf(d, col('opened')!, source);
  const resolved = col('resolved') && epochOf(d, col('resolved')!, source);
  const firstResponse = col('first_response') && epochOf(d, col('first_response')!, source);
  const count = (c: TicketColumn) => col(c) ? `COALESCE(${countSql(d, col(c)!)}, 0)` : '0';
  // Every ticket's times as epochs, the filter applied, as one inner table t.
  const inner = (extra: string[] = []) => `SELECT * FROM (SELECT *, ${[['o', opened], ['r', resolved], ['f', firstResponse]].filter(([, e]) => e).map(([n, e]) => `${e} AS jm_${n}`).join(', ')} FROM ${table}) x${[...filters, ...extra].length ? ` WHERE ${[...filters, ...extra].join(' AND ')}` : ''}`;
  const share = (condition: string, over: string[]) => `SELECT 100.0 * SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value, COUNT(*) AS n FROM (${inner(over)}) t`;
  const stat = metric.stat?.value ?? defaultStat(name);
  switch (name) {
    case 'fcr':
      return { sql: share(`${count('transfers')} = 0 AND ${count('escalated')} = 0 AND ${count('reopened')} = 0`, ['jm_r IS NOT NULL']) };
    case 'reopen_rate':
      return { sql: share(`${count('reopened')} > 0`, ['jm_r IS NOT NULL']) };
    case 'escalation_rate': case 'transfer_rate': {
      const c = countSql(d, col(name === 'escalation_rate' ? 'escalated' : 'transfers')!);
      return { sql: share(`${c} > 0`, [`${c} IS NOT NULL`]) };
    }
    case 'mttr': case 'time_to_resolution': case 'first_response_time': {
      const [a, b] = name === 'first_response_time' ? ['jm_o', 'jm_f'] : ['jm_o', 'jm_r'];
      return { sql: statQuery(d, stat, `(${b} - ${a}) / 3600.0`, inner([`${a} IS NOT NULL`, `${b} IS NOT NULL`, `${b} >= ${a}`])) };
    }
    case 'csat': {
      const score = countSql(d, col('csat')!);
      const written = metric.target?.value ?? metric.value?.value;
      return written?.kind === 'percent'
        ? { sql: share(`${score} >= 4`, [`${score} IS NOT NULL`]) }
        : { sql: `SELECT AVG(${score}) AS value, COUNT(*) AS n FROM (${inner([`${score} IS NOT NULL`])}) t` };
    }
    case 'backlog_age': {
      // As of the newest date anywhere in the export (every ticket, not only the filtered ones).
      const dates = [opened, resolved, firstResponse].filter((e): e is string => !!e);
      const newest = `(SELECT MAX(GREATEST(${dates.map((e) => `COALESCE(${e}, -1e18)`).join(', ')})) FROM ${table})`;
      return { sql: statQuery(d, stat, `(${newest} - jm_o) / 3600.0`, inner(['jm_r IS NULL', 'jm_o IS NOT NULL'])) };
    }
    case 'sla_breach_rate':
      return slaSql(d, metric.sla?.value, source, inner, col('priority'));
  }
  return { sql: `-- ${name}: no SQL`, note: 'not computable' };
}

function slaSql(d: SqlDialect, sla: SlaSpec | undefined, source: SqlSource, inner: (extra?: string[]) => string, priority: string | undefined): EmittedSql {
  if (!sla) return { sql: '-- sla_breach_rate needs `sla:` on the metric', note: 'no SLA' };
  const entries: [string | undefined, ClockDuration][] = sla.byPriority ? Object.entries(sla.byPriority) : [[undefined, sla.all!]];
  const business = entries.some(([, dur]) => isBusinessDuration(dur));
  if (business && (d !== 'duckdb' || !source.calendar)) {
    return { sql: `-- sla_breach_rate: the SLA is in business time, which this query cannot count in ${d === 'duckdb' ? 'without a calendar' : d} (DuckDB can): compute it with journeymap metrics`, note: 'business time not expressible' };
  }
  if (sla.byPriority && !priority) return { sql: '-- sla_breach_rate: a per-priority SLA needs the priority column', note: 'missing column' };
  const daySeconds = source.calendar ? (source.calendar.end - source.calendar.start) * 60 : undefined;
  const took = (dur: ClockDuration) => isBusinessDuration(dur) ? businessSecondsSql('jm_o', 'jm_r', source.calendar!) : '(jm_r - jm_o)';
  const key = priority ? `LOWER(TRIM(CAST(${priority} AS ${d === 'bigquery' ? 'STRING' : 'VARCHAR'})))` : '';
  const breach = sla.byPriority
    ? `CASE ${entries.map(([p, dur]) => `WHEN ${key} = ${quoteText(p!.trim().toLowerCase())} THEN ${took(dur)} > ${clockSeconds(dur, daySeconds)}`).join(' ')} END`
    : `${took(entries[0][1])} > ${clockSeconds(entries[0][1], daySeconds)}`;
  const covered = sla.byPriority ? [`${key} IN (${entries.map(([p]) => quoteText(p!.trim().toLowerCase())).join(', ')})`] : [];
  return { sql: `SELECT 100.0 * SUM(CASE WHEN ${breach} THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value, COUNT(*) AS n FROM (${inner(['jm_r IS NOT NULL', 'jm_o IS NOT NULL', ...covered])}) t` };
}
