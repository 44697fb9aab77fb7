/** `journeymap metrics <map>`: every metric of a map with its value, target, status, source and n. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isMap } from 'yaml';
import { describeSignal, evaluateMetric, evaluateSignal, formatIsoDate, getLanguageService, metricInfo, NO_DIRECTION_HINT, parseIsoDate, SQL_DIALECTS, type Improvement, type JourneyMap, type SqlDialect } from '../core';
import { sqlRows, sqlText } from './emitSql';
import { chooseWorkspaceRoot, findMapFiles, readMapText, toCorePath } from './io';
import { RootedFiles } from '../node/files';
import { safeJson, safeLines, visibleLine } from './terminal';
import { todayOption, UsageError, utcToday, type Io } from './usage';

export const METRICS_HELP = `Usage: journeymap metrics <map> [--format text|json] [--today YYYY-MM-DD] [--root DIR] [--emit-sql DIALECT]

Prints every metric of a map: touchpoint, metric, value (computed from a ticket export when the
metric says from:), target, status against the target, source and sample size; then each
improvement's structured signal (signal: { metric, at, target, by }) and whether it is met, not
yet met, or missed after its date. In JSON, a value, target or source the map does not give is null. --root DIR: the workspace root ticket exports
must stay inside (default: as lint chooses it). --emit-sql duckdb|postgres|bigquery|snowflake: print
each computed metric as a SQL query over a table named after its source id (one row: value, n;
shares in percent, durations in hours) instead; with --format json, [{ touchpoint, metric, sql }].

Exit codes: 0 printed, 1 the file is not a journey map (empty, not a YAML mapping, or YAML that
cannot be read: the errors are printed), 2 usage or I/O error (a folder is a usage error).
`;

/** YAML problems that leave no map to read the metrics of (the same as render's). */
const BLOCKING = new Set(['yaml-syntax', 'file-too-large']);

/** An improvement's structured signal and where it stands. */
export interface SignalRow {
  improvement: string;
  metric: string | null;
  at: string | null;
  target: string | null;
  by: string | null;
  state: string;
  value: string | null;
  computed: boolean;
  n: number | null;
  /** The status in words, as hovers say it. */
  status: string;
}

/** A metric as `journeymap metrics` and `journeymap report` show it. */
export interface MetricRow {
  touchpoint: string;
  metric: string;
  /** null: the map gives no value (and none was computed). */
  value: string | null;
  computed: boolean;
  target: string | null;
  status: string;
  source: string | null;
  n: number | null;
}

export async function runMetrics(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { format: { type: 'string', default: 'text' }, today: { type: 'string' }, root: { type: 'string' }, 'emit-sql': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(METRICS_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('metrics takes exactly one map file.');
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`--format must be text or json, not "${values.format}".`);
  const dialect = values['emit-sql'];
  if (dialect !== undefined && !(SQL_DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`--emit-sql must be one of ${SQL_DIALECTS.join(', ')}, not "${dialect}".`);
  const today = todayOption(values.today);
  const file = path.resolve(io.cwd, positionals[0]);
  if ((await fs.stat(file).catch(() => undefined))?.isDirectory()) {
    const { files } = await findMapFiles([file], io.cwd);
    const example = files.length ? ` (it holds ${files.length} map${files.length === 1 ? '' : 's'}, e.g. ${path.relative(io.cwd, files[0]) || files[0]})` : ' (it holds no journey maps)';
    throw new UsageError(`metrics takes one map file, and ${positionals[0]} is a folder${example}. "journeymap lint ${positionals[0]}" checks a whole folder.`);
  }
  const read = await readMapText(file);
  if ('missing' in read) {
    io.stderr(`journeymap: no such file: ${visibleLine(positionals[0])}\n`);
    return 2;
  }
  const chosen = await chooseWorkspaceRoot(values.root, [file], io.cwd); // as lint chooses it
  if ('problem' in chosen) throw new UsageError(chosen.problem);
  const { root } = chosen;
  const reader = new RootedFiles(root);
  const service = getLanguageService({ fileReader: reader, today: () => today ?? utcToday(), workspaceRoot: toCorePath(root) });
  const uri = toCorePath(file);
  const text = 'text' in read ? read.text : '';
  const diagnostics = 'text' in read ? await service.validate(uri, text) : [read.refused]; // validation reads the ticket exports
  const doc = service.parse(uri, text);
  // A file that is not a map has no metrics to list: say why, as lint does, and fail.
  const notAMap = !('text' in read) || !doc.yaml || !isMap(doc.yaml.contents);
  const problems = diagnostics.filter((d) => d.severity === 'error' && (notAMap || BLOCKING.has(d.code)));
  if (notAMap || problems.length) {
    const shown = visibleLine(positionals[0]);
    const lines = problems.map((d) => `${shown}:${d.range.start.line + 1}:${d.range.start.character + 1}  error    ${visibleLine(d.message)}  ${d.code}`);
    io.stderr(safeLines(`journeymap: ${shown} is not a journey map that can be read:\n${(lines.length ? lines : [`${shown}: the file holds no YAML mapping`]).join('\n')}\n`));
    return 1;
  }
  if (dialect !== undefined) {
    const queries = await sqlRows(doc.map, uri, toCorePath(root), reader, dialect as SqlDialect);
    io.stdout(values.format === 'json' ? safeJson(JSON.stringify(queries, null, 2)) + '\n' : safeLines(sqlText(doc.map, queries, dialect as SqlDialect)));
    return 0;
  }
  const rows = metricRows(doc.map);
  const signals = signalRows(doc.map, parseIsoDate(today ?? utcToday())!);
  if (values.format === 'json') {
    io.stdout(safeJson(JSON.stringify({ map: positionals[0], metrics: rows, signals }, null, 2)) + '\n');
    return 0;
  }
  if (!rows.length) {
    io.stdout('This map has no metrics.\n');
    return 0;
  }
  const header = ['touchpoint', 'metric', 'value', 'target', 'status', 'source', 'n'];
  const cells = rows.map((r) => [r.touchpoint, metricInfo(r.metric) ? r.metric : `${r.metric} (custom)`, r.computed ? `${r.value} *` : r.value ?? '-', r.target ?? '-', r.status, r.source ?? '-', r.n === null ? '' : r.n.toLocaleString('en-US')].map(visibleLine));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const notes = ['* computed from a ticket export'];
  if (rows.some((r) => r.status === 'no-direction')) notes.push(`no-direction: a custom metric with a target but no direction: ${NO_DIRECTION_HINT.replace(/`/g, '')}`);
  io.stdout(safeLines([line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), '', ...notes].join('\n') + '\n'));
  if (signals.length) io.stdout(safeLines(`\n${signalTable(signals)}\n`));
  return 0;
}

/** Every metric of every touchpoint, in document order, with its status against its target. */
export function metricRows(map: JourneyMap): MetricRow[] {
  const rows: MetricRow[] = [];
  for (const tp of map.touchpoints) {
    for (const m of tp.metrics) {
      const evaluation = evaluateMetric(m);
      const shown = m.computed?.value ?? m.value?.value;
      rows.push({
        touchpoint: tp.id?.value ?? tp.name?.value ?? '?',
        metric: m.name.value,
        value: shown?.text ?? (m.computed?.problem ? 'not computed' : null),
        computed: !!m.computed?.value,
        target: m.target?.value.text ?? null,
        status: evaluation.status === 'misses' ? `misses by ${evaluation.gap}` : evaluation.status,
        source: m.from?.value ?? m.source?.value ?? null,
        n: m.computed?.value ? m.computed.n : null,
      });
    }
  }
  return rows;
}

/** The improvements with a structured signal, judged on `today` (days since the epoch). */
function signalRows(map: JourneyMap, today: number): SignalRow[] {
  return map.improvements.map((imp) => signalRow(imp, map, today)).filter((row): row is SignalRow => row !== undefined);
}

/** An improvement's structured signal judged on `today`, or nothing when it has none. */
export function signalRow(imp: Improvement, map: JourneyMap, today: number): SignalRow | undefined {
  const evaluation = evaluateSignal(imp, map, today);
  const check = imp.signalCheck;
  if (!evaluation || !check) return undefined;
  return {
    improvement: imp.id?.value ?? `#${imp.index + 1}`,
    metric: check.metric?.value ?? null,
    at: check.at?.value ?? null,
    target: check.target?.value.text ?? null,
    by: check.by ? formatIsoDate(check.by.value) : null,
    state: evaluation.state,
    value: evaluation.value ?? null,
    computed: !!evaluation.computed,
    n: evaluation.n ?? null,
    status: describeSignal(evaluation),
  };
}

function signalTable(signals: SignalRow[]): string {
  const header = ['improvement', 'signal', 'status'];
  const cells = signals.map((s) => {
    const comparison = s.target === null ? '' : ` reaches ${s.target}`;
    return [s.improvement, `${s.metric ?? '?'} at ${s.at ?? '?'}${comparison}${s.by ? ` by ${s.by}` : ''}`, s.status].map(visibleLine);
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
