/**
 * Streams a CSV file's records with csv-parse (quoted fields, embedded newlines, BOM), detecting
 * `,`, `;` or tab as the delimiter from the header line. Shared by the CLI and the desktop extension;
 * the file is opened and checked by ./files (real path, regular file) before it reaches this.
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { csvProblem, detectDelimiter, headerLine, parseOptions } from '../shared/csvOptions';
import { bytesSource, isXlsxPath, readXlsxRecords, type ByteSource } from '../shared/xlsxRecords';
import type { promises as fs } from 'node:fs';

export { detectDelimiter } from '../shared/csvOptions';

/** Parses a byte stream, the delimiter taken from its first chunk's header line. */
export async function readCsvStream(input: Readable, onRecord: (record: string[]) => void): Promise<void> {
  const chunks = input[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done) return; // an empty file has no header: the caller reports that
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(String(first.value));
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value as Buffer;
  }
  const parser = Readable.from(all()).pipe(parse(parseOptions(detectDelimiter(headerLine(head.subarray(0, 65536).toString('utf8'))))));
  try {
    for await (const record of parser) onRecord(record as string[]);
  } catch (error) {
    throw csvProblem(error);
  }
}

/** The same for a file already in memory (a virtual or remote workspace's file, read through VS Code). */
export async function readCsvBuffer(bytes: Uint8Array, onRecord: (record: string[]) => void): Promise<void> {
  await readCsvStream(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), onRecord);
}

/** An export already in memory, CSV or Excel by its name. */
export async function readExportBuffer(bytes: Uint8Array, path: string, onRecord: (record: string[]) => void): Promise<void> {
  if (isXlsxPath(path)) return readXlsxRecords(bytesSource(bytes), onRecord);
  return readCsvBuffer(bytes, onRecord);
}

/** An open file read from its start in 1 MB chunks, once per call: the Excel reader makes two passes. */
export function handleSource(handle: fs.FileHandle): ByteSource {
  return async function* () {
    const buffer = Buffer.alloc(1048576);
    for (let position = 0; ;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (!bytesRead) return;
      position += bytesRead;
      // A copy: fflate may keep a reference to the chunk between pushes.
      yield Uint8Array.prototype.slice.call(buffer, 0, bytesRead);
    }
  };
}

export { isXlsxPath, readXlsxRecords } from '../shared/xlsxRecords';
