// Writes a realistic, synthetic service-desk ticket export (ServiceNow-style headers), seeded so
// the same arguments always give the same file. Used by the examples and the benchmark.
//
//   node scripts/generate-ticket-export.mjs [--rows 3000] [--seed 7] [--from 2026-08-01] [--to 2026-10-31] [-o file.csv]
import * as esbuild from 'esbuild';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '7' },
    from: { type: 'string', default: '2026-08-01' },
    to: { type: 'string', default: '2026-10-31' },
    output: { type: 'string', short: 'o' },
  },
});

// The repository's one seeded PRNG (bench/random.ts), bundled on the fly: this script runs
// without a build of its own.
const randomBundle = resolve('out/bench-bundle/random.cjs');
await esbuild.build({ entryPoints: [fileURLToPath(new URL('../bench/random.ts', import.meta.url))], outfile: randomBundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
const { mulberry32: prng } = createRequire(import.meta.url)(randomBundle);
const random = prng(Number(values.seed));
const pick = (weighted) => {
  let r = random() * weighted.reduce((n, [, w]) => n + w, 0);
  for (const [value, w] of weighted) if ((r -= w) <= 0) return value;
  return weighted[weighted.length - 1][0];
};
/** Log-normal minutes around a median, for waits that are usually short and sometimes very long. */
const lognormal = (medianMinutes, spread) => {
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return medianMinutes * Math.exp(spread * z);
};

const CATEGORIES = [
  // category, weight, median resolution (min), escalation share, reopen share
  ['access/admin-lockout', 18, 300, 0.3, 0.14],
  ['access/password-reset', 30, 45, 0.05, 0.08],
  ['billing/dispute', 14, 2880, 0.45, 0.1],
  ['outage/production', 4, 180, 0.9, 0.12],
  ['howto/configuration', 34, 240, 0.1, 0.05],
];
const CHANNELS = [['email', 35, 300], ['web', 30, 180], ['chat', 20, 4], ['phone', 15, 2]]; // median first response (min)
const PRIORITY = { 'outage/production': 'P1', 'access/admin-lockout': 'P2', 'billing/dispute': 'P3' };

const start = Date.parse(`${values.from}T00:00:00Z`);
const end = Date.parse(`${values.to}T23:59:59Z`);
const iso = (ms) => new Date(Math.round(ms / 60000) * 60000).toISOString().slice(0, 16).replace('T', ' ') + ':00';
const out = values.output ? createWriteStream(values.output) : process.stdout;
const write = (line) => (out.write(line + '\n') ? Promise.resolve() : new Promise((r) => out.once('drain', r)));

await write('number,sys_created_on,first_reply_at,resolved_at,reopen_count,escalation,reassignment_count,survey_score,category,contact_type,priority');
const rows = Number(values.rows);
for (let i = 0; i < rows; i++) {
  const [category, , resolveMedian, escalationShare, reopenShare] = pick(CATEGORIES.map((c) => [c, c[1]])) ;
  const [channel, , responseMedian] = pick(CHANNELS.map((c) => [c, c[1]]));
  // Tickets arrive during the period, more in office hours.
  let opened = start + random() * (end - start);
  const hour = new Date(opened).getUTCHours();
  if ((hour < 7 || hour > 18) && random() < 0.6) opened -= (hour < 7 ? hour + 6 : hour - 12) * 3600000;
  opened = Math.max(start, opened);
  const firstResponse = opened + lognormal(responseMedian, 0.9) * 60000;
  const escalated = random() < escalationShare;
  const transfers = escalated ? 1 + Math.floor(random() * 2) : random() < 0.12 ? 1 : 0;
  const resolveMinutes = lognormal(resolveMedian * (escalated ? 2.2 : 1) * (1 + transfers * 0.4), 0.8);
  const resolved = firstResponse + resolveMinutes * 60000;
  const stillOpen = resolved > end;
  const reopened = !stillOpen && random() < reopenShare ? 1 + (random() < 0.2 ? 1 : 0) : 0;
  // Slower, bounced tickets get worse scores; about a third of customers answer the survey.
  const answered = !stillOpen && random() < 0.32;
  const hours = (resolved - opened) / 3600000;
  const score = answered ? Math.max(1, Math.min(5, Math.round(4.6 - Math.log10(1 + hours) * 0.9 - transfers * 0.4 - reopened * 0.6 + (random() - 0.5) * 1.4))) : '';
  const cells = [
    `INC${String(1000000 + i)}`, iso(opened), firstResponse > end ? '' : iso(firstResponse), stillOpen ? '' : iso(resolved),
    reopened, escalated ? 'true' : 'false', transfers, score, category, channel, PRIORITY[category] ?? 'P4',
  ];
  await write(cells.join(','));
}
if (values.output) out.end();
