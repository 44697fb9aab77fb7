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
    const lane = laneRef !== undefined && laneIds.has(laneRef) ? layout.lanes.find((l) => l.id === laneRef) : layout.lanes.find((l) => l.synthetic);
    if (!lane) { err(`${card.key}: no lane row`); continue; }
    if (card.laneKey !== lane.key) err(`${card.key} is in lane ${card.laneKey}, expected ${lane.key}`);
    if (card.y < lane.y || card.y + card.height > lane.y + lane.height) err(`${card.key} is outside its lane row ${lane.key}`);
  }
  if (layout.cards.length !== map.touchpoints.length) err(`${layout.cards.length} cards for ${map.touchpoints.length} touchpoints`);
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
  const byKey = new Map(layout.cards.map((c) => [c.key, c]));
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
  // One curve point per customer touchpoint with feels.
  const customerLanes = new Set(map.lanes.filter((l) => l.kind?.value === 'customer').map((l) => l.id?.value));
  const expected = map.touchpoints.filter((t) => t.feels !== undefined && t.lane && customerLanes.has(t.lane.value)).length;
  const got = layout.curve?.points.length ?? 0;
  if (got !== expected) err(`emotion curve has ${got} points, expected ${expected}`);
  if (layout.curve && new Set(layout.curve.points.map((p) => p.key)).size !== got) err('emotion curve has a touchpoint twice');
  return errors;
}
