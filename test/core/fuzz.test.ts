/**
 * Property tests over hostile edits of every example (see test/fuzz/harness.ts for the mutations
 * and the properties). Seeded, so a failure reproduces: fast-check prints the seed, the shrink
 * path and the counterexample; `npm run fuzz -- --seed N` replays a seed with many more runs.
 *
 * Counts here (about 3,600 cases: 1,000 mutation-only, 540 full checks, every one of the ~2,100
 * truncations of the small map) keep the file well under 30 s; `npm run fuzz` runs 50,000.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LineIndex } from '../../src/core';
import { layoutJourney } from '../../src/core/layout';
import { renderSvg } from '../../src/core/render';
import {
  addFiles, applyCase, caseArb, checkRange, checkText, createChecker, examples, mutate, mutationArb, validateBudgetMs, type Example,
} from '../fuzz/harness';
import { CLEAN_MAP, FILES, MAP_URI } from './fixtures';

addFiles(FILES);
const SMALL: Example = { name: 'CLEAN_MAP', uri: MAP_URI, text: CLEAN_MAP };
const ALL = examples([SMALL]);

/** Fixed seeds: the same cases on every run and every machine. */
const SEEDS = { examples: 20261127, small: 424242, svg: 1337, mutations: 7 };

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

  it(`mutated examples: no feature throws, every range is inside the document, edits apply, nothing outside the workspace is read, validation is bounded (seed ${SEEDS.examples}, 160 cases)`, async function () {
    this.timeout(120_000);
    const checker = createChecker();
    await fc.assert(fc.asyncProperty(caseArb(ALL.length), async (c) => {
      await checkText(ALL[c.example].uri, applyCase(c, ALL), c.offsets, c.newName, {}, checker);
    }), { seed: SEEDS.examples, numRuns: 160 });
  });

  it(`mutated small map, with more mutations each (seed ${SEEDS.small}, 300 cases)`, async function () {
    this.timeout(120_000);
    const small = [SMALL];
    const checker = createChecker();
    await fc.assert(fc.asyncProperty(caseArb(1, 10), async (c) => {
      await checkText(SMALL.uri, applyCase(c, small), c.offsets, c.newName, {}, checker);
    }), { seed: SEEDS.small, numRuns: 300 });
  });

  it(`mutated examples render to well-formed SVG with no script, handler or javascript: URL (seed ${SEEDS.svg}, 40 cases)`, async function () {
    this.timeout(120_000);
    const checker = createChecker();
    await fc.assert(fc.asyncProperty(caseArb(ALL.length, 4), async (c) => {
      await checkText(ALL[c.example].uri, applyCase(c, ALL), c.offsets.slice(0, 1), c.newName, { parseSvg: true }, checker);
    }), { seed: SEEDS.svg, numRuns: 40 });
  });

  it(`truncation at every offset of the small map (${CLEAN_MAP.length + 1} cases): nothing throws, ranges stay inside, validation is bounded`, async function () {
    this.timeout(120_000);
    const checker = createChecker();
    const { svc } = checker;
    for (let end = 0; end <= CLEAN_MAP.length; end++) {
      const text = CLEAN_MAP.slice(0, end);
      const lines = new LineIndex(text);
      const at = `truncated at ${end}`;
      const started = Date.now();
      const diagnostics = await svc.validate(SMALL.uri, text);
      assert.ok(Date.now() - started <= validateBudgetMs(text), `${at}: validation took ${Date.now() - started} ms`);
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
      for (const e of svc.markReviewed(SMALL.uri, text)) checkRange(lines, e.range, `${at}: markReviewed`);
      for (const s of svc.stageSummaries(SMALL.uri, text)) checkRange(lines, s.range, `${at}: stage summary`);
      for (const l of svc.links(SMALL.uri, text)) checkRange(lines, l.range, `${at}: link`);
      // Layout and render are the costly part: every 8th offset still covers every section of the map.
      if (end % 8 === 0 || end === CLEAN_MAP.length) assert.equal(typeof renderSvg(layoutJourney(svc.parse(SMALL.uri, text))), 'string');
    }
    assert.deepEqual(checker.outside, [], 'nothing outside the workspace was read');
  });
});
