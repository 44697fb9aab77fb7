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
  if (/tab/i.test(first) && /indent/i.test(first)) return 'A tab indents this line, and YAML is indented with spaces only. Replace the tab with spaces.';
  const plain = YAML_HINTS.find(([pattern]) => pattern.test(first))?.[1];
  if (plain) return plain;
  // A complaint we have no words for: the parser's own, as a sentence.
  const sentence = first.charAt(0).toUpperCase() + first.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * Where a quote that is never closed was opened: the YAML parser notices only at the end of the
 * file, but the mistake is on the line that opened it (the last one before `end` whose quote does
 * not close on that line).
 */
export function unclosedQuoteAt(text: string, end: number): number | undefined {
  let found: number | undefined;
  let offset = 0;
  for (const line of text.slice(0, end).split('\n')) {
    const open = /(?:^|[:\-[{,]\s*)(["'])/.exec(line.replace(/\s#.*$/, ''));
    if (open) {
      const quote = open[1];
      const rest = line.slice(open.index + open[0].length);
      const closes = quote === '"' ? /(?<!\\)"/.test(rest) : /'(?!')/.test(rest.replace(/''/g, ''));
      if (!closes) found = offset + open.index + open[0].length - 1;
    }
    offset += line.length + 1;
  }
  return found;
}

/** Where a `[` list that is never closed was opened: the last line before `end` with more `[` than `]`. */
export function unclosedBracketAt(text: string, end: number): number | undefined {
  let found: number | undefined;
  let offset = 0;
  for (const line of text.slice(0, end).split('\n')) {
    const code = line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (q) => ' '.repeat(q.length)).replace(/\s#.*$/, '');
    const open = code.indexOf('[');
    if (open >= 0 && (code.match(/\[/g)?.length ?? 0) > (code.match(/]/g)?.length ?? 0)) found = offset + open;
    offset += line.length + 1;
  }
  return found;
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

/** The parser's most common complaints, in plain words: what is wrong on this line, and what to do. */
const YAML_HINTS: [RegExp, string][] = [
  [/^Unexpected scalar at node end/, 'Text follows the closing quote of this value. Put the whole value in quotes, or drop the quotes.'],
  [/^Nested mappings are not allowed in compact mappings/, 'A colon followed by a space inside this value starts another key. Put the whole value in quotes, for example `name: "Calls the desk: from mobile"`, or check the indentation.'],
  [/^Implicit keys need to be on a single line/, 'This line is not indented like the keys around it. Check its indentation, or quote a value that runs onto it.'],
  [/^All mapping items must start at the same column/, 'This key does not line up with the keys above it. Indent it like them.'],
  [/^Missing closing "?quote/, 'The quote that opens this value is never closed. Close it at the end of the value.'],
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]/, 'The `[` list on this line is not closed. Close it with `]` on the same line, or write one `- item` per line.'],
  [/^Map keys must be unique/, 'This key appears twice in the same mapping. Keep one of them.'],
];
