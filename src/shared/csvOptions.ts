/**
 * How journeymap reads a ticket export with csv-parse, shared by the Node reader (src/node, CLI and
 * desktop extension) and the web extension's reader, so both read a file alike and report a
 * malformed one in the same words.
 */
import type { CsvProblem } from '../core';
import { quoteShort } from '../core/base';

/** `,`, `;` or tab, whichever the header line has most of (spreadsheet exports vary by locale). */
export function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

/** The header line of a file's first bytes, byte-order mark removed. */
export function headerLine(firstChunk: string): string {
  return firstChunk.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
}

/**
 * The longest record read, in characters: a ticket row is a few hundred; past this a file is not a
 * ticket export (or a quote was never closed), and the parser stops instead of holding the rest.
 */
export const MAX_RECORD_CHARS = 1_000_000;

/** csv-parse options: quoted fields and embedded newlines as RFC 4180, every row as wide as the header. */
export function parseOptions(delimiter: string): { bom: true; delimiter: string; skip_empty_lines: true; relax_column_count: false; max_record_size: number } {
  return { bom: true, delimiter, skip_empty_lines: true, relax_column_count: false, max_record_size: MAX_RECORD_CHARS };
}

/** A csv-parse error as the `{ message, line, column }` (one-based) that the core reports. */
export function csvProblem(error: unknown): CsvProblem {
  const e = error as { message?: string; lines?: number; column?: number | string };
  let raw = String(e?.message ?? error);
  // csv-parse quotes the whole offending field: a 100 MB field would become a 100 MB message.
  const value = raw.indexOf(', value is "');
  if (value >= 0) raw = `${raw.slice(0, value)}, value is "${quoteShort(raw.slice(value + 12, raw.endsWith('"') ? -1 : undefined))}"`;
  const message = quoteShort(raw, 400)
    .replace(/^Invalid Record Length: /, 'a row has a different number of fields than the header: ')
    .replace(/ (?:on|at) line \d+$/, '')
    .replace(/expect (\d+), got (\d+)/, 'expected $1, got $2')
    .replace(/^Max Record Size: record exceed the maximum number of tolerated bytes of \d+/, `a row is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters, which no ticket is (an unclosed quote?)`);
  return { message, line: e?.lines, column: typeof e?.column === 'number' ? e.column + 1 : undefined };
}
