/**
 * Property-test harness shared by `test/core/fuzz.test.ts` (a few thousand seeded cases inside
 * `npm test`) and `scripts/fuzz.mjs` (`npm run fuzz`: the same properties, many more runs).
 *
 * A case is one example map from `examples/`, a short sequence of hostile mutations (deleted,
 * duplicated and swapped lines, broken indentation, truncation, Unicode insertions including bidi
 * and control characters, swapped value types, duplicated keys, stray YAML syntax) and a few
 * cursor positions. `checkText` then calls every language-service feature on the result and
 * asserts that nothing throws, every returned range lies inside the document, every edit applies
 * cleanly, validation finishes within a bound proportional to the file's size, no file outside
 * the workspace is ever read, and the rendered SVG is well-formed with no script or handler.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DOMParser } from '@xmldom/xmldom';
import * as fc from 'fast-check';
import { getLanguageService, LineIndex, type FileReader, type LanguageService, type Position, type Range, type TextEdit } from '../../src/core';
import { layoutJourney, renderSvg } from '../../src/core/diagram';
import { detectDelimiter } from '../../src/node/csvRecords';
import { RootedFiles, toCorePath } from '../../src/node/files';
import { reviewEdits } from '../core/fixtures';

export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'examples');
/** The virtual workspace the examples are served from; the reader refuses anything outside it. */
export const ROOT = '/ws';
export const TODAY = '2026-11-27';

export interface Example {
  name: string;
  uri: string;
  text: string;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

let cachedFiles: Record<string, string> | undefined;

/** Every file under examples/, keyed by its path in the virtual workspace (`/ws/...`). */
export function exampleFiles(): Record<string, string> {
  if (!cachedFiles) {
    cachedFiles = {};
    for (const full of listFiles(EXAMPLES_DIR)) {
      cachedFiles[`${ROOT}/${relative(EXAMPLES_DIR, full).split('\\').join('/')}`] = readFileSync(full, 'utf8');
    }
  }
  return cachedFiles;
}

/**
 * The maps under examples/, plus `extra` (e.g. the small CLEAN_MAP fixture, served at its own
 * virtual path with its runbook and data files).
 */
export function examples(extra: Example[] = []): Example[] {
  const files = exampleFiles();
  return [
    ...Object.keys(files).filter((p) => /\.journey\.ya?ml$/.test(p)).sort()
      .map((uri) => ({ name: uri.slice(uri.lastIndexOf('/') + 1), uri, text: files[uri] })),
    ...extra,
  ];
}

/** Adds files to the virtual workspace (paths must start with `/ws/`). */
export function addFiles(files: Record<string, string>): void {
  Object.assign(exampleFiles(), files);
}

/**
 * An in-memory FileReader over the examples that fails the property when asked for any path
 * outside the workspace root: link containment is checked on every fuzz case, not only in the
 * security tests.
 */
export function containedReader(files: Record<string, string> = exampleFiles(), outside: string[] = [], root = ROOT): FileReader {
  const guard = (path: string) => {
    if (!isInside(path, root)) outside.push(String(path));
  };
  return {
    readFile: async (path) => { guard(path); return path in files ? { text: files[path], version: `v1:${files[path].length}` } : { problem: { kind: 'missing' } }; },
    stat: async (path) => { guard(path); return path in files ? { version: `v1:${files[path].length}` } : { problem: { kind: 'missing' } }; },
    readRecords: async (path, onRecord) => {
      guard(path);
      const text = files[path];
      if (text === undefined) throw { message: 'no such file' };
      let records: string[][];
      try {
        const header = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
        records = parseCsv(text, { bom: true, delimiter: detectDelimiter(header), skip_empty_lines: true }) as string[][];
      } catch (error) {
        throw { message: String((error as Error).message) };
      }
      for (const record of records) onRecord(record);
    },
  };
}

// ---- mutations ---------------------------------------------------------------------------------

/** Characters that break parsers and renderers: bidi controls, C0/C1 controls, BOM, lone surrogates, line separators. */
export const NASTY_CHARS = [
  '\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C',
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009F',
  '\uFEFF', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\u2028', '\u2029', '\r', '\t', '\n', '\u00A0', '\u3000',
  '\u0301', '\u200D', '\u{1F600}', '\u{1F469}\u200D\u{1F4BB}', '\u{10FFFF}', 'é', 'ß', 'İ', '中', 'ﷺ',
];

/** Fragments of YAML syntax and hostile text that stress the parser, the model and the renderer. */
export const SYNTAX_FRAGMENTS = [
  ':', ': ', '- ', '#', ' #', '&a ', '*a', '*undefined', '!!binary ', '!custom ', '? ', '|', '>-', '{', '}', '[', ']', ',',
  '"', "'", '\\', '%', '@', '`', '---', '...', '<<: *a', '<<: {kind: backstage}', '~', 'null', '&x [*x]',
  '<script>alert(1)</script>', '" onload="alert(1)', 'javascript:alert(1)', ']]>', '${process.exit()}', '{{constructor}}',
  '__proto__', 'constructor', '[x](command:workbench.action.quit)', '![i](http://evil/x.png)', '<img src=x onerror=alert(1)>',
  '../../../etc/passwd', '/etc/passwd', 'file:///etc/passwd', 'http://evil.example/x.md', 'C:\\Windows\\win.ini', '\\\\server\\share',
];

/** Values of every YAML type, to replace a value with one of the wrong type. */
export const SWAP_VALUES = [
  '', '~', 'null', 'true', 'no', '0', '-0', '1e309', '-4', '3.5', '0x1F', '.nan', '-.inf', '2026-13-45', '2026-02-30',
  '[]', '{}', '[a, b]', '{a: 1}', '[[[]]]', '"quoted"', "'single'", '|', '>', '&anchor value', '*anchor', '!!str 1',
  '- a', 'a: b', '"unterminated', '[unterminated', '{x', '1h', '-1h', '100%', '200%', 'NaN%', '4.1/5', '5/0',
  '<script>x</script>', '"\\u202Egnp.exe"', '../../../etc/passwd', 'http://x', '#anchor', 'lockout.md#', '#',
];

export type Mutation =
  | { kind: 'deleteLine'; at: number; count: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'swapLines'; at: number; other: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'tabIndent'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'swapValue'; at: number; value: string }
  | { kind: 'duplicateKey'; at: number; value: string }
  | { kind: 'insertLine'; at: number; text: string }
  | { kind: 'lineEndings'; style: 'crlf' | 'cr' | 'mixed' }
  | { kind: 'bom' }
  | { kind: 'relink'; at: number; link: string };

/**
 * Link values that try to leave the workspace in disguise (percent-encoded traversal and
 * separators, double encoding, NUL) or through the symbolic links of the disk workspace
 * (`createDiskChecker`), for the `relink` mutation, which puts one in a `runbook:` or `path:`.
 */
export const HOSTILE_LINKS = [
  '%2e%2e/%2e%2e/%2e%2e/etc/passwd', '..%2F..%2F..%2Fetc%2Fpasswd', '..%5C..%5C..%5Cetc%5Cpasswd', '%2E%2E%2F%2E%2E%2Fsecret.md',
  '..%252F..%252Fetc%252Fpasswd', '%252e%252e/secret.md', 'runbooks/%00.md', '..%2f..%2F..%2foutside%2Fsecret.md#top',
  '%2Fetc%2Fpasswd', 'file%3A%2F%2F%2Fetc%2Fpasswd', '../runbooks/linked.md#anything', '../runbooks/shared/secret.md#x',
  '../data/linked.csv', '../runbooks/%6Cinked.md', '../runbooks/shared%2Fsecret.md', '../runbooks/dangling.md#x',
];

const unicodeText = fc.oneof(
  fc.constantFrom(...NASTY_CHARS),
  fc.array(fc.constantFrom(...NASTY_CHARS), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
  fc.constantFrom(...SYNTAX_FRAGMENTS),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -6, max: 6 }) }),
  fc.record({ kind: fc.constant('tabIndent' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: unicodeText }),
  fc.record({ kind: fc.constant('swapValue' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...SWAP_VALUES), unicodeText) }),
  fc.record({ kind: fc.constant('duplicateKey' as const), at: fc.nat(), value: fc.constantFrom(...SWAP_VALUES) }),
  fc.record({ kind: fc.constant('insertLine' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SYNTAX_FRAGMENTS), unicodeText) }),
  fc.record({ kind: fc.constant('lineEndings' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({ kind: fc.constant('relink' as const), at: fc.nat(), link: fc.constantFrom(...HOSTILE_LINKS) }),
);

const KEY_LINE = /^(\s*(?:- )?)([^\s:#'"][^:#]*?):(?:\s+(.*))?$/;

/** Applies one mutation. Indices are taken modulo the current size, so every mutation applies. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const pick = (n: number) => n % lines.length;
  switch (m.kind) {
    case 'deleteLine': lines.splice(pick(m.at), m.count); break;
    case 'duplicateLine': { const i = pick(m.at); lines.splice(i, 0, lines[i]); break; }
    case 'swapLines': { const i = pick(m.at); const j = pick(m.other); [lines[i], lines[j]] = [lines[j], lines[i]]; break; }
    case 'indent': {
      const i = pick(m.at);
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      break;
    }
    case 'tabIndent': { const i = pick(m.at); lines[i] = lines[i].replace(/^( *)/, (s) => '\t'.repeat(Math.max(1, s.length >> 1))); break; }
    case 'truncate': return text.slice(0, m.at % (text.length + 1));
    case 'insert': { const at = m.at % (text.length + 1); return text.slice(0, at) + m.text + text.slice(at); }
    case 'swapValue': {
      // The next line from `at` that has a `key: value`.
      for (let k = 0; k < lines.length; k++) {
        const i = pick(m.at + k);
        const match = KEY_LINE.exec(lines[i]);
        if (match) { lines[i] = `${match[1]}${match[2]}: ${m.value}`; break; }
      }
      break;
    }
    case 'duplicateKey': {
      for (let k = 0; k < lines.length; k++) {
        const i = pick(m.at + k);
        const match = KEY_LINE.exec(lines[i]);
        if (match) {
          const indent = match[1].replace('- ', '  ');
          lines.splice(i + 1, 0, `${indent}${match[2]}: ${m.value}`);
          break;
        }
      }
      break;
    }
    case 'insertLine': { const i = pick(m.at); lines.splice(i, 0, (/^\s*/.exec(lines[i])?.[0] ?? '') + m.text); break; }
    case 'lineEndings':
      if (m.style === 'crlf') return text.replace(/\n/g, '\r\n');
      if (m.style === 'cr') return text.replace(/\n/g, '\r');
      return text.split('\n').map((l, i) => l + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('').slice(0, -1);
    case 'bom': return '\uFEFF' + text;
    case 'relink': {
      for (let k = 0; k < lines.length; k++) {
        const i = pick(m.at + k);
        const match = /^(\s*(?:- )?(?:runbook|path): ?)/.exec(lines[i]);
        if (match) { lines[i] = `${match[1]}${JSON.stringify(m.link)}`; break; }
      }
      break;
    }
  }
  return lines.join('\n');
}

export interface FuzzCase {
  example: number;
  mutations: Mutation[];
  /** Cursor offsets, taken modulo the mutated text's length + 1. */
  offsets: number[];
  newName: string;
}

export const RENAME_NAMES = ['renamed', 'a-b.c_1', '', ' ', 'x y', 'new:id', '\u202Eevil', '-lead', 'é', '[x]', '*a', 'a'.repeat(300)];

export function caseArb(exampleCount: number, maxMutations = 5): fc.Arbitrary<FuzzCase> {
  return fc.record({
    example: fc.nat({ max: exampleCount - 1 }),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: maxMutations }),
    offsets: fc.array(fc.nat(), { minLength: 2, maxLength: 5 }),
    newName: fc.constantFrom(...RENAME_NAMES),
  });
}

// ---- checks ------------------------------------------------------------------------------------

export function fuzzService(reader: FileReader, root = ROOT): LanguageService {
  return getLanguageService({ fileReader: reader, today: () => TODAY, workspaceRoot: root });
}

/**
 * Whether `path` lies inside `root`: under its folder, with no `..` segment left, and no NUL. A
 * URI is checked as decoded too (`Uri.parse` decodes it once before a file system sees the path);
 * a plain path is what the file system sees (`%2F` in it is part of a file name).
 */
export function isInside(path: string, root = ROOT): boolean {
  if (typeof path !== 'string') return false;
  let decoded = path;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    try { decoded = decodeURIComponent(path); } catch { return false; }
  }
  return [path, decoded].every((p) => p.startsWith(`${root}/`) && !p.split(/[\\/]/).includes('..') && !p.includes('\u0000'));
}

/** The virtual workspace's files under another root, e.g. `file:///ws` for URI-addressed maps. */
export function filesUnder(root: string): Record<string, string> {
  const files = exampleFiles();
  return Object.fromEntries(Object.keys(files).map((p) => [root + p.slice(ROOT.length), files[p]]));
}

/** Asserts that a position lies in the document: line < lineCount, character <= the line's length. */
export function checkPosition(lines: LineIndex, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} outside 0..${lines.lineCount - 1}`);
  const length = lines.lineText(p.line).length;
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= length, `${what}: character ${p.character} outside 0..${length} on line ${p.line}`);
}

export function checkRange(lines: LineIndex, r: Range, what: string): void {
  assert.ok(r && r.start && r.end, `${what}: not a range`);
  checkPosition(lines, r.start, `${what} start`);
  checkPosition(lines, r.end, `${what} end`);
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end ${JSON.stringify(r)}`);
}

/**
 * Checks that edits lie in the document and do not overlap, applies them (last first) and
 * returns the result.
 */
export function checkEdits(lines: LineIndex, edits: TextEdit[], what: string): string {
  assert.ok(Array.isArray(edits), `${what}: edits is not an array`);
  const spans = edits.map((e, i) => {
    checkRange(lines, e.range, `${what} edit ${i}`);
    assert.equal(typeof e.newText, 'string', `${what} edit ${i}: newText`);
    return { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText };
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    assert.ok(spans[i].start >= spans[i - 1].end, `${what}: edits overlap ${JSON.stringify(spans.slice(i - 1, i + 1))}`);
  }
  let text = lines.text;
  for (let i = spans.length - 1; i >= 0; i--) text = text.slice(0, spans[i].start) + spans[i].text + text.slice(spans[i].end);
  return text;
}

/** The generous hang bound for validating `text`: 3 s plus 1 ms per 100 characters. */
export function validateBudgetMs(text: string): number {
  return 3000 + text.length / 100;
}

/**
 * Times a validation against the bound. The bound applies to this process's CPU time (the
 * in-memory reader never waits), so a machine busy with other work does not make it flaky; wall
 * time gets ten times the bound, to still catch a validation that waits forever.
 */
export function startTimer(): { check(text: string, what: string): void } {
  const cpu = process.cpuUsage();
  const wall = Date.now();
  return {
    check(text, what) {
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      const wallMs = Date.now() - wall;
      const bound = validateBudgetMs(text);
      assert.ok(cpuMs <= bound, `${what} used ${Math.round(cpuMs)} ms of CPU for ${text.length} characters (bound ${bound} ms)`);
      assert.ok(wallMs <= 10 * bound, `${what} took ${wallMs} ms for ${text.length} characters (bound ${10 * bound} ms of wall time)`);
    },
  };
}

type XmlNode = { nodeType: number; nodeName: string; childNodes: ArrayLike<XmlNode>; attributes?: ArrayLike<{ name: string; value: string }> };

/** Parses an SVG strictly and asserts: well-formed, no script/foreignObject, no on* attributes, no javascript: URLs. */
export function checkSvg(svg: string, what: string): void {
  assert.equal(typeof svg, 'string', `${what}: not a string`);
  assert.ok(!/<script/i.test(svg), `${what}: <script in the SVG`);
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level: string, message: string) => { problems.push(`${level}: ${message}`); } })
    .parseFromString(svg, 'image/svg+xml') as unknown as { documentElement: XmlNode | null };
  assert.deepEqual(problems, [], `${what}: the SVG is not well-formed XML`);
  assert.equal(doc.documentElement?.nodeName, 'svg', `${what}: root element`);
  const stack: XmlNode[] = [doc.documentElement!];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 1) {
      const name = node.nodeName.toLowerCase();
      assert.ok(!['script', 'foreignobject', 'iframe', 'object', 'embed', 'use', 'image', 'a'].includes(name), `${what}: <${node.nodeName}> element`);
      for (let i = 0; i < (node.attributes?.length ?? 0); i++) {
        const attr = node.attributes![i];
        assert.ok(!/^on/i.test(attr.name), `${what}: event handler attribute ${attr.name}`);
        assert.ok(!/(^|:)href$/i.test(attr.name) || !/^\s*(javascript|data|vbscript|https?|file):/i.test(attr.value), `${what}: ${attr.name}="${attr.value}"`);
        // data-* and aria-* values are inert (read by the page with getAttribute, never navigated to).
        assert.ok(!/javascript:/i.test(attr.value) || /^(data|aria)-/i.test(attr.name), `${what}: javascript: in ${attr.name}`);
      }
    }
    for (let i = 0; i < node.childNodes.length; i++) stack.push(node.childNodes[i]);
  }
}

/**
 * One language service (as the extension keeps one) over a reader that records reads outside the
 * workspace. Reusing it across cases keeps the ticket-export cache warm, as in the editor.
 */
export interface Checker {
  svc: LanguageService;
  outside: string[];
  /** The workspace root: `/ws`, or a URI such as `file:///ws` (what the extension passes). */
  root: string;
  /** Text that only files outside the workspace hold: it must never reach a finding or a hover. */
  canary?: string;
  /** For a disk workspace: why a quick fix's file change would leave it (through a link), or undefined. */
  writable?: (path: string) => Promise<string | undefined>;
}

export function createChecker(root = ROOT): Checker {
  const outside: string[] = [];
  const files = root === ROOT ? exampleFiles() : filesUnder(root);
  return { svc: fuzzService(containedReader(files, outside, root), root), outside, root };
}

/** The marker only the files outside a disk workspace hold. */
export const CANARY = 'CANARYOUTSIDETHEWORKSPACE';

/**
 * A workspace on disk (a temporary folder) holding the example files, next to an `outside` folder
 * whose files hold CANARY, with symbolic links leading out: `runbooks/linked.md` and
 * `data/linked.csv` to outside files, `runbooks/shared` to the outside folder, and
 * `runbooks/dangling.md` to an outside file that does not exist. The language service reads
 * through the real Node reader (`RootedFiles`); the property is that no finding, hover or fix
 * title ever shows CANARY, and that no quick fix would write through a link.
 */
export function createDiskChecker(): Checker & { dispose(): void; uri(example: Example): string } {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'journeymap-fuzz-')));
  const ws = join(top, 'ws');
  const outside = join(top, 'outside');
  mkdirSync(outside, { recursive: true });
  for (const [path, text] of Object.entries(exampleFiles())) {
    const file = join(ws, path.slice(ROOT.length + 1));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  mkdirSync(join(ws, 'runbooks'), { recursive: true });
  mkdirSync(join(ws, 'data'), { recursive: true });
  writeFileSync(join(outside, 'secret.md'), `# ${CANARY}\n\n## ${CANARY} steps\n`);
  writeFileSync(join(outside, 'secret.csv'), `opened,resolved,category,channel\n2026-09-01,2026-09-02,${CANARY},${CANARY}\n`);
  symlinkSync(join(outside, 'secret.md'), join(ws, 'runbooks', 'linked.md'));
  symlinkSync(join(outside, 'secret.csv'), join(ws, 'data', 'linked.csv'));
  symlinkSync(outside, join(ws, 'runbooks', 'shared'));
  symlinkSync(join(outside, 'missing.md'), join(ws, 'runbooks', 'dangling.md'));
  const root = toCorePath(ws);
  const files = new RootedFiles(ws);
  return {
    svc: fuzzService(files, root),
    outside: [],
    root,
    canary: CANARY,
    writable: async (path) => {
      const answer = await files.writable(path);
      return 'problem' in answer && answer.problem.kind === 'outside' ? JSON.stringify(answer) : undefined;
    },
    uri: (example) => root + example.uri.slice(ROOT.length),
    dispose: () => rmSync(top, { recursive: true, force: true }),
  };
}

export interface CheckOptions {
  /** Also parse the rendered SVG with a strict XML parser (slower). */
  parseSvg?: boolean;
  /** Run every fix of every diagnostic (default) or only the first N diagnostics. */
  maxFixDiagnostics?: number;
  /** Validate the text after a fix too, once per rule (it must not throw, and its ranges must be inside). */
  revalidateFixes?: boolean;
}

/**
 * Calls every language-service feature on `text` and asserts the properties. Throws (an
 * AssertionError, or whatever a feature threw, with the feature named) on the first violation.
 */
export async function checkText(uri: string, text: string, offsets: number[], newName: string, options: CheckOptions = {}, checker: Checker = createChecker()): Promise<void> {
  const { svc, outside, root } = checker;
  outside.length = 0;
  const lines = new LineIndex(text);
  const step = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      const e = error as Error;
      throw new Error(`${name} threw ${e?.name}: ${e?.message}\n${e?.stack ?? ''}`, { cause: error });
    }
  };

  const timer = startTimer();
  const diagnostics = await step('validate', () => svc.validate(uri, text));
  timer.check(text, 'validate');
  assert.ok(Array.isArray(diagnostics));
  const leaks = (what: string, value: string) => {
    if (checker.canary) assert.ok(!value.toLowerCase().includes(checker.canary.toLowerCase()), `${what} shows the content of a file outside the workspace: ${value.slice(0, 200)}`);
  };
  diagnostics.forEach((d, i) => {
    checkRange(lines, d.range, `diagnostic ${i} (${d.code})`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `diagnostic ${i} (${d.code}) has no message`);
    leaks(`diagnostic ${i} (${d.code})`, d.message);
  });

  const revalidated = new Set<string>();
  const fixDiagnostics = diagnostics.slice(0, options.maxFixDiagnostics ?? diagnostics.length);
  for (const [i, d] of fixDiagnostics.entries()) {
    const fixes = await step(`fixes for ${d.code}`, () => svc.fixes(uri, text, d));
    for (const fix of fixes) {
      const fixed = checkEdits(lines, fix.edits, `fix "${fix.title}" for ${d.code} (diagnostic ${i})`);
      if (options.revalidateFixes && !revalidated.has(d.code)) {
        revalidated.add(d.code);
        const after = await step(`validate after fix "${fix.title}" for ${d.code}`, () => svc.validate(`${uri}.fixed`, fixed));
        const fixedLines = new LineIndex(fixed);
        after.forEach((x, j) => checkRange(fixedLines, x.range, `after fix "${fix.title}": diagnostic ${j} (${x.code})`));
        svc.forget(`${uri}.fixed`);
      }
      if (fix.fileChange) {
        const target = fix.fileChange.path;
        assert.ok(isInside(target, root), `fix "${fix.title}" for ${d.code} changes a file outside the workspace: ${target}`);
        if (checker.writable) {
          const answer = await checker.writable(target);
          assert.ok(!answer, `fix "${fix.title}" for ${d.code} would write outside the workspace: ${answer}`);
        }
      }
      leaks(`fix title for ${d.code}`, fix.title);
    }
  }

  const positions = [...offsets.map((o) => lines.positionAt(o % (text.length + 1))), lines.positionAt(text.length)];
  for (const pos of positions) {
    const at = `at ${pos.line}:${pos.character}`;
    const hover = await step(`hover ${at}`, () => svc.hover(uri, text, pos));
    if (hover) {
      checkRange(lines, hover.range, `hover ${at}`);
      assert.equal(typeof hover.contents, 'string');
      assert.ok(!/\]\(\s*command:/i.test(hover.contents), `hover ${at}: command link in ${JSON.stringify(hover.contents)}`);
      leaks(`hover ${at}`, hover.contents);
    }
    const items = await step(`complete ${at}`, () => svc.complete(uri, text, pos));
    items.forEach((item, i) => checkRange(lines, item.range, `completion ${i} (${item.label}) ${at}`));
    const definition = await step(`definition ${at}`, () => svc.definition(uri, text, pos));
    if (definition) checkRange(lines, definition, `definition ${at}`);
    for (const include of [true, false]) {
      const refs = await step(`references ${at}`, () => svc.references(uri, text, pos, include));
      refs.forEach((r, i) => checkRange(lines, r, `reference ${i} ${at}`));
    }
    const highlights = await step(`highlights ${at}`, () => svc.highlights(uri, text, pos));
    highlights.forEach((r, i) => checkRange(lines, r, `highlight ${i} ${at}`));
    const prepared = await step(`prepareRename ${at}`, () => svc.prepareRename(uri, text, pos));
    if (prepared) checkRange(lines, prepared.range, `prepareRename ${at}`);
    const renamed = await step(`rename ${at}`, () => svc.rename(uri, text, pos, newName));
    if ('edits' in renamed) checkEdits(lines, renamed.edits, `rename ${at} to ${JSON.stringify(newName)}`);
    else assert.equal(typeof renamed.error, 'string');
  }

  const symbols = await step('symbols', () => svc.symbols(uri, text));
  const walk = (list: typeof symbols, path: string) => list.forEach((s, i) => {
    checkRange(lines, s.range, `symbol ${path}${i} (${s.name})`);
    checkRange(lines, s.selectionRange, `symbol ${path}${i} (${s.name}) selection`);
    walk(s.children, `${path}${i}.`);
  });
  walk(symbols, '');
  const folds = await step('folding', () => svc.folding(uri, text));
  for (const f of folds) {
    assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines.lineCount, `folding range ${JSON.stringify(f)} outside 0..${lines.lineCount - 1}`);
  }
  const reviewed = await step('markReviewed', () => svc.markReviewed(uri, text));
  checkEdits(lines, reviewEdits(reviewed), 'markReviewed');
  const links = await step('links', () => svc.links(uri, text));
  for (const link of links) {
    checkRange(lines, link.range, `link ${link.target}`);
    assert.ok(isInside(link.target, root), `link target outside the workspace: ${link.target}`);
  }
  const summaries = await step('stageSummaries', () => svc.stageSummaries(uri, text));
  for (const s of summaries) checkRange(lines, s.range, `stage summary ${s.name}`);

  const svg = await step('layout+render', () => renderSvg(layoutJourney(svc.parse(uri, text))));
  assert.equal(typeof svg, 'string');
  assert.ok(!/<script/i.test(svg), 'rendered SVG contains <script');
  if (options.parseSvg) checkSvg(svg, 'rendered SVG');

  assert.deepEqual(outside, [], 'a file outside the workspace was read');
}

/** Renders a case for a failure report: the example, the mutations and the mutated text. */
export function describeCase(c: FuzzCase, ex: Example[]): string {
  return `${ex[c.example].name} + ${JSON.stringify(c.mutations)}`;
}

export function applyCase(c: FuzzCase, ex: Example[]): string {
  return c.mutations.reduce(mutate, ex[c.example].text);
}

/** The main property: every mutated example passes `checkText`. */
export function mutatedExamplesProperty(ex: Example[], options: CheckOptions = {}, maxMutations = 5) {
  const checker = createChecker();
  return fc.asyncProperty(caseArb(ex.length, maxMutations), async (c) => {
    const text = applyCase(c, ex);
    await checkText(ex[c.example].uri, text, c.offsets, c.newName, options, checker);
  });
}
