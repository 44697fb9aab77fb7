/**
 * The architecture, enforced: which part of the code may import which, and how big a file or a
 * function may grow. CONTRIBUTING.md describes the layers; this test is what keeps them true.
 * Each check is also run on small made-up trees with a deliberate violation, so a check that
 * stopped finding anything would fail here too.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import * as ts from 'typescript';

/** The core's rooms, bottom to top, and the rooms each may import (besides itself). */
export const ROOMS: Record<string, readonly string[]> = {
  base: [],
  format: ['base'],
  files: ['base'],
  parse: ['base', 'format', 'files'],
  evidence: ['base', 'format', 'files', 'parse'],
  rules: ['base', 'format', 'files', 'parse', 'evidence'],
  language: ['base', 'format', 'files', 'parse', 'evidence', 'rules'],
  diff: ['base', 'format', 'parse', 'evidence'],
  portfolio: ['base', 'format', 'parse', 'evidence'],
  diagram: ['base', 'format', 'parse', 'evidence', 'diff'],
};

/** Packages the core may use: it runs in Node, the extension host, web workers and the webview. */
const CORE_PACKAGES = ['yaml', 'markdown-it', 'github-slugger', 'luxon'];
const ADAPTERS = ['src/cli', 'src/extension', 'src/node', 'src/server', 'src/shared', 'webview'];
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 120;
/** A file may be longer when its header says why, in these words. */
const LONG_FILE_REASON = /Longer than 400 lines because/;

export interface SourceFile { path: string; text: string }

/** Every import and re-export specifier of a file, with its line. */
export function importsOf(file: SourceFile): { spec: string; line: number }[] {
  const info = ts.preProcessFile(file.text, true, true);
  const lines = file.text.split('\n');
  const lineOf = (pos: number) => file.text.slice(0, pos).split('\n').length;
  const found = info.importedFiles.map((f) => ({ spec: f.fileName, line: lineOf(f.pos) }));
  // preProcessFile misses `export type * from`: add it from the text.
  lines.forEach((l, i) => { const m = /^export type \* from '([^']+)'/.exec(l); if (m) found.push({ spec: m[1], line: i + 1 }); });
  return found;
}

/** The core room a path belongs to (`src/core/parse/builder.ts` -> parse), or undefined. */
function roomOf(path: string): string | undefined {
  const m = /^src\/core\/([^/]+)\//.exec(path);
  return m && m[1] in ROOMS ? m[1] : undefined;
}

/** Where a relative import lands, as a path from the repository root (no extension). */
function target(from: string, spec: string): string {
  return normalize(join(dirname(from), spec)).split('\\').join('/');
}

/** The import rules, checked on a set of files: a list of violations, empty when all hold. */
export function importViolations(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const inCore = file.path.startsWith('src/core/');
    const room = roomOf(file.path);
    for (const { spec, line } of importsOf(file)) {
      const at = `${file.path}:${line} imports '${spec}'`;
      if (!spec.startsWith('.')) {
        if (inCore && !CORE_PACKAGES.includes(spec.split('/')[0])) problems.push(`${at}: the core may use only ${CORE_PACKAGES.join(', ')} (no vscode, no Node APIs)`);
        continue;
      }
      const to = target(file.path, spec);
      if (inCore && ADAPTERS.some((a) => to === a || to.startsWith(`${a}/`))) {
        problems.push(`${at}: the core never imports an adapter`);
        continue;
      }
      const toRoom = roomOf(`${to}/`) ?? roomOf(to);
      if (!to.startsWith('src/core')) continue;
      if (room) {
        if (toRoom === room) continue;
        if (!toRoom) { problems.push(`${at}: a room imports only other rooms' index.ts`); continue; }
        if (!ROOMS[room].includes(toRoom)) problems.push(`${at}: ${room} may not import ${toRoom} (it is above it)`);
        else if (to !== `src/core/${toRoom}` && to !== `src/core/${toRoom}/index`) problems.push(`${at}: reaches past ${toRoom}/index.ts`);
        continue;
      }
      // Outside the core (adapters; tests may look inside rooms to test their parts).
      if (inCore || file.path.startsWith('test/') || file.path.startsWith('bench/')) continue;
      const allowed = to === 'src/core' || to === 'src/core/index' || (toRoom && (to === `src/core/${toRoom}` || to === `src/core/${toRoom}/index`));
      if (!allowed) problems.push(`${at}: an adapter imports the core through src/core/index.ts or a room's index.ts`);
    }
  }
  return problems;
}

/** Files over the line limit without a reason at their top, and functions over theirs. */
export function sizeViolations(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const lines = file.text.split('\n').length;
    if (lines > MAX_FILE_LINES && !LONG_FILE_REASON.test(file.text.slice(0, 2000))) {
      problems.push(`${file.path}: ${lines} lines, over ${MAX_FILE_LINES}, and its header does not say why ("Longer than 400 lines because ...")`);
    }
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > MAX_FUNCTION_LINES) {
          const name = (node as ts.FunctionLikeDeclaration).name?.getText(source) ?? '(anonymous)';
          problems.push(`${file.path}:${start + 1} ${name} is ${end - start + 1} lines, over ${MAX_FUNCTION_LINES}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

function sources(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push({ path: relative('.', full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
  }
  return out;
}

describe('architecture', () => {
  const code = [...sources('src'), ...sources('webview')];

  it('every room of the core has an index.ts, and the core holds nothing outside its rooms but index.ts', () => {
    for (const room of Object.keys(ROOMS)) assert.ok(code.some((f) => f.path === `src/core/${room}/index.ts`), room);
    const loose = code.filter((f) => /^src\/core\/[^/]+\.ts$/.test(f.path) && f.path !== 'src/core/index.ts').map((f) => f.path);
    assert.deepEqual(loose, []);
    const strays = code.filter((f) => f.path.startsWith('src/core/') && !roomOf(f.path) && f.path !== 'src/core/index.ts').map((f) => f.path);
    assert.deepEqual(strays, []);
  });

  it('imports follow the layers: rooms only downwards and through index.ts, no adapter in the core, adapters through index.ts', () => {
    assert.deepEqual(importViolations(code), []);
  });

  it(`no file over ${MAX_FILE_LINES} lines without a reason at its top, no function over ${MAX_FUNCTION_LINES} lines`, () => {
    assert.deepEqual(sizeViolations(code), []);
  });

  describe('the checks find deliberate violations', () => {
    const file = (path: string, text: string): SourceFile => ({ path, text });

    it('the core importing an adapter, vscode or a Node API', () => {
      const found = importViolations([
        file('src/core/parse/a.ts', "import { x } from '../../cli/usage';\nimport * as vscode from 'vscode';\nimport { readFile } from 'node:fs';\n"),
      ]);
      assert.equal(found.length, 3, found.join('\n'));
      assert.match(found[0], /never imports an adapter/);
      assert.match(found[1], /only yaml/);
    });

    it('a lower room importing a higher one (format importing parse), and a room reaching past an index.ts', () => {
      const found = importViolations([
        file('src/core/format/a.ts', "import { parseJourney } from '../parse';\n"),
        file('src/core/language/b.ts', "import { ModelBuilder } from '../parse/builder';\n"),
        file('src/core/diagram/c.ts', "import { RULES } from '../rules';\n"),
      ]);
      assert.equal(found.length, 3, found.join('\n'));
      assert.match(found[0], /format may not import parse/);
      assert.match(found[1], /reaches past parse\/index\.ts/);
      assert.match(found[2], /diagram may not import rules/);
    });

    it('an adapter reaching past an index.ts, while the index and a room index pass', () => {
      const found = importViolations([
        file('src/cli/a.ts', "import { x } from '../core/diagram/layout';\nimport { y } from '../core';\nimport { z } from '../core/diagram';\n"),
        file('webview/b.ts', "import { x } from '../src/core/parse/builder';\n"),
      ]);
      assert.equal(found.length, 2, found.join('\n'));
      assert.match(found[0], /src\/cli\/a\.ts:1/);
    });

    it('a long file without a reason and a long function; a reason at the top lets a file through', () => {
      const body = Array.from({ length: 130 }, (_, i) => `  const v${i} = ${i};`).join('\n');
      const long = `function big() {\n${body}\n}\n${'// filler\n'.repeat(300)}`;
      const found = sizeViolations([file('src/x.ts', long), file('src/y.ts', `/** Longer than 400 lines because it is a table. */\n${'// row\n'.repeat(450)}`)]);
      assert.equal(found.length, 2, found.join('\n'));
      assert.match(found[0], /src\/x\.ts: \d+ lines/);
      assert.match(found[1], /big is 132 lines/);
    });
  });
});
