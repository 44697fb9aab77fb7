/**
 * While a map does not parse (the user is half way through typing a line), every rule but the
 * parser's falls silent. Rather than empty the Problems panel down to one YAML message, the
 * findings of the last version that parsed are kept, each moved with its line and marked as from
 * that version; a finding whose line was edited or can no longer be found is dropped.
 */
import type { Diagnostic } from '../base';

/** Appended to a finding kept from the last version that parsed. */
export const FROM_LAST_VALID = ' (from the last valid version)';

/** How far (in lines) a finding's line is looked for when lines were inserted or deleted above it. */
const SEARCH_LINES = 200;

/**
 * The findings to show for `text`, which does not parse (`current` holds the parser's findings):
 * `current` plus those of `lastValid` (findings of `lastValidText`) that can be placed in `text`.
 */
export function carryOverFindings(lastValidText: string, lastValid: readonly Diagnostic[], text: string, current: readonly Diagnostic[]): Diagnostic[] {
  const before = lastValidText.split(/\r\n|\r|\n/);
  const after = text.split(/\r\n|\r|\n/);
  // One map from a line's text to where it occurs now: each lookup is then a short scan, never quadratic.
  const linesNow = new Map<string, number[]>();
  after.forEach((line, i) => {
    if (!line.trim()) return;
    const at = linesNow.get(line);
    if (at) at.push(i); else linesNow.set(line, [i]);
  });
  const kept: Diagnostic[] = [];
  // Lines move together: after an insertion above, every later line moves by the same amount, so a
  // repeated line (`    metrics:`) is looked for where the finding before it moved to.
  let shift = 0;
  for (const d of [...lastValid].sort((a, b) => a.range.start.line - b.range.start.line)) {
    if (d.fatal) continue;
    const { start, end } = d.range;
    if (end.line !== start.line) continue; // a finding over several lines: its lines may have changed
    const line = before[start.line];
    if (line === undefined || !line.trim()) continue;
    const moved = nearest(linesNow.get(line), start.line + shift);
    if (moved === undefined) continue;
    shift = moved - start.line;
    // Without its data: that describes the old text, so no quick fix is offered for it.
    const { data: _old, ...rest } = d;
    kept.push({
      ...rest,
      message: d.message.endsWith(FROM_LAST_VALID) ? d.message : `${d.message}${FROM_LAST_VALID}`,
      range: { start: { line: moved, character: start.character }, end: { line: moved, character: end.character } },
    });
  }
  return [...current, ...kept];
}

/** The occurrence (ascending line numbers) nearest to `line`, by binary search, within SEARCH_LINES. */
function nearest(candidates: number[] | undefined, line: number): number | undefined {
  if (!candidates?.length) return undefined;
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (candidates[mid] < line) lo = mid + 1; else hi = mid;
  }
  const options = [candidates[lo - 1], candidates[lo]].filter((c): c is number => c !== undefined && Math.abs(c - line) <= SEARCH_LINES);
  options.sort((a, b) => Math.abs(a - line) - Math.abs(b - line));
  return options[0];
}
