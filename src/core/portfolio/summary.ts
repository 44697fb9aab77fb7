/**
 * A map at a glance, for people who look across many: its review status, findings, the metrics
 * that miss their targets (worst first) and its improvements. Computed from the same parse,
 * findings and evidence as the editor, so the Journey Maps view, the Improvements view and
 * `journeymap report` agree with the Problems panel and the hovers.
 */
import type { Diagnostic } from '../base';
import { formatIsoDate, magnitude, type Improvement, type JourneyMap } from '../format';
import { evaluateMetric, evaluateSignal, reviewState, shownValue, type SignalState } from '../evidence';
import type { JourneyDocument } from '../parse';

/** Review status words, shared by every surface: the status bar says the same. */
export type ReviewStatus = 'overdue' | 'due-soon' | 'ok' | 'no-date';

/** Within this many days of its next review, a map is "due soon". */
export const DUE_SOON_DAYS = 14;

export interface ReviewSummary {
  status: ReviewStatus;
  /** Days until the next review (negative: overdue), when the map has a review date. */
  daysLeft?: number;
  /** The last review, as an ISO date. */
  last?: string;
  /** "overdue 12 days", "due in 30 days", "due today", "no review date". */
  text: string;
  /** Days between reviews (`review.every`, else the default). */
  cadenceDays: number;
}

/** A metric that misses its target, and by how much. */
export interface MetricMiss {
  touchpoint: string;
  metric: string;
  value: string;
  target: string;
  /** In the metric's own unit: "13 points", "2h". */
  gap: string;
  /** The gap as a share of the target (0.5: half the target away): ranks misses across units. */
  relative: number;
  /** Set when the value was computed from a ticket export. */
  n?: number;
  line: number;
}

export interface ImprovementSummary {
  /** The map's path or URI, as the caller gave it. */
  map: string;
  mapTitle?: string;
  id: string;
  experiment?: string;
  status: string;
  owner?: string;
  due?: string;
  /** Neither done nor dropped, and past its due date. */
  overdue: boolean;
  /** Days past due (when overdue). */
  daysLate?: number;
  for: string[];
  line: number;
  /** A structured signal's state, when it has one. */
  signal?: SignalState;
}

export interface MapSummary {
  /** The map's path or URI, as the caller gave it. */
  map: string;
  title?: string;
  persona?: string;
  scenario?: string;
  owner?: string;
  state?: string;
  /** A future-state map's `baseline:` as written: the current-state map it is compared with. */
  baseline?: string;
  /** The file could not be read as a map (a YAML error, too large, not a mapping). */
  unreadable: boolean;
  review: ReviewSummary;
  findings: { errors: number; warnings: number; infos: number };
  stages: number;
  touchpoints: number;
  /** Metrics judged against a target (meets or misses). */
  judged: number;
  /** Metrics that miss their target, worst first (a brief summary keeps only the worst few). */
  misses: MetricMiss[];
  /** How many metrics miss their target (all of them, also in a brief summary). */
  missCount: number;
  improvements: ImprovementSummary[];
  /** Improvements neither done nor dropped. */
  openImprovements: number;
}

const CLOSED = new Set(['done', 'dropped']);

/**
 * A summary to send often (the language server after each check of a map being typed in): only the
 * `keep` worst misses, with `missCount` still counting them all. A large map misses on hundreds of
 * metrics; a view shows the worst.
 */
export function briefSummary(summary: MapSummary, keep = 3): MapSummary {
  return summary.misses.length <= keep ? summary : { ...summary, misses: summary.misses.slice(0, keep) };
}

/** A map's summary on `today` (days since the epoch), from its parse and its findings. */
export function summarizeMap(map: string, doc: JourneyDocument, diagnostics: readonly Diagnostic[], today: number): MapSummary {
  const m = doc.map;
  const line = (span: readonly [number, number]) => doc.lines.positionAt(span[0]).line;
  const improvements = m.improvements.map((imp) => summarizeImprovement(map, m, imp, today, line));
  const { judged, misses } = metricMisses(m, line);
  return {
    map, title: m.title?.value, persona: m.personas[0]?.value, scenario: m.scenario?.value, owner: m.owner?.value, state: m.state?.value, baseline: m.baseline?.value,
    unreadable: doc.findings.some((f) => f.fatal),
    review: reviewSummary(m, today),
    findings: {
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
      infos: diagnostics.filter((d) => d.severity === 'info').length,
    },
    stages: m.stages.length, touchpoints: m.touchpoints.length, judged, misses, missCount: misses.length,
    improvements, openImprovements: improvements.filter((i) => !CLOSED.has(i.status)).length,
  };
}

export function reviewSummary(map: JourneyMap, today: number): ReviewSummary {
  const state = reviewState(map, today);
  const last = state.last === undefined ? undefined : formatIsoDate(state.last);
  const { cadenceDays } = state;
  if (state.daysLeft === undefined) return { status: 'no-date', text: 'no review date', cadenceDays };
  const days = (n: number) => `${Math.abs(n)} day${Math.abs(n) === 1 ? '' : 's'}`;
  if (state.daysLeft < 0) return { status: 'overdue', daysLeft: state.daysLeft, last, text: `overdue ${days(state.daysLeft)}`, cadenceDays };
  const status = state.daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'ok';
  return { status, daysLeft: state.daysLeft, last, text: state.daysLeft === 0 ? 'due today' : `due in ${days(state.daysLeft)}`, cadenceDays };
}

function metricMisses(map: JourneyMap, line: (span: readonly [number, number]) => number): { judged: number; misses: MetricMiss[] } {
  let judged = 0;
  const misses: MetricMiss[] = [];
  for (const tp of map.touchpoints) {
    for (const metric of tp.metrics) {
      const evaluation = evaluateMetric(metric);
      if (evaluation.status === 'meets' || evaluation.status === 'misses') judged++;
      if (evaluation.status !== 'misses') continue;
      const value = shownValue(metric)!;
      const target = metric.target!.value;
      const scale = Math.abs(magnitude(target)) || 1;
      misses.push({
        touchpoint: tp.id?.value ?? tp.name?.value ?? `#${tp.index + 1}`, metric: metric.name.value,
        value: value.text, target: target.text, gap: evaluation.gap ?? '',
        relative: Math.abs(magnitude(value) - magnitude(target)) / scale,
        ...(metric.computed?.value && { n: metric.computed.n }),
        line: line(metric.span),
      });
    }
  }
  misses.sort((a, b) => b.relative - a.relative);
  return { judged, misses };
}

function summarizeImprovement(map: string, m: JourneyMap, imp: Improvement, today: number, line: (span: readonly [number, number]) => number): ImprovementSummary {
  const status = imp.status?.value ?? 'idea';
  const overdue = !!imp.due && imp.due.value < today && !CLOSED.has(status);
  const signal = evaluateSignal(imp, m, today);
  return {
    map, mapTitle: m.title?.value, id: imp.id?.value ?? `#${imp.index + 1}`, experiment: imp.experiment?.value, status,
    owner: imp.owner?.value, due: imp.due ? formatIsoDate(imp.due.value) : undefined, overdue,
    ...(overdue && { daysLate: today - imp.due!.value }),
    for: imp.for.map((f) => f.value), line: line(imp.span),
    ...(signal && { signal: signal.state }),
  };
}

const STATUS_ORDER = ['in-progress', 'planned', 'idea', 'done', 'dropped'];

/**
 * Every improvement across the maps, overdue first (most late first), then by status (in progress,
 * planned, idea, done, dropped), then by due date (undated last), then by map and id.
 */
export function improvementBoard(maps: readonly MapSummary[]): ImprovementSummary[] {
  const rank = (s: string) => { const i = STATUS_ORDER.indexOf(s); return i < 0 ? STATUS_ORDER.length : i; };
  return maps.flatMap((m) => m.improvements).sort((a, b) =>
    Number(b.overdue) - Number(a.overdue)
    || (b.daysLate ?? 0) - (a.daysLate ?? 0)
    || rank(a.status) - rank(b.status)
    || (a.due ?? '\uffff').localeCompare(b.due ?? '\uffff')
    || a.map.localeCompare(b.map) || a.id.localeCompare(b.id));
}

export type Grouping = 'owner' | 'folder' | 'review';

export interface MapGroup {
  key: string;
  label: string;
  maps: MapSummary[];
}

const REVIEW_GROUPS: Record<ReviewStatus, string> = { overdue: 'Review overdue', 'due-soon': 'Review due soon', 'no-date': 'No review date', ok: 'Reviewed' };

/**
 * The maps grouped by owner (no owner last), by folder, or by review status (overdue first); maps
 * inside a group by title, then by path (maps copied from one template share a title, and the order
 * must not depend on which file was read first). `folderOf` gives a map's folder as it should be shown.
 */
export function groupMaps(maps: readonly MapSummary[], by: Grouping, folderOf: (map: string) => string = defaultFolder): MapGroup[] {
  const groups = new Map<string, MapGroup>();
  for (const summary of maps) {
    const [key, label] = groupOf(summary, by, folderOf);
    let group = groups.get(key);
    if (!group) groups.set(key, group = { key, label, maps: [] });
    group.maps.push(summary);
  }
  const order = by === 'review' ? (g: MapGroup) => ['overdue', 'due-soon', 'no-date', 'ok'].indexOf(g.key) : undefined;
  const sorted = [...groups.values()].sort((a, b) => (order ? order(a) - order(b) : 0)
    || Number(a.key === '') - Number(b.key === '') || a.label.localeCompare(b.label));
  for (const group of sorted) {
    group.maps.sort((a, b) => (a.title ?? a.map).localeCompare(b.title ?? b.map) || a.map.localeCompare(b.map));
  }
  return sorted;
}

function groupOf(summary: MapSummary, by: Grouping, folderOf: (map: string) => string): [string, string] {
  if (by === 'owner') return summary.owner ? [summary.owner, summary.owner] : ['', 'No owner'];
  if (by === 'folder') {
    const folder = folderOf(summary.map);
    return [folder, folder || '(root)'];
  }
  return [summary.review.status, REVIEW_GROUPS[summary.review.status]];
}

function defaultFolder(map: string): string {
  const slash = map.lastIndexOf('/');
  return slash < 0 ? '' : map.slice(0, slash);
}
