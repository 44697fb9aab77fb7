/**
 * Orthogonal edge routing with elk (elkjs), over the grid the layout computed: elk never moves a
 * card. Each column of card slots becomes an elk layer, the cards are seeded at their grid
 * positions and laid out with elk's interactive strategies (which keep the seeded order and the y
 * coordinates but compact the layers horizontally); the routes are then mapped back onto the grid
 * (node columns by translation, the space between columns linearly onto the grid's channels).
 *
 * The result is checked: if elk moved a card relative to its neighbours, or a mapped route would
 * leave its cards, cross another card or a handoff's label, the grid router's route is kept (for
 * that edge, or for the whole map); and elk's routes are used only when, in all, they cross fewer
 * edges than the grid router's. elk is injected (the core stays free of the 1.6 MB bundle).
 *
 * elk's cost grows with the cards, the edges, and above all the columns each edge crosses (it
 * adds a dummy node per column crossed): 300 cards with 6,000 long edges take minutes and
 * gigabytes. So its input is bounded on all three (ELK_LIMITS); past a bound the grid router's
 * routes stand and `elkBound` says why, for the CLI's note and the preview's.
 */
import { countCrossings } from './crossings';
import type { Card, FlowEdge, Layout, Point, Rect } from './types';

/** Past this many touchpoints elk's routing costs more than it gives (about 270 ms at 1,000). */
export const ELK_MAX_TOUCHPOINTS = 300;

/**
 * The input elk is given at most: cards, flow edges between columns, and the columns those edges
 * cross in all. Real maps cross about 1.5 columns per card (300 cards: 212 edges over 298
 * columns, under 0.3 s); the bounds leave room for four times that.
 */
export const ELK_LIMITS = { touchpoints: ELK_MAX_TOUCHPOINTS, edges: 600, columnsCrossed: 1200 } as const;

/** Why elk does not route this layout (a sentence for a note), or undefined when it may. */
export function elkBound(layout: Layout, limits: { touchpoints: number; edges: number; columnsCrossed: number } = ELK_LIMITS): string | undefined {
  if (layout.cards.length > limits.touchpoints) {
    return `the map has ${layout.cards.length.toLocaleString('en-US')} touchpoints, over the ${limits.touchpoints} the tidy router takes`;
  }
  const column = columnsOf(layout);
  let edges = 0;
  let crossed = 0;
  for (const f of layout.flows) {
    const span = Math.abs((column.get(f.from) ?? 0) - (column.get(f.to) ?? 0));
    if (span === 0) continue;
    edges++;
    crossed += span;
  }
  if (edges > limits.edges) return `the map has ${edges.toLocaleString('en-US')} flow arrows between columns, over the ${limits.edges} the tidy router takes`;
  if (crossed > limits.columnsCrossed) return `its flow arrows cross ${crossed.toLocaleString('en-US')} columns in all, over the ${limits.columnsCrossed} the tidy router takes`;
  return undefined;
}

/** Each card's column of slots, left to right. */
function columnsOf(layout: Layout): Map<string, number> {
  const xs = [...new Set(layout.cards.map((c) => c.x))].sort((a, b) => a - b);
  const columnOf = new Map(xs.map((x, i) => [x, i]));
  return new Map(layout.cards.map((c) => [c.key, columnOf.get(c.x)!]));
}

/** The part of elkjs's API used here. */
export interface ElkLike {
  layout(graph: ElkGraph, args?: unknown): Promise<ElkGraph>;
}

export interface ElkGraph {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkGraph[];
  edges?: ElkEdge[];
}

export interface ElkEdge {
  id: string;
  sources: string[];
  targets: string[];
  sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[];
}

export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
  'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
  'elk.layered.layering.strategy': 'INTERACTIVE',
  'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
  'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
  // Without this elk recurses per component and overflows the stack on large maps.
  'elk.separateConnectedComponents': 'false',
  // Each column of card slots is one partition, so elk's layers are exactly the grid's columns.
  'elk.partitioning.activate': 'true',
  // Small spacings: larger ones make elk push cards apart, and the grid would be lost.
  'elk.spacing.nodeNode': '2',
  'elk.spacing.edgeNode': '2',
  'elk.spacing.edgeEdge': '2',
  'elk.layered.spacing.edgeNodeBetweenLayers': '6',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '5',
  'elk.layered.spacing.nodeNodeBetweenLayers': '24',
  'elk.layered.mergeEdges': 'false',
};

export interface ElkRouteOptions {
  /** Bounds other than ELK_LIMITS (tests and benchmarks). */
  limits?: { touchpoints: number; edges: number; columnsCrossed: number };
}

function crossesInterior(a: Point, b: Point, r: Rect): boolean {
  const x1 = Math.min(a.x, b.x), x2 = Math.max(a.x, b.x), y1 = Math.min(a.y, b.y), y2 = Math.max(a.y, b.y);
  return x2 > r.x + 0.5 && x1 < r.x + r.width - 0.5 && y2 > r.y + 0.5 && y1 < r.y + r.height - 0.5;
}

function onBoundary(p: Point, r: Rect): boolean {
  const eps = 0.01;
  const inX = p.x >= r.x - eps && p.x <= r.x + r.width + eps;
  const inY = p.y >= r.y - eps && p.y <= r.y + r.height + eps;
  return inX && inY && (Math.abs(p.x - r.x) < eps || Math.abs(p.x - r.x - r.width) < eps || Math.abs(p.y - r.y) < eps || Math.abs(p.y - r.y - r.height) < eps);
}

/** Returns a copy of the layout whose flow edges elk routed; the cards, lanes and stages are untouched. */
export async function routeWithElk(layout: Layout, elk: ElkLike, options: ElkRouteOptions = {}): Promise<Layout> {
  if (layout.flows.length === 0 || elkBound(layout, options.limits)) return layout;

  // Columns of card slots, left to right: elk's partitions (and so its layers).
  const column = columnsOf(layout);
  // Edges inside one column would make elk split it into several layers: the grid router keeps those.
  const edges = layout.flows.filter((f) => column.get(f.from) !== column.get(f.to));
  if (edges.length === 0) return layout;
  const graph: ElkGraph = {
    id: 'journey',
    layoutOptions: ELK_OPTIONS,
    children: layout.cards.map((c) => ({
      id: c.key, x: c.x, y: c.y, width: c.width, height: c.height,
      layoutOptions: { 'elk.partitioning.partition': String(column.get(c.key)) },
    })),
    edges: edges.map((f) => ({ id: f.key, sources: [f.from], targets: [f.to] })),
  };
  let result: ElkGraph;
  try {
    result = await elk.layout(graph);
  } catch {
    return layout;
  }
  const placed = new Map((result.children ?? []).map((c) => [c.id, c]));

  // elk must have kept the grid: one x per column of slots, in order, and the y coordinates up to
  // one shift. elk may nudge a card by a few pixels: the edges of such a card keep their grid
  // routes (their mapped ends would miss the card), the rest use elk's. If many cards moved, elk's
  // routes do not fit the picture and the grid routes stand.
  const columns = new Map<number, { ours: number; elk: number }>();
  const shifts = new Map<number, number>();
  for (const card of layout.cards) {
    const p = placed.get(card.key);
    if (!p || p.x === undefined || p.y === undefined) return layout;
    const d = Math.round((card.y - p.y) * 10) / 10;
    shifts.set(d, (shifts.get(d) ?? 0) + 1);
    const column = columns.get(card.x);
    if (!column) columns.set(card.x, { ours: card.x, elk: p.x });
    else if (Math.abs(column.elk - p.x) > 0.01) return layout;
  }
  let dy = 0;
  let agreeing = 0;
  for (const [d, count] of shifts) if (count > agreeing) { dy = d; agreeing = count; }
  if (agreeing < layout.cards.length * 0.75) return layout;
  const cols = [...columns.values()].sort((a, b) => a.ours - b.ours);
  for (let i = 1; i < cols.length; i++) if (cols[i].elk <= cols[i - 1].elk) return layout;
  const width = layout.cards[0]?.width ?? 0;
  const shiftY = dy;

  /** Elk x -> grid x: node columns by translation, the gaps between them linearly. */
  const mapX = (x: number): number => {
    if (cols.length === 0) return x;
    if (x <= cols[0].elk) return cols[0].ours - (cols[0].elk - x);
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      if (x <= c.elk + width) return c.ours + (x - c.elk);
      const next = cols[i + 1];
      if (!next) return c.ours + width + (x - c.elk - width);
      if (x < next.elk) {
        const elkGap = next.elk - (c.elk + width);
        const ourGap = next.ours - (c.ours + width);
        return c.ours + width + ((x - c.elk - width) / elkGap) * ourGap;
      }
    }
    return x;
  };

  const byKey = new Map<string, Card>(layout.cards.map((c) => [c.key, c]));
  const routes = new Map((result.edges ?? []).map((e) => [e.id, e]));
  const gridLeft = layout.grid.x;
  const gridRight = layout.grid.x + layout.grid.width;
  let routed = 0;
  const flows: FlowEdge[] = layout.flows.map((f) => {
    const section = routes.get(f.key)?.sections?.[0];
    if (!section || (routes.get(f.key)?.sections?.length ?? 0) !== 1) return f;
    const raw = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    const points = raw.map((p) => ({ x: Math.round(mapX(p.x) * 10) / 10, y: Math.round((p.y + shiftY) * 10) / 10 }));
    const from = byKey.get(f.from)!;
    const to = byKey.get(f.to)!;
    if (!onBoundary(points[0], from) || !onBoundary(points[points.length - 1], to)) return f;
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1], b = points[i];
      if (a.x !== b.x && a.y !== b.y) return f;
      if (a.x < gridLeft || a.x > gridRight) return f;
      for (const card of layout.cards) if (crossesInterior(a, b, card)) return f;
      for (const h of layout.handoffs) if (crossesInterior(a, b, h.labelBox)) return f;
    }
    routed++;
    return { ...f, points };
  });
  if (routed === 0) return layout;
  const tidied: Layout = { ...layout, flows, router: 'elk' };
  return countCrossings(tidied) < countCrossings(layout) ? tidied : layout;
}
