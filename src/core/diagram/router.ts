/**
 * The grid router: orthogonal edges through space no card occupies. Cards stand one per lane and
 * column (./sequence), so between two columns runs a free vertical channel and between two lanes'
 * cards a free horizontal gutter. An edge takes the simplest route whose segments stay in that
 * free space: straight across a row, down a channel, or out into a gutter and back. Parallel
 * segments in one channel or gutter get their own track only where they overlap.
 */
import { DIMENSIONS, FLOW_PORT_DY } from './dimensions';
import { columnX, type Gutter } from './grid';
import type { Card, Point } from './types';

/** A place on an edge where its label may sit: a gutter it runs along or crosses, at an x. */
export interface LabelSlot {
  gutter: number;
  x: number;
  /** How far the label may slide along the gutter and stay on its edge. */
  from: number;
  to: number;
}

export interface Route {
  points: Point[];
  /** Gutters the edge crosses or runs along, nearest its start first: where a label fits. */
  slots: LabelSlot[];
}

/** Offsets 0, +s, -s, +2s, -2s... within a half width; each track remembers the spans it holds. */
class Tracks {
  private readonly used = new Map<number, [number, number][]>();

  /** @param clear offsets closer to the centre than this are not used (the line of visibility runs there) */
  constructor(private readonly half: number, private readonly clear = 0) {}

  /** An offset free over [a, b] (widened by a margin), taken for it. */
  take(a: number, b: number): number {
    const lo = Math.min(a, b) - 4;
    const hi = Math.max(a, b) + 4;
    const s = DIMENSIONS.trackSpacing;
    const max = Math.max(0, Math.floor((this.half - 5) / s));
    for (let k = 0; k <= 2 * max; k++) {
      const offset = k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * s;
      if (Math.abs(offset) < this.clear) continue;
      const spans = this.used.get(offset) ?? [];
      if (spans.some(([x, y]) => x < hi && lo < y)) continue;
      spans.push([lo, hi]);
      this.used.set(offset, spans);
      return offset;
    }
    return 0; // every track is busy here: share the centre rather than leave the free space
  }
}

export class GridRouter {
  /** Which (row, column) cells hold a card. */
  private readonly cells = new Set<string>();
  private readonly channels = new Map<number, Tracks>();
  private readonly gutterTracks = new Map<number, Tracks>();
  private readonly verticals = new Map<string, number>();
  private readonly ports = new Map<string, number>();

  /**
   * @param visibilityGutter the gutter the line of visibility runs along: edges keep off its centre,
   *   so that no edge is mistaken for the line
   */
  constructor(
    private readonly gutters: readonly Gutter[], private readonly gridX: number, cards: Card[],
    private readonly visibilityGutter?: number,
  ) {
    for (const card of cards) this.cells.add(`${card.laneIndex}:${card.column}`);
  }

  private channelX(k: number): number {
    return columnX(this.gridX, k) - DIMENSIONS.columnGap / 2;
  }

  /** The centre y of gutter g (above lane g; g = lanes.length: below the last lane) and its half height. */
  gutterY(g: number): Gutter {
    return this.gutters[Math.max(0, Math.min(this.gutters.length - 1, g))];
  }

  private channelTrack(k: number, a: number, b: number): number {
    let t = this.channels.get(k);
    if (!t) this.channels.set(k, (t = new Tracks(DIMENSIONS.columnGap / 2)));
    return this.channelX(k) + t.take(a, b);
  }

  private gutterTrack(g: number, a: number, b: number): number {
    let t = this.gutterTracks.get(g);
    const { y, half } = this.gutterY(g);
    if (!t) this.gutterTracks.set(g, (t = new Tracks(half, g === this.visibilityGutter ? 2 * DIMENSIONS.trackSpacing : 0)));
    return y + t.take(a, b);
  }

  private rowFree(row: number, fromColumn: number, toColumn: number): boolean {
    for (let c = fromColumn; c <= toColumn; c++) if (this.cells.has(`${row}:${c}`)) return false;
    return true;
  }

  private columnFree(column: number, a: number, b: number): boolean {
    for (let r = Math.min(a, b) + 1; r < Math.max(a, b); r++) if (this.cells.has(`${r}:${column}`)) return false;
    return true;
  }

  /** The gutters crossed going from row a to row b, nearest a first. */
  private crossed(a: number, b: number): number[] {
    const out: number[] = [];
    if (b > a) for (let g = a + 1; g <= b; g++) out.push(g);
    else for (let g = a; g > b; g--) out.push(g);
    return out;
  }

  /** An edge from card `a` to card `b`, forward or back. */
  route(a: Card, b: Card): Route {
    const ra = a.laneIndex;
    const rb = b.laneIndex;
    const W = DIMENSIONS.cardWidth;
    const ay = a.y + FLOW_PORT_DY;
    const by = b.y + FLOW_PORT_DY;
    const start = { x: a.x + W, y: ay };
    const end = { x: b.x, y: by };
    const near = (x: number) => ({ from: x - 4, to: x + 4 });
    // Down or up a column: "then, over there". Straight when no card stands between; else out to
    // the channel on the right, along the gutter next to the target, and into it from above or below.
    if (a.column === b.column && ra !== rb) {
      const key = `${a.column}:${Math.min(ra, rb)}`;
      const n = this.verticals.get(key) ?? 0;
      this.verticals.set(key, n + 1);
      const x = a.x + W / 2 + (n % 2 ? 1 : -1) * Math.ceil(n / 2) * 12;
      const down = rb > ra;
      const endY = down ? b.y : b.y + b.height;
      if (this.columnFree(a.column, ra, rb)) {
        return { points: [{ x, y: down ? a.y + a.height : a.y }, { x, y: endY }], slots: this.crossed(ra, rb).map((gutter) => ({ gutter, x, ...near(x) })) };
      }
      const gutter = down ? rb : rb + 1;
      const gy = this.gutterY(gutter).y;
      const xa = this.channelTrack(a.column + 1, ay, gy);
      const y = this.gutterTrack(gutter, x, xa);
      return {
        points: [start, { x: xa, y: ay }, { x: xa, y }, { x, y }, { x, y: endY }],
        slots: [{ gutter, x: (x + xa) / 2, from: x, to: xa }, ...this.crossed(ra, down ? rb - 1 : rb + 1).map((g) => ({ gutter: g, x: xa, ...near(xa) }))],
      };
    }
    if (b.column > a.column) {
      if (ra === rb && this.rowFree(ra, a.column + 1, b.column - 1)) {
        // Straight along the row: a label sits in the gutter above the arrow, else below it.
        const along = { x: (start.x + end.x) / 2, from: start.x, to: end.x };
        return { points: [start, end], slots: [{ gutter: ra, ...along }, { gutter: ra + 1, ...along }] };
      }
      if (ra !== rb && this.rowFree(rb, a.column + 1, b.column - 1)) {
        const x = this.channelTrack(a.column + 1, ay, by);
        return { points: [start, { x, y: ay }, { x, y: by }, end], slots: this.crossed(ra, rb).map((gutter) => ({ gutter, x, ...near(x) })) };
      }
      if (ra !== rb && this.rowFree(ra, a.column + 1, b.column - 1)) {
        const x = this.channelTrack(b.column, ay, by);
        return { points: [start, { x, y: ay }, { x, y: by }, end], slots: this.crossed(ra, rb).map((gutter) => ({ gutter, x, ...near(x) })) };
      }
    }
    // Out into the gutter next to the target's row (on the source's side; above it for a loop), and
    // back. An end next to that gutter leaves or enters the card through its top or bottom (sources
    // on the right quarter, targets on the left), so the arrow stays off the flow's side ports.
    const gutter = b.column > a.column || b.column === a.column ? (ra <= rb ? (ra === rb ? rb + 1 : rb) : rb + 1) : Math.min(ra, rb);
    const gy0 = this.gutterY(gutter).y;
    const first: Point[] = [];
    let xa: number;
    if (gutter === ra || gutter === ra + 1) {
      xa = this.sidePort(a, gutter === ra ? 'top' : 'bottom', 'right');
      first.push({ x: xa, y: gutter === ra ? a.y : a.y + a.height });
    } else {
      xa = this.channelTrack(a.column + 1, ay, gy0);
      first.push(start, { x: xa, y: ay });
    }
    const last: Point[] = [];
    let xb: number;
    if (gutter === rb || gutter === rb + 1) {
      xb = this.sidePort(b, gutter === rb ? 'top' : 'bottom', 'left');
      last.push({ x: xb, y: gutter === rb ? b.y : b.y + b.height });
    } else {
      xb = this.channelTrack(b.column, gy0, by);
      last.push({ x: xb, y: by }, end);
    }
    const gy = this.gutterTrack(gutter, xa, xb);
    return {
      points: [...first, { x: xa, y: gy }, { x: xb, y: gy }, ...last],
      slots: [{ gutter, x: (xa + xb) / 2, from: Math.min(xa, xb), to: Math.max(xa, xb) }, ...this.crossed(ra, gutter > ra ? gutter - 1 : gutter).map((g) => ({ gutter: g, x: xa, ...near(xa) }))],
    };
  }

  /**
   * A free x on a card's top or bottom for an arrow into a gutter: in its right quarter (where the
   * flow leaves) or its left quarter (where it arrives), apart from the centre the vertical arrows use.
   */
  private sidePort(card: Card, side: 'top' | 'bottom', quarter: 'left' | 'right'): number {
    const key = `${card.key}:${side}:${quarter}`;
    const n = this.ports.get(key) ?? 0;
    this.ports.set(key, n + 1);
    const step = Math.min(n, 3) * 12;
    return quarter === 'left' ? card.x + 22 + step : card.x + DIMENSIONS.cardWidth - 22 - step;
  }

  /** An edge from a card to the picture's edge, or in from it (a stage left out of the picture). */
  stub(card: Card, direction: 'in' | 'out', gridRight: number): Route {
    const y = card.y + FLOW_PORT_DY;
    const gutter = direction === 'out' ? card.laneIndex + 1 : card.laneIndex;
    if (direction === 'out') {
      const x = this.channelTrack(card.column + 1, y, this.gutterY(gutter).y);
      const gy = this.gutterTrack(gutter, x, gridRight);
      return { points: [{ x: card.x + DIMENSIONS.cardWidth, y }, { x, y }, { x, y: gy }, { x: gridRight - 6, y: gy }], slots: [{ gutter, x: (x + gridRight) / 2, from: x, to: gridRight - 6 }] };
    }
    const x = this.channelTrack(card.column, this.gutterY(gutter).y, y);
    const gy = this.gutterTrack(gutter, this.gridX, x);
    return { points: [{ x: this.gridX + 6, y: gy }, { x, y: gy }, { x, y }, { x: card.x, y }], slots: [{ gutter, x: (this.gridX + x) / 2, from: this.gridX + 6, to: x }] };
  }
}
