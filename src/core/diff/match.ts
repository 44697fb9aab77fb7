/**
 * Pairs the items of two versions of a list by id, the way a reviewer would: the same id is the
 * same item wherever it moved; among the items left over, one whose content is identical, or
 * failing that whose name is the same (and unique on both sides), is the same item under a new
 * id: a rename, not a removal and an addition. Linear in the list sizes (keys in maps, no pairwise
 * comparison), so a 1,000-touchpoint diff stays fast.
 */

export interface Matching<T> {
  /** Same id on both sides: [before, after]. */
  kept: [T, T][];
  /** A new id for the same item: [before, after]. */
  renamed: [T, T][];
  added: T[];
  removed: T[];
}

export interface MatchKeys<T> {
  id(item: T): string | undefined;
  /** Everything but the id, as a comparable string; equal strings mean the same content. */
  content(item: T): string;
  /** The display name, when it has one. */
  name(item: T): string | undefined;
}

export function matchItems<T>(before: readonly T[], after: readonly T[], keys: MatchKeys<T>): Matching<T> {
  const result: Matching<T> = { kept: [], renamed: [], added: [], removed: [] };
  const afterById = firstById(after, keys);
  const beforeIds = new Set(before.map(keys.id).filter((id): id is string => id !== undefined));
  const takenAfter = new Set<T>();
  const leftBefore: T[] = [];
  const seenBefore = new Set<string>();
  for (const item of before) {
    const id = keys.id(item);
    const partner = id !== undefined && !seenBefore.has(id) ? afterById.get(id) : undefined;
    if (id !== undefined) seenBefore.add(id);
    if (partner) {
      result.kept.push([item, partner]);
      takenAfter.add(partner);
    } else leftBefore.push(item);
  }
  // An after item whose id also exists before (a duplicate) is not a rename candidate of another.
  const leftAfter = after.filter((item) => !takenAfter.has(item) && !beforeIds.has(keys.id(item) ?? '\u0000'));
  const stillBefore = pairBy(leftBefore, leftAfter, keys.content, result.renamed, false);
  const pairedByContent = new Set(result.renamed.map(([, b]) => b));
  const stillAfter = leftAfter.filter((item) => !pairedByContent.has(item));
  const lastBefore = pairBy(stillBefore, stillAfter, (item) => keys.name(item), result.renamed, true);
  const renamedAfter = new Set(result.renamed.map(([, b]) => b));
  result.removed = lastBefore;
  result.added = after.filter((item) => !takenAfter.has(item) && !renamedAfter.has(item));
  return result;
}

function firstById<T>(items: readonly T[], keys: MatchKeys<T>): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) {
    const id = keys.id(item);
    if (id !== undefined && !byId.has(id)) byId.set(id, item);
  }
  return byId;
}

/**
 * Pairs leftover items with equal keys, pushing [before, after] to `into`; returns the before
 * items left unpaired. With `unique`, a key shared by two items on either side pairs nothing
 * (two touchpoints both named "Calls the desk" say nothing about which became which).
 */
function pairBy<T>(before: T[], after: T[], key: (item: T) => string | undefined, into: [T, T][], unique: boolean): T[] {
  const afterByKey = new Map<string, T[]>();
  for (const item of after) {
    const k = key(item);
    if (k === undefined) continue;
    const list = afterByKey.get(k);
    if (list) list.push(item);
    else afterByKey.set(k, [item]);
  }
  const beforeCount = new Map<string, number>();
  for (const item of before) {
    const k = key(item);
    if (k !== undefined) beforeCount.set(k, (beforeCount.get(k) ?? 0) + 1);
  }
  const left: T[] = [];
  for (const item of before) {
    const k = key(item);
    const candidates = k === undefined ? undefined : afterByKey.get(k);
    const ambiguous = unique && k !== undefined && ((candidates?.length ?? 0) > 1 || (beforeCount.get(k) ?? 0) > 1);
    if (!candidates?.length || ambiguous) {
      left.push(item);
      continue;
    }
    into.push([item, candidates.shift()!]);
  }
  return left;
}
