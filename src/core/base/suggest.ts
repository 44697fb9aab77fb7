/**
 * Did-you-mean: the closest candidate by edit distance, when it is close enough to be a slip.
 *
 * The comparison is bounded so that hostile input cannot make it expensive: words longer than
 * MAX_WORD are not compared at all (nobody mistypes a 200-character id by one letter and wants a
 * guess), candidates whose length alone rules them out are skipped, the distance is computed in a
 * band of width 2k+1 around the diagonal with an early exit once every cell of a row exceeds k,
 * and a budget of cells shared by every call of one validation ends the search for guesses when
 * it runs out (the findings stay; only their guesses are dropped).
 */

export const MAX_WORD = 128;

/** Cells of the distance table one validation may fill: far above any real map's need. */
const DEFAULT_CELLS = 20_000_000;

export class SuggestBudget {
  constructor(public cells = DEFAULT_CELLS) {}
}

export function closest(word: string, candidates: Iterable<string>, budget: SuggestBudget = new SuggestBudget()): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const lower = word.toLowerCase();
  const allowed = Math.max(1, Math.floor(Math.max(word.length, 3) / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    if (budget.cells <= 0) break;
    if (candidate.length > MAX_WORD || Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const limit = bestDistance - 1;
    const distance = boundedDistance(lower, candidate.toLowerCase(), limit, budget);
    if (distance <= limit && (distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best !== undefined && best !== word ? best : undefined;
}

/** Damerau-Levenshtein (optimal string alignment) distance: transpositions count as one slip. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Math.max(a.length, b.length), new SuggestBudget(Infinity));
}

/**
 * The optimal-string-alignment distance when it is at most `limit`, else some value above
 * `limit`. Only the cells within `limit` of the diagonal are filled, three rows at a time.
 */
export function boundedDistance(a: string, b: string, limit: number, budget: SuggestBudget): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = a.length;
  const m = b.length;
  const over = limit + 1;
  let before = new Array<number>(m + 1).fill(over);
  let previous = new Array<number>(m + 1);
  let current = new Array<number>(m + 1).fill(over);
  for (let j = 0; j <= m; j++) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(m, i + limit);
    current.fill(over);
    current[0] = i <= limit ? i : over;
    let rowMin = current[0];
    budget.cells -= to - from + 1;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current[j] = d > over ? over : d;
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > limit || budget.cells <= 0) return over;
    [before, previous, current] = [previous, current, before];
  }
  return previous[m] > limit ? over : previous[m];
}
