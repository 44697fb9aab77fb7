/**
 * Streams a CSV file's records with csv-parse (quoted fields, embedded newlines, BOM), detecting
 * `,`, `;` or tab as the delimiter from the header line. Shared by the CLI and the desktop extension.
 */
import { parse, type CsvError } from 'csv-parse';
import { createReadStream, promises as fs } from 'node:fs';

export function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

async function firstLine(path: string): Promise<string> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
  } finally {
    await handle.close();
  }
}

export async function readCsvRecords(path: string, onRecord: (record: string[]) => void): Promise<void> {
  const delimiter = detectDelimiter(await firstLine(path));
  const parser = createReadStream(path).pipe(parse({ bom: true, delimiter, skip_empty_lines: true, relax_column_count: false }));
  try {
    for await (const record of parser) onRecord(record as string[]);
  } catch (error) {
    const e = error as CsvError & { lines?: number; column?: number | string };
    throw { message: e.message.replace(/^Invalid Record Length: /, 'a row has a different number of fields than the header: ').replace(/ on line \d+$/, '').replace(/expect (\d+), got (\d+)/, 'expected $1, got $2'), line: e.lines, column: typeof e.column === 'number' ? e.column + 1 : undefined };
  }
}

export async function fileVersion(path: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(path);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}
