/**
 * `npm run bench`: times the core against the YAML parser (the floor) and against the
 * peer, yaml-language-server, on generated maps of 10, 100, 1,000 and 5,000 touchpoints, in one
 * process, warm, median of many runs. Started by bench/run.mjs, which bundles this file with
 * esbuild.
 *
 *   npm run bench [-- --sizes 10,100] [--json FILE] [--clock cpu|wall] [--no-bundles] [--no-heap] [--no-activation | --activation-runs N] [--no-report]
 *
 * Method. Every figure is the median of at least 5 timed runs after warm-up runs; the run count
 * adapts to the size (a time budget per measurement, capped at 400 runs). Runs whose ratios are
 * compared (parseDocument, validate, peer doValidation) are interleaved round-robin, so drift on
 * a noisy machine hits all three alike. No GC is forced between calls: a forced full GC makes the
 * next call of the parser several times slower (measured here, interleaved in one process:
 * parseDocument of 100 touchpoints 2.7x slower right after a gc()), and the garbage a call
 * leaves is part of its real cost.
 * --expose-gc (run.mjs sets it) is used only around the heap measurement.
 */
import { parseDocument } from 'yaml';
import { readFileSync, readdirSync, existsSync, statSync, mkdirSync, mkdtempSync, symlinkSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService as getPeerService } from 'yaml-language-server/lib/umd/languageservice/yamlLanguageService';
import { diffJourneys, getLanguageService, parseJourney, type FileReader, type Position, type JourneyDocument } from '../src/core';
import { layoutJourney, renderSvg, type Layout } from '../src/core/diagram';
import { parseHow } from '../src/core/parse';
import { generateJourney, generatedFiles } from './generate';
// Plain CommonJS shared with the VS Code suite; it needs `vscode` only when it types.
const { stallNote } = require('./vscode/typing.js') as { stallNote(ms?: number, waitMs?: number): string };

// ---- options ------------------------------------------------------------------------------------

export const MEASURES = [
  'parseDocument', 'validate', 'revalidate', 'revalidateAfterEdit', 'hoverAfterEdit', 'hover', 'complete', 'symbols',
  'layout', 'render', 'peerValidate', 'peerHover',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Extra figures shown in the table but not part of the bench JSON's fixed set of measures. */
type Extra = 'coreParse' | 'completeAfterEdit' | 'hoverAfterValidate' | 'peerHoverRepeated' | 'diff';

interface Args {
  sizes: number[];
  json?: string;
  bundles: boolean;
  heap: boolean;
  /** VS Code starts to take the activation time's median over; 0 skips it. */
  activationRuns: number;
  budgetMs: number;
  /** Run `journeymap report` on 200 and 2,000 generated maps (bench/report.mjs). */
  report: boolean;
  /** The clock of the JSON and the first table: process CPU time (default) or wall time. */
  clock: Clock;
}

type Clock = 'cpu' | 'wall';

function parseArgs(argv: string[]): Args {
  const args: Args = { sizes: [10, 100, 1000, 5000], bundles: true, heap: true, activationRuns: 1, budgetMs: 1500, clock: 'cpu', report: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--sizes')) {
      args.sizes = value().split(',').map((s) => Number(s.trim()));
      if (args.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes positive integers: --sizes 10,100');
    } else if (a.startsWith('--json')) args.json = value();
    else if (a.startsWith('--budget')) args.budgetMs = Number(value());
    else if (a.startsWith('--clock')) {
      const clock = value();
      if (clock !== 'cpu' && clock !== 'wall') throw new Error('--clock is cpu or wall');
      args.clock = clock;
    } else if (a === '--no-bundles') args.bundles = false;
    else if (a === '--no-heap') args.heap = false;
    else if (a === '--no-activation') args.activationRuns = 0;
    else if (a === '--no-report') args.report = false;
    else if (a.startsWith('--activation-runs')) args.activationRuns = Math.max(0, Math.floor(Number(value())));
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

// ---- timing -------------------------------------------------------------------------------------

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

type Task = () => unknown;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One timing: CPU time of the process (user + system, all threads) and wall time, in ms. */
export interface Sample {
  cpu: number;
  wall: number;
}

/** Times `batch` calls of the task and returns the time per call. */
async function once(task: Task, batch = 1): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < batch; i++) {
    const result = task();
    if (result instanceof Promise) await result;
  }
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000 / batch, wall: wall / batch };
}

function medianSample(samples: Sample[]): Sample {
  return { cpu: median(samples.map((s) => s.cpu)), wall: median(samples.map((s) => s.wall)) };
}

/**
 * Times the tasks round-robin (one batch of each per round) until the time budget is spent, with
 * at least `minRuns` and at most `maxRuns` rounds after warm-up. Calls faster than a millisecond
 * are timed in batches of about a millisecond, so the clocks' resolution and the cost of reading
 * them do not count. Returns each task's median time per call.
 */
async function measure(tasks: Record<string, Task>, budgetMs: number, minRuns = 5, maxRuns = 400, warmRounds = 2): Promise<Record<string, Sample>> {
  const names = Object.keys(tasks);
  // Warm-up: `warmRounds` calls each, then more up to a fifth of the budget (none when 0).
  const warmStart = performance.now();
  const last: Record<string, number> = {};
  for (let i = 0; i < warmRounds || (warmRounds > 0 && i < 50 && performance.now() - warmStart < budgetMs / 5); i++) {
    for (const name of names) last[name] = (await once(tasks[name])).wall;
  }
  const batch: Record<string, number> = Object.fromEntries(names.map((n) => [n, last[n] === undefined ? 1 : Math.min(1000, Math.max(1, Math.ceil(1 / Math.max(last[n], 1e-4))))]));
  const times: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  const start = performance.now();
  for (let round = 0; round < maxRuns && (round < minRuns || performance.now() - start < budgetMs); round++) {
    for (const name of names) times[name].push(await once(tasks[name], batch[name]));
  }
  return Object.fromEntries(names.map((n) => [n, medianSample(times[n])]));
}

// ---- the subjects -------------------------------------------------------------------------------

const MAP_URI = 'file:///bench/generated.journey.yaml';
const TODAY = '2026-11-20';

/** The files the generated maps link to, in memory. */
function memoryReader(): FileReader {
  const files = new Map<string, string>();
  for (const [path, text] of generatedFiles()) files.set(`file:///bench/${path}`, text);
  return {
    readFile: async (path) => (files.has(path) ? { text: files.get(path)!, version: 'v1' } : { problem: { kind: 'missing' } }),
    stat: async (path) => (files.has(path) ? { version: 'v1' } : { problem: { kind: 'missing' } }),
  };
}


/** The position of the first metric name under the middle touchpoint, and of its lane value. */
function positions(text: string, n: number): { hover: Position; complete: Position } {
  const lines = text.split('\n');
  const id = `tp-${String(Math.ceil(n / 2)).padStart(5, '0')}`;
  const at = lines.findIndex((l) => l.endsWith(`- id: ${id}`));
  if (at < 0) throw new Error(`touchpoint ${id} not found`);
  const laneLine = lines.findIndex((l, i) => i > at && /^\s+lane: /.test(l));
  const metricsLine = lines.findIndex((l, i) => i > at && /^\s+metrics:$/.test(l));
  const metric = metricsLine + 1;
  const hover = { line: metric, character: lines[metric].search(/\S/) + 1 };
  const complete = { line: laneLine, character: lines[laneLine].indexOf('lane: ') + 'lane: '.length };
  return { hover, complete };
}

interface PeerService {
  doValidation(document: TextDocument, isKubernetes: boolean): Promise<unknown[]>;
  doHover(document: TextDocument, position: Position): Promise<unknown>;
}

function peerService(): PeerService {
  const schemaPath = resolve('schemas/journeymap.schema.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  const service = getPeerService({
    schemaRequestService: async () => JSON.stringify(schema),
    workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
  });
  service.configure({
    validate: true, hover: true, completion: true, format: false,
    schemas: [{ uri: 'file:///bench/journeymap.schema.json', fileMatch: ['*'], schema }],
  });
  return service as unknown as PeerService;
}

type Row = Partial<Record<Measure | Extra, Sample>>;

async function benchSize(n: number, args: Args, peer: PeerService | undefined, notes: string[]): Promise<Row> {
  const text = generateJourney(n, 1);
  // Two edited versions to alternate between: each call sees text other than the cached one.
  const edits = [`${text}# edit a\n`, `${text}# edit b\n`];
  // Typing in one touchpoint: one character more, then one less, inside the middle touchpoint's
  // `does:` value, so every call sees a new text and every offset after it moves.
  const typedAt = text.indexOf('does: ', Math.floor(text.length / 2)) + 'does: '.length;
  const typed = [`${text.slice(0, typedAt)}x${text.slice(typedAt)}`, `${text.slice(0, typedAt)}xy${text.slice(typedAt)}`];
  const { hover: hoverAt, complete: completeAt } = positions(text, n);
  const reader = memoryReader();
  const options = { fileReader: reader, today: () => TODAY, workspaceRoot: 'file:///bench' };
  const budget = n >= 1000 ? args.budgetMs * 2 : args.budgetMs;
  const row: Row = {};

  // Sanity: the map validates with no errors, and the hover and completion positions answer.
  const probe = getLanguageService(options);
  const diagnostics = await probe.validate(MAP_URI, text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`generated map (${n}) has ${errors.length} errors, first: ${errors[0].code} ${errors[0].message}`);
  if (!probe.hover(MAP_URI, text, hoverAt)) notes.push(`${n}: no core hover at ${JSON.stringify(hoverAt)}`);
  if (probe.complete(MAP_URI, text, completeAt).length === 0) notes.push(`${n}: no core completion at ${JSON.stringify(completeAt)}`);

  // Everything whose ratio to the floor matters runs interleaved, round-robin, so load from other
  // processes on a shared machine falls on all of it alike. Validation gets a fresh service each
  // call, so nothing is cached; hover and completion after an edit alternate between two edited
  // texts on one service, so each call sees a new text; the peer gets a new document version each
  // call, so it re-parses. Re-validation uses one service and the unchanged text.
  let version = 1;
  let k = 0;
  const service = getLanguageService(options);
  await service.validate(MAP_URI, text);
  const editService = getLanguageService(options);
  const typingService = getLanguageService(options);
  await typingService.validate(MAP_URI, typed[1]);
  await typingService.validate(MAP_URI, typed[0]);
  if (parseHow(typingService.parse(MAP_URI, typed[0])) !== 'incremental') notes.push(`${n}: an edit inside a touchpoint was parsed in full`);
  let t = 0;
  const tasks: Record<string, Task> = {
    parseDocument: () => parseDocument(text),
    validate: () => getLanguageService(options).validate(MAP_URI, text),
    revalidate: () => service.validate(MAP_URI, text),
    revalidateAfterEdit: () => typingService.validate(MAP_URI, typed[++t & 1]),
    hoverAfterEdit: () => editService.hover(MAP_URI, edits[k++ & 1], hoverAt),
  };
  // At 5,000 touchpoints a round costs seconds: the two extras that only repeat the parse are
  // left out there, to keep the whole run within a few minutes on 2 cores.
  const large = n >= 5000;
  if (!large) {
    tasks.coreParse = () => parseJourney(text);
    tasks.completeAfterEdit = () => editService.complete(MAP_URI, edits[k++ & 1], completeAt);
  }
  if (peer) {
    tasks.peerValidate = () => peer.doValidation(TextDocument.create(MAP_URI, 'yaml', version++, text), false);
    tasks.peerHover = () => peer.doHover(TextDocument.create(MAP_URI, 'yaml', version++, text), hoverAt);
  }
  // The process was warmed up on a 100-touchpoint map first (see main), so large sizes need no
  // warm-up rounds of their own: at 5,000 one round costs about 25 s of CPU.
  Object.assign(row, await measure(tasks, budget * 3, large ? 3 : n >= 1000 ? 5 : 9, 400, large ? 0 : n >= 1000 ? 1 : 2));

  // The editor's order after an edit: validation first, then the hover on the same version must
  // not parse again.
  let versionText = 0;
  const edited = (): string => `${text}# edit ${versionText}\n`;
  const hoverAfterValidate: Sample[] = [];
  for (let i = 0; i < (n >= 5000 ? 2 : n >= 1000 ? 5 : 20); i++) {
    versionText++;
    const current = edited();
    await editService.validate(MAP_URI, current);
    const before = editService.parse(MAP_URI, current);
    hoverAfterValidate.push(await once(() => editService.hover(MAP_URI, current, hoverAt)));
    if (editService.parse(MAP_URI, current) !== before) notes.push(`${n}: hover after validate re-parsed the same version`);
  }
  row.hoverAfterValidate = medianSample(hoverAfterValidate);

  // Repeated calls on the unchanged text, each measured on its own: symbols allocate a lot, and
  // their garbage must not be collected inside a hover's timing.
  Object.assign(row, await measure({ hover: () => service.hover(MAP_URI, text, hoverAt) }, args.budgetMs / 3, 20, 2000));
  Object.assign(row, await measure({ complete: () => service.complete(MAP_URI, text, completeAt) }, args.budgetMs / 3, 20, 2000));
  Object.assign(row, await measure({ symbols: () => service.symbols(MAP_URI, text) }, args.budgetMs / 3, 10, 2000));

  // The semantic diff of two validated versions: every other `feels` changed and an id renamed
  // (the parses and validations are measured above; this is the matching and the comparison).
  const doc: JourneyDocument = service.parse(MAP_URI, text);
  let flip = 0;
  const changedText = text.replace(/feels: (-?\d)/g, (whole, f) => (flip++ % 2 ? whole : `feels: ${Number(f) === 0 ? 1 : 0}`)).replace(/\bid: (tp-[\w-]+)\n/, 'id: $1-renamed\n');
  const changedService = getLanguageService(options);
  const after = { doc: changedService.parse(MAP_URI, changedText), diagnostics: await changedService.validate(MAP_URI, changedText) };
  const before = { doc, diagnostics };
  const probeDiff = diffJourneys(before, after);
  if (!probeDiff.feels.length) notes.push(`${n}: the diff found no feels change`);
  Object.assign(row, await measure({ diff: () => diffJourneys(before, after) }, args.budgetMs / 2));

  // Layout and render of the parsed document (the parse is measured above).
  const layout = layoutJourney(doc);
  checkGrid(layout, n, notes);
  Object.assign(row, await measure({ layout: () => layoutJourney(doc) }, args.budgetMs / 2));
  Object.assign(row, await measure({ render: () => renderSvg(layout) }, args.budgetMs / 2));

  // The peer's hover: after an edit (a new version: it re-parses), and repeated on one version.
  if (peer) {
    if (!(await peer.doHover(TextDocument.create(MAP_URI, 'yaml', version++, text), hoverAt))) notes.push(`${n}: no peer hover at ${JSON.stringify(hoverAt)}`);
    const fixed = TextDocument.create(MAP_URI, 'yaml', version++, text);
    await peer.doHover(fixed, hoverAt);
    Object.assign(row, await measure({ peerHoverRepeated: () => peer.doHover(fixed, hoverAt) }, args.budgetMs / 2, n >= 5000 ? 3 : 5, 200, 1));
  }
  return row;
}

/** Lanes must stay exact rows and stages exact columns: every card inside its lane and stage band. */
function checkGrid(l: Layout, n: number, notes: string[]): void {
  const lanes = new Map(l.lanes.map((x) => [x.key, x]));
  const stages = new Map(l.stages.map((x) => [x.key, x]));
  let bad = 0;
  for (const card of l.cards) {
    const lane = lanes.get(card.laneKey);
    const stage = stages.get(card.stageKey);
    if (!lane || !stage || card.y < lane.y || card.y + card.height > lane.y + lane.height || card.x < stage.x || card.x + card.width > stage.x + stage.width) bad++;
  }
  if (bad) notes.push(`${n}: ${bad} of ${l.cards.length} cards fall outside their lane row or stage column`);
  if (l.cards.length !== n) notes.push(`${n}: layout has ${l.cards.length} cards for ${n} touchpoints`);
}

// ---- bundle sizes, heap, activation ---------------------------------------------------------------

interface Bundles {
  extension?: number;
  web?: number;
  webview?: number;
  webviewHasElk?: boolean;
  elkChunk?: number;
  error?: string;
}

/**
 * Builds the production bundles with the project's own build script in a scratch folder (the
 * sources are symlinked), so the shared dist/ is never touched.
 */
function bundleSizes(): Bundles {
  const root = process.cwd();
  const scratch = mkdtempSync(join(tmpdir(), 'journeymap-bench-'));
  try {
    for (const name of readdirSync(root)) {
      if (name !== 'dist' && name !== 'out' && name !== '.git') symlinkSync(join(root, name), join(scratch, name));
    }
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: scratch, encoding: 'utf8' });
    if (build.status !== 0) return { error: `production build failed: ${(build.stderr || build.stdout).trim().split('\n').slice(0, 5).join(' ')}` };
    const size = (p: string): number | undefined => (existsSync(join(scratch, p)) ? statSync(join(scratch, p)).size : undefined);
    const result: Bundles = { extension: size('dist/extension.js'), web: size('dist/web/extension.js'), webview: size('dist/webview/preview.js') };
    if (existsSync(join(scratch, 'dist/webview/preview.js'))) {
      result.webviewHasElk = /org\.eclipse\.elk|ElkLayered|elk\.bundled/.test(readFileSync(join(scratch, 'dist/webview/preview.js'), 'utf8'));
    }
    for (const p of ['dist/webview/elk.js', 'dist/webview/elk.bundled.js']) if (size(p) !== undefined) result.elkChunk = size(p);
    return result;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface Heap {
  peakMB: number;
  baselineMB: number;
  retainedMB: number;
  peakRssDeltaMB: number;
}

/** Peak heap while validating the 5,000-touchpoint map, measured in a child process. */
function heapChild(n: number): Heap | { error: string } {
  const child = spawnSync(process.execPath, ['--expose-gc', '--trace-gc', __filename, '--heap-child', String(n)], {
    encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) return { error: `heap child failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}` };
  const out = child.stdout;
  const marker = out.indexOf('HEAP-BEGIN');
  const end = out.indexOf('HEAP-RESULT ');
  if (marker < 0 || end < 0) return { error: 'heap child printed no result' };
  const result = JSON.parse(out.slice(end + 'HEAP-RESULT '.length).split('\n')[0]) as { baseline: number; endUsed: number; retained: number; rssBefore: number; maxRss: number };
  // --trace-gc lines: "[pid:addr] 123 ms: Scavenge 45.1 (60.2) -> 40.3 (61.0) MB, ...": the size
  // before each collection is the heap at its fullest just then.
  let peak = result.endUsed;
  for (const m of out.slice(marker, end).matchAll(/: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact)[^\d]*([\d.]+) \([\d.]+\) ->/g)) {
    peak = Math.max(peak, Number(m[1]) * 1024 * 1024);
  }
  const mb = (b: number): number => Math.round((b / 1024 / 1024) * 10) / 10;
  return { peakMB: mb(peak - result.baseline), baselineMB: mb(result.baseline), retainedMB: mb(result.retained), peakRssDeltaMB: mb(result.maxRss - result.rssBefore) };
}

async function runHeapChild(n: number): Promise<void> {
  const text = generateJourney(n, 1);
  const service = getLanguageService({ fileReader: memoryReader(), today: () => TODAY, workspaceRoot: 'file:///bench' });
  gc?.();
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  console.log('HEAP-BEGIN');
  const diagnostics = await service.validate(MAP_URI, text);
  const endUsed = process.memoryUsage().heapUsed;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  gc?.();
  const retained = process.memoryUsage().heapUsed - baseline;
  console.log(`HEAP-RESULT ${JSON.stringify({ baseline, endUsed, retained, rssBefore, maxRss, diagnostics: diagnostics.length })}`);
}

/**
 * Activation time in a real VS Code (code-server from the integration harness), via
 * bench/activation.mjs: the `activationMs` the extension's API reports (time inside `activate()`,
 * with the dist/ bundle currently built). The first start also types into a generated
 * 1,000-touchpoint map (with its runbooks and exports) and reports how late the extension host's
 * event loop ever ran (`hostMaxBlockMs`, monitorEventLoopDelay inside the host) and the extension's
 * own share: the most it held the loop at a time (`extensionMaxHoldMs`, from a CPU profile; bench/vscode/typing.js).
 * Beside it, `baselineHostMaxBlockMs`: the same typing into the same text saved as plain YAML, which
 * the extension does not handle, so what the host's delay is on this machine with nothing of ours to do.
 * Unavailable when the harness is not installed.
 */
interface Activation { ms?: number; note: string; hostMaxBlockMs?: number; baselineHostMaxBlockMs?: number; extensionMaxHoldMs?: number; typingNote?: string }
type TypingFigures = Pick<Activation, 'hostMaxBlockMs' | 'baselineHostMaxBlockMs' | 'extensionMaxHoldMs' | 'typingNote'>;

function activation(runs: number): Activation {
  if (runs <= 0) return { note: 'not measured (--no-activation)' };
  const values: number[] = [];
  let version = '?';
  let typing: TypingFigures = {};
  const folder = mkdtempSync(join(tmpdir(), 'journeymap-bench-typing-'));
  try {
    for (const [relative, text] of generatedFiles()) {
      mkdirSync(dirname(join(folder, relative)), { recursive: true });
      writeFileSync(join(folder, relative), text);
    }
    writeFileSync(join(folder, 'typing.journey.yaml'), generateJourney(1000));
    for (let i = 0; i < runs; i++) {
      const env = i === 0 ? { ...process.env, JOURNEYMAP_BENCH_TYPING: folder } : process.env;
      const child = spawnSync(process.execPath, ['bench/activation.mjs'], { encoding: 'utf8', timeout: 300_000, env });
      if (child.status === 77) return { note: 'not available: the VS Code harness is not installed (npm run test:setup)' };
      const line = (child.stdout ?? '').trim().split('\n').pop() ?? '';
      try {
        const data = JSON.parse(line) as { activationMs?: number | null; vscode?: string } & Typing;
        if (typeof data.activationMs === 'number') {
          values.push(data.activationMs);
          version = data.vscode ?? version;
          if (i === 0) typing = typingResult(data);
          continue;
        }
      } catch {
        // reported below
      }
      return { note: `not available: ${(child.stderr || line || `exit ${child.status}`).trim().split('\n').slice(-2).join(' ')}` };
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const ms = Math.round(median(values) * 10) / 10;
  return { ms, note: `VS Code ${version} (code-server), the extension's own activationMs, median of ${runs} start${runs > 1 ? 's' : ''}: ${values.map((v) => v.toFixed(1)).join(', ')} ms`, ...typing };
}

/** What bench/vscode/activation.js reports of typing into the large map. */
interface Typing {
  hostMaxBlockMs?: number; hostP99BlockMs?: number; extensionMaxHoldMs?: number; hostMaxBusyMs?: number; hostMaxCollectionMs?: number;
  hostLongestStallMs?: number; hostLongestStallWaitMs?: number;
  baselineHostMaxBlockMs?: number; baselineHostP99BlockMs?: number; baselineHostLongestStallMs?: number; baselineHostLongestStallWaitMs?: number;
  typingEdits?: number; typingLines?: number; typingFindingsMs?: number[]; typingError?: string;
}

function typingResult(data: Typing): TypingFigures {
  if (typeof data.hostMaxBlockMs !== 'number' || typeof data.extensionMaxHoldMs !== 'number') return { typingNote: `typing not measured: ${data.typingError ?? 'no result'}` };
  const found = data.typingFindingsMs ?? [];
  const tenth = (ms: number) => Math.round(ms * 10) / 10;
  return {
    hostMaxBlockMs: tenth(data.hostMaxBlockMs),
    baselineHostMaxBlockMs: typeof data.baselineHostMaxBlockMs === 'number' ? tenth(data.baselineHostMaxBlockMs) : undefined,
    extensionMaxHoldMs: tenth(data.extensionMaxHoldMs),
    typingNote: `${data.typingEdits} edits in a ${(data.typingLines ?? 0).toLocaleString('en-US')}-line map; event-loop delay p99 ${data.hostP99BlockMs?.toFixed(1)} ms, ${stallNote(data.hostLongestStallMs, data.hostLongestStallWaitMs)}; the host's busiest stall ${data.hostMaxBusyMs?.toFixed(1)} ms of processor time, whoever ran (longest collection ${data.hostMaxCollectionMs?.toFixed(1)} ms); `
      + `the same typing as plain YAML: event-loop delay ${data.baselineHostMaxBlockMs?.toFixed(1)} ms (p99 ${data.baselineHostP99BlockMs?.toFixed(1)} ms, ${stallNote(data.baselineHostLongestStallMs, data.baselineHostLongestStallWaitMs)}); findings ${Math.min(...found)}-${Math.max(...found)} ms after each edit (validation delay included)`,
  };
}

/** `journeymap report` on 200 and 2,000 generated maps, in fresh processes (bench/report.mjs). */
interface ReportRun { maps: number; ms?: number; peakHeapMb?: number; liveHeapMb?: number; maxRssMb?: number; pages?: number; code?: number; error?: string }

function reportRuns(): ReportRun[] | { error: string } {
  const child = spawnSync(process.execPath, ['bench/report.mjs', '--json-line'], { encoding: 'utf8', timeout: 1_800_000 });
  try {
    return JSON.parse((child.stdout ?? '').trim().split('\n').pop() ?? '') as ReportRun[];
  } catch {
    return { error: `bench/report.mjs failed (exit ${child.status}): ${(child.stderr ?? '').trim().split('\n').slice(-2).join(' ')}` };
  }
}

function reportLine(run: ReportRun): string {
  if (run.error || run.ms === undefined) return `report, ${run.maps.toLocaleString('en-US')} maps: ${run.error ?? 'no result'}`;
  return `report, ${run.maps.toLocaleString('en-US')} maps (5-40 touchpoints): ${(run.ms / 1000).toFixed(1)} s wall (${(run.ms / run.maps).toFixed(1)} ms a map), `
    + `peak heap ${Math.round(run.peakHeapMb ?? 0)} MB (live after GC at most ${Math.round(run.liveHeapMb ?? 0)} MB), peak RSS ${Math.round(run.maxRssMb ?? 0)} MB, ${run.pages} map pages, exit ${run.code}`;
}

// ---- report -------------------------------------------------------------------------------------

function fmt(ms: number | undefined): string {
  if (ms === undefined) return 'n/a';
  if (ms < 0.01) return ms.toFixed(4);
  if (ms < 1) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(2);
  return ms.toFixed(0);
}

const LABELS: Record<Measure | Extra, string> = {
  parseDocument: 'yaml parseDocument (floor)',
  coreParse: 'core parse (parseJourney)',
  validate: 'core validate (full)',
  revalidate: 'core revalidate (same text)',
  revalidateAfterEdit: 'core revalidate after a one-character edit in a touchpoint',
  hoverAfterEdit: 'hover, first after edit',
  hoverAfterValidate: 'hover, after validate of new version',
  hover: 'hover, repeated',
  completeAfterEdit: 'completion, first after edit',
  complete: 'completion, repeated',
  symbols: 'document symbols (parsed)',
  diff: 'diff of two validated versions',
  layout: 'layout',
  render: 'SVG render',
  peerValidate: 'peer doValidation',
  peerHover: 'peer doHover, after edit',
  peerHoverRepeated: 'peer doHover, repeated',
};

const ORDER: (Measure | Extra)[] = [
  'parseDocument', 'coreParse', 'validate', 'revalidate', 'revalidateAfterEdit', 'hoverAfterEdit', 'hoverAfterValidate', 'hover',
  'completeAfterEdit', 'complete', 'symbols', 'diff', 'layout', 'render', 'peerValidate', 'peerHover', 'peerHoverRepeated',
];

export function table(sizes: number[], rows: Record<number, Row>, clock: Clock): string {
  const header = [`ms, median (${clock === 'cpu' ? 'CPU time' : 'wall time'})`, ...sizes.map((n) => `${n.toLocaleString('en-US')} tp`)];
  const lines = [header, header.map((_, i) => (i === 0 ? '---' : '---:'))];
  const at = (r: Row, key: Measure | Extra): number | undefined => r[key]?.[clock];
  for (const key of ORDER) lines.push([LABELS[key], ...sizes.map((n) => fmt(at(rows[n], key)))]);
  const sum = (r: Row): number | undefined => { const a = at(r, 'layout'); const b = at(r, 'render'); return a === undefined || b === undefined ? undefined : a + b; };
  lines.push(['layout + render', ...sizes.map((n) => fmt(sum(rows[n])))]);
  const ratio = (label: string, f: (r: Row) => number | undefined): void => {
    lines.push([`*${label}*`, ...sizes.map((n) => { const v = f(rows[n]); return v === undefined || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(v < 0.1 ? 4 : 2)}x`; })]);
  };
  const div = (a?: number, b?: number): number | undefined => (a === undefined || b === undefined ? undefined : a / b);
  ratio('validate / parseDocument', (r) => div(at(r, 'validate'), at(r, 'parseDocument')));
  ratio('validate / peer doValidation', (r) => div(at(r, 'validate'), at(r, 'peerValidate')));
  ratio('revalidate / parseDocument', (r) => div(at(r, 'revalidate'), at(r, 'parseDocument')));
  ratio('revalidateAfterEdit / parseDocument', (r) => div(at(r, 'revalidateAfterEdit'), at(r, 'parseDocument')));
  ratio('hover after edit / parseDocument', (r) => div(at(r, 'hoverAfterEdit'), at(r, 'parseDocument')));
  ratio('peer doValidation / parseDocument', (r) => div(at(r, 'peerValidate'), at(r, 'parseDocument')));
  ratio('peer doHover after edit / parseDocument', (r) => div(at(r, 'peerHover'), at(r, 'parseDocument')));
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--heap-child') return runHeapChild(Number(argv[1]));
  const args = parseArgs(argv);
  const notes: string[] = [];
  let peer: PeerService | undefined;
  if (existsSync('schemas/journeymap.schema.json')) peer = peerService();
  else notes.push('schemas/journeymap.schema.json is missing: the peer was not measured');

  const cpu = (cpus()[0]?.model ?? 'unknown').trim();
  console.log(`journeymap bench: node ${process.version}, ${cpus().length} cores, ${cpu}`);
  // Warm the JIT on a mid-sized map once, so no size pays for compilation in its first rounds.
  await benchSize(100, { ...args, budgetMs: Math.min(args.budgetMs, 300) }, peer, []);
  const rows: Record<number, Row> = {};
  const started = performance.now();
  for (const n of args.sizes) {
    const t0 = performance.now();
    rows[n] = await benchSize(n, args, peer, notes);
    console.log(`  ${n} touchpoints: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const bundles = args.bundles ? bundleSizes() : undefined;
  const heapSize = args.sizes.includes(5000) ? 5000 : args.sizes[args.sizes.length - 1];
  const heap = args.heap ? heapChild(heapSize) : undefined;
  const act = activation(args.activationRuns);
  const report = args.report ? reportRuns() : undefined;

  console.log('');
  console.log(table(args.sizes, rows, args.clock));
  console.log('');
  const other: Clock = args.clock === 'cpu' ? 'wall' : 'cpu';
  console.log(table(args.sizes, rows, other));
  console.log('');
  if (bundles) {
    if (bundles.error) console.log(`bundles: ${bundles.error}`);
    else {
      const kb = (b?: number): string => (b === undefined ? 'missing' : `${(b / 1024).toFixed(1)} KB`);
      console.log(`bundles (production, minified): dist/extension.js ${kb(bundles.extension)}, dist/web/extension.js ${kb(bundles.web)}, dist/webview/preview.js ${kb(bundles.webview)}${bundles.webviewHasElk ? ' (elk inlined)' : ''}${bundles.elkChunk ? `, elk chunk ${kb(bundles.elkChunk)}` : ''}`);
    }
  }
  if (heap) {
    if ('error' in heap) console.log(`heap: ${heap.error}`);
    else console.log(`heap, validation of ${heapSize} touchpoints: peak ${heap.peakMB} MB above a ${heap.baselineMB} MB baseline, ${heap.retainedMB} MB retained (the cached parse), peak RSS +${heap.peakRssDeltaMB} MB`);
  }
  console.log(`activation: ${act.ms !== undefined ? `${act.ms} ms (${act.note})` : act.note}`);
  if (act.typingNote) {
    console.log(`typing in a 1,000-touchpoint map: hostMaxBlockMs ${act.hostMaxBlockMs ?? 'n/a'} ms (the whole host's event-loop delay; typing the same text as plain YAML: ${act.baselineHostMaxBlockMs ?? 'n/a'} ms), `
      + `extensionMaxHoldMs ${act.extensionMaxHoldMs ?? 'n/a'} ms (the most the extension held it at a time) (${act.typingNote})`);
  }
  if (report) {
    if ('error' in report) console.log(`report: ${report.error}`);
    else for (const run of report) console.log(reportLine(run));
  }
  for (const note of notes) console.log(`note: ${note}`);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);

  if (args.json) {
    const json = {
      sizes: Object.fromEntries(args.sizes.map((n) => [String(n), Object.fromEntries(MEASURES.map((m) => [m, round(rows[n][m]?.[args.clock])]))])),
      bundles: { extension: bundles?.extension ?? null, webview: bundles?.webview ?? null },
      activationMs: act.ms ?? null,
      hostMaxBlockMs: act.hostMaxBlockMs ?? null,
      baselineHostMaxBlockMs: act.baselineHostMaxBlockMs ?? null,
      extensionMaxHoldMs: act.extensionMaxHoldMs ?? null,
      heapMB5000: heap && !('error' in heap) && heapSize === 5000 ? heap.peakMB : null,
      report: report && !('error' in report) ? report : null,
    };
    writeFileSync(args.json, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`wrote ${args.json}`);
  }
}

function round(ms: number | undefined): number | null {
  return ms === undefined ? null : Math.round(ms * 10000) / 10000;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
  });
}
