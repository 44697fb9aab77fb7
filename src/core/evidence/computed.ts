/**
 * Computes the metrics that say `from: <source>` by streaming that source's ticket export through
 * the injected reader once per validation, and caching the summary per file version.
 */
import { resolveLink, type FileReader } from '../files';
import { describeCalendar, isBusinessDuration, type Calendar, type ComputedValue, type CsvProblem, type Metric, type Source } from '../format';
import type { JourneyDocument } from '../parse';
import { defaultStat, queryKey, TicketAggregator, type ExportLayout, type TicketQuery, type TicketSummary } from './tickets';

export type TicketCache = Map<string, { version: string; summary?: TicketSummary; problem?: CsvProblem }>;

function queryOf(metric: Metric): TicketQuery {
  const written = metric.target?.value ?? metric.value?.value;
  const unit = metric.name.value === 'csat' && written?.kind === 'percent' ? 'percent' as const : undefined;
  return { metric: metric.name.value, where: metric.where?.value, sla: metric.sla?.value, ...(unit ? { unit } : {}), ...(metric.stat ? { stat: metric.stat.value } : {}) };
}

/** How a source's export is laid out: its preset, date format, time zone and calendar (its own, else the map's). */
export function layoutOf(source: Source, mapCalendar: Calendar | undefined): ExportLayout {
  const calendar = source.calendar?.value ?? mapCalendar;
  return {
    ...(source.preset ? { preset: source.preset.value } : {}),
    ...(source.dateFormat ? { dateFormat: source.dateFormat.value } : {}),
    ...(source.timezone ? { timezone: source.timezone.value } : {}),
    ...(calendar ? { calendar } : {}),
  };
}

const DURATION_METRICS = new Set(['mttr', 'time_to_resolution', 'first_response_time', 'backlog_age']);

/** Which clock a computed figure runs on, in words: "p90, wall-clock" or "business hours (Mon-Fri ...)". */
export function clockOf(metric: Metric, calendar: Calendar | undefined): string | undefined {
  const name = metric.name.value;
  if (DURATION_METRICS.has(name)) {
    const stat = metric.stat?.value ?? defaultStat(name);
    return `${stat === 'mean' ? 'mean' : stat === 'p50' ? 'median (p50)' : stat}, wall-clock time`;
  }
  if (name !== 'sla_breach_rate' || !metric.sla) return undefined;
  const spec = metric.sla.value;
  const durations = [...(spec.all ? [spec.all] : []), ...Object.values(spec.byPriority ?? {})];
  const business = durations.filter(isBusinessDuration).length;
  const clock = business === 0 ? 'wall-clock time' : `${business === durations.length ? '' : 'wall-clock and '}business time (${calendar ? describeCalendar(calendar) : 'no calendar'})`;
  const per = spec.byPriority ? `per priority: ${Object.entries(spec.byPriority).map(([p, d]) => `${p} ${d.text}`).join(', ')}; ` : '';
  return `${per}${clock}`;
}

export async function computeMetrics(doc: JourneyDocument, uri: string, reader: FileReader | undefined, root: string | undefined, cache: TicketCache): Promise<void> {
  const bySource = new Map<string, Metric[]>();
  for (const tp of doc.map.touchpoints) {
    for (const metric of tp.metrics) {
      metric.computed = undefined;
      if (!metric.from) continue;
      const list = bySource.get(metric.from.value) ?? [];
      list.push(metric);
      bySource.set(metric.from.value, list);
    }
  }
  const jobs: Promise<void>[] = [];
  for (const source of doc.map.sources) {
    source.export = undefined;
    const metrics = source.id ? bySource.get(source.id.value) : undefined;
    if (!metrics?.length) continue;
    if (!reader?.readRecords || !source.path) continue;
    const target = resolveLink(uri, source.path.value, root);
    if ('path' in target) jobs.push(computeSource(source, target.path, metrics, reader, cache, layoutOf(source, doc.map.calendar?.value)));
  }
  await Promise.all(jobs);
}

async function computeSource(source: Source, path: string, metrics: Metric[], reader: FileReader, cache: TicketCache, layout: ExportLayout): Promise<void> {
  const stat = await reader.stat(path);
  if ('problem' in stat) return; // source-missing or link-outside-workspace reports it
  const mapping = source.columns?.value ?? {};
  const queries = metrics.map(queryOf);
  const key = `${path}\u0000${JSON.stringify(mapping)}\u0000${JSON.stringify(layout)}\u0000${queries.map(queryKey).sort().join('|')}`;
  let entry = cache.get(key);
  if (!entry || entry.version !== stat.version) {
    entry = { version: stat.version, ...(await summarize(path, mapping, queries, reader, layout)) };
    if (cache.size > 64) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
  }
  if (entry.problem) {
    source.export = { rows: 0, problem: entry.problem };
    return;
  }
  const summary = entry.summary!;
  source.export = { rows: summary.rows, oldest: summary.oldest, newest: summary.newest };
  for (const metric of metrics) {
    const computed = inMetricUnit(metric, summary.results.get(queryKey(queryOf(metric))));
    const clock = computed?.value ? clockOf(metric, layout.calendar) : undefined;
    metric.computed = computed && clock ? { ...computed, clock } : computed;
  }
}

/** A computed score is written in the unit the map uses for it: `4.1/5` when the target is `4.5/5`. */
function inMetricUnit(metric: Metric, computed: ComputedValue | undefined): ComputedValue | undefined {
  const value = computed?.value;
  const written = metric.target?.value ?? metric.value?.value;
  if (!value || !written || value.kind !== 'number' || written.kind !== 'rating') return computed;
  return { ...computed!, value: { kind: 'rating', amount: value.amount, scale: written.scale, text: `${value.amount}/${written.scale}` } };
}

async function summarize(path: string, mapping: Record<string, string>, queries: TicketQuery[], reader: FileReader, layout: ExportLayout): Promise<{ summary?: TicketSummary; problem?: CsvProblem }> {
  let aggregator: TicketAggregator | undefined;
  let missing: string[] = [];
  try {
    await reader.readRecords!(path, (record) => {
      if (!aggregator) {
        aggregator = new TicketAggregator(record, mapping, queries, layout);
        missing = aggregator.missingColumns(mapping);
      } else {
        aggregator.add(record);
      }
    });
  } catch (error) {
    const e = error as Partial<CsvProblem> & { message?: string };
    return { problem: { message: e.message ?? String(error), line: e.line, column: e.column } };
  }
  if (!aggregator) return { problem: { message: 'The file is empty: a ticket export needs a header row and one row per ticket.' } };
  if (missing.length) {
    return { problem: { message: `The header has no column named ${missing.map((m) => `\`${m}\``).join(', ')}, which \`columns:\` maps. Fix the mapping to the export's header names.`, line: 1 } };
  }
  const summary = aggregator.finish();
  // A Latin-1 or Windows-1252 export read as UTF-8 turns `Zürich` into `Z\uFFFDrich`: filters then
  // silently match nothing. Refuse it with the fix rather than compute from mangled text.
  if (summary.notUtf8Row !== undefined) {
    return { problem: { message: `The export is not UTF-8: data row ${summary.notUtf8Row} holds bytes that are not UTF-8 (shown as \uFFFD). Save it as UTF-8 (in Excel: "CSV UTF-8").`, line: summary.notUtf8Row + 1 } };
  }
  return { summary };
}
