/**
 * `journeymap metrics MAP --emit-sql DIALECT`: every computed metric as a SQL query over a table
 * named after its source id, with the export's columns, returning one row `value, n` (shares as
 * percentages 0-100, durations in hours, scores as numbers). The warehouse that runs it is the team's.
 */
import { layoutOf, metricSql, resolveLink, TicketAggregator, type FileReader, type JourneyMap, type SqlDialect } from '../core';

export interface SqlRow { touchpoint: string; metric: string; sql: string }

/** The export's header row, read through the rooted reader and no further. */
async function headerOf(reader: FileReader, path: string): Promise<string[] | undefined> {
  let header: string[] | undefined;
  try {
    await reader.readRecords!(path, (record) => {
      header = record;
      throw new Error('header read'); // stops the reader after the first record
    });
  } catch {
    // the stop above, or a file that cannot be read (then no header)
  }
  return header;
}

/** One query per metric with `from:`, in document order. */
export async function sqlRows(map: JourneyMap, uri: string, root: string, reader: FileReader, dialect: SqlDialect): Promise<SqlRow[]> {
  const headers = new Map<string, string[] | undefined>();
  const rows: SqlRow[] = [];
  for (const tp of map.touchpoints) {
    for (const metric of tp.metrics) {
      if (!metric.from) continue;
      const touchpoint = tp.id?.value ?? tp.name?.value ?? '?';
      const source = map.sources.find((s) => s.id?.value === metric.from!.value);
      const id = metric.from.value;
      if (!source?.path) {
        rows.push({ touchpoint, metric: metric.name.value, sql: `-- ${metric.name.value}: the source ${id} has no export path` });
        continue;
      }
      const target = resolveLink(uri, source.path.value, root);
      if (!('path' in target)) {
        rows.push({ touchpoint, metric: metric.name.value, sql: `-- ${metric.name.value}: the export ${source.path.value} is outside the workspace` });
        continue;
      }
      if (!headers.has(target.path)) headers.set(target.path, await headerOf(reader, target.path));
      const header = headers.get(target.path);
      if (!header) {
        rows.push({ touchpoint, metric: metric.name.value, sql: `-- ${metric.name.value}: the export ${source.path.value} cannot be read` });
        continue;
      }
      const layout = layoutOf(source, map.calendar?.value);
      const columns = new TicketAggregator(header, source.columns?.value ?? {}, [], layout);
      const { sql } = metricSql(metric, dialect, {
        table: id, columns: columns.foundColumns(), resolve: (name) => { const at = columns.columnAt(name); return at === undefined ? undefined : header[at]; },
        dateFormat: layout.dateFormat ?? undefined, timezone: layout.timezone, calendar: layout.calendar,
      });
      rows.push({ touchpoint, metric: metric.name.value, sql });
    }
  }
  return rows;
}

/** The text form: each query after a comment naming it, and for DuckDB how to load the export. */
export function sqlText(map: JourneyMap, rows: SqlRow[], dialect: SqlDialect): string {
  const lines: string[] = [`-- journeymap metrics as ${dialect} SQL: each query returns one row (value, n); shares in percent, durations in hours.`];
  if (dialect === 'duckdb') {
    for (const s of map.sources) {
      if (s.id && s.path && map.touchpoints.some((tp) => tp.metrics.some((m) => m.from?.value === s.id!.value))) {
        lines.push(`-- CREATE TABLE "${s.id.value}" AS SELECT * FROM read_csv('${s.path.value.replace(/'/g, "''")}');`);
      }
    }
  }
  for (const row of rows) lines.push('', `-- ${row.touchpoint} ${row.metric}`, row.sql.startsWith('--') ? row.sql : `${row.sql};`);
  return lines.join('\n') + '\n';
}
