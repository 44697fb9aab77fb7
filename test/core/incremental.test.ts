/**
 * Incremental re-parse (src/core/parse/incremental.ts): after an edit inside one touchpoint the
 * service re-reads that touchpoint only, and every feature must see what a full parse gives.
 *
 * The property: random edits (characters, keys, whitespace, dashes, newlines, whole lines; inside
 * touchpoints and anywhere else), in sequences on one service, on generated maps, the examples,
 * the test maps and the fixture map; after each edit the incremental service's diagnostics, parse
 * (model, findings, indexes, YAML tree) and features equal a fresh service's. Seeded; about 4,000
 * edits in all.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { getLanguageService, type JourneyDocument, type LanguageService } from '../../src/core';
import { parseHow, parseJourney, reparse } from '../../src/core/parse';
import { generateJourney, generatedFiles } from '../../bench/generate';
import { exampleFiles } from '../fuzz/harness';
import { CLEAN_MAP, FILES, MAP_URI, memoryReader } from './fixtures';

const TODAY = '2026-11-20';
const ROOT_DIR = join(__dirname, '..', '..', '..');

interface Sample { uri: string; text: string }

function corpus(): Sample[] {
  const samples: Sample[] = [{ uri: MAP_URI, text: CLEAN_MAP }];
  for (const [n, seed] of [[10, 1], [20, 2]]) samples.push({ uri: '/ws/generated.journey.yaml', text: generateJourney(n, seed) });
  for (const [uri, text] of Object.entries(exampleFiles())) if (uri.endsWith('.journey.yaml')) samples.push({ uri, text });
  const maps = join(ROOT_DIR, 'test', 'maps');
  // The 40- and 60-touchpoint maps are left out for time: the generated maps stand for size.
  for (const name of readdirSync(maps).filter((f) => f.endsWith('.journey.yaml') && !/-(40|60)\./.test(f)).sort()) {
    samples.push({ uri: `/ws/maps/${name}`, text: readFileSync(join(maps, name), 'utf8') });
  }
  return samples;
}

const SAMPLES = corpus();
const FILE_SET: Record<string, string> = {
  ...FILES, ...exampleFiles(),
  ...Object.fromEntries([...generatedFiles()].map(([path, text]) => [`/ws/${path}`, text])),
};
const service = (): LanguageService => getLanguageService({ today: () => TODAY, fileReader: memoryReader(FILE_SET), workspaceRoot: '/ws' });

/** A comparable view of a model value: touchpoints name their stage by index (the model has a cycle there). */
function view(value: unknown, key = ''): unknown {
  if (key === 'stage' && value && typeof value === 'object') return { stageIndex: (value as { index: number }).index };
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => view(v));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = view((value as Record<string, unknown>)[k], k);
  return out;
}

/** The YAML tree as plain data: every node's own properties (ranges, values, comments, spaceBefore) and its items. */
function yamlView(node: unknown): unknown {
  if (node === null || node === undefined || typeof node !== 'object') return node;
  if (isPair(node)) return { pair: [yamlView(node.key), yamlView(node.value)] };
  const out: Record<string, unknown> = { kind: isMap(node) ? 'map' : isSeq(node) ? 'seq' : isScalar(node) ? 'scalar' : 'other' };
  for (const k of Object.keys(node)) {
    const v = (node as Record<string, unknown>)[k];
    out[k] = k === 'items' ? (v as unknown[]).map(yamlView) : v;
  }
  return out;
}

function docView(doc: JourneyDocument): unknown {
  return {
    text: doc.text, lineCount: doc.lines.lineCount, findings: doc.findings, definitions: doc.definitions, references: doc.references,
    keys: doc.keys, map: view(doc.map), yaml: doc.yaml ? { range: doc.yaml.range, contents: yamlView(doc.yaml.contents), errors: doc.yaml.errors.length } : undefined,
  };
}

/** Deep equality, compared as text first (fast), with assert's diff when they differ. */
function same(actual: unknown, expected: unknown): void {
  const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '(undefined)' : x));
  if (text(actual) !== text(expected)) assert.deepStrictEqual(actual, expected);
}

let incrementalEdits = 0;
let allEdits = 0;

/**
 * Validates `text` on the service under test and on a fresh one and compares the diagnostics;
 * after an incremental parse, also the parse itself and the features that read it.
 */
async function compare(svc: LanguageService, uri: string, text: string, probes: number[]): Promise<void> {
  const got = await svc.validate(uri, text);
  const doc = svc.parse(uri, text);
  allEdits++;
  // A full parse is what the fresh service would do, the same code on the same text.
  if (parseHow(doc) !== 'incremental') return;
  incrementalEdits++;
  const fresh = service();
  assert.deepStrictEqual(got, await fresh.validate(uri, text));
  same(docView(doc), docView(fresh.parse(uri, text)));
  assert.deepStrictEqual(svc.symbols(uri, text), fresh.symbols(uri, text));
  assert.deepStrictEqual(svc.folding(uri, text), fresh.folding(uri, text));
  assert.deepStrictEqual(svc.stageSummaries(uri, text), fresh.stageSummaries(uri, text));
  assert.deepStrictEqual(svc.links(uri, text), fresh.links(uri, text));
  for (const offset of probes) {
    const position = doc.lines.positionAt(Math.min(offset, text.length));
    assert.deepStrictEqual(svc.hover(uri, text, position), fresh.hover(uri, text, position));
    assert.deepStrictEqual(svc.complete(uri, text, position), fresh.complete(uri, text, position));
    assert.deepStrictEqual(svc.definition(uri, text, position), fresh.definition(uri, text, position));
    assert.deepStrictEqual(svc.references(uri, text, position, true), fresh.references(uri, text, position, true));
  }
}

/**
 * Characters edits are made of: mostly what typing a value writes, else YAML's structure,
 * whitespace and what changes its reading (a map broken by an edit stays broken for the rest of
 * its sequence, where every parse is a full one).
 */
const PLAIN = 'abz019 -_.:/%';
const HOSTILE = '\n\n  ."\'[]{},#&*!|>%\t:-';
const snippet = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PLAIN.split('')), { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE.split('')), { minLength: 1, maxLength: 3 }) },
).map((c) => c.join(''));

type Kind = 'insert' | 'delete' | 'replace' | 'newline' | 'dropLine' | 'copyLine' | 'indent' | 'dedent' | 'undo';
interface EditSpec { kind: Kind; inTouchpoint: boolean; inText: boolean; a: number; b: number; count: number; text: string }

/** A place anywhere in a range, with no bias to its ends (fast-check favours small numbers). */
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

const editArb: fc.Arbitrary<EditSpec> = fc.record({
  kind: fc.constantFrom<Kind>('insert', 'insert', 'insert', 'delete', 'replace', 'replace', 'newline', 'dropLine', 'copyLine', 'indent', 'dedent', 'undo', 'undo'),
  inTouchpoint: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  /** Past the line's indentation, where typing a key or value happens. */
  inText: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  a: fraction,
  b: fraction,
  count: fc.integer({ min: 1, max: 6 }),
  text: snippet,
});

function lineBounds(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return [start, nl < 0 ? text.length : nl + 1];
}

/**
 * Applies an edit at a place chosen in a touchpoint of the current parse (or anywhere); `undo`
 * goes back to the text before, as typing and deleting does (and a broken map mends).
 */
function applyEdit(doc: JourneyDocument, spec: EditSpec, previous: string): { text: string; at: number } {
  const text = doc.text;
  const tps = doc.map.touchpoints;
  let at = Math.floor(spec.a * (text.length + 1));
  if (spec.inTouchpoint && tps.length) {
    const tp = tps[Math.floor(spec.a * tps.length)];
    at = tp.span[0] + Math.floor(spec.b * (tp.span[1] - tp.span[0] + 1));
  }
  const [lineStart, lineEnd] = lineBounds(text, at);
  if (spec.inText) while (text[at] === ' ' && at < lineEnd) at++;
  if (spec.kind === 'undo' && previous !== text) return { text: previous, at };
  const cut = (from: number, to: number, insert: string) => text.slice(0, from) + insert + text.slice(to);
  switch (spec.kind) {
    case 'insert': return { text: cut(at, at, spec.text), at };
    case 'delete': return { text: cut(at, Math.min(text.length, at + spec.count), ''), at };
    case 'replace': return { text: cut(at, Math.min(text.length, at + spec.count), spec.text), at };
    case 'newline': return { text: cut(at, at, `\n${' '.repeat(spec.count * 2)}${spec.count > 3 ? 'note: x' : ''}`), at };
    case 'dropLine': return { text: cut(lineStart, lineEnd, ''), at };
    case 'copyLine': {
      const [from, to] = lineBounds(text, Math.floor(spec.b * text.length));
      return { text: cut(lineStart, lineStart, text.slice(from, to)), at };
    }
    case 'indent': return { text: cut(lineStart, lineStart, ' '.repeat(spec.count)), at };
    case 'undo': return { text: cut(at, at, spec.text), at };
    case 'dedent': {
      let spaces = 0;
      while (spaces < spec.count && text[lineStart + spaces] === ' ') spaces++;
      return { text: cut(lineStart, lineStart + spaces, ''), at };
    }
  }
}

const STATS = !!process.env.JOURNEYMAP_INCREMENTAL_STATS;

describe('incremental re-parse', () => {
  it('gives what a full parse gives after thousands of random edits, in sequences on one service', async () => {
    incrementalEdits = 0;
    allEdits = 0;
    const reasons = new Map<string, number>();
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: SAMPLES.length - 1 }),
      fc.array(editArb, { minLength: 1, maxLength: 8 }),
      async (which, edits) => {
        const { uri, text } = SAMPLES[which];
        const svc = service();
        await svc.validate(uri, text);
        let current = svc.parse(uri, text);
        let previous = text;
        for (const edit of edits) {
          const next = applyEdit(current, edit, previous);
          if (STATS) {
            // The service re-parses too: counting why takes one more re-parse an edit, so only on request.
            const why = next.text === current.text ? 'no change' : reparse(current, next.text).fallback ?? 'incremental';
            reasons.set(why, (reasons.get(why) ?? 0) + 1);
          }
          await compare(svc, uri, next.text, [next.at, Math.floor(next.text.length / 2), next.at + 12]);
          previous = current.text;
          current = svc.parse(uri, next.text);
        }
      },
    ), { numRuns: 800, seed: 20261219 });
    assert.ok(allEdits >= 3000, `${allEdits} edits`);
    if (STATS) console.log(incrementalEdits, allEdits, [...reasons]);
    // The property is about the incremental path: most edits inside touchpoints must take it.
    assert.ok(incrementalEdits > allEdits / 4, `${incrementalEdits} of ${allEdits} edits were incremental${STATS ? `: ${JSON.stringify([...reasons])}` : ' (JOURNEYMAP_INCREMENTAL_STATS=1 says why the others were not)'}`);
  }).timeout(120_000);

  it('types a word into a touchpoint one character at a time, each keystroke on the incremental path', async () => {
    const svc = service();
    const base = generateJourney(30, 5);
    const at = base.indexOf('does: ', base.length / 2) + 'does: '.length;
    let text = base;
    await svc.validate(MAP_URI, text);
    for (const [i, ch] of [...'Checks the queue '].entries()) {
      text = text.slice(0, at + i) + ch + text.slice(at + i);
      await compare(svc, MAP_URI, text, [at, at + i]);
      assert.equal(parseHow(svc.parse(MAP_URI, text)), 'incremental');
    }
  });
});

/** The text with `from` replaced by `to` (once), asserting it was there. */
function edited(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the text holds ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** Re-parses `after` from a full parse of `before`; the reason when it falls back. */
function how(before: string, after: string): string {
  const result = reparse(parseJourney(before), after);
  if (result.doc) {
    assert.deepStrictEqual(docView(result.doc), docView(parseJourney(after)));
    return 'incremental';
  }
  return result.fallback;
}

describe('incremental re-parse: when it applies', () => {
  const map = CLEAN_MAP;

  it('re-reads only the touchpoint for an edit inside a touchpoint value, key or id', () => {
    assert.equal(how(map, edited(map, 'name: Sees "account locked"', 'name: Sees "account is locked"')), 'incremental');
    assert.equal(how(map, edited(map, 'channel: web', 'chanel: web')), 'incremental');
    assert.equal(how(map, edited(map, 'id: locked-out', 'id: locked-outt')), 'incremental');
    assert.equal(how(map, edited(map, 'feels: -2', 'feels: -9')), 'incremental');
  });

  it('keeps the blank line and the comment above an entry where a full parse puts them', () => {
    const spaced = edited(edited(map, '      - id: iam-unlock', '      # checked by IAM\n      - id: iam-unlock'), '      - id: back-in', '\n      - id: back-in');
    for (const id of ['iam-unlock', 'back-in']) {
      const at = spaced.indexOf(`id: ${id}`);
      const line = spaced.indexOf('name:', at);
      assert.equal(how(spaced, `${spaced.slice(0, line)}name: x${spaced.slice(line + 'name: '.length)}`), 'incremental');
    }
  });

  it('re-reads an entry followed by a comment line at its dash\'s indentation (the next entry\'s comment)', () => {
    const spaced = edited(map, '      - id: iam-unlock', '      # checked by IAM\n      - id: iam-unlock');
    const at = spaced.indexOf('id: desk-verify');
    const line = spaced.indexOf('lane:', at);
    assert.equal(how(spaced, `${spaced.slice(0, line)}lane: deskx${spaced.slice(line + 'lane: desk'.length)}`), 'incremental');
  });

  it('says so through the service: the first parse is full, the next edit incremental', () => {
    const svc = service();
    const first = svc.parse(MAP_URI, map);
    assert.equal(parseHow(first), 'full');
    assert.equal(parseHow(svc.parse(MAP_URI, edited(map, 'channel: web', 'channel: webb'))), 'incremental');
  });

  it('leaves the old document as it was', () => {
    const old = parseJourney(map);
    const before = JSON.stringify(docView(old));
    const result = reparse(old, edited(map, 'channel: web', 'channel: portal and web'));
    assert.ok(result.doc);
    assert.equal(JSON.stringify(docView(old)), before);
  });

  // Each case names the guard that must refuse it: a file-wide feature (an alias, a directive, a
  // second document) is put in the text first, then the edit is made inside a touchpoint.
  const inside = (t: string) => edited(t, 'channel: web', 'channel: webb');
  const fallbacks: [string, (text: string) => [string, string], RegExp][] = [
    ['an edit of the entry\'s indentation', (t) => [t, edited(t, '      - id: locked-out', '       - id: locked-out')], /not inside a touchpoint/],
    ['an edit of the dash', (t) => [t, edited(t, '      - id: locked-out', '      + id: locked-out')], /not inside a touchpoint/],
    ['an edit at the first key', (t) => [t, edited(t, '      - id: locked-out', '      - xid: locked-out')], /dash or first key/],
    ['a new top-level key', (t) => [t, `${t}extra: 1\n`], /not inside a stage/],
    ['a line dedented out of the entry', (t) => [t, edited(t, '        channel: web', 'channel: web')], /not indented under the entry/],
    ['a new entry started inside the entry', (t) => [t, edited(t, '        channel: web\n', '        channel: web\n      - id: new-one\n        lane: admin\n')], /not indented under the entry/],
    ['an anchor in the entry', (t) => [t, edited(t, 'channel: web', 'channel: &c web')], /anchors, aliases or tags/],
    ['an edit in a touchpoint of a file with an anchor elsewhere', (t) => {
      const anchored = edited(t, 'owner: Service desk team lead', 'owner: &o Service desk team lead');
      return [anchored, inside(anchored)];
    }, /the file has anchors/],
    ['a tag in the entry', (t) => [t, edited(t, 'channel: web', 'channel: !!str web')], /anchors, aliases or tags/],
    ['a comment in the entry', (t) => [t, edited(t, 'channel: web', 'channel: web # the portal')], /holds a comment/],
    ['a disable comment before the next line', (t) => [t, edited(t, '        channel: web\n', '        # journeymap-disable-next-line\n        channel: web\n')], /holds a comment/],
    ['a YAML error in the entry', (t) => [t, edited(t, 'channel: web', 'channel: [web')], /YAML errors/],
    ['an unclosed quote in the entry', (t) => [t, edited(t, 'channel: web', 'channel: "web')], /YAML errors/],
    ['an edit in a touchpoint of a file with a directive', (t) => [`%YAML 1.2\n---\n${t}`, inside(`%YAML 1.2\n---\n${t}`)], /the file has anchors, aliases, tags or directives/],
    ['an edit in a stage\'s name', (t) => [t, edited(t, 'name: Problem discovery', 'name: Problem discovery!')], /not inside a touchpoint/],
    ['an edit in a lane', (t) => [t, edited(t, 'name: Tenant admin', 'name: Tenant admins')], /not inside a stage/],
    ['an edit in a touchpoint of a file with a second document (which makes the old text an error)', (t) => [`${t}---\nb: 1\n`, inside(`${t}---\nb: 1\n`)], /old text has YAML errors/],
  ];
  for (const [what, change, why] of fallbacks) {
    it(`parses in full after ${what}`, () => {
      const [before, after] = change(map);
      assert.match(how(before, after), why);
      const svc = service();
      svc.parse(MAP_URI, before);
      assert.equal(parseHow(svc.parse(MAP_URI, after)), 'full');
    });
  }

  it('parses in full when the old text has a YAML error elsewhere', () => {
    const broken = edited(map, 'title: Admin locked out of account', 'title: [Admin locked out of account');
    assert.notEqual(how(broken, edited(broken, 'channel: web', 'channel: webb')), 'incremental');
  });

  it('parses in full a map whose touchpoints are written as a flow list', () => {
    const flow = 'journeymap: 1\ntitle: t\nstages:\n  - id: s\n    touchpoints: [{ id: a, lane: x, name: one }, { id: b, lane: x }]\n';
    assert.notEqual(how(flow, flow.replace('name: one', 'name: ones')), 'incremental');
  });

  it('keeps whole-map findings right: a duplicate id made by an edit in one touchpoint is reported', async () => {
    const svc = service();
    await svc.validate(MAP_URI, map);
    const second = map.slice(map.indexOf('      - id: ', map.indexOf('      - id: locked-out') + 10)).match(/- id: ([\w-]+)/)![1];
    const dup = edited(map, 'id: locked-out', `id: ${second}`);
    const got = await svc.validate(MAP_URI, dup);
    assert.equal(parseHow(svc.parse(MAP_URI, dup)), 'incremental');
    assert.deepStrictEqual(got, await service().validate(MAP_URI, dup));
    assert.ok(got.some((d) => d.code === 'duplicate-id'));
  });
});
