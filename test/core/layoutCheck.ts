/** Checks a layout's invariants against the map it was made from; returns the violations. */
import type { JourneyMap } from '../../src/core/format';
import type { Card, Layout, Point, Rect } from '../../src/core/diagram';

function onBoundary(p: Point, r: Rect): boolean {
  const eps = 0.01;
  const inX = p.x >= r.x - eps && p.x <= r.x + r.width + eps;
  const inY = p.y >= r.y - eps && p.y <= r.y + r.height + eps;
  const onV = Math.abs(p.x - r.x) < eps || Math.abs(p.x - r.x - r.width) < eps;
  const onH = Math.abs(p.y - r.y) < eps || Math.abs(p.y - r.y - r.height) < eps;
  return inX && inY && (onV || onH);
}

/** True when an axis-parallel segment passes through the open interior of a rectangle. */
function crossesInterior(a: Point, b: Point, r: Rect): boolean {
  const x1 = Math.min(a.x, b.x), x2 = Math.max(a.x, b.x), y1 = Math.min(a.y, b.y), y2 = Math.max(a.y, b.y);
  return x2 > r.x + 0.01 && x1 < r.x + r.width - 0.01 && y2 > r.y + 0.01 && y1 < r.y + r.height - 0.01;
}

export interface CheckOptions {
  /** Also check that no edge segment passes through a card (O(edges x cards)). */
  edgesAvoidCards?: boolean;
}

export function checkLayout(map: JourneyMap, layout: Layout, options: CheckOptions = {}): string[] {
  const errors: string[] = [];
  const err = (m: string) => { if (errors.length < 20) errors.push(m); };
  // Every touchpoint drawn exactly once.
  const byIndex = new Map<number, Card>();
  for (const card of layout.cards) {
    if (byIndex.has(card.index)) err(`touchpoint #${card.index} drawn twice`);
    byIndex.set(card.index, card);
  }
  const laneIds = new Set(map.lanes.map((l) => l.id?.value));
  for (const t of map.touchpoints) {
    const card = byIndex.get(t.index);
    if (!card) { err(`touchpoint ${t.id?.value ?? t.index} not drawn`); continue; }
    const stage = layout.stages[t.stage.index];
    if (card.x < stage.x || card.x + card.width > stage.x + stage.width) err(`${card.key} is outside its stage column ${stage.key}`);
    const laneRef = t.lane?.value;
    // A touchpoint whose lane is not defined is drawn in the error row for its lane reference.
    const lane = laneRef !== undefined && laneIds.has(laneRef) ? layout.lanes.find((l) => l.id === laneRef) : layout.lanes.find((l) => l.key === `#lane:${laneRef ?? ''}`);
    if (!lane) { err(`${card.key}: no lane row`); continue; }
    if (card.laneKey !== lane.key) err(`${card.key} is in lane ${card.laneKey}, expected ${lane.key}`);
    if (card.y < lane.y || card.y + card.height > lane.y + lane.height) err(`${card.key} is outside its lane row ${lane.key}`);
  }
  if (layout.cards.length !== map.touchpoints.length) err(`${layout.cards.length} cards for ${map.touchpoints.length} touchpoints`);
  // Error rows (undefined lanes) are above the lanes the map defines, never among or below them.
  const firstDefined = layout.lanes.findIndex((l) => !l.problem);
  if (firstDefined >= 0 && layout.lanes.slice(firstDefined).some((l) => l.problem)) err('an error row stands among or below the defined lanes');
  // Time order: the flow never runs right to left (loops aside); one card per lane and column.
  const byKeyEarly = new Map(layout.cards.map((c) => [c.key, c]));
  for (const f of layout.flows) {
    const from = byKeyEarly.get(f.from), to = byKeyEarly.get(f.to);
    if (f.kind === 'flow' && from && to && to.x < from.x) err(`flow ${f.key} runs backwards`);
  }
  const cells = new Set<string>();
  for (const c of layout.cards) {
    const cell = `${c.laneKey}@${c.column}`;
    if (cells.has(cell)) err(`two cards in lane ${c.laneKey}, column ${c.column}`);
    cells.add(cell);
  }
  // Labels: clear of each other, of the cards and of the line of visibility.
  const boxes = [...layout.handoffs.map((h) => ({ key: h.key, box: h.labelBox })), ...layout.stubs.map((s) => ({ key: s.key, box: s.labelBox }))];
  const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  boxes.forEach(({ key, box }, i) => {
    for (const other of boxes.slice(i + 1)) if (overlaps(box, other.box)) err(`label ${key} overlaps label ${other.key}`);
    for (const card of layout.cards) if (overlaps(box, card)) err(`label ${key} overlaps card ${card.key}`);
    if (layout.visibilityY !== undefined && box.y < layout.visibilityY && box.y + box.height > layout.visibilityY) err(`label ${key} sits on the line of visibility`);
  });
  // Lanes are exact rows (stacked, in file order); stages exact columns.
  for (let i = 1; i < layout.lanes.length; i++) {
    const a = layout.lanes[i - 1], b = layout.lanes[i];
    if (Math.abs(a.y + a.height - b.y) > 0.01) err(`lane ${b.key} does not follow ${a.key}`);
  }
  for (let i = 1; i < layout.stages.length; i++) {
    const a = layout.stages[i - 1], b = layout.stages[i];
    if (Math.abs(a.x + a.width - b.x) > 0.01) err(`stage ${b.key} does not follow ${a.key}`);
  }
  // No two cards overlap (sweep over x).
  const sorted = [...layout.cards].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].x < a.x + a.width; j++) {
      const b = sorted[j];
      if (b.y < a.y + a.height && a.y < b.y + b.height) err(`cards ${a.key} and ${b.key} overlap`);
    }
  }
  // Edges start and end on the right cards.
  const byKey = byKeyEarly;
  for (const e of [...layout.flows, ...layout.handoffs]) {
    const from = byKey.get(e.from), to = byKey.get(e.to);
    if (!from || !to) { err(`edge ${e.key} names a missing card`); continue; }
    if (e.points.length < 2) { err(`edge ${e.key} has ${e.points.length} points`); continue; }
    if (!onBoundary(e.points[0], from)) err(`edge ${e.key} does not start on ${from.key}`);
    if (!onBoundary(e.points[e.points.length - 1], to)) err(`edge ${e.key} does not end on ${to.key}`);
    for (let i = 1; i < e.points.length; i++) {
      const a = e.points[i - 1], b = e.points[i];
      if (a.x !== b.x && a.y !== b.y) err(`edge ${e.key} has a diagonal segment`);
    }
    if (options.edgesAvoidCards) {
      for (let i = 1; i < e.points.length; i++) {
        for (const card of layout.cards) {
          if (crossesInterior(e.points[i - 1], e.points[i], card)) err(`edge ${e.key} crosses card ${card.key}`);
        }
      }
    }
  }
  // One curve per customer lane with feels, one point per touchpoint of that lane with feels.
  const customerLanes = map.lanes.filter((l) => l.kind?.value === 'customer').map((l) => l.id?.value);
  const shown = new Set(layout.cards.map((c) => c.index));
  for (const laneId of new Set(customerLanes)) {
    const expected = map.touchpoints.filter((t) => shown.has(t.index) && t.feels !== undefined && t.lane?.value === laneId).length;
    const curves = layout.curves.filter((c) => c.laneKey === laneId);
    if (expected === 0 && curves.length) err(`lane ${laneId} has a curve but no feels`);
    if (expected > 0 && curves.length !== 1) err(`lane ${laneId} has ${curves.length} curves, expected 1`);
    const got = curves[0]?.points.length ?? 0;
    if (expected > 0 && got !== expected) err(`the curve of ${laneId} has ${got} points, expected ${expected}`);
    if (curves[0] && new Set(curves[0].points.map((p) => p.key)).size !== got) err(`the curve of ${laneId} has a touchpoint twice`);
  }
  if (new Set(layout.curves.map((c) => c.style)).size !== layout.curves.length) err('two curves share a style');
  return errors;
}
