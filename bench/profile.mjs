// Where the core's time goes, as shares of a CPU profile (steadier than timings on a loaded
// machine). Bundles the core and the generator like run.mjs, profiles with the inspector, and
// attributes samples to the nearest named frame of interest.
//
//   node bench/profile.mjs [--size 1000] [--calls 20] [--what validate|hover|complete] [--save FILE.cpuprofile]
//
// validate: shares of one full validation (yaml parseDocument, the model builder, rules, ...) and
// the implied validate / parseDocument ratio. hover, complete: self time by function for repeated
// calls on an unchanged, already parsed text at the same positions as the benchmark.
import * as esbuild from 'esbuild';
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const size = Number(opt('size', 1000));
const what = opt('what', 'validate');
const calls = Number(opt('calls', what === 'validate' ? 20 : 500));

const outDir = resolve('out/bench-bundle');
mkdirSync(outDir, { recursive: true });
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['yaml'], logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: ['src/core/index.ts'], outfile: join(outDir, 'core.js') });
await esbuild.build({ ...common, entryPoints: ['bench/generate.ts'], outfile: join(outDir, 'generate.js') });
const require = createRequire(import.meta.url);
const { getLanguageService } = require(join(outDir, 'core.js'));
const { generateJourney, generatedFiles } = require(join(outDir, 'generate.js'));

const text = generateJourney(size, 1);
const files = new Map([...generatedFiles()].map(([p, t]) => [`file:///bench/${p}`, t]));
const options = {
  fileReader: {
    readFile: async (p) => (files.has(p) ? { text: files.get(p), version: 'v1' } : { problem: { kind: 'missing' } }),
    stat: async (p) => (files.has(p) ? { version: 'v1' } : { problem: { kind: 'missing' } }),
  },
  today: () => '2026-11-20', workspaceRoot: 'file:///bench',
};
const uri = 'file:///bench/generated.journey.yaml';

// The benchmark's positions: the first metric name and the `lane:` value of the middle touchpoint.
const lines = text.split('\n');
const id = `tp-${String(Math.ceil(size / 2)).padStart(5, '0')}`;
const at = lines.findIndex((l) => l.endsWith(`- id: ${id}`));
const laneLine = lines.findIndex((l, i) => i > at && /^\s+lane: /.test(l));
const metricsLine = lines.findIndex((l, i) => i > at && /^\s+metrics:$/.test(l));
const hoverAt = { line: metricsLine + 1, character: lines[metricsLine + 1].search(/\S/) + 1 };
const completeAt = { line: laneLine, character: lines[laneLine].indexOf('lane: ') + 6 };

const service = getLanguageService(options);
await service.validate(uri, text);
const work = {
  validate: async () => { await getLanguageService(options).validate(uri, text); },
  hover: async () => { service.hover(uri, text, hoverAt); },
  complete: async () => { service.complete(uri, text, completeAt); },
}[what];
if (!work) throw new Error('--what is validate, hover or complete');
for (let i = 0; i < 3; i++) await work();

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
for (let i = 0; i < calls; i++) await work();
const { profile } = await session.post('Profiler.stop');
session.disconnect();
if (opt('save')) writeFileSync(opt('save'), JSON.stringify(profile));

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const time = new Map();
profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const frame = (id) => byId.get(id).callFrame;
const label = (f) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|out\/bench-bundle)\//, '')}:${f.lineNumber + 1}`;
const ms = (us) => (us / 1000).toFixed(1);

if (what === 'validate') {
  // Categories, from the leaf up: the first frame that names one wins.
  const categories = [
    ['yaml parseDocument', (f) => f.functionName === 'parseDocument' && f.url.includes('/yaml/')],
    ['model builder (ModelBuilder.build)', (f) => f.functionName === 'build' && f.url.includes('core.js')],
    ['LineIndex', (f) => f.functionName === 'LineIndex'],
    ['link resolution', (f) => f.functionName === 'resolveLinks'],
    ['rules (check)', (f) => f.functionName === 'check'],
    ['diagnostics (collectDiagnostics)', (f) => f.functionName === 'collectDiagnostics'],
  ];
  const shares = new Map();
  let total = 0;
  let gc = 0;
  for (const [id, t] of time) {
    if (frame(id).functionName === '(garbage collector)') { gc += t; continue; }
    let cat;
    let inValidate = false;
    for (let c = id; c !== undefined; c = parent.get(c)) {
      const f = frame(c);
      if (!cat) cat = categories.find(([, test]) => test(f))?.[0];
      if (f.functionName === 'validate') { inValidate = true; break; }
    }
    if (!inValidate) continue;
    total += t;
    shares.set(cat ?? 'other', (shares.get(cat ?? 'other') ?? 0) + t);
  }
  console.log(`validate, ${size} touchpoints, ${calls} calls: ${ms(total / calls)} ms per call sampled (GC, not attributable: ${ms(gc / calls)} ms per call)`);
  for (const [cat, t] of [...shares].sort((a, b) => b[1] - a[1])) console.log(`${ms(t / calls).padStart(9)} ms ${(100 * t / total).toFixed(1).padStart(5)}%  ${cat}`);
  const parse = shares.get('yaml parseDocument') ?? 0;
  if (parse) console.log(`implied validate / parseDocument: ${(total / parse).toFixed(3)}x (without GC)`);
}

// Self time by function under the measured entry point (validate: the model builder's and the rules').
const root = { validate: 'validate', hover: 'doHover', complete: 'doComplete' }[what];
const self = new Map();
let under = 0;
for (const [id, t] of time) {
  let inside = false;
  for (let c = id; c !== undefined; c = parent.get(c)) if (frame(c).functionName === root) { inside = true; break; }
  if (!inside) continue;
  if (what === 'validate') {
    let inParse = false;
    for (let c = id; c !== undefined; c = parent.get(c)) if (frame(c).functionName === 'parseDocument' && frame(c).url.includes('/yaml/')) { inParse = true; break; }
    if (inParse) continue;
  }
  under += t;
  const key = label(frame(id));
  self.set(key, (self.get(key) ?? 0) + t);
}
console.log(`\nself time under ${root}${what === 'validate' ? ' outside parseDocument' : ''}: ${ms(under / calls)} ms per call`);
for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(t / calls / 1000).toFixed(4).padStart(10)} ms ${(100 * t / under).toFixed(1).padStart(5)}%  ${key}`);
