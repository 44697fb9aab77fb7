/** The YAML parser's complaints in plain words, with the fix, at the place they are about. */
import type { Span } from '../base';

/** Syntax errors reported one by one; the rest are counted in one more finding. */
export const MAX_SYNTAX_ERRORS = 5;

export function spanOfError(pos: [number, number], text: string): Span {
  const start = Math.min(pos[0], text.length);
  const end = Math.max(start, Math.min(pos[1], text.length));
  return [start, end === start && start < text.length ? start + 1 : end];
}

export function yamlMessage(message: string): string {
  const first = message.split('\n')[0].trim().replace(/ at line \d+, column \d+:?$/, '');
  if (first.startsWith('Source contains multiple documents')) {
    return 'This file holds more than one YAML document (separated by `---`): a journey map file holds one map. Move the others to their own files.';
  }
  if (/tab/i.test(first) && /indent/i.test(first)) return `${first}. Indent with spaces, not tabs.`;
  const hint = YAML_HINTS.find(([pattern]) => pattern.test(first))?.[1];
  return hint ? `${first}. ${hint}` : first;
}

/** `4h30m` is not a duration here; say what it is in one unit (`, such as 4.5h for 4h30m`). */
export function compoundHint(value: unknown): string {
  const m = typeof value === 'string' ? /^\s*(\d+)\s*([dhm])\s*(\d+)\s*([hms])\s*$/i.exec(value) : null;
  if (!m) return '';
  const unit: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
  const first = m[2].toLowerCase();
  const seconds = Number(m[1]) * unit[first] + Number(m[3]) * unit[m[4].toLowerCase()];
  const amount = Math.round((seconds / unit[first]) * 100) / 100;
  return `, in one unit: ${amount}${first} for ${value}`;
}

/** What the parser's most common complaints mean in a journey map, and what to do. */
const YAML_HINTS: [RegExp, string][] = [
  [/^Unexpected scalar at node end/, 'Text follows a closing quote: quote the whole value (\'"Approval pending" for two days\') or drop the quotes.'],
  [/^Nested mappings are not allowed in compact mappings/, 'A `: ` inside a value starts another key: put the whole value in quotes (`name: "Calls the desk: from mobile"`), or check this line\'s indentation.'],
  [/^Implicit keys need to be on a single line/, 'Check the indentation: this line is indented differently from the keys around it.'],
  [/^All mapping items must start at the same column/, 'Line this key up with the keys above it.'],
  [/^Missing closing "?quote/, 'Close the quote at the end of the value.'],
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]/, 'Close the list with `]` on the same line, or write one `- item` per line.'],
];

