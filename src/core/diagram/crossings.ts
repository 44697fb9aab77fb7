/**
 * Edge crossings of a layout: the points where two different edges (flows, handoffs, stubs) cross
 * properly, each counted once. How the tidy router (elk) is judged against the grid router, and
 * what the benchmarks report. Quadratic in the edges, so it is only run on layouts within elk's
 * bounds (ELK_LIMITS) and in benchmarks.
 */
import type { Layout, Point } from './types';

type Segment = readonly [Point, Point];

function orientation(p: Point, q: Point, r: Point): number {
  return Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
}

function crosses([a, b]: Segment, [c, d]: Segment): boolean {
  return orientation(a, b, c) * orientation(a, b, d) < 0 && orientation(c, d, a) * orientation(c, d, b) < 0;
}

function segments(points: readonly Point[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 1; i < points.length; i++) out.push([points[i - 1], points[i]]);
  return out;
}

function box(segs: Segment[]): { x1: number; y1: number; x2: number; y2: number } {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const [a, b] of segs) {
    x1 = Math.min(x1, a.x, b.x); x2 = Math.max(x2, a.x, b.x);
    y1 = Math.min(y1, a.y, b.y); y2 = Math.max(y2, a.y, b.y);
  }
  return { x1, y1, x2, y2 };
}

/** How many times the layout's edges cross each other (crossings within 4 px of each other count once). */
export function countCrossings(layout: Pick<Layout, 'flows' | 'handoffs' | 'stubs'>): number {
  const edges = [...layout.flows, ...layout.handoffs, ...layout.stubs].map((e) => segments(e.points));
  const boxes = edges.map(box);
  const points: Point[] = [];
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.x2 < b.x1 || b.x2 < a.x1 || a.y2 < b.y1 || b.y2 < a.y1) continue;
      for (const s of edges[i]) {
        for (const t of edges[j]) {
          if (!crosses(s, t)) continue;
          const x = (s[0].x + s[1].x + t[0].x + t[1].x) / 4;
          const y = (s[0].y + s[1].y + t[0].y + t[1].y) / 4;
          if (!points.some((p) => Math.abs(p.x - x) < 4 && Math.abs(p.y - y) < 4)) points.push({ x, y });
        }
      }
    }
  }
  return points.length;
}
