/**
 * The semantic diff of two versions of a journey map: what a reviewer needs to know, matched by
 * id (renames followed) and never by line, so whitespace, comments and order alone report nothing.
 * Each side is a parsed document and its findings, as the adapter validated it (computed metrics
 * from the export as it was on that side).
 */
import type { Diagnostic } from '../base';
import {
  emptyMap, formatIsoDate, handoffTimes, type Handoff, type Improvement, type JourneyMap, type Lane, type Located, type Metric, type Stage, type Touchpoint,
} from '../format';
import { evaluateMetric, evaluateSignal, shownValue } from '../evidence';
import type { JourneyDocument } from '../parse';
import { matchItems } from './match';
import type {
  CurvePoint, DiffFinding, HandoffSide, ImprovementSide, JourneyDiff, LaneRef, MetricSide,
  StageRef, TouchpointRef,
} from './types';

/** One version of a map: the parsed document and the findings validation reported for it. */
export interface DiffSide {
  doc: JourneyDocument;
  diagnostics: readonly Diagnostic[];
}

export interface DiffOptions {
  /** Days since the epoch: structured signals are judged on this day (met, not yet met, missed). */
  today?: number;
}

/** Diffs two versions of a map; a side that is missing is a map added (no before) or removed (no after). */
export function diffJourneys(before: DiffSide | undefined, after: DiffSide | undefined, options: DiffOptions = {}): JourneyDiff {
  const b = new SideView(before, options.today);
  const a = new SideView(after, options.today);
  const diff = emptyDiff(b.map.title?.value, a.map.title?.value);
  if (b.unreadable) diff.unreadable.push('before');
  if (a.unreadable) diff.unreadable.push('after');
  if (!diff.unreadable.length) {
    diffHeader(b.map, a.map, diff);
    const lanes = diffLanes(b, a, diff);
    const stages = diffStages(b, a, diff);
    const ids = diffTouchpoints(b, a, diff, lanes, stages);
    diffHandoffs(b, a, diff, ids);
    diffImprovements(b, a, diff, ids);
    diff.curve = emotionCurves(b.map, a.map, stages);
  }
  diff.findings = diffFindings(before?.diagnostics ?? [], after?.diagnostics ?? []);
  diff.status = !before ? 'added' : !after ? 'removed' : hasChanges(diff) ? 'changed' : 'unchanged';
  return diff;
}

/** True when the diff reports anything a reviewer should read (the curve alone is context, not a change). */
export function hasChanges(diff: JourneyDiff): boolean {
  const { lanes, stages, touchpoints: t, findings } = diff;
  return diff.status === 'added' || diff.status === 'removed' || diff.unreadable.length > 0 || diff.header.length > 0
    || [lanes.added, lanes.removed, lanes.renamed, lanes.edited, stages.added, stages.removed, stages.renamed, stages.edited].some((list) => list.length > 0)
    || [t.added, t.removed, t.renamed, t.moved, t.edited].some((list) => list.length > 0)
    || [diff.feels, diff.pains, diff.metrics, diff.handoffs, diff.improvements, findings.introduced, findings.fixed].some((list) => list.length > 0);
}

/** A side's map and line lookups; an absent side is an empty map. */
class SideView {
  readonly map: JourneyMap;
  /** The side exists but is not a map that can be read (its parse reported a fatal finding). */
  readonly unreadable: boolean;
  constructor(private readonly side: DiffSide | undefined, readonly today: number | undefined) {
    this.map = side?.doc.map ?? emptyMap();
    this.unreadable = !!side?.doc.findings.some((f) => f.fatal);
  }
  line(span: readonly [number, number]): number {
    return this.side ? this.side.doc.lines.positionAt(span[0]).line : 0;
  }
  touchpoint(tp: Touchpoint, id = tp.id?.value ?? `#${tp.index + 1}`): TouchpointRef {
    return { id, name: tp.name?.value, lane: tp.lane?.value, stage: tp.stage.id?.value, line: this.line(tp.span) };
  }
}

function emptyDiff(before: string | undefined, after: string | undefined): JourneyDiff {
  return {
    status: 'unchanged', title: { before, after }, unreadable: [], header: [],
    lanes: { added: [], removed: [], renamed: [], edited: [] }, stages: { added: [], removed: [], renamed: [], edited: [] },
    touchpoints: { added: [], removed: [], renamed: [], moved: [], edited: [] },
    feels: [], pains: [], metrics: [], handoffs: [], improvements: [], findings: { introduced: [], fixed: [] }, curve: [],
  };
}

const text = (value: Located<string> | undefined) => value?.value;
const date = (value: Located<number> | undefined) => (value ? formatIsoDate(value.value) : undefined);

function diffHeader(b: JourneyMap, a: JourneyMap, diff: JourneyDiff): void {
  const fields: [string, (m: JourneyMap) => string | undefined][] = [
    ['title', (m) => text(m.title)],
    ['persona', (m) => (m.personas.length ? m.personas.map((p) => p.value).join('; ') : undefined)],
    ['scenario', (m) => text(m.scenario)],
    ['goal', (m) => text(m.goal)],
    ['owner', (m) => text(m.owner)],
    ['state', (m) => text(m.state)],
    ['baseline', (m) => text(m.baseline)],
    ['review.last', (m) => date(m.review?.last)],
    ['review.every', (m) => (m.review?.every ? `${m.review.every.value} days` : undefined)],
  ];
  for (const [field, read] of fields) {
    const [before, after] = [read(b), read(a)];
    if (before !== after) diff.header.push({ field, before, after });
  }
}

/** Lane id renames, before id -> after id (kept ids map to themselves implicitly). */
type Renames = Map<string, string>;
const follow = (renames: Renames, id: string | undefined) => (id === undefined ? undefined : renames.get(id) ?? id);

/** A lane or a stage: what the two share for matching and naming. */
type Named = Lane | Stage;

/**
 * Lanes or stages matched by id (renames by content, then by unique name) into their section of
 * the diff; returns the renames, before id -> after id, for the touchpoints that point at them.
 */
function diffNamed<T extends Named>(b: SideView, a: SideView, before: T[], after: T[], section: JourneyDiff['lanes'] | JourneyDiff['stages'], content: (item: T) => string): Renames {
  const ref = (side: SideView, item: T): LaneRef | StageRef => ({ id: item.id?.value ?? `#${item.index + 1}`, name: item.name?.value, line: side.line(item.span) });
  const matched = matchItems(before, after, { id: (item) => item.id?.value, content, name: (item) => item.name?.value });
  section.added = matched.added.map((item) => ref(a, item));
  section.removed = matched.removed.map((item) => ref(b, item));
  const renames: Renames = new Map();
  for (const [was, now] of matched.renamed) {
    const [from, to] = [ref(b, was).id, ref(a, now)];
    renames.set(from, to.id);
    section.renamed.push({ from, to: to.id, after: to });
  }
  for (const [was, now] of [...matched.kept, ...matched.renamed]) {
    if (was.name?.value !== now.name?.value) section.edited.push({ id: ref(a, now).id, before: was.name?.value, after: now.name?.value });
  }
  return renames;
}

function diffLanes(b: SideView, a: SideView, diff: JourneyDiff): Renames {
  return diffNamed(b, a, b.map.lanes, a.map.lanes, diff.lanes, (lane) => JSON.stringify([lane.name?.value, lane.kind?.value, lane.team?.value]));
}

function diffStages(b: SideView, a: SideView, diff: JourneyDiff): Renames {
  return diffNamed(b, a, b.map.stages, a.map.stages, diff.stages, (stage) => JSON.stringify([stage.name?.value, stage.touchpoints.map((tp) => tp.id?.value).sort()]));
}

/** Touchpoint ids before -> after, for every touchpoint on both sides (renames followed). */
type IdMap = Map<string, string>;

function diffTouchpoints(b: SideView, a: SideView, diff: JourneyDiff, lanes: Renames, stages: Renames): IdMap {
  const content = new Map<Touchpoint, string>();
  for (const tp of b.map.touchpoints) content.set(tp, touchpointContent(tp, follow(lanes, tp.lane?.value), follow(stages, tp.stage.id?.value)));
  for (const tp of a.map.touchpoints) content.set(tp, touchpointContent(tp, tp.lane?.value, tp.stage.id?.value));
  const matched = matchItems(b.map.touchpoints, a.map.touchpoints, { id: (tp) => tp.id?.value, content: (tp) => content.get(tp)!, name: (tp) => tp.name?.value });
  diff.touchpoints.added = matched.added.map((tp) => a.touchpoint(tp));
  diff.touchpoints.removed = matched.removed.map((tp) => b.touchpoint(tp));
  const ids: IdMap = new Map();
  for (const [before, after] of [...matched.kept, ...matched.renamed]) {
    const ref = a.touchpoint(after);
    if (before.id?.value !== undefined) ids.set(before.id.value, ref.id);
    if (before.id?.value !== after.id?.value) diff.touchpoints.renamed.push({ from: b.touchpoint(before).id, to: ref.id, after: ref });
    compareTouchpoint(before, after, ref, diff, lanes, stages);
  }
  // `next` once every rename is known: a reference that followed a rename is no change.
  for (const [before, after] of [...matched.kept, ...matched.renamed]) {
    const [was, now] = [before.next?.map((n) => follow(ids, n.value)).join(', '), after.next?.map((n) => n.value).join(', ')];
    if (was !== now) diff.touchpoints.edited.push({ touchpoint: a.touchpoint(after), field: 'next', before: before.next?.map((n) => n.value).join(', '), after: now });
  }
  return ids;
}

function touchpointContent(tp: Touchpoint, lane: string | undefined, stage: string | undefined): string {
  const metrics = tp.metrics.map((m) => [m.name.value, m.value?.value.text, m.target?.value.text, m.from?.value]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
  return JSON.stringify([lane, stage, tp.name?.value, tp.channel?.value, tp.does?.value, tp.thinks?.value, tp.feels?.value, tp.runbook?.value, pains(tp).sort(), metrics]);
}

const pains = (tp: Touchpoint) => tp.pains.map((p) => p.value.replace(/\s+/g, ' ').trim());

function compareTouchpoint(before: Touchpoint, after: Touchpoint, ref: TouchpointRef, diff: JourneyDiff, lanes: Renames, stages: Renames): void {
  const lane = [follow(lanes, before.lane?.value), after.lane?.value];
  const stage = [follow(stages, before.stage.id?.value), after.stage.id?.value];
  if (lane[0] !== lane[1] || stage[0] !== stage[1]) {
    diff.touchpoints.moved.push({
      touchpoint: ref,
      ...(lane[0] !== lane[1] && { lane: { before: before.lane?.value, after: after.lane?.value } }),
      ...(stage[0] !== stage[1] && { stage: { before: before.stage.id?.value, after: after.stage.id?.value } }),
    });
  }
  for (const field of ['name', 'channel', 'does', 'thinks', 'runbook'] as const) {
    const [was, now] = [before[field]?.value, after[field]?.value];
    if (was !== now) diff.touchpoints.edited.push({ touchpoint: ref, field, before: was, after: now });
  }
  if (before.feels?.value !== after.feels?.value) diff.feels.push({ touchpoint: ref, before: before.feels?.value, after: after.feels?.value });
  const added = multisetMinus(pains(after), pains(before));
  const removed = multisetMinus(pains(before), pains(after));
  if (added.length || removed.length) diff.pains.push({ touchpoint: ref, added, removed });
  diffMetrics(before, after, ref, diff);
}

function diffMetrics(before: Touchpoint, after: Touchpoint, ref: TouchpointRef, diff: JourneyDiff): void {
  const was = new Map(before.metrics.map((m) => [m.name.value, m] as const));
  const now = new Map(after.metrics.map((m) => [m.name.value, m] as const));
  for (const [name, metric] of now) {
    const old = was.get(name);
    const sideAfter = metricSide(metric);
    if (!old) {
      diff.metrics.push({ touchpoint: ref, metric: name, change: 'added', after: sideAfter });
      continue;
    }
    const sideBefore = metricSide(old);
    if (JSON.stringify(sideBefore) !== JSON.stringify(sideAfter)) diff.metrics.push({ touchpoint: ref, metric: name, change: 'changed', before: sideBefore, after: sideAfter });
  }
  for (const [name, metric] of was) {
    if (!now.has(name)) diff.metrics.push({ touchpoint: ref, metric: name, change: 'removed', before: metricSide(metric) });
  }
}

function metricSide(metric: Metric): MetricSide {
  const side: MetricSide = { value: shownValue(metric)?.text, target: metric.target?.value.text, status: evaluateMetric(metric).status };
  if (metric.computed?.value) side.computed = { n: metric.computed.n };
  const source = metric.from?.value ?? metric.source?.value;
  if (source !== undefined) side.source = source;
  return side;
}

function diffHandoffs(b: SideView, a: SideView, diff: JourneyDiff, ids: IdMap): void {
  const key = (from: string | undefined, to: string | undefined) => `${from ?? '?'}\u0000${to ?? '?'}`;
  const was = new Map<string, Handoff>();
  for (const h of b.map.handoffs) {
    const k = key(follow(ids, h.from?.value), follow(ids, h.to?.value));
    if (!was.has(k)) was.set(k, h);
  }
  const seen = new Set<string>();
  for (const h of a.map.handoffs) {
    const k = key(h.from?.value, h.to?.value);
    if (seen.has(k)) continue;
    seen.add(k);
    const old = was.get(k);
    const sideAfter = handoffSide(a, h);
    const ends = { from: h.from?.value ?? '?', to: h.to?.value ?? '?' };
    if (!old) diff.handoffs.push({ ...ends, change: 'added', after: sideAfter });
    else if (!sameHandoff(handoffSide(b, old), sideAfter)) diff.handoffs.push({ ...ends, change: 'changed', before: handoffSide(b, old), after: sideAfter });
  }
  for (const [k, h] of was) {
    if (!seen.has(k)) diff.handoffs.push({ from: follow(ids, h.from?.value) ?? '?', to: follow(ids, h.to?.value) ?? '?', change: 'removed', before: handoffSide(b, h) });
  }
}

function handoffSide(side: SideView, h: Handoff): HandoffSide {
  return {
    ...handoffTimes(h),
    notifiesCustomer: h.notifiesCustomer?.value,
    line: side.line(h.span),
  };
}

const sameHandoff = (x: HandoffSide, y: HandoffSide) => x.sla === y.sla && x.wait === y.wait && !!x.notifiesCustomer === !!y.notifiesCustomer;

function diffImprovements(b: SideView, a: SideView, diff: JourneyDiff, ids: IdMap): void {
  const hypothesisOf = (i: Improvement) => [i.experiment?.value, i.outcome?.value, i.signal?.value];
  const matched = matchItems(b.map.improvements, a.map.improvements, {
    id: (i) => i.id?.value,
    content: (i) => JSON.stringify([...hypothesisOf(i), i.owner?.value, i.status?.value]),
    name: (i) => i.experiment?.value,
  });
  const id = (i: Improvement) => i.id?.value ?? `#${i.index + 1}`;
  for (const i of matched.added) diff.improvements.push({ id: id(i), change: 'added', fields: [], after: improvementSide(a, i) });
  for (const i of matched.removed) diff.improvements.push({ id: id(i), change: 'removed', fields: [], before: improvementSide(b, i) });
  for (const [was, now] of [...matched.kept, ...matched.renamed]) {
    const before = improvementSide(b, was);
    const after = improvementSide(a, now);
    const fields: string[] = (['status', 'owner', 'due'] as const).filter((f) => before[f] !== after[f]);
    if (before.signal?.state !== after.signal?.state || before.signal?.value !== after.signal?.value) fields.push('signal');
    // `for` changed when the touchpoints it names changed, renames followed (a rename updated in `for` is no change).
    const forMapped = was.for.map((f) => follow(ids, f.value)!).sort().join();
    if (forMapped !== after.for.join() && before.for.join() !== after.for.join()) fields.push('for');
    if (JSON.stringify(hypothesisOf(was)) !== JSON.stringify(hypothesisOf(now))) fields.push('hypothesis');
    if (id(was) !== id(now)) fields.push('id');
    if (fields.length) diff.improvements.push({ id: id(now), change: 'changed', fields, before, after });
  }
}

/** An improvement as written on its side (`for` with that side's ids), its structured signal judged on that side's figures. */
function improvementSide(side: SideView, i: Improvement): ImprovementSide {
  const result: ImprovementSide = { status: i.status?.value, owner: i.owner?.value, due: date(i.due), for: i.for.map((f) => f.value).sort(), line: side.line(i.span) };
  const signal = side.today === undefined ? undefined : evaluateSignal(i, side.map, side.today);
  if (signal) result.signal = { state: signal.state, ...(signal.value !== undefined && { value: signal.value }), ...(signal.n !== undefined && { n: signal.n }) };
  return result;
}

/** Findings compared by rule and message (lines move with every edit above them), as multisets. */
function diffFindings(before: readonly Diagnostic[], after: readonly Diagnostic[]): JourneyDiff['findings'] {
  const key = (d: Diagnostic) => `${d.code}\u0000${d.severity}\u0000${d.message}`;
  const toFinding = (d: Diagnostic): DiffFinding => ({ code: d.code, severity: d.severity, message: d.message, line: d.range.start.line });
  return {
    introduced: multisetMinusBy(after, before, key).map(toFinding),
    fixed: multisetMinusBy(before, after, key).map(toFinding),
  };
}

function multisetMinus(items: readonly string[], minus: readonly string[]): string[] {
  return multisetMinusBy(items, minus, (s) => s);
}

/** The items of `items` left once each item of `minus` has cancelled one equal item (by key). */
function multisetMinusBy<T>(items: readonly T[], minus: readonly T[], key: (item: T) => string): T[] {
  const counts = new Map<string, number>();
  for (const item of minus) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return items.filter((item) => {
    const k = key(item);
    const left = counts.get(k) ?? 0;
    if (left > 0) counts.set(k, left - 1);
    return left === 0;
  });
}

/**
 * The emotion curve on each side, one point per stage (after's order, then stages only before):
 * the average `feels` of the customer lanes' touchpoints. A reviewer reads it as a small table.
 */
function emotionCurves(b: JourneyMap, a: JourneyMap, stages: Renames): CurvePoint[] {
  const beforeAverages = new Map<string, number | undefined>();
  for (const stage of b.stages) beforeAverages.set(follow(stages, stage.id?.value) ?? '', averageFeels(b, stage));
  const points: CurvePoint[] = [];
  const shown = new Set<string>();
  for (const stage of a.stages) {
    const id = stage.id?.value ?? '';
    shown.add(id);
    points.push({ stage: stage.name?.value ?? id, before: beforeAverages.get(id), after: averageFeels(a, stage) });
  }
  for (const stage of b.stages) {
    const id = follow(stages, stage.id?.value) ?? '';
    if (!shown.has(id)) points.push({ stage: stage.name?.value ?? id, before: beforeAverages.get(id) });
  }
  return points.filter((p) => p.before !== undefined || p.after !== undefined);
}

function averageFeels(map: JourneyMap, stage: Stage): number | undefined {
  const customer = new Set(map.lanes.filter((l) => l.kind?.value === 'customer').map((l) => l.id?.value));
  const feels = stage.touchpoints.filter((tp) => customer.has(tp.lane?.value)).map((tp) => tp.feels?.value).filter((f): f is number => f !== undefined);
  return feels.length ? Math.round((feels.reduce((x, y) => x + y, 0) / feels.length) * 10) / 10 : undefined;
}
