/**
 * Compare mode: the picture of a map, marked against another version of it (a git revision, a
 * baseline), from the diff room's `JourneyDiff`.
 *  - cards of touchpoints added since then are marked NEW, changed ones CHANGED, with what changed
 *    (before → after) in their tooltip;
 *  - touchpoints removed since then are drawn as ghosts in place: in their old lane and stage (a
 *    ghost row or column, said to be removed, when that is gone too), in time order right after the
 *    touchpoint that preceded them on the other side;
 *  - the other side's emotion curves are drawn beside the current ones, at the cards' places.
 * Outside compare mode nothing here runs, and the picture is exactly what it was.
 */
import type { JourneyDiff, MetricSide, TouchpointRef } from '../diff';
import { normalizeSpace, ellipsize, type TextMeasure } from './textMetrics';
import type { JourneyMap, Stage, Touchpoint } from '../format';
import { buildCard, channelLabel, type CardContext } from './cards';
import { DIMENSIONS } from './dimensions';
import type { GhostLane } from './lanes';
import type { Predecessors } from './sequence';
import type { Card, CardCompare, CurveBand, CurvePoint, EmotionCurve, LaneBand, Layout } from './types';

/** What the picture is compared with: the other side's map, the diff from it to this map, and its name (`HEAD~1`). */
export interface CompareOptions {
  before: JourneyMap;
  diff: JourneyDiff;
  label: string;
}

/** The font size of a compare tag, and the room it takes in the card's header. */
export const TAG_SIZE = 8.5;
const TAG_WORDS: Record<CardCompare['kind'], string> = { added: 'NEW', changed: 'CHANGED', removed: 'REMOVED' };

export function tagWidth(measure: TextMeasure, tag: string): number {
  return Math.ceil(measure.width(tag, TAG_SIZE, true)) + 10;
}

interface Ghost {
  touchpoint: Touchpoint;
  key: string;
  /** The row it is drawn in: a lane id of this map, or a ghost lane's key. */
  laneKey: string;
  /** Its stage in `ComparePlan.stages` (this map's stages, then ghost stages). */
  stageIndex: number;
  /** Its place in time among this map's touchpoints: just after the one that preceded it. */
  order: number;
  /** This map's touchpoints (indices) that preceded it on the other side. */
  preds: number[];
  changes: string[];
}

export interface ComparePlan {
  label: string;
  /** The other side could not be read as a map: nothing is marked, and the page says why. */
  otherUnreadable: boolean;
  ghostLanes: GhostLane[];
  /** The stages that can be drawn: this map's, then ghost stages. */
  stages: Stage[];
  /** The order the stages stand in, left to right (indices into `stages`). */
  stageOrder: number[];
  /** Notes of the ghost stages, by index into `stages`. */
  removedStages: Map<number, string>;
  ghosts: Ghost[];
  /** This map's touchpoints (by index) that are new or changed. */
  marks: Map<number, { kind: 'added' | 'changed'; changes: string[] }>;
  /** The other side's touchpoints still here: their index in this map. */
  survivors: Map<Touchpoint, number>;
  before: JourneyMap;
}

/** The touchpoint a diff names (an id, or `#n` for the n-th touchpoint of a side without one). */
function resolve(map: JourneyMap, ref: string): Touchpoint | undefined {
  const byId = map.touchpoints.find((t) => t.id?.value === ref);
  if (byId) return byId;
  const m = /^#(\d+)$/.exec(ref);
  return m ? map.touchpoints[Number(m[1]) - 1] : undefined;
}

const refOf = (t: Touchpoint) => t.id?.value ?? `#${t.index + 1}`;
const shown = (text: string | undefined) => (text === undefined ? '—' : `“${ellipsizeChars(normalizeSpace(text), 60)}”`);
const ellipsizeChars = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const feelsWord = (v: number | undefined) => (v === undefined ? '—' : v > 0 ? `+${v}` : v < 0 ? `\u2212${-v}` : '0');
const metricWord = (m: MetricSide | undefined) => (m ? `${m.value ?? 'no value'}${m.target ? ` / ${m.target}` : ''}` : '—');

/** What changed in each touchpoint of this map, one line per change, keyed by the diff's id on this side. */
function changeLines(diff: JourneyDiff): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  const add = (ref: TouchpointRef, line: string) => {
    const list = lines.get(ref.id) ?? [];
    list.push(line);
    lines.set(ref.id, list);
  };
  for (const r of diff.touchpoints.renamed) add(r.after, `id: ${r.from} → ${r.to}`);
  for (const m of diff.touchpoints.moved) {
    if (m.lane) add(m.touchpoint, `lane: ${m.lane.before ?? '—'} → ${m.lane.after ?? '—'}`);
    if (m.stage) add(m.touchpoint, `stage: ${m.stage.before ?? '—'} → ${m.stage.after ?? '—'}`);
  }
  for (const e of diff.touchpoints.edited) add(e.touchpoint, `${e.field}: ${shown(e.before)} → ${shown(e.after)}`);
  for (const f of diff.feels) add(f.touchpoint, `feels: ${feelsWord(f.before)} → ${feelsWord(f.after)}`);
  for (const p of diff.pains) {
    for (const pain of p.added) add(p.touchpoint, `pain added: ${shown(pain)}`);
    for (const pain of p.removed) add(p.touchpoint, `pain removed: ${shown(pain)}`);
  }
  for (const m of diff.metrics) {
    if (m.change === 'added') add(m.touchpoint, `metric added: ${m.metric} ${metricWord(m.after)}`);
    else if (m.change === 'removed') add(m.touchpoint, `metric removed: ${m.metric} ${metricWord(m.before)}`);
    else {
      const status = m.before?.status !== m.after?.status ? ` (${m.before?.status ?? '—'} → ${m.after?.status ?? '—'})` : '';
      add(m.touchpoint, `${m.metric}: ${metricWord(m.before)} → ${metricWord(m.after)}${status}`);
    }
  }
  return lines;
}

/** This map's touchpoint each of the other side's touchpoints became (renames followed), unless removed. */
function survivorsOf(map: JourneyMap, before: JourneyMap, diff: JourneyDiff, removed: Set<Touchpoint>): Map<Touchpoint, number> {
  const renamed = new Map(diff.touchpoints.renamed.map((r) => [r.from, r.to]));
  const out = new Map<Touchpoint, number>();
  for (const t of before.touchpoints) {
    if (removed.has(t)) continue;
    const ref = refOf(t);
    const now = resolve(map, renamed.get(ref) ?? ref) ?? (t.name ? map.touchpoints.find((a) => a.name?.value === t.name?.value) : undefined);
    if (now) out.set(t, now.index);
  }
  return out;
}

/** Ghost stages for the removed touchpoints whose stage is gone, each after the stage that preceded it. */
function planStages(map: JourneyMap, before: JourneyMap, diff: JourneyDiff, label: string, needed: Set<Stage>) {
  const renamed = new Map(diff.stages.renamed.map((r) => [r.from, r.to]));
  const stages = [...map.stages];
  const stageOf = new Map<Stage, number>();
  const removedStages = new Map<number, string>();
  const after = new Map<number, number[]>(); // ghost stages by the index of the stage they follow (-1: first)
  let anchor = -1;
  for (const st of before.stages) {
    const id = st.id?.value;
    const now = id === undefined ? -1 : map.stages.findIndex((s) => s.id?.value === (renamed.get(id) ?? id));
    if (now >= 0) {
      stageOf.set(st, now);
      anchor = now;
      continue;
    }
    if (!needed.has(st)) continue;
    const index = stages.length;
    stages.push(st);
    stageOf.set(st, index);
    removedStages.set(index, `removed since ${label}`);
    after.set(anchor, [...(after.get(anchor) ?? []), index]);
  }
  const stageOrder = [...(after.get(-1) ?? [])];
  map.stages.forEach((_, i) => stageOrder.push(i, ...(after.get(i) ?? [])));
  return { stages, stageOf, stageOrder, removedStages };
}

/** The lane a removed touchpoint is drawn in: its old lane (renames followed), else a ghost lane. */
function ghostLaneFor(t: Touchpoint, map: JourneyMap, before: JourneyMap, diff: JourneyDiff, label: string, ghostLanes: Map<string, GhostLane>): string {
  const ref = t.lane?.value;
  const renamed = new Map(diff.lanes.renamed.map((r) => [r.from, r.to]));
  const now = ref === undefined ? undefined : renamed.get(ref) ?? ref;
  if (now !== undefined && map.lanes.some((l) => l.id?.value === now)) return now;
  const key = `#removed-lane:${ref ?? ''}`;
  if (!ghostLanes.has(key)) {
    const lane = before.lanes.find((l) => l.id?.value === ref);
    const name = normalizeSpace(lane?.name?.value ?? ref ?? 'No lane');
    ghostLanes.set(key, { key, name, kind: lane?.kind?.value, note: `removed since ${label}` });
  }
  return key;
}

/** Plans compare mode for a map: its marks, its ghosts and where they stand. */
export function planCompare(map: JourneyMap, options: CompareOptions): ComparePlan {
  const { before, diff, label } = options;
  const removed = new Set(diff.touchpoints.removed.map((r) => resolve(before, r.id)).filter((t): t is Touchpoint => !!t));
  const survivors = survivorsOf(map, before, diff, removed);
  const { stages, stageOf, stageOrder, removedStages } = planStages(map, before, diff, label, new Set([...removed].map((t) => t.stage)));
  const ghostLanes = new Map<string, GhostLane>();
  const ghosts: Ghost[] = [];
  let anchor = -1;
  let run = 0;
  for (const t of before.touchpoints) {
    const now = survivors.get(t);
    if (now !== undefined) { anchor = now; run = 0; continue; }
    if (!removed.has(t)) continue;
    // Explicit `next` into it from touchpoints still here; else the one before it in the file.
    const preds = before.touchpoints.filter((p) => p.next?.some((n) => n.value === t.id?.value) && survivors.has(p)).map((p) => survivors.get(p)!);
    const laneKey = ghostLaneFor(t, map, before, diff, label, ghostLanes);
    const laneName = before.lanes.find((l) => l.id?.value === t.lane?.value)?.name?.value ?? t.lane?.value ?? 'no lane';
    const stageName = t.stage.name?.value ?? t.stage.id?.value ?? 'no stage';
    ghosts.push({
      touchpoint: t, key: `#removed:${refOf(t)}`, laneKey, stageIndex: stageOf.get(t.stage) ?? 0,
      order: anchor + ++run / (removed.size + 1), preds: anchor >= 0 ? [anchor, ...preds] : preds,
      changes: [`removed since ${label}`, `was in lane ${normalizeSpace(laneName)}, stage ${normalizeSpace(stageName)}`],
    });
  }
  const marks = new Map<number, { kind: 'added' | 'changed'; changes: string[] }>();
  for (const r of diff.touchpoints.added) {
    const t = resolve(map, r.id);
    if (t) marks.set(t.index, { kind: 'added', changes: [`new since ${label}`] });
  }
  for (const [ref, changes] of changeLines(diff)) {
    const t = resolve(map, ref);
    if (t && !marks.has(t.index)) marks.set(t.index, { kind: 'changed', changes: [`changed since ${label}:`, ...changes] });
  }
  return { otherUnreadable: diff.unreadable.includes('before'), label, ghostLanes: [...ghostLanes.values()], stages, stageOrder, removedStages, ghosts, marks, survivors, before };
}

/** Sets a card's compare mark: its tag, what changed, and room in the header for the tag. */
function mark(card: Card, kind: CardCompare['kind'], changes: string[], measure: TextMeasure): void {
  const tag = TAG_WORDS[kind];
  card.compare = { kind, tag, tagWidth: tagWidth(measure, tag), changes };
  if (card.channel) card.channelLabel = channelLabel(card.channel, card.feels !== undefined, measure, card.compare.tagWidth + 4);
  if (kind === 'removed') {
    card.compare.strike = card.titleLines.map((line) => Math.floor(measure.width(line, DIMENSIONS.fontSize, true) / 1.03));
  }
}

/** Marks this map's new and changed cards. */
export function markCards(plan: ComparePlan, cards: readonly Card[], measure: TextMeasure): void {
  for (const card of cards) {
    const m = plan.marks.get(card.index);
    if (m) mark(card, m.kind, m.changes, measure);
  }
}

/** The ghost cards of the removed touchpoints, in rows that are drawn (a hidden lane hides its ghosts too). */
export function ghostCards(plan: ComparePlan, laneByKey: (key: string) => LaneBand | undefined, ctx: CardContext): Card[] {
  const cards: Card[] = [];
  for (const g of plan.ghosts) {
    const lane = laneByKey(g.laneKey);
    if (!lane) continue;
    const card = buildCard(g.touchpoint, g.key, lane, { last: true, improvements: [], line: -1, endLine: -1 }, ctx);
    card.index = g.order;
    card.stageIndex = g.stageIndex;
    card.customer = false;
    mark(card, 'removed', g.changes, ctx.measure);
    cards.push(card);
  }
  return cards;
}

/** Each ghost follows the cards that preceded it on the other side: it never stands left of them. */
export function ghostPredecessors(plan: ComparePlan, preds: Predecessors, ghosts: readonly Card[], cardByIndex: Map<number, Card>): void {
  const byKey = new Map(plan.ghosts.map((g) => [g.key, g]));
  for (const card of ghosts) {
    const list = (byKey.get(card.key)?.preds ?? []).map((i) => cardByIndex.get(i)).filter((c): c is Card => !!c);
    if (list.length) preds.set(card.key, list);
  }
}

/** The other side's emotion curves, one per customer lane with `feels`, at the places its touchpoints have now. */
export function beforeCurves(plan: ComparePlan, cards: readonly Card[], lanes: readonly LaneBand[], band: CurveBand, current: readonly EmotionCurve[], measure: TextMeasure): EmotionCurve[] {
  const byIndex = new Map(cards.filter((c) => !c.compare || c.compare.kind !== 'removed').map((c) => [c.index, c]));
  const byKey = new Map(cards.map((c) => [c.key, c]));
  const ghostOf = new Map(plan.ghosts.map((g) => [g.touchpoint, g.key]));
  const curves: EmotionCurve[] = [];
  const customer = plan.before.lanes.filter((l) => l.kind?.value === 'customer' && l.id);
  for (const lane of customer) {
    const points: CurvePoint[] = [];
    for (const t of plan.before.touchpoints) {
      if (t.lane?.value !== lane.id!.value || t.feels === undefined || !Number.isFinite(t.feels.value)) continue;
      const now = plan.survivors.get(t);
      const card = now !== undefined ? byIndex.get(now) : byKey.get(ghostOf.get(t) ?? '');
      if (!card || card.stageKey === '') continue;
      const feels = Math.max(-3, Math.min(3, t.feels.value));
      const x = card.x + card.width / 2;
      const y = band.zeroY - feels * band.unit;
      points.push({ key: card.key, feels: t.feels.value, line: -1, name: normalizeSpace(t.name?.value ?? refOf(t)), x, y, labelAt: { x, y } });
    }
    if (!points.length) continue;
    const laneName = normalizeSpace(lane.name?.value ?? lane.id!.value);
    const drawnAs = current.find((c) => c.laneName === laneName) ?? current.find((c) => lanes.some((l) => l.key === c.laneKey && l.id === lane.id!.value));
    const text = customer.length > 1 ? `${laneName} at ${plan.label}` : `at ${plan.label}`;
    curves.push({
      laneKey: `#before:${lane.id!.value}`, laneName, label: ellipsize(measure, text, DIMENSIONS.labelWidth - 58, DIMENSIONS.smallSize),
      style: drawnAs?.style ?? curves.length, points: points.sort((a, b) => a.x - b.x),
    });
  }
  return curves;
}

/** How many cards of the picture carry each mark. */
export function compareSummary(plan: ComparePlan, cards: readonly Card[]): NonNullable<Layout['compare']> {
  const count = (kind: CardCompare['kind']) => cards.filter((c) => c.compare?.kind === kind).length;
  const summary: NonNullable<Layout['compare']> = { label: plan.label, added: count('added'), changed: count('changed'), removed: count('removed') };
  // Nothing is marked when the other side is not a map: say so rather than "0 changed".
  if (plan.otherUnreadable) summary.otherUnreadable = true;
  return summary;
}
