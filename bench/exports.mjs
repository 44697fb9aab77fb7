// Ticket exports as tools write them: a 1,000,000-row export with Jira-format dates in a time zone
// and a business-hours SLA, and a ~100 MB .xlsx sheet, each read the way validation reads it.
// `node bench/exports.mjs [--rows N]`: time and peak RSS above the baseline.
import * as esbuild from 'esbuild';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Zip, ZipDeflate, strToU8 } from 'fflate';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, 'xlsx-rows': { type: 'string', default: '2600000' } } });
const dir = mkdtempSync(join(tmpdir(), 'journeymap-exports-'));
const mb = (n) => (n / 1048576).toFixed(0);
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const jira = (ms) => { const d = new Date(ms); const h = d.getUTCHours() % 12 || 12; return `${String(d.getUTCDate()).padStart(2, '0')}/${MON[d.getUTCMonth()]}/${String(d.getUTCFullYear()).slice(2)} ${h}:${String(d.getUTCMinutes()).padStart(2, '0')} ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`; };

async function measure(label, run) {
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const started = performance.now();
  const out = await run();
  const ms = performance.now() - started;
  clearInterval(sampler);
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s, peak RSS +${mb(Math.max(peak, process.memoryUsage().rss) - baseline)} MB over ${mb(baseline)} MB${out ? `; ${out}` : ''}`);
}

try {
  const bundle = join(dir, 'entry.cjs');
  await esbuild.build({
    stdin: { contents: `export { RootedFiles, toCorePath } from '${process.cwd()}/src/node/files'; export { TicketAggregator } from '${process.cwd()}/src/core/evidence';`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning',
  });
  const { RootedFiles, toCorePath, TicketAggregator } = createRequire(import.meta.url)(bundle);
  const reader = new RootedFiles(dir);
  const rows = Number(values.rows);
  // A seeded export: opened over a quarter, resolved 10 minutes to 5 days later.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const stream = createWriteStream(join(dir, 'jira.csv'));
  stream.write('Issue key,Priority,Created,Resolved,Custom field (Request Type)\n');
  const start = Date.UTC(2026, 6, 1);
  for (let i = 0; i < rows; i++) {
    const opened = start + Math.floor(random() * 92 * 86400000 / 60000) * 60000;
    const resolved = opened + (10 + Math.floor(random() * 5 * 1440)) * 60000;
    const line = `SD-${i},P${1 + Math.floor(random() * 4)},${jira(opened)},${random() < 0.1 ? '' : jira(resolved)},${['Access', 'Billing', 'Hardware'][i % 3]}\n`;
    if (!stream.write(line)) await new Promise((r) => stream.once('drain', r));
  }
  await new Promise((r) => stream.end(r));
  const queries = [
    { metric: 'time_to_resolution', stat: 'p90' },
    { metric: 'mttr', where: { category: ['Access'] } },
    { metric: 'sla_breach_rate', sla: { byPriority: { P1: { amount: 4, unit: 'h', text: '4h' }, P2: { amount: 8, unit: 'bh', text: '8bh' }, P3: { amount: 2, unit: 'bd', text: '2bd' }, P4: { amount: 5, unit: 'bd', text: '5bd' } } } },
  ];
  const layout = { preset: 'jira', timezone: 'Europe/Berlin', calendar: { days: [1, 2, 3, 4, 5], start: 480, end: 1080, timezone: 'Europe/Berlin', holidays: [20699] } };
  await measure(`${rows.toLocaleString('en-US')} rows, Jira dates (dd/MMM/yy h:mm a) in Europe/Berlin, ${mb(statSync(join(dir, 'jira.csv')).size)} MB, p90 + mean + per-priority business SLA`, async () => {
    let aggregator;
    await reader.readRecords(toCorePath(join(dir, 'jira.csv')), (record) => { if (!aggregator) aggregator = new TicketAggregator(record, {}, queries, layout); else aggregator.add(record); });
    return [...aggregator.finish().results.values()].map((r) => r.value?.text ?? r.problem).join(', ');
  });

  // A large .xlsx, streamed out with fflate so the writer holds no sheet either.
  const xlsxRows = Number(values['xlsx-rows']);
  const file = join(dir, 'big.xlsx');
  const out = createWriteStream(file);
  const zip = new Zip((err, chunk) => { if (err) throw err; out.write(chunk); });
  const part = (name, text) => { const f = new ZipDeflate(name, { level: 6 }); zip.add(f); f.push(strToU8(text), true); };
  part('xl/workbook.xml', '<workbook xmlns:r="r"><sheets><sheet name="Page 1" sheetId="1" r:id="rId1"/></sheets></workbook>');
  part('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>');
  part('xl/styles.xml', '<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>');
  part('xl/sharedStrings.xml', '<sst><si><t>Access</t></si><si><t>Billing</t></si><si><t>Hardware</t></si></sst>');
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  sheet.push(strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>number</t></is></c><c r="B1" t="inlineStr"><is><t>opened_at</t></is></c><c r="C1" t="inlineStr"><is><t>resolved_at</t></is></c><c r="D1" t="inlineStr"><is><t>category</t></is></c><c r="E1" t="inlineStr"><is><t>description</t></is></c></row>'));
  for (let i = 0; i < xlsxRows; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(i + 1000, xlsxRows); j++) {
      const opened = 46204 + random() * 92;
      const r = j + 2;
      chunk += `<row r="${r}"><c r="A${r}"><v>${1000000 + j}</v></c><c r="B${r}" s="1"><v>${opened.toFixed(6)}</v></c><c r="C${r}" s="1"><v>${(opened + random() * 5).toFixed(6)}</v></c><c r="D${r}" t="s"><v>${j % 3}</v></c><c r="E${r}" t="inlineStr"><is><t>${Math.floor(random() * 1e12).toString(36)} ${Math.floor(random() * 1e12).toString(36)}</t></is></c></row>`;
    }
    sheet.push(strToU8(chunk));
    if (out.writableLength > 64 * 1048576) await new Promise((r) => out.once('drain', r));
  }
  sheet.push(strToU8('</sheetData></worksheet>'), true);
  zip.end();
  await new Promise((r) => out.end(r));
  await measure(`.xlsx, ${xlsxRows.toLocaleString('en-US')} rows, ${mb(statSync(file).size)} MB on disk`, async () => {
    let aggregator;
    await reader.readRecords(toCorePath(file), (record) => { if (!aggregator) aggregator = new TicketAggregator(record, { opened: 'opened_at', resolved: 'resolved_at' }, [{ metric: 'mttr' }, { metric: 'time_to_resolution', stat: 'p95' }]); else aggregator.add(record); });
    const s = aggregator.finish();
    return `${s.rows.toLocaleString('en-US')} rows; ${[...s.results.values()].map((r) => r.value?.text ?? r.problem).join(', ')}`;
  });
  writeFileSync(join(dir, 'corrupt.xlsx'), Buffer.from('PK\u0003\u0004 not really a zip'));
  await measure('corrupt .xlsx', async () => reader.readRecords(toCorePath(join(dir, 'corrupt.xlsx')), () => {}).then(() => 'read?!', (e) => e.message));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
