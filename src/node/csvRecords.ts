/**
 * Streams a CSV file's records with csv-parse (quoted fields, embedded newlines, BOM), detecting
 * `,`, `;` or tab as the delimiter from the header line. Shared by the CLI and the desktop extension.
 */
import { parse } from 'csv-parse';
import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import { csvProblem, detectDelimiter, headerLine, parseOptions } from '../shared/csvOptions';

export { detectDelimiter } from '../shared/csvOptions';

async function firstLine(path: string): Promise<string> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return headerLine(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

export async function readCsvRecords(path: string, onRecord: (record: string[]) => void): Promise<void> {
  await readCsvStream(createReadStream(path), await firstLine(path), onRecord);
}

/** The same for a file already in memory (a virtual or remote workspace's file, read through VS Code). */
export async function readCsvBuffer(bytes: Uint8Array, onRecord: (record: string[]) => void): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  await readCsvStream(Readable.from([buffer]), headerLine(buffer.subarray(0, 65536).toString('utf8')), onRecord);
}

async function readCsvStream(input: Readable, header: string, onRecord: (record: string[]) => void): Promise<void> {
  const parser = input.pipe(parse(parseOptions(detectDelimiter(header))));
  try {
    for await (const record of parser) onRecord(record as string[]);
  } catch (error) {
    throw csvProblem(error);
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
