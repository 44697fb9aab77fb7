/**
 * How journeymap reads a ticket export with csv-parse, shared by the Node reader (src/node, CLI and
 * desktop extension) and the web extension's reader, so both read a file alike and report a
 * malformed one in the same words.
 */
import type { CsvProblem } from '../core/tickets';

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

/** csv-parse options: quoted fields and embedded newlines as RFC 4180, every row as wide as the header. */
export function parseOptions(delimiter: string): { bom: true; delimiter: string; skip_empty_lines: true; relax_column_count: false } {
  return { bom: true, delimiter, skip_empty_lines: true, relax_column_count: false };
}

/** A csv-parse error as the `{ message, line, column }` (one-based) that the core reports. */
export function csvProblem(error: unknown): CsvProblem {
  const e = error as { message?: string; lines?: number; column?: number | string };
  const message = String(e?.message ?? error)
    .replace(/^Invalid Record Length: /, 'a row has a different number of fields than the header: ')
    .replace(/ on line \d+$/, '')
    .replace(/expect (\d+), got (\d+)/, 'expected $1, got $2');
  return { message, line: e?.lines, column: typeof e?.column === 'number' ? e.column + 1 : undefined };
}
