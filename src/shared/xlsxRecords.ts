/**
 * Ticket-export records from an Excel workbook (.xlsx), streamed: the archive is inflated with fflate
 * and its XML read with saxes, both as the bytes arrive, in two passes over the file (the workbook's
 * parts, then its first sheet), so a sheet of any size costs one row of memory plus the shared
 * strings. Decompression is bounded (a zip bomb is refused) and every problem is thrown as
 * `{ message, line? }`, line being the sheet's row, like the CSV readers. Shared by the CLI, the
 * desktop extension and the web extension: fflate and saxes are plain JavaScript.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export interface XlsxLimits {
  /** Inflated bytes of all the parts read, past which the file is refused. */
  maxInflatedBytes: number;
  /** Inflated bytes per compressed byte, past which the archive is a zip bomb (measured after 16 MB). */
  maxRatio: number;
  /** Inflated bytes of the shared-strings part, which is held in memory. */
  maxSharedStringsBytes: number;
}

export const XLSX_LIMITS: XlsxLimits = { maxInflatedBytes: 8 * 1024 ** 3, maxRatio: 200, maxSharedStringsBytes: 512 * 1024 ** 2 };

/** The file's bytes, in order, readable once per call: the reader makes two passes. */
export type ByteSource = () => AsyncIterable<Uint8Array>;

/** Whether a path names an Excel workbook this reader takes. */
export function isXlsxPath(path: string): boolean {
  return /\.xlsx$/i.test(path);
}

interface WorkbookParts {
  sharedStrings: string[];
  /** Per cell style index: 'date', 'datetime' or undefined (a plain number). */
  dateStyles: ('date' | 'datetime' | undefined)[];
  date1904: boolean;
  sheetPath: string;
}

const META_PARTS = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);
const BUILTIN_DATE_FORMATS: Record<number, 'date' | 'datetime'> = {
  14: 'date', 15: 'date', 16: 'date', 17: 'date', 18: 'datetime', 19: 'datetime', 20: 'datetime', 21: 'datetime', 22: 'datetime', 45: 'datetime', 46: 'datetime', 47: 'datetime',
};

class XlsxProblem {
  constructor(readonly message: string, readonly line?: number) {}
}

/** Streams every row of the workbook's first sheet, the header first, as text cells. */
export async function readXlsxRecords(source: ByteSource, onRecord: (record: string[]) => void, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  try {
    const parts = await readParts(source, limits);
    await readSheet(source, parts, onRecord, limits);
  } catch (error) {
    if (error instanceof XlsxProblem) throw { message: error.message, ...(error.line ? { line: error.line } : {}) };
    const detail = error instanceof Error ? error.message : String((error as { message?: string })?.message ?? error);
    throw { message: `the file is not a readable .xlsx workbook (${detail}). Open it in Excel and save it again, or export CSV.` };
  }
}

/** Compressed bytes handed to the inflater at a time (see `pass`). */
const PUSH_BYTES = 16 * 1024;

/** A byte source over bytes already in memory (the web extension, a git revision), in 1 MB slices. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return async function* () {
    for (let at = 0; at < bytes.length; at += 1048576) yield bytes.subarray(at, Math.min(at + 1048576, bytes.length));
  };
}

/**
 * One pass over the archive: `wanted` decides which parts to inflate; each inflated part's text
 * goes to its own SAX parser. Inflated bytes are counted against the limits as they come.
 */
async function pass(source: ByteSource, wanted: (name: string) => ((parser: SaxesParser) => void) | undefined, limits: XlsxLimits, partLimit?: (name: string) => number): Promise<Set<string>> {
  const seen = new Set<string>();
  let compressed = 0;
  let inflated = 0;
  let failure: unknown;
  const unzip = new Unzip((file: UnzipFile) => {
    const name = file.name.replace(/^\/+/, '');
    seen.add(name);
    const setup = wanted(name);
    if (!setup) return;
    const parser = new SaxesParser();
    parser.on('error', (e) => { throw e; });
    setup(parser);
    const decoder = new TextDecoder('utf-8');
    let partBytes = 0;
    const limit = partLimit?.(name) ?? Infinity;
    file.ondata = (err, data, final) => {
      if (failure) return;
      try {
        if (err) throw err;
        partBytes += data.length;
        inflated += data.length;
        if (partBytes > limit) throw new XlsxProblem(`its ${name} part inflates past ${Math.round(limit / 1048576)} MB: the workbook holds too much text to read here. Export CSV instead.`);
        if (inflated > limits.maxInflatedBytes || (inflated > 16 * 1048576 && inflated / Math.max(compressed, 1) > limits.maxRatio)) {
          throw new XlsxProblem(`it inflates to over ${Math.round(inflated / 1048576)} MB from ${Math.round(compressed / 1048576)} MB read, more than a spreadsheet does (a zip bomb?): it was not read further. Export CSV, or save the workbook again from Excel.`);
        }
        parser.write(decoder.decode(data, { stream: !final }));
        if (final) parser.close();
      } catch (e) {
        failure ??= e;
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for await (const chunk of source()) {
    // A push inflates all it is given before the limits see a byte: in small pieces, one push of a
    // zip bomb makes at most about 17 MB (DEFLATE inflates at most 1,032 times), not a gigabyte.
    for (let at = 0; at < chunk.length; at += PUSH_BYTES) {
      const piece = chunk.subarray(at, Math.min(at + PUSH_BYTES, chunk.length));
      compressed += piece.length;
      unzip.push(piece, false);
      if (failure) throw failure;
    }
  }
  unzip.push(new Uint8Array(0), true);
  if (failure) throw failure;
  return seen;
}

async function readParts(source: ByteSource, limits: XlsxLimits): Promise<WorkbookParts> {
  const parts: WorkbookParts = { sharedStrings: [], dateStyles: [], date1904: false, sheetPath: 'xl/worksheets/sheet1.xml' };
  let firstSheetRel: string | undefined;
  const rels = new Map<string, string>();
  const numFmts = new Map<number, string>();
  const xfIds: number[] = [];
  const seen = await pass(source, (name) => {
    if (!META_PARTS.has(name)) return undefined;
    return (parser) => {
      let inXfs = false;
      let text: string[] | undefined;
      let inT = false;
      let inPhonetic = false;
      parser.on('opentag', (tag: SaxesTagPlain) => {
        const local = tag.name.replace(/^.*:/, '');
        const attr = (n: string) => tag.attributes[n] as string | undefined;
        if (name === 'xl/workbook.xml') {
          if (local === 'workbookPr' && /^(1|true)$/.test(attr('date1904') ?? '')) parts.date1904 = true;
          if (local === 'sheet' && firstSheetRel === undefined) firstSheetRel = attr('r:id') ?? Object.entries(tag.attributes).find(([k]) => /(^|:)id$/.test(k))?.[1] as string | undefined;
        } else if (name === 'xl/_rels/workbook.xml.rels' && local === 'Relationship') {
          rels.set(attr('Id') ?? '', attr('Target') ?? '');
        } else if (name === 'xl/styles.xml') {
          if (local === 'numFmt') numFmts.set(Number(attr('numFmtId')), attr('formatCode') ?? '');
          if (local === 'cellXfs') inXfs = true;
          if (local === 'xf' && inXfs) xfIds.push(Number(attr('numFmtId') ?? 0));
        } else if (name === 'xl/sharedStrings.xml') {
          if (local === 'si') text = [];
          if (local === 't') inT = true;
          if (local === 'rPh') inPhonetic = true; // phonetic guides are not the cell's text
        }
      });
      parser.on('text', (t) => { if (text && inT && !inPhonetic) text.push(t); });
      parser.on('closetag', (tag) => {
        const local = tag.name.replace(/^.*:/, '');
        if (local === 'cellXfs') inXfs = false;
        if (name === 'xl/sharedStrings.xml') {
          if (local === 't') inT = false;
          if (local === 'rPh') inPhonetic = false;
          if (local === 'si' && text) { parts.sharedStrings.push(text.join('')); text = undefined; }
        }
      });
    };
  }, limits, (name) => name === 'xl/sharedStrings.xml' ? limits.maxSharedStringsBytes : 64 * 1048576);
  if (!seen.has('xl/workbook.xml')) throw new XlsxProblem('it is not an Excel workbook: the archive has no xl/workbook.xml. Save it as .xlsx (Excel Workbook), or export CSV.');
  const target = firstSheetRel !== undefined ? rels.get(firstSheetRel) : undefined;
  if (target) parts.sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  if (!seen.has(parts.sheetPath)) throw new XlsxProblem(`the workbook's first sheet (${parts.sheetPath}) is missing from the archive: save it again from Excel, or export CSV.`);
  parts.dateStyles = xfIds.map((id) => BUILTIN_DATE_FORMATS[id] ?? (numFmts.has(id) ? dateKind(numFmts.get(id)!) : undefined));
  return parts;
}

/** Whether a number format shows a date (`dd/mm/yyyy`), a date and time, or neither (`0.00`, `[h]:mm`). */
function dateKind(code: string): 'date' | 'datetime' | undefined {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, (b) => (/^\[(h+|m+|s+)\]$/i.test(b) ? '\u0001' : ''));
  if (bare.includes('\u0001') || !/[dmy]/i.test(bare.replace(/[hs]/gi, ''))) return undefined;
  return /[hs]/i.test(bare) ? 'datetime' : 'date';
}

/** `BC` -> 54 (zero-based column of a cell reference's letters). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An Excel serial date as the ISO text a CSV export would hold (a wall-clock time, no zone). */
function serialText(serial: number, kind: 'date' | 'datetime', date1904: boolean): string {
  const ms = Math.round(((serial - (date1904 ? 24107 : 25569)) * 86400000) / 1000) * 1000;
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return kind === 'date' ? date : `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const MAX_COLUMNS = 16384;

async function readSheet(source: ByteSource, parts: WorkbookParts, onRecord: (record: string[]) => void, limits: XlsxLimits): Promise<void> {
  let rowNumber = 0;
  await pass(source, (name) => name !== parts.sheetPath ? undefined : (parser) => {
    let row: string[] | undefined;
    let cell: { at: number; type: string; style: number } | undefined;
    let value: string[] | undefined;
    let inValue = false;
    let nextColumn = 0;
    parser.on('opentag', (tag: SaxesTagPlain) => {
      const local = tag.name.replace(/^.*:/, '');
      if (local === 'row') {
        row = [];
        nextColumn = 0;
        const r = Number(tag.attributes.r);
        rowNumber = Number.isFinite(r) && r > 0 ? r : rowNumber + 1;
      } else if (local === 'c' && row) {
        const ref = String(tag.attributes.r ?? '');
        const at = ref ? columnIndex(ref) : nextColumn;
        cell = { at: at >= 0 ? at : nextColumn, type: String(tag.attributes.t ?? 'n'), style: Number(tag.attributes.s ?? 0) };
        value = undefined;
      } else if (cell && (local === 'v' || local === 't')) {
        value ??= [];
        inValue = true;
      }
    });
    parser.on('text', (t) => { if (cell && value && inValue) value.push(t); });
    parser.on('closetag', (tag) => {
      const local = tag.name.replace(/^.*:/, '');
      if (local === 'v' || local === 't') inValue = false;
      if (local === 'c' && cell && row) {
        if (cell.at < MAX_COLUMNS) {
          while (row.length < cell.at) row.push('');
          row[cell.at] = cellText(cell, value?.join('') ?? '', parts);
        }
        nextColumn = cell.at + 1;
        cell = undefined;
      } else if (local === 'row' && row) {
        // An empty row is skipped, as the CSV reader skips an empty line.
        if (row.some((v) => v !== '')) onRecord(row);
        row = undefined;
      }
    });
    parser.on('error', (e) => {
      const at = row ? rowNumber : rowNumber + 1; // inside a row, or after the last one read
      throw new XlsxProblem(`the sheet's XML is malformed at row ${at} (${e.message.split('\n')[0]}): save the workbook again from Excel, or export CSV.`, at);
    });
  }, limits);
}

function cellText(cell: { type: string; style: number }, raw: string, parts: WorkbookParts): string {
  switch (cell.type) {
    case 's': {
      const index = Number(raw);
      return parts.sharedStrings[index] ?? '';
    }
    case 'b':
      return raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
    case 'inlineStr': case 'str': case 'e': case 'd':
      return raw;
    default: {
      const kind = parts.dateStyles[cell.style];
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n)) return raw;
      return kind ? serialText(n, kind, parts.date1904) : String(n);
    }
  }
}
