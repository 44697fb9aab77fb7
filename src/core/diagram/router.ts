/**
 * The grid router: orthogonal edges through space no card occupies (the channels between card
 * slots and the gutters between lanes). elk (./elk) may refine the routes of small maps.
 */
import { DIMENSIONS, FLOW_PORT_DY, HANDOFF_PORT_DY } from './dimensions';
import type { Card, LaneBand, Point, StageColumn } from './types';

/**
 * Routes edges through space no card occupies: the vertical channels between card slots (the same
 * x in every lane, because slots are per column) and the horizontal gutters between lanes. Each
 * channel and gutter hands out tracks so parallel edges do not sit on top of each other.
 */
export class GridRouter {
  private readonly tracks = new Map<string, number>();

  constructor(
    private readonly lanes: LaneBand[],
    private readonly stages: StageColumn[],
    private readonly gridTop: number,
    private readonly gridBottom: number,
  ) {}

  /** Alternating offsets around a channel's centre: 0, +s, -s, +2s, -2s... within its width. */
  private track(key: string, halfWidth: number): number {
    const n = this.tracks.get(key) ?? 0;
    this.tracks.set(key, n + 1);
    const s = DIMENSIONS.trackSpacing;
    const max = Math.max(0, Math.floor((halfWidth - 6) / s));
    const capacity = 2 * max + 1;
    const k = n % capacity;
    return k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * s;
  }

  /** The x of the channel right of a card's slot, with its key and half width. */
  private rightChannel(card: Card): { key: string; x: number; half: number } {
    const st = this.stages[card.stageIndex];
    if (card.slot === st.slots - 1) return { key: `c${card.stageIndex + 1}`, x: st.x + st.width, half: DIMENSIONS.columnPadding };
    return { key: `s${card.stageIndex}.${card.slot}`, x: card.x + card.width + DIMENSIONS.slotGap / 2, half: DIMENSIONS.slotGap / 2 };
  }

  private leftChannel(card: Card): { key: string; x: number; half: number } {
    const st = this.stages[card.stageIndex];
    if (card.slot === 0) return { key: `c${card.stageIndex}`, x: st.x, half: DIMENSIONS.columnPadding };
    return { key: `s${card.stageIndex}.${card.slot - 1}`, x: card.x - DIMENSIONS.slotGap / 2, half: DIMENSIONS.slotGap / 2 };
  }

  /** The y of the gutter above lane g (g = lanes.length: below the last lane). */
  private gutter(g: number): { key: string; y: number; half: number } {
    const P = DIMENSIONS.lanePadding;
    if (g <= 0) return { key: 'g0', y: this.gridTop + P / 2, half: P / 2 };
    if (g >= this.lanes.length) return { key: `g${this.lanes.length}`, y: this.gridBottom - P / 2, half: P / 2 };
    return { key: `g${g}`, y: this.lanes[g].y, half: P };
  }

  flow(from: Card, to: Card): Point[] {
    const ay = from.y + FLOW_PORT_DY;
    const by = to.y + FLOW_PORT_DY;
    const out = this.rightChannel(from);
    const into = this.leftChannel(to);
    if (out.key === into.key) {
      if (ay === by) return [{ x: from.x + from.width, y: ay }, { x: to.x, y: by }];
      const xc = out.x + this.track(out.key, out.half);
      return [{ x: from.x + from.width, y: ay }, { x: xc, y: ay }, { x: xc, y: by }, { x: to.x, y: by }];
    }
    const g = to.laneIndex < from.laneIndex ? this.gutter(from.laneIndex) : this.gutter(from.laneIndex + 1);
    return this.viaGutter(from, to, ay, by, out, into, g);
  }

  loop(from: Card, to: Card): Point[] {
    const ay = from.y + FLOW_PORT_DY;
    const by = to.y + FLOW_PORT_DY;
    const out = this.rightChannel(from);
    const into = this.leftChannel(to);
    // Backward edges go round through the gutter above the higher of the two lanes.
    const g = this.gutter(Math.min(from.laneIndex, to.laneIndex));
    return this.viaGutter(from, to, ay, by, out, into, g);
  }

  handoff(from: Card, to: Card): { points: Point[]; labelAt: Point } {
    const ay = from.y + from.height - HANDOFF_PORT_DY;
    const by = to.y + to.height - HANDOFF_PORT_DY;
    const out = this.rightChannel(from);
    const into = this.leftChannel(to);
    // Always through a gutter: its full width is free, so the label never covers a card.
    const g = to.laneIndex > from.laneIndex ? this.gutter(from.laneIndex + 1)
      : to.laneIndex < from.laneIndex ? this.gutter(from.laneIndex) : this.gutter(from.laneIndex + 1);
    const points = this.viaGutter(from, to, ay, by, out, into, g);
    const gy = points[2].y;
    return { points, labelAt: { x: (points[2].x + points[3].x) / 2, y: gy } };
  }

  private viaGutter(
    from: Card, to: Card, ay: number, by: number,
    out: { key: string; x: number; half: number }, into: { key: string; x: number; half: number },
    g: { key: string; y: number; half: number },
  ): Point[] {
    const xa = out.x + this.track(out.key, out.half);
    const xb = out.key === into.key ? xa : into.x + this.track(into.key, into.half);
    const gy = g.y + this.track(g.key, g.half);
    return [
      { x: from.x + from.width, y: ay }, { x: xa, y: ay }, { x: xa, y: gy },
      { x: xb, y: gy }, { x: xb, y: by }, { x: to.x, y: by },
    ];
  }
}
