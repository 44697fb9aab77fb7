/**
 * The ticket-export readers, csv-parse over a Node file stream (CLI, desktop extension), over a
 * buffer (desktop extension, virtual workspaces) and csv-parse's browser build over bytes in memory
 * (web extension), must agree on every file: the same records, or the same problem at the same line.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readCsvBuffer } from '../../src/node/csvRecords';
import { RootedFiles, toCorePath } from '../../src/node/files';
import { readCsvBytes } from '../../src/shared/csvInMemory';

type Outcome = { records: string[][] } | { problem: unknown };

async function outcome(read: (onRecord: (r: string[]) => void) => Promise<void>): Promise<Outcome> {
  const records: string[][] = [];
  try {
    await read((r) => records.push(r));
    return { records };
  } catch (problem) {
    return { problem };
  }
}

describe('ticket export readers (Node file stream, Node buffer, in-memory browser build)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journeymap-csv-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function both(name: string, content: string | Buffer): Promise<[Outcome, Outcome]> {
    const file = join(dir, name);
    writeFileSync(file, content);
    const bytes = new Uint8Array(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    const node = await outcome((on) => new RootedFiles(dir).readRecords(toCorePath(file), on));
    assert.deepStrictEqual(await outcome((on) => readCsvBuffer(bytes, on)), node, 'the buffer reader agrees with the file reader');
    return [node, await outcome((on) => readCsvBytes(bytes, on))];
  }

  const cases: Record<string, string> = {
    'comma, CRLF, BOM': '\uFEFFnumber,category\r\nINC1,access\r\nINC2,billing\r\n',
    'semicolon with quoted delimiters, quotes and a line break': 'number;note\nINC1;"a; b"\nINC2;"said ""hi""\nthen left"\n',
    'tab': 'number\tcategory\nINC1\taccess\n',
    'blank lines skipped': 'number,category\n\nINC1,access\n\n',
    'no trailing newline': 'number,category\nINC1,access',
    'a row with too few fields': 'number,category,opened\nINC1,access,2026-10-01\nINC2,access\n',
    'an unclosed quote': 'number,note\nINC1,"never closed\n',
  };
  for (const [name, content] of Object.entries(cases)) {
    it(`agree on ${name}`, async () => {
      const [node, memory] = await both(`${name.replace(/\W+/g, '-')}.csv`, content);
      assert.deepStrictEqual(memory, node);
    });
  }

  it('report a ragged row with its line, one-based, in the same words', async () => {
    const [, memory] = await both('ragged.csv', cases['a row with too few fields']);
    assert.deepStrictEqual(memory, { problem: { message: 'a row has a different number of fields than the header: expected 3, got 2', line: 3, column: 3 } });
  });

  it('read an export larger than one slice, with a multi-byte character and a quoted line break across the slice boundary', async () => {
    const header = 'number,note\n';
    const rows: string[] = [];
    let size = header.length;
    for (let i = 0; size < (1 << 20) + 200_000; i++) {
      const row = i === 9000 ? `INC${i},"zwölf Grüße\nüber die Grenze €"\n` : `INC${i},ticket ${i} ü€\n`;
      rows.push(row);
      size += Buffer.byteLength(row);
    }
    // Put the special row right on the 1 MB boundary.
    const before = Buffer.byteLength(header + rows.slice(0, 9000).join(''));
    const pad = (1 << 20) - before - 8;
    if (pad > 0) rows[0] = `INC0,"${'x'.repeat(pad)}"\n`;
    const [node, memory] = await both('big.csv', header + rows.join(''));
    assert.ok('records' in node && node.records.length === rows.length + 1, 'the Node reader read every row');
    assert.deepStrictEqual(memory, node);
    assert.ok('records' in memory && memory.records.some((r) => r[1] === 'zwölf Grüße\nüber die Grenze €'));
  });
});
