/**
 * `# journeymap-disable-next-line RULE [RULE...] [# why | -- why]` comments: the team's own record that a
 * finding on the next line is known and accepted. Validation drops those findings; the diagram
 * draws what they are about as facts, not alarms.
 */
import type { LineIndex, Span } from '../base';

const DISABLE = 'journeymap-disable-next-line';

export interface DisableComments {
  /** Zero-based lines silenced, with the rule names (`*`: every rule). */
  lines: Map<number, Set<string>>;
  /** Every rule name written in a comment, with its span (validation reports the unknown ones). */
  names: { name: string; span: Span }[];
}

export function disableComments(index: LineIndex): DisableComments {
  const lines = new Map<number, Set<string>>();
  const names: { name: string; span: Span }[] = [];
  if (!index.text.includes(DISABLE)) return { lines, names };
  for (let i = 0; i < index.lineCount; i++) {
    const match = /#\s*journeymap-disable-next-line\b(.*)$/.exec(index.lineText(i));
    if (!match) continue;
    // The finding is on the next line that holds YAML content, skipping further comment lines.
    let target = i + 1;
    while (target < index.lineCount && /^\s*(#.*)?$/.test(index.lineText(target))) target++;
    const set = lines.get(target) ?? new Set<string>();
    const namesAt = index.lineStart(i) + match.index + match[0].length - match[1].length;
    let named = 0;
    for (const word of match[1].matchAll(/[^\s,]+/g)) {
      // A second `#` starts a note about why (`# journeymap-disable-next-line loop # it is wanted`),
      // and so does `--`, as ESLint writes it (`... loop -- it is wanted`).
      if (word[0].startsWith('#') || word[0].startsWith('--')) break;
      named++;
      set.add(word[0]);
      names.push({ name: word[0], span: [namesAt + word.index!, namesAt + word.index! + word[0].length] });
    }
    if (!named) set.add('*');
    lines.set(target, set);
  }
  return { lines, names };
}

/** Whether `rule` is silenced on a zero-based line. */
export function isSilenced(comments: DisableComments, line: number, rule: string): boolean {
  const set = comments.lines.get(line);
  return !!set && (set.has('*') || set.has(rule));
}
