// `npm run bench:bounds`: time and peak memory of the CLI on small hostile inputs that once took
// minutes or the whole heap (generators in bench/blowups.ts, also used by the unit tests, which
// assert that each finishes with the right finding). Each case runs the CLI in a fresh Node
// process that reports its own wall time and peak resident memory (maxRSS), killed after
// --timeout seconds (default 180) and limited to the default heap, as a user's run would be.
//
//   npm run bench:bounds [-- --cli /path/to/other/checkout] [--timeout 180] [--json out.json]
//
// --cli runs another checkout's dist/cli.js (say, one built before a fix) for a before/after table.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, closeSync, openSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const cliRoot = resolve(option('--cli', '.'));
const timeout = Number(option('--timeout', '180')) * 1000;
const jsonOut = option('--json');

const outDir = resolve('out/bench-bundle');
mkdirSync(outDir, { recursive: true });
await esbuild.build({ entryPoints: ['bench/blowups.ts'], outfile: join(outDir, 'blowups.js'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
const blowups = createRequire(import.meta.url)(join(outDir, 'blowups.js'));

const CLEAN = `journeymap: 1
title: Admin locked out
persona: Tenant administrator
scenario: Locked out
owner: Desk lead
review: { last: 2026-11-01, every: quarter }
sources:
  - { id: tickets, kind: tickets, path: ../data/tickets.csv, period: 2026-07-01/2026-09-30 }
lanes:
  - { id: admin, name: Admin, kind: customer }
  - { id: desk, name: Desk, kind: frontstage }
stages:
  - id: contact
    name: Contact
    touchpoints:
      - id: desk-verify
        lane: desk
        name: Agent verifies identity
        runbook: ../runbooks/RUNBOOK#missing-anchor
        metrics:
          fcr: { from: tickets, where: { category: WHERE }, target: 80% }
`;

const ws = mkdtempSync(join(tmpdir(), 'journeymap-bounds-'));
for (const dir of ['.git', 'maps', 'runbooks', 'data']) mkdirSync(join(ws, dir), { recursive: true });
const map = (name, text) => { writeFileSync(join(ws, 'maps', name), text); return `maps/${name}`; };
const lintedWith = (runbook, where = 'hardware') => CLEAN.replace('RUNBOOK', runbook).replace('WHERE', where);

writeFileSync(join(ws, 'data', 'tickets.csv'), 'opened,resolved,category\n2026-09-01,2026-09-02,access\n');
writeFileSync(join(ws, 'runbooks', 'plain.md'), '# Plain\n\n## Steps\n');
writeFileSync(join(ws, 'runbooks', 'long-headings.md'), blowups.longHeadingRunbook(200 * 1024));

const longValue = (i) => `${'category-value-'.repeat(70)}${i}`;
const whereExport = ['opened,resolved,category', ...Array.from({ length: 50 }, (_, i) => `2026-09-01,2026-09-02,${longValue(i)}`)].join('\n');
writeFileSync(join(ws, 'data', 'long-values.csv'), `${whereExport}\n`);
writeFileSync(join(ws, 'data', 'huge-field.csv'), blowups.hugeFieldExport(100 * 1024 * 1024).replace(/\n$/, '"y\n'));
const sparse = join(ws, 'maps', 'sparse.journey.yaml');
closeSync(openSync(sparse, 'w'));
truncateSync(sparse, 3 * 1024 ** 3);

const cases = [
  { name: 'did-you-mean: 20 KB of near-miss 2,000-character ids', args: ['lint', map('near-20k.journey.yaml', blowups.nearMissIdsMap(20 * 1024)), '--today', '2026-11-27'] },
  { name: 'did-you-mean: 80 KB of near-miss 2,000-character ids', args: ['lint', map('near-80k.journey.yaml', blowups.nearMissIdsMap(80 * 1024)), '--today', '2026-11-27'] },
  {
    name: 'did-you-mean: a 1 KB `where:` value against 50 long export values',
    args: ['lint', map('where.journey.yaml', lintedWith('plain.md', longValue(7).replace(/7$/, 'x')).replace('../data/tickets.csv', '../data/long-values.csv')), '--today', '2026-11-27'],
  },
  { name: 'elk router: 300 touchpoints, 20 `next` each (render)', args: ['render', map('wide.journey.yaml', blowups.wideFlowMap(300, 20)), '-o', join(ws, 'wide.svg'), '--router', 'elk'] },
  { name: 'runbook anchors: a 200 KB runbook of long heading lines', args: ['lint', map('runbook.journey.yaml', lintedWith('long-headings.md')), '--today', '2026-11-27'] },
  { name: 'export: one 100 MB field in a malformed row', args: ['lint', map('field.journey.yaml', lintedWith('plain.md').replace('../data/tickets.csv', '../data/huge-field.csv')), '--today', '2026-11-27'], outputBytes: true },
  { name: 'map size: a 3 GB (sparse) map', args: ['lint', 'maps/sparse.journey.yaml', '--today', '2026-11-27'] },
  { name: 'nesting pre-scan: `[a\'b, ` then 5,000 `[`', args: ['lint', map('nest.journey.yaml', `journeymap: 1\ntitle: [a'b, ${'['.repeat(5000)}\n`), '--today', '2026-11-27'] },
];

/** Runs the CLI in a child that reports its own time and peak memory on a last line of JSON. */
function measure(argv) {
  const script = `
    const started = process.hrtime.bigint();
    let out = 0;
    process.stdout.write = ((w) => (chunk, ...rest) => { out += Buffer.byteLength(String(chunk)); return true; })(process.stdout.write);
    require(${JSON.stringify(join(cliRoot, 'dist', 'cli.js'))}).main(${JSON.stringify(argv)}).then((code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.stderr.write('\\nBOUNDS ' + JSON.stringify({ code, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outputBytes: out }) + '\\n');
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ws, timeout, encoding: 'utf8', maxBuffer: 1 << 30 });
  const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith('BOUNDS '));
  if (line) return JSON.parse(line.slice(7));
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM') return { failed: `did not finish in ${timeout / 1000} s` };
  const oom = /heap out of memory|Allocation failed/.test(r.stderr ?? '');
  return { failed: oom ? 'out of memory (V8 heap limit)' : `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}` };
}

const results = [];
console.log(`CLI: ${join(cliRoot, 'dist', 'cli.js')}; each case in a fresh process, killed after ${timeout / 1000} s\n`);
console.log('| case | time | peak memory (RSS) | exit |');
console.log('| --- | ---: | ---: | --- |');
for (const c of cases) {
  const r = measure(c.args);
  results.push({ case: c.name, ...r });
  const cells = r.failed
    ? [c.name, '-', '-', r.failed]
    : [c.name, `${(r.ms / 1000).toFixed(2)} s`, `${Math.round(r.maxRssMb)} MB`, `${r.code}${c.outputBytes ? ` (${r.outputBytes.toLocaleString('en-US')} bytes printed)` : ''}`];
  console.log(`| ${cells.join(' | ')} |`);
}
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
rmSync(ws, { recursive: true, force: true });
