/**
 * Sequence columns: within each stage, cards stand in columns by their order in the flow, so a
 * blueprint reads left to right. A card never stands left of a card it follows (loops aside); a
 * card in another lane that directly follows may share its column, so that a vertical arrow reads
 * "then, over there" (straight when nothing stands between the two in that column, else around
 * the cards between, through the free channel beside the column). Cards are placed in document
 * order, which is a topological order of the forward flow; one card per lane and column.
 */
import type { Card } from './types';

/** Cards that precede a card in the flow (forward `next`, document order, handoffs), per card key. */
export type Predecessors = Map<string, Card[]>;

/** Which rows of each column hold a card, or carry a straight vertical arrow between two shared cards. */
class ColumnUse {
  private readonly cells = new Map<number, Set<number>>();

  taken(column: number, row: number): boolean {
    return this.cells.get(column)?.has(row) ?? false;
  }

  take(column: number, row: number): void {
    let rows = this.cells.get(column);
    if (!rows) this.cells.set(column, (rows = new Set()));
    rows.add(row);
  }

  /** Whether every row strictly between `a` and `b` is free in the column. */
  freeBetween(column: number, a: number, b: number): boolean {
    for (let r = Math.min(a, b) + 1; r < Math.max(a, b); r++) if (this.taken(column, r)) return false;
    return true;
  }
}

/**
 * Sets each card's `column` within its stage (0 = the stage's first) and returns how many columns
 * each stage uses (at least one). `cards` must be in document order.
 */
export function assignColumns(cards: readonly Card[], predecessors: Predecessors, stageCount: number): number[] {
  const uses = Array.from({ length: stageCount }, () => new ColumnUse());
  const widths = new Array<number>(stageCount).fill(1);
  for (const card of cards) {
    const use = uses[card.stageIndex];
    const preds = (predecessors.get(card.key) ?? []).filter((p) => p.stageIndex === card.stageIndex && p.index < card.index);
    // The earliest column the flow allows: after a same-lane predecessor, at or after another lane's.
    let column = 0;
    for (const p of preds) column = Math.max(column, p.laneIndex === card.laneIndex ? p.column + 1 : p.column);
    while (use.taken(column, card.laneIndex)) column++;
    card.column = column;
    use.take(column, card.laneIndex);
    for (const p of preds) {
      // A straight vertical arrow runs through the rows between: keep them free of later cards.
      if (p.column !== column || p.laneIndex === card.laneIndex || !use.freeBetween(column, p.laneIndex, card.laneIndex)) continue;
      for (let r = Math.min(p.laneIndex, card.laneIndex) + 1; r < Math.max(p.laneIndex, card.laneIndex); r++) use.take(column, r);
    }
    widths[card.stageIndex] = Math.max(widths[card.stageIndex], column + 1);
  }
  return widths;
}
