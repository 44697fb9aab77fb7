// `journeymap report` on many generated maps: time and peak memory. A row of `npm run bench`
// (bench/bench.ts runs this script; `--no-report` skips it), and runnable alone:
//
//   node bench/report.mjs [--maps 2000] [--small 200] [--json-line]
//
// Maps come from the seeded generator (bench/generate.ts), 5 to 40 touchpoints each (mean 22.5),
// 100 to a folder with the runbooks and data files they link to, review dates spread over a year
// so some are overdue. The CLI (src/cli, bundled with esbuild like the bench itself, so no build is
// needed) runs in a fresh Node process with the default heap, which samples its own heap every
// 10 ms (peak heap used, garbage included), collects garbage every second to see what the run
// really holds (heap live after GC), and reports wall time and peak resident memory (maxRSS). The run at --small
// maps shows whether memory grows with the number of maps (it should not: pages are written one
// map at a time and only the small summaries are kept).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { maps: { type: 'string', default: '2000' }, small: { type: 'string', default: '200' }, 'json-line': { type: 'boolean' } } });
const SIZES = [5, 10, 15, 20, 25, 30, 35, 40];
const PER_FOLDER = 100;

const outDir = resolve('out/bench-bundle');
mkdirSync(outDir, { recursive: true });
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', external: ['yaml', 'elkjs'] };
await esbuild.build({ ...common, entryPoints: ['bench/generate.ts'], outfile: join(outDir, 'generate.js') });
await esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: join(outDir, 'cli-main.js') });
const { generateJourney, generatedFiles } = createRequire(import.meta.url)(join(outDir, 'generate.js'));

/** A workspace of `count` generated maps; returns its folder. */
function workspace(count) {
  const ws = mkdtempSync(join(tmpdir(), 'journeymap-report-bench-'));
  mkdirSync(join(ws, '.git'));
  const files = generatedFiles();
  for (let i = 0; i < count; i++) {
    const folder = join(ws, 'maps', `team-${String(Math.floor(i / PER_FOLDER)).padStart(2, '0')}`);
    if (i % PER_FOLDER === 0) {
      for (const [path, text] of files) {
        mkdirSync(join(folder, path, '..'), { recursive: true });
        writeFileSync(join(folder, path), text);
      }
    }
    const reviewed = new Date(Date.UTC(2026, 0, 1) + (i * 7 % 365) * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(join(folder, `journey-${String(i).padStart(4, '0')}.journey.yaml`), generateJourney(SIZES[i % SIZES.length], i + 1, { reviewed }));
  }
  return ws;
}

/** Runs `journeymap report maps -o site` in a fresh process that reports its own time and peaks. */
function measure(ws) {
  const script = `
    const v8 = require('node:v8');
    let peakHeap = 0;
    let peakLive = 0;
    const sample = () => { peakHeap = Math.max(peakHeap, v8.getHeapStatistics().used_heap_size); };
    const timer = setInterval(sample, 10);
    // Every second, a full collection: what is left is what the run holds (summaries, caches).
    const live = setInterval(() => { global.gc(); peakLive = Math.max(peakLive, v8.getHeapStatistics().used_heap_size); }, 1000);
    const started = process.hrtime.bigint();
    const io = { stdout: () => undefined, stderr: (t) => { process.stderr.write(t); }, cwd: process.cwd(), color: false };
    require(${JSON.stringify(join(outDir, 'cli-main.js'))}).main(['report', 'maps', '-o', 'site', '--today', '2026-12-04'], io).then((code) => {
      sample();
      clearInterval(timer);
      clearInterval(live);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.stderr.write('\\nREPORT ' + JSON.stringify({ code, ms, peakHeapMb: peakHeap / 1048576, liveHeapMb: peakLive / 1048576, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\\n');
    });`;
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { cwd: ws, encoding: 'utf8', timeout: 900_000 });
  const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith('REPORT '));
  if (!line) return { error: `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}` };
  const result = JSON.parse(line.slice(7));
  const names = readdirSync(join(ws, 'site', 'maps'));
  const bytes = names.reduce((total, name) => total + statSync(join(ws, 'site', 'maps', name)).size, 0)
    + statSync(join(ws, 'site', 'index.html')).size + statSync(join(ws, 'site', 'improvements.html')).size;
  return { ...result, pages: names.length, siteMb: bytes / 1048576, indexKb: statSync(join(ws, 'site', 'index.html')).size / 1024 };
}

const results = [];
for (const count of [Number(values.small), Number(values.maps)].filter((n) => n > 0)) {
  const ws = workspace(count);
  try {
    results.push({ maps: count, ...measure(ws) });
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

if (values['json-line']) {
  console.log(JSON.stringify(results));
} else {
  console.log('| maps (5-40 touchpoints, mean 22.5) | time (wall) | per map | peak heap used | heap live after GC, at most | peak RSS | pages | site (index) | exit |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of results) {
    if (r.error) console.log(`| ${r.maps.toLocaleString('en-US')} | - | - | - | - | - | - | - | ${r.error} |`);
    else console.log(`| ${r.maps.toLocaleString('en-US')} | ${(r.ms / 1000).toFixed(1)} s | ${(r.ms / r.maps).toFixed(1)} ms | ${Math.round(r.peakHeapMb)} MB | ${Math.round(r.liveHeapMb)} MB | ${Math.round(r.maxRssMb)} MB | ${r.pages.toLocaleString('en-US')} + 2 | ${Math.round(r.siteMb)} MB (${Math.round(r.indexKb)} KB) | ${r.code} |`);
  }
}
