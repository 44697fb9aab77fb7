import * as assert from 'node:assert/strict';
import { parseJourney, type Position, type Range } from '../../src/core';
import { documentHighlights, doRename, findDefinition, findReferences, prepareRename } from '../../src/core/language/navigation';
import { CLEAN_MAP, MAP_URI, applyEdits, edit, lint, positionOf, service } from './fixtures';

function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  assert.equal(range.start.line, range.end.line, 'an id range stays on one line');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

/** Zero-based [line, character] of each range start, for compact comparisons. */
function starts(ranges: Range[]): [number, number][] {
  return ranges.map((r) => [r.start.line, r.start.character]);
}

function at(text: string, needle: string, delta = 0): Position {
  return positionOf(text, needle, delta);
}

function rangeInside(doc: ReturnType<typeof parseJourney>, range: Range): boolean {
  const ok = (p: Position) => p.line >= 0 && p.line < doc.lines.lineCount && p.character >= 0 && p.character <= doc.lines.lineText(p.line).length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

/** A map with `n` touchpoints across 50 stages, each pointing at the next, plus handoffs and improvements. */
export function bigMap(n: number): string {
  const out = ['journeymap: 1', 'title: Big', 'persona: P', 'scenario: S', 'sources:', '  - id: src', '    kind: tickets', 'lanes:'];
  for (let l = 0; l < 5; l++) out.push(`  - id: lane${l}`, `    kind: ${l === 0 ? 'customer' : 'frontstage'}`);
  out.push('stages:');
  const perStage = Math.ceil(n / 50);
  for (let i = 0; i < n; i++) {
    if (i % perStage === 0) out.push(`  - id: stage${i / perStage}`, '    touchpoints:');
    out.push(`      - id: tp${i}`, `        lane: lane${i % 5}`, `        name: Touchpoint ${i}`);
    if (i + 1 < n) out.push(`        next: [tp${i + 1}]`);
    out.push('        metrics:', '          fcr: { value: 50%, source: src }');
  }
  out.push('handoffs:');
  for (let i = 0; i + 1 < n; i += 100) out.push(`  - from: tp${i}`, `    to: tp${i + 1}`);
  out.push('improvements:');
  for (let i = 0; i < n; i += 500) out.push(`  - id: imp${i}`, `    for: [tp${i}, tp${i + 2}]`);
  return out.join('\n') + '\n';
}

describe('go to definition', () => {
  const ls = service();
  const definitionText = (text: string, position: Position) => {
    const range = ls.definition(MAP_URI, text, position);
    assert.ok(range, 'no definition');
    return { text: textAt(text, range), line: range.start.line };
  };

  it('goes from a lane reference to the lane id', () => {
    const result = definitionText(CLEAN_MAP, at(CLEAN_MAP, 'lane: iam', 7));
    assert.deepEqual(result, { text: 'iam', line: at(CLEAN_MAP, '- id: iam').line });
  });

  it('goes from next, handoff ends, improvement targets and metric sources to their definitions', () => {
    const text = edit(CLEAN_MAP, '        channel: web\n', '        channel: web\n        next: [desk-verify, iam-unlock]\n');
    assert.equal(definitionText(text, at(text, 'next: [desk-verify, iam-unlock]', 22)).line, at(text, '- id: iam-unlock').line);
    assert.equal(definitionText(text, at(text, 'next: [desk-verify', 8)).line, at(text, '- id: desk-verify').line);
    assert.equal(definitionText(text, at(text, 'from: desk-verify', 6)).line, at(text, '- id: desk-verify').line);
    assert.equal(definitionText(text, at(text, 'to: iam-unlock', 4)).line, at(text, '- id: iam-unlock').line);
    assert.equal(definitionText(text, at(text, 'for: [locked-out]', 6)).line, at(text, '- id: locked-out').line);
    assert.equal(definitionText(text, at(text, 'source: tickets-q3', 8)).line, at(text, '- id: tickets-q3').line);
  });

  it('works with the cursor at either end of the reference', () => {
    const start = at(CLEAN_MAP, 'lane: desk', 6);
    const end = at(CLEAN_MAP, 'lane: desk', 10);
    const expected = at(CLEAN_MAP, '- id: desk', 6);
    assert.deepEqual(ls.definition(MAP_URI, CLEAN_MAP, start)?.start, expected);
    assert.deepEqual(ls.definition(MAP_URI, CLEAN_MAP, end)?.start, expected);
  });

  it('on a definition, returns the definition itself', () => {
    const position = at(CLEAN_MAP, '- id: back-in', 8);
    const range = ls.definition(MAP_URI, CLEAN_MAP, position);
    assert.ok(range);
    assert.equal(textAt(CLEAN_MAP, range), 'back-in');
    assert.deepEqual(range.start, at(CLEAN_MAP, '- id: back-in', 6));
  });

  it('returns nothing off an id, on an unknown reference, or out of bounds', () => {
    assert.equal(ls.definition(MAP_URI, CLEAN_MAP, at(CLEAN_MAP, 'title: Admin', 9)), undefined);
    assert.equal(ls.definition(MAP_URI, CLEAN_MAP, at(CLEAN_MAP, 'name: IAM team', 2)), undefined);
    const unknown = edit(CLEAN_MAP, 'lane: iam\n', 'lane: ghost\n');
    assert.equal(ls.definition(MAP_URI, unknown, at(unknown, 'lane: ghost', 8)), undefined);
    assert.equal(ls.definition(MAP_URI, CLEAN_MAP, { line: 9999, character: 3 }), undefined);
    assert.equal(ls.definition(MAP_URI, CLEAN_MAP, { line: -4, character: -1 }), undefined);
  });

  it('does not confuse a lane and a touchpoint that share a name', () => {
    const text = edit(CLEAN_MAP, '      - id: back-in\n', '      - id: iam\n');
    const fromLane = ls.definition(MAP_URI, text, at(text, 'lane: iam', 7));
    assert.equal(fromLane?.start.line, at(text, '  - id: iam\n').line);
    const touchpointDef = ls.definition(MAP_URI, text, at(text, '      - id: iam', 13));
    assert.equal(touchpointDef?.start.line, at(text, '      - id: iam').line);
  });
});

describe('references and highlights', () => {
  const ls = service();
  const text = edit(CLEAN_MAP, '        channel: web\n', '        channel: web\n        next: [desk-verify]\n');

  it('finds every reference of a touchpoint id, with or without its declaration', () => {
    const position = at(text, 'from: desk-verify', 8);
    const refs = ls.references(MAP_URI, text, position, false);
    assert.deepEqual(starts(refs), [
      [at(text, 'next: [desk-verify]').line, 15],
      [at(text, 'from: desk-verify').line, 10],
    ]);
    assert.ok(refs.every((r) => textAt(text, r) === 'desk-verify'));
    const withDecl = ls.references(MAP_URI, text, position, true);
    assert.equal(withDecl.length, 3);
    assert.deepEqual(starts(withDecl).filter((s) => !starts(refs).some((r) => r[0] === s[0])), [[at(text, '- id: desk-verify').line, 12]]);
  });

  it('finds the references of a lane from its definition', () => {
    const refs = ls.references(MAP_URI, text, at(text, '- id: admin', 7), false);
    assert.equal(refs.length, 2);
    assert.ok(refs.every((r) => textAt(text, r) === 'admin'));
  });

  it('highlights the definition and the references, not the same word elsewhere', () => {
    const withText = edit(text, 'owner: IAM team', 'owner: iam');
    const highlights = ls.highlights(MAP_URI, withText, at(withText, 'lane: iam', 6));
    assert.deepEqual(starts(highlights), [
      [at(withText, '- id: iam').line, 8],
      [at(withText, 'lane: iam').line, 14],
    ]);
  });

  it('gives nothing off an id', () => {
    assert.deepEqual(ls.references(MAP_URI, text, at(text, 'title:'), true), []);
    assert.deepEqual(ls.highlights(MAP_URI, text, at(text, 'experiment:', 3)), []);
  });

  it('answers correctly across a 5,000-touchpoint map (timing lives in npm run bench)', function () {
    this.timeout(30000);
    const big = bigMap(5000);
    const doc = parseJourney(big);
    assert.equal(doc.map.touchpoints.length, 5000);
    const positions: Position[] = [];
    for (let i = 0; i < 5000; i += 50) positions.push(at(big, `next: [tp${i + 1}]`, 8));
    findDefinition(doc, positions[0]); // builds the index once
    let found = 0;
    const rounds = 2;
    for (let round = 0; round < rounds; round++) {
      for (const p of positions) {
        if (findDefinition(doc, p)) found++;
        found += findReferences(doc, p, true).length > 0 ? 0 : -1000;
        documentHighlights(doc, p);
      }
    }
    assert.equal(found, rounds * positions.length);
  });
});

describe('rename', () => {
  const ls = service();

  it('prepares a rename only on an id or a reference, with the id as placeholder', () => {
    const prepared = ls.prepareRename(MAP_URI, CLEAN_MAP, at(CLEAN_MAP, 'to: iam-unlock', 6));
    assert.ok(prepared);
    assert.equal(prepared.placeholder, 'iam-unlock');
    assert.equal(textAt(CLEAN_MAP, prepared.range), 'iam-unlock');
    assert.equal(ls.prepareRename(MAP_URI, CLEAN_MAP, at(CLEAN_MAP, 'title: Admin', 10)), undefined);
    assert.equal(ls.prepareRename(MAP_URI, CLEAN_MAP, at(CLEAN_MAP, '  - id: desk', 4)), undefined, 'on the key, not the id');
  });

  it('renames a touchpoint id and all its references, and the result still lints clean', async () => {
    const result = ls.rename(MAP_URI, CLEAN_MAP, at(CLEAN_MAP, 'from: desk-verify', 7), 'verify-identity');
    assert.ok('edits' in result, JSON.stringify(result));
    assert.equal(result.edits.length, 2);
    const renamed = applyEdits(CLEAN_MAP, result.edits);
    assert.equal(renamed, CLEAN_MAP.replace('- id: desk-verify', '- id: verify-identity').replace('from: desk-verify', 'from: verify-identity'));
    assert.deepEqual(await lint(renamed), []);
  });

  it('edits only the id text, inside quotes, keeping the quoting style', () => {
    const text = edit(edit(CLEAN_MAP, 'lane: iam\n', 'lane: "iam"\n'), '  - id: iam\n', "  - id: 'iam'   # back office\n");
    const result = ls.rename(MAP_URI, text, at(text, '"iam"', 2), 'iam-team');
    assert.ok('edits' in result);
    for (const e of result.edits) assert.equal(textAt(text, e.range), 'iam');
    const renamed = applyEdits(text, result.edits);
    assert.ok(renamed.includes('lane: "iam-team"\n'));
    assert.ok(renamed.includes("  - id: 'iam-team'   # back office\n"));
    assert.ok(renamed.includes('name: IAM team'), 'the display name is untouched');
  });

  it('renames in a CRLF file without touching the line breaks', () => {
    const crlf = CLEAN_MAP.replace(/\n/g, '\r\n');
    const result = ls.rename(MAP_URI, crlf, at(crlf, 'lane: iam', 7), 'iam-team');
    assert.ok('edits' in result);
    assert.equal(result.edits.length, 2);
    const renamed = applyEdits(crlf.replace(/\r\n/g, '\n'), result.edits);
    assert.equal(renamed, CLEAN_MAP.replace('  - id: iam\n', '  - id: iam-team\n').replace('lane: iam\n', 'lane: iam-team\n'));
  });

  it('renames a lane without touching a touchpoint of the same name', () => {
    const text = edit(CLEAN_MAP, '      - id: back-in\n', '      - id: admin\n');
    const result = ls.rename(MAP_URI, text, at(text, '  - id: admin\n', 8), 'customer');
    assert.ok('edits' in result);
    const renamed = applyEdits(text, result.edits);
    assert.ok(renamed.includes('      - id: admin\n'), 'the touchpoint keeps its id');
    assert.equal(renamed.split('lane: customer').length - 1, 2);
  });

  it('refuses an invalid id or one already used by another item of the same kind', () => {
    const position = at(CLEAN_MAP, 'lane: desk', 7);
    for (const bad of ['', 'two words', '-dash-first', 'a:b', 'ü']) {
      const result = ls.rename(MAP_URI, CLEAN_MAP, position, bad);
      assert.ok('error' in result, `accepted ${JSON.stringify(bad)}`);
      assert.match(result.error, /not a valid id/);
    }
    const clash = ls.rename(MAP_URI, CLEAN_MAP, position, 'iam');
    assert.ok('error' in clash);
    assert.match(clash.error, /lane already has the id `iam`/);
    const otherKind = ls.rename(MAP_URI, CLEAN_MAP, position, 'discover');
    assert.ok('edits' in otherKind, 'a stage id may be reused for a lane');
    assert.equal(otherKind.edits.length, 2);
  });

  it('refuses a rename off an id and makes no edits for the same name', () => {
    const off = ls.rename(MAP_URI, CLEAN_MAP, at(CLEAN_MAP, 'persona:'), 'x');
    assert.ok('error' in off);
    const same = ls.rename(MAP_URI, CLEAN_MAP, at(CLEAN_MAP, 'lane: desk', 7), 'desk');
    assert.deepEqual(same, { edits: [] });
  });

  it('renames an unknown reference together with the other references to the same name', () => {
    const text = edit(edit(CLEAN_MAP, 'lane: iam\n', 'lane: ops\n'), 'lane: desk\n', 'lane: ops\n');
    const result = ls.rename(MAP_URI, text, at(text, 'lane: ops', 6), 'iam');
    // `iam` is a defined lane: renaming the dangling references onto it would merge them silently.
    assert.ok('error' in result);
    const ok = ls.rename(MAP_URI, text, at(text, 'lane: ops', 6), 'operations');
    assert.ok('edits' in ok);
    assert.equal(ok.edits.length, 2);
  });

  it('never throws and keeps ranges inside the document at every offset of a mangled file', () => {
    const mangled = CLEAN_MAP
      .replace('  - id: iam\n', '  -id: iam: x\n')
      .replace('    team: Support\n', '    team: Support\n   bad: indentation\n')
      .replace('fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: ')
      + '  - id: "unclosed\n  ]] {{ &a *b !tag\n';
    const doc = parseJourney(mangled);
    assert.ok(doc.findings.some((f) => f.code === 'yaml-syntax'), 'the fixture is really broken');
    let checked = 0;
    for (let offset = 0; offset <= mangled.length; offset++) {
      const p = doc.lines.positionAt(offset);
      const ranges: Range[] = [];
      const def = findDefinition(doc, p);
      if (def) ranges.push(def);
      ranges.push(...findReferences(doc, p, true), ...documentHighlights(doc, p));
      const prepared = prepareRename(doc, p);
      if (prepared) ranges.push(prepared.range);
      const result = doRename(doc, p, 'renamed-id');
      if ('edits' in result) ranges.push(...result.edits.map((e) => e.range));
      for (const r of ranges) assert.ok(rangeInside(doc, r), `offset ${offset}: ${JSON.stringify(r)}`);
      checked += ranges.length;
    }
    assert.ok(checked > 100, 'ids were still found in the broken file');
  });
});
