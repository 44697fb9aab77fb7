/**
 * Property tests over hostile edits of every example (see test/fuzz/harness.ts for the mutations
 * and the properties). Seeded, so a failure reproduces: fast-check prints the seed, the shrink
 * path and the counterexample; `npm run fuzz -- --seed N` replays a seed with many more runs.
 *
 * Counts here (about 3,400 cases: 1,000 mutation-only, 420 full checks of mutated maps, 27
 * adversarial files, ~90 renames, every one of the ~1,850 truncations of the small map) keep the
 * file around 15 s of CPU; `npm run fuzz` runs 50,000 full checks.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LineIndex } from '../../src/core';
import { layoutJourney, renderSvg } from '../../src/core/diagram';
import {
  addFiles, applyCase, caseArb, checkEdits, checkRange, checkText, createChecker, createDiskChecker, examples, HOSTILE_LINKS, mutate, mutationArb, startTimer, type Example,
} from '../fuzz/harness';
import { CLEAN_MAP, FILES, MAP_URI, reviewEdits } from './fixtures';

addFiles(FILES);
const SMALL: Example = { name: 'CLEAN_MAP', uri: MAP_URI, text: CLEAN_MAP };
const ALL = examples([SMALL]);

/** Fixed seeds: the same cases on every run and every machine. */
const SEEDS = { examples: 20261127, small: 424242, svg: 1337, mutations: 7, uri: 8080, disk: 2026 };

/** Adversarial files (alias bombs, deep nesting, huge lines, odd encodings); each goes through every feature (see checkText). */
function adversarialInputs(): Record<string, string> {
  const levels = ['x0: &x0 [a,a,a,a,a,a,a,a,a,a]'];
  for (let i = 1; i < 9; i++) levels.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(',')}]`);
  // Block nesting stays at 200 levels: about 1,000 levels of block sequences (`- - - … v`, 2 KB)
  // still overflow the YAML parser's stack, and a second parse in the same process aborts Node
  // (reported to the core's owner). Flow nesting is refused before parsing since 3b0743a.
  return {
    'alias bomb (10^9 entries) behind pains': CLEAN_MAP.replace('persona:', `${levels.join('\n')}\npersona:`).replace('pains: [No hint how long the lock lasts]', 'pains: *x8'),
    'alias bomb as the title': `${levels.join('\n')}\ntitle: *x8\n`,
    'the stages list aliased under an unknown key': CLEAN_MAP.replace('stages:', 'stages: &s').replace('handoffs:', 'extra: *s\nhandoffs:'),
    'a self-referencing alias': 'a: &a [*a]\n',
    'a merge key merging its own mapping': 'a: &a\n  b: 1\n  <<: *a\n',
    '1,000 anchored keys': Array.from({ length: 1000 }, (_, i) => `a${i}: &a${i} v`).join('\n'),
    // The parser's own duplicate-key check was quadratic (40,000 keys took 45 s) until 3b0743a.
    '10,000 keys in one mapping': Array.from({ length: 10_000 }, (_, i) => `k${i}: v`).join('\n'),
    '10,000-deep flow nesting': '['.repeat(10_000) + ']'.repeat(10_000),
    '5,000-deep nested flow mappings': '{a: '.repeat(5000) + '}'.repeat(5000),
    '200-deep flow nesting': '['.repeat(200) + ']'.repeat(200),
    '200-deep block nesting': Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n',
    'a 1 MB single line': `title: ${'x'.repeat(1_000_000)}\n`,
    'a 1 MB name': CLEAN_MAP.replace('name: Agent verifies identity', `name: ${'word '.repeat(200_000)}`),
    'a 10 MB file': `${CLEAN_MAP}# ${'y'.repeat(10_000_000)}\n`,
    'several documents': `${CLEAN_MAP}---\n${CLEAN_MAP}...\n---\n- a\n`,
    'a list at the root': '- a\n- b\n',
    'a scalar at the root': 'hello',
    'an empty file': '',
    'only a BOM': '\uFEFF',
    'BOM and CRLF': `\uFEFF${CLEAN_MAP.replace(/\n/g, '\r\n')}`,
    'CR line endings only': CLEAN_MAP.replace(/\n/g, '\r'),
    'tabs for indentation': CLEAN_MAP.replace(/^( +)/gm, (sp) => '\t'.repeat(sp.length / 2)),
    'duplicate keys everywhere': CLEAN_MAP.replace(/^(\s*)(\w+): (.+)$/gm, '$1$2: $3\n$1$2: $3'),
    'non-string keys': '? [a, b]\n: c\n1: x\ntrue: y\nnull: z\n~: w\n',
    'directives and tags': `%YAML 1.2\n%TAG ! tag:x,2000:\n---\n${CLEAN_MAP.replace('title: ', 'title: !!binary ').replace('persona:', 'persona: !!js/function "x" #')}`,
    'a 2,000-character key': `${'k'.repeat(2000)}: v\n`,
    'bidi overrides and controls in names': CLEAN_MAP.replace('name: Agent verifies identity', 'name: "Agent \u202Everifies\u0007 \u2066identity\u2069"'),
  };
}

describe('fuzz: adversarial files through every feature', () => {
  const checker = createChecker();
  for (const [name, text] of Object.entries(adversarialInputs())) {
    it(`${name}: nothing throws, ranges inside, bounded validation`, async function () {
      this.timeout(60_000);
      await checkText(MAP_URI, text, [0, text.length >> 1, 100], 'renamed', { parseSvg: text.length < 100_000 }, checker);
      // A second parse of the same text under another name: a parser left broken by the first
      // (a stack overflow once made the second parse abort Node) shows here.
      const timer = startTimer();
      await checker.svc.validate(`${MAP_URI}.again`, text);
      timer.check(text, 'validate again');
      checker.svc.forget(`${MAP_URI}.again`);
    });
  }
});

describe('fuzz: hostile edits never break the language service', () => {
  it('the example set holds every map under examples/ and the small fixture', () => {
    assert.ok(ALL.length >= 4, ALL.map((e) => e.name).join(', '));
  });

  it(`every mutation applies and keeps a string (seed ${SEEDS.mutations}, 1,000 cases)`, () => {
    fc.assert(fc.property(fc.nat({ max: ALL.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (i, ms) => {
      const text = ms.reduce(mutate, ALL[i].text);
      assert.equal(typeof text, 'string');
    }), { seed: SEEDS.mutations, numRuns: 1000 });
  });

  it(`mutated examples: no feature throws, every range is inside the document, edits apply, nothing outside the workspace is read, validation is bounded (seed ${SEEDS.examples}, 120 cases)`, async function () {
    this.timeout(120_000);
    const checker = createChecker();
    await fc.assert(fc.asyncProperty(caseArb(ALL.length), async (c) => {
      await checkText(ALL[c.example].uri, applyCase(c, ALL), c.offsets, c.newName, {}, checker);
    }), { seed: SEEDS.examples, numRuns: 120 });
  });

  it(`mutated small map, with more mutations each; the text after each fix validates too (seed ${SEEDS.small}, 200 cases)`, async function () {
    this.timeout(120_000);
    const small = [SMALL];
    const checker = createChecker();
    await fc.assert(fc.asyncProperty(caseArb(1, 10), async (c) => {
      await checkText(SMALL.uri, applyCase(c, small), c.offsets, c.newName, { revalidateFixes: true }, checker);
    }), { seed: SEEDS.small, numRuns: 200 });
  });

  it(`mutated examples addressed by file:// URI, as the extension does (seed ${SEEDS.uri}, 60 cases)`, async function () {
    this.timeout(120_000);
    const checker = createChecker('file:///ws');
    await fc.assert(fc.asyncProperty(caseArb(ALL.length), async (c) => {
      await checkText(`file://${ALL[c.example].uri}`, applyCase(c, ALL), c.offsets, c.newName, {}, checker);
    }), { seed: SEEDS.uri, numRuns: 60 });
  });

  it(`mutated examples in a workspace on disk with symbolic links leading out, and links in disguise: nothing outside is ever shown or written (seed ${SEEDS.disk}, 80 cases)`, async function () {
    this.timeout(180_000);
    const checker = createDiskChecker();
    try {
      // Every case points a link at a disguised or linked path first, then mutates as usual.
      const relinked = fc.record({ link: fc.constantFrom(...HOSTILE_LINKS), at: fc.nat(), rest: caseArb(ALL.length, 3) });
      await fc.assert(fc.asyncProperty(relinked, async ({ link, at, rest }) => {
        const c = { ...rest, mutations: [{ kind: 'relink' as const, at, link }, ...rest.mutations] };
        await checkText(checker.uri(ALL[c.example]), applyCase(c, ALL), c.offsets, c.newName, {}, checker);
      }), { seed: SEEDS.disk, numRuns: 80 });
    } finally {
      checker.dispose();
    }
  });

  it(`mutated examples render to well-formed SVG with no script, handler or javascript: URL (seed ${SEEDS.svg}, 40 cases)`, async function () {
    this.timeout(120_000);
    const checker = createChecker();
    await fc.assert(fc.asyncProperty(caseArb(ALL.length, 4), async (c) => {
      await checkText(ALL[c.example].uri, applyCase(c, ALL), c.offsets.slice(0, 1), c.newName, { parseSvg: true }, checker);
    }), { seed: SEEDS.svg, numRuns: 40 });
  });

  it('rename of every renameable id in every map keeps every finding (no reference lost or broken)', async function () {
    this.timeout(120_000);
    const { svc } = createChecker();
    let renamed = 0;
    for (const ex of ALL) {
      const codes = async (uri: string, text: string) => (await svc.validate(uri, text)).map((d) => d.code).sort();
      const before = await codes(ex.uri, ex.text);
      const lines = new LineIndex(ex.text);
      const seen = new Set<string>();
      for (let offset = 0; offset < ex.text.length; offset++) {
        const position = lines.positionAt(offset);
        const prepared = svc.prepareRename(ex.uri, ex.text, position);
        if (!prepared || seen.has(prepared.placeholder)) continue;
        seen.add(prepared.placeholder);
        const result = svc.rename(ex.uri, ex.text, position, 'renamed-x');
        assert.ok('edits' in result, `${ex.name}: renaming ${prepared.placeholder}: ${JSON.stringify(result)}`);
        const after = checkEdits(lines, result.edits, `${ex.name}: rename ${prepared.placeholder}`);
        assert.deepEqual(await codes(`${ex.uri}.renamed`, after), before, `${ex.name}: findings changed by renaming ${prepared.placeholder}`);
        svc.forget(`${ex.uri}.renamed`);
        renamed++;
      }
    }
    assert.ok(renamed > 50, `only ${renamed} ids renamed`);
  });

  it(`truncation at every offset of the small map (${CLEAN_MAP.length + 1} cases): nothing throws, ranges stay inside, validation is bounded`, async function () {
    this.timeout(120_000);
    const checker = createChecker();
    const { svc } = checker;
    for (let end = 0; end <= CLEAN_MAP.length; end++) {
      const text = CLEAN_MAP.slice(0, end);
      const lines = new LineIndex(text);
      const at = `truncated at ${end}`;
      const timer = startTimer();
      const diagnostics = await svc.validate(SMALL.uri, text);
      timer.check(text, `${at}: validate`);
      for (const d of diagnostics) {
        checkRange(lines, d.range, `${at}: ${d.code}`);
        for (const fix of svc.fixes(SMALL.uri, text, d)) for (const e of fix.edits) checkRange(lines, e.range, `${at}: fix ${fix.title}`);
      }
      const end$ = lines.positionAt(text.length);
      const hover = svc.hover(SMALL.uri, text, end$);
      if (hover) checkRange(lines, hover.range, `${at}: hover`);
      for (const item of svc.complete(SMALL.uri, text, end$)) checkRange(lines, item.range, `${at}: completion ${item.label}`);
      const walk = (list: ReturnType<typeof svc.symbols>) => list.forEach((s) => { checkRange(lines, s.range, `${at}: symbol ${s.name}`); walk(s.children); });
      walk(svc.symbols(SMALL.uri, text));
      for (const f of svc.folding(SMALL.uri, text)) assert.ok(f.endLine < lines.lineCount && f.startLine <= f.endLine, `${at}: folding ${JSON.stringify(f)}`);
      for (const e of reviewEdits(svc.markReviewed(SMALL.uri, text))) checkRange(lines, e.range, `${at}: markReviewed`);
      for (const s of svc.stageSummaries(SMALL.uri, text)) checkRange(lines, s.range, `${at}: stage summary`);
      for (const l of svc.links(SMALL.uri, text)) checkRange(lines, l.range, `${at}: link`);
      // Layout and render are the costly part: every 8th offset still covers every section of the map.
      if (end % 8 === 0 || end === CLEAN_MAP.length) assert.equal(typeof renderSvg(layoutJourney(svc.parse(SMALL.uri, text))), 'string');
    }
    assert.deepEqual(checker.outside, [], 'nothing outside the workspace was read');
  });
});
