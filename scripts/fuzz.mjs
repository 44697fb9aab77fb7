// `npm run fuzz`: the properties of test/core/fuzz.test.ts with many more runs (not part of npm test).
//
//   npm run fuzz                       50,000 cases, a fresh random seed (printed first)
//   npm run fuzz -- --seed 42          replay a seed
//   npm run fuzz -- --runs 2000        fewer or more cases
//   npm run fuzz -- --seed 42 --path "17:3:0"   replay one shrunk counterexample fast-check printed
//   npm run fuzz -- --small            only the small fixture map (faster cases, more mutations each)
//
// Every 10th case (chosen by the case itself, so a replay does the same) also parses the SVG with
// a strict XML parser. Exits 1 with fast-check's report (seed, path, counterexample) on a failure.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const seed = option('seed') !== undefined ? Number(option('seed')) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
const runs = Number(option('runs') ?? 50_000);
const path = option('path');
const smallOnly = process.argv.includes('--small');
if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: npm run fuzz -- [--seed N] [--runs N] [--path P] [--small]');
  process.exit(2);
}

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const fc = require('fast-check');
const h = require(join(root, 'out/test/fuzz/harness.js'));
const fixtures = require(join(root, 'out/test/core/fixtures.js'));
h.addFiles(fixtures.FILES);
const small = { name: 'CLEAN_MAP', uri: fixtures.MAP_URI, text: fixtures.CLEAN_MAP };
const all = smallOnly ? [small] : h.examples([small]);

console.log(`fuzz: seed ${seed}, ${runs} runs over ${all.map((e) => e.name).join(', ')}${path ? `, path ${path}` : ''}`);
const checker = h.createChecker();
let done = 0;
const started = Date.now();
const property = fc.asyncProperty(h.caseArb(all.length, smallOnly ? 10 : 6), async (c) => {
  const text = h.applyCase(c, all);
  await h.checkText(all[c.example].uri, text, c.offsets, c.newName, { parseSvg: c.offsets[0] % 10 === 0 }, checker);
  if (++done % 1000 === 0) console.log(`  ${done} cases, ${Math.round((Date.now() - started) / 1000)} s`);
});

try {
  await fc.assert(property, { seed, numRuns: runs, path, endOnFailure: false });
  console.log(`fuzz: ${runs} cases passed (seed ${seed}) in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (error) {
  console.error(String(error?.message ?? error));
  if (error?.cause) console.error('cause:', error.cause?.stack ?? error.cause);
  console.error(`\nfuzz: FAILED (seed ${seed}); replay with npm run fuzz -- --seed ${seed}`);
  process.exit(1);
}
