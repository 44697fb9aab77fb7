// Summarises a generated 1,000,000-row ticket export the way validation does (csv-parse stream ->
// the core's TicketAggregator), and reports time and memory. `npm run bench:tickets [-- --rows N]`.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const dir = mkdtempSync(join(tmpdir(), 'journeymap-tickets-'));
try {
  const csv = join(dir, 'export.csv');
  execFileSync(process.execPath, ['scripts/generate-ticket-export.mjs', '--rows', values.rows, '--seed', '11', '-o', csv]);
  const bundle = join(dir, 'entry.cjs');
  await esbuild.build({
    stdin: { contents: `export { readCsvStream } from '${process.cwd()}/src/node/csvRecords'; export { TicketAggregator } from '${process.cwd()}/src/core/evidence';`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning',
  });
  const { readCsvStream, TicketAggregator } = createRequire(import.meta.url)(bundle);
  const mapping = { opened: 'sys_created_on', first_response: 'first_reply_at', resolved: 'resolved_at', reopened: 'reopen_count', escalated: 'escalation', transfers: 'reassignment_count', csat: 'survey_score', category: 'category', channel: 'contact_type' };
  const queries = [
    { metric: 'fcr', where: { category: ['access/admin-lockout'] } },
    { metric: 'time_to_resolution' },
    { metric: 'first_response_time', where: { channel: ['email'] } },
    { metric: 'reopen_rate' },
    { metric: 'csat' },
    { metric: 'sla_breach_rate', sla: 8 * 3600 },
  ];
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const started = performance.now();
  let aggregator;
  await readCsvStream(createReadStream(csv), (record) => {
    if (!aggregator) aggregator = new TicketAggregator(record, mapping, queries);
    else aggregator.add(record);
  });
  const summary = aggregator.finish();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = (n) => (n / 1048576).toFixed(0);
  console.log(`ticket export: ${summary.rows.toLocaleString('en-US')} rows, ${mb(statSync(csv).size)} MB, ${queries.length} metrics`);
  console.log(`summarised in ${(ms / 1000).toFixed(2)} s (${Math.round(summary.rows / (ms / 1000)).toLocaleString('en-US')} rows/s); peak RSS +${mb(peak - baseline)} MB over ${mb(baseline)} MB`);
  for (const [key, result] of summary.results) console.log(`  ${JSON.parse(key)[0].padEnd(20)} ${result.value?.text ?? result.problem}  n=${result.n.toLocaleString('en-US')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
