/**
 * Label placement with collision avoidance. A label sits in a gutter its edge crosses or runs
 * along (gutters hold no card), on the edge, and never on another label or on the line of
 * visibility: it tries the gutter's middle, then above and below it, then slides along the edge,
 * then the edge's other gutters. The first free place wins, so the result is deterministic.
 */
import { DIMENSIONS } from './dimensions';
import type { LabelSlot } from './router';
import type { Rect } from './types';

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Placed boxes in a grid of buckets, so a candidate is checked against its neighbours only (many labels stay linear). */
class BoxIndex {
  private static readonly CELL = 256;
  private readonly cells = new Map<string, Rect[]>();

  private keys(box: Rect): string[] {
    const c = BoxIndex.CELL;
    const out: string[] = [];
    for (let i = Math.floor(box.x / c); i <= Math.floor((box.x + box.width) / c); i++) {
      for (let j = Math.floor(box.y / c); j <= Math.floor((box.y + box.height) / c); j++) out.push(`${i}:${j}`);
    }
    return out;
  }

  add(box: Rect): void {
    for (const key of this.keys(box)) {
      const list = this.cells.get(key);
      if (list) list.push(box);
      else this.cells.set(key, [box]);
    }
  }

  hits(box: Rect): boolean {
    return this.keys(box).some((key) => this.cells.get(key)?.some((p) => overlaps(p, box)) ?? false);
  }
}

export class LabelPlacer {
  private readonly placed = new BoxIndex();
  /** Gutters where a label found no free place (the layout grows them and places again). */
  readonly crowded = new Set<number>();
  /** The widest label wider than the grid (the layout widens the grid and places again), or 0. */
  tooWide = 0;

  /**
   * @param gutterY the centre y and half height of a gutter
   * @param blocked bands no label may cover (the line of visibility, with a margin)
   * @param bounds the grid's x range, which labels stay within
   */
  constructor(
    private readonly gutterY: (g: number) => { y: number; half: number },
    private readonly blocked: Rect[],
    private readonly bounds: { left: number; right: number },
  ) {}

  private free(box: Rect): boolean {
    return box.x >= this.bounds.left && box.x + box.width <= this.bounds.right
      && !this.placed.hits(box) && !this.blocked.some((b) => overlaps(b, box));
  }

  /**
   * A free box of `width` for an edge with these slots: on the edge in any of its gutters first,
   * then slid along (or beside) it. When there is none, the first slot's gutter is marked crowded
   * and the label goes in its middle for now: the layout grows that gutter and places again.
   */
  place(width: number, slots: LabelSlot[]): Rect {
    if (width > this.bounds.right - this.bounds.left) this.tooWide = Math.max(this.tooWide, width);
    for (const slide of [false, true]) {
      for (const slot of slots) {
        const box = this.inSlot(width, slot, slide);
        if (box) {
          this.placed.add(box);
          return box;
        }
      }
    }
    const h = DIMENSIONS.labelHeight;
    const first = slots[0];
    if (first) this.crowded.add(first.gutter);
    const { y } = first ? this.gutterY(first.gutter) : { y: 0 };
    const box = { x: Math.round((first?.x ?? this.bounds.left) - width / 2), y: Math.round(y - h / 2), width, height: h };
    this.placed.add(box);
    return box;
  }

  private inSlot(width: number, slot: LabelSlot, slide: boolean): Rect | undefined {
    const h = DIMENSIONS.labelHeight;
    const { y, half } = this.gutterY(slot.gutter);
    const room = Math.max(0, half - h / 2 - 2);
    // The gutter's middle, then rows of labels above and below it, and its edges.
    const offsets = [0];
    for (let k = 1; k * (h + 2) <= room; k++) offsets.push(-k * (h + 2), k * (h + 2));
    offsets.push(-room, room);
    const ys = offsets.map((d) => y + d - h / 2);
    const xs: number[] = [];
    // On the edge; near the grid's sides, as far onto the edge as the grid allows.
    if (!slide) xs.push(slot.x, Math.max(this.bounds.left + width / 2, Math.min(this.bounds.right - width / 2, slot.x)));
    else {
      // Along the edge (a gutter run), or beside it by up to two label widths (a crossing).
      for (let step = 1; step <= 4; step++) {
        const d = step * (width / 2 + 6);
        xs.push(slot.x + d, slot.x - d);
      }
    }
    for (const cx of xs.filter((x) => x >= slot.from - width && x <= slot.to + width)) {
      for (const top of ys) {
        const box = { x: Math.round(cx - width / 2), y: Math.round(top), width, height: h };
        if (this.free(box)) return box;
      }
    }
    return undefined;
  }

  /** Reserves a box placed by other means (a stub's label), so later labels keep clear of it. */
  reserve(box: Rect): void {
    this.placed.add(box);
  }
}
