/**
 * Excel exports: a corrupt file, a zip bomb and a malformed sheet are refused with a clear
 * source-unreadable (with the row, for the sheet), never a crash or unbounded memory.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { RootedFiles, toCorePath } from '../../src/node/files';
import { bytesSource, readXlsxRecords } from '../../src/shared/xlsxRecords';
import { xlsxWorkbook } from './xlsxFixture';

async function read(dir: string, name: string, bytes: Uint8Array): Promise<{ records: string[][]; problem?: { message: string; line?: number } }> {
  writeFileSync(join(dir, name), bytes);
  const records: string[][] = [];
  try {
    await new RootedFiles(dir).readRecords(toCorePath(join(dir, name)), (r) => records.push(r));
    return { records };
  } catch (problem) {
    return { records, problem: problem as { message: string; line?: number } };
  }
}

describe('.xlsx ticket exports', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'journeymap-xlsx-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads shared strings, numbers, booleans and date cells as the CSV export would hold them', async () => {
    const book = xlsxWorkbook([['id', 'opened', 'count', 'flag'], ['INC1', '2026-09-21 15:00:00', '3', 'true'], ['INC2', '2026-09-22 08:30:00', '', 'false']], { dateColumns: ['opened'] });
    const { records, problem } = await read(dir, 'a.xlsx', book);
    assert.equal(problem, undefined);
    assert.deepEqual(records, [['id', 'opened', 'count', 'flag'], ['INC1', '2026-09-21 15:00:00', '3', 'TRUE'], ['INC2', '2026-09-22 08:30:00', '', 'FALSE']]);
    // The web extension reads the same bytes in memory, with the same result.
    const inMemory: string[][] = [];
    await readXlsxRecords(bytesSource(book), (r) => inMemory.push(r));
    assert.deepEqual(inMemory, records);
  });

  it('a corrupt file (a CSV renamed, truncated bytes) is a clear problem, not a crash', async () => {
    const renamed = await read(dir, 'b.xlsx', strToU8('id,opened\nINC1,2026-09-21\n'));
    assert.match(renamed.problem!.message, /not an Excel workbook|not a readable \.xlsx workbook/);
    const book = xlsxWorkbook([['id'], ['INC1']]);
    const truncated = await read(dir, 'c.xlsx', book.subarray(0, Math.floor(book.length / 2)));
    assert.ok(truncated.problem, 'a truncated workbook is refused');
  });

  it('a zip bomb is stopped once it inflates far beyond its size, with bounded memory', async () => {
    const sheet = new Uint8Array(96 * 1048576).fill(0x20); // 96 MB of spaces: a few hundred KB zipped
    const bomb = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="x" sheetId="1" r:id="rId1" xmlns:r="r"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': sheet,
    }, { level: 9 });
    assert.ok(bomb.length < 1048576);
    const before = process.memoryUsage().rss;
    const { problem } = await read(dir, 'bomb.xlsx', bomb);
    assert.match(problem!.message, /inflates to over \d+ MB from \d+ MB read, more than a spreadsheet does \(a zip bomb\?\)/);
    assert.ok(process.memoryUsage().rss - before < 200 * 1048576);
  });

  it('a malformed sheet is reported with its row', async () => {
    const xml = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>INC1</t></is></c></row><row r="3"><c r="A3"><v>1</v></row></sheetData></worksheet>';
    const { records, problem } = await read(dir, 'bad.xlsx', xlsxWorkbook([['id']], { sheetXml: xml }));
    assert.deepEqual(records, [['id'], ['INC1']]);
    assert.equal(problem!.line, 3);
    assert.match(problem!.message, /the sheet's XML is malformed at row 3/);
  });
});
