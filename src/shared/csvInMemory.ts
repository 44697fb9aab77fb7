/**
 * Parses a ticket export held in memory (the web extension gets files whole from
 * `vscode.workspace.fs`) with csv-parse's browser build, in 1 MB slices, yielding to the event loop
 * between slices so a large export never freezes the extension host. Same options and error
 * wording as the Node reader (src/node/csvRecords.ts), and checked against it by the unit tests.
 */
import { parse } from 'csv-parse/browser/esm';
import { csvProblem, detectDelimiter, headerLine, parseOptions } from './csvOptions';

const SLICE_BYTES = 1 << 20;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Calls `onRecord` for each record, the header first; rejects with a CsvProblem when malformed. */
export async function readCsvBytes(bytes: Uint8Array, onRecord: (record: string[]) => void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const delimiter = detectDelimiter(headerLine(new TextDecoder('utf-8').decode(bytes.subarray(0, 65536))));
  const parser = parse(parseOptions(delimiter));
  let failure: unknown;
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (error: unknown) => {
      failure ??= error;
      resolve();
    });
  });
  parser.on('readable', () => {
    let record: string[] | null;
    while (failure === undefined && (record = parser.read() as string[] | null) !== null) onRecord(record);
  });
  for (let start = 0; start < bytes.length && failure === undefined; start += SLICE_BYTES) {
    const end = Math.min(bytes.length, start + SLICE_BYTES);
    parser.write(decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length }));
    await nextTask();
  }
  if (failure === undefined) parser.end();
  await ended;
  if (failure !== undefined) throw csvProblem(failure);
}
