import * as assert from 'node:assert/strict';
import type { DocumentSymbol, Range } from '../../src/core';
import { CLEAN_MAP, MAP_URI, edit, lineOf, service } from './fixtures';

function symbols(text: string): DocumentSymbol[] {
  return service().symbols(MAP_URI, text);
}

function group(list: DocumentSymbol[], name: string): DocumentSymbol {
  const found = list.find((s) => s.name === name);
  assert.ok(found, `no group ${name} in ${list.map((s) => s.name).join(', ')}`);
  return found;
}

function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [
    lines[range.start.line].slice(range.start.character),
    ...lines.slice(range.start.line + 1, range.end.line),
    lines[range.end.line].slice(0, range.end.character),
  ].join('\n');
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function walk(list: DocumentSymbol[], visit: (s: DocumentSymbol, parent?: DocumentSymbol) => void, parent?: DocumentSymbol): void {
  for (const s of list) {
    visit(s, parent);
    walk(s.children, visit, s);
  }
}

function inDocument(text: string, range: Range): boolean {
  const lines = text.split('\n');
  const ok = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  return ok(range.start) && ok(range.end) && before(range.start, range.end);
}

describe('document symbols', () => {
  it('groups stages (with their touchpoints), lanes, handoffs, improvements and sources', () => {
    const outline = symbols(CLEAN_MAP);
    assert.deepEqual(outline.map((s) => s.name), ['Stages', 'Lanes', 'Handoffs', 'Improvements', 'Sources']);
    assert.ok(outline.every((s) => s.kind === 'group'));

    const stages = group(outline, 'Stages').children;
    assert.deepEqual(stages.map((s) => [s.name, s.detail, s.kind]), [
      ['Problem discovery', 'discover', 'stage'],
      ['Contact', 'contact', 'stage'],
    ]);
    assert.deepEqual(stages[1].children.map((s) => [s.name, s.detail, s.kind]), [
      ['Agent verifies identity', 'desk / desk-verify', 'touchpoint'],
      ['IAM unlocks the account', 'iam / iam-unlock', 'touchpoint'],
      ['Signs in again', 'admin / back-in', 'touchpoint'],
    ]);
    assert.deepEqual(group(outline, 'Lanes').children.map((s) => [s.name, s.detail]), [
      ['Tenant admin', 'customer / admin'], ['Service desk', 'frontstage / desk'], ['IAM team', 'backstage / iam'],
    ]);
    const handoff = group(outline, 'Handoffs').children;
    assert.deepEqual(handoff.map((s) => [s.name, s.detail, s.kind]), [['desk-verify → iam-unlock', 'SLA 4h, wait 3h', 'handoff']]);
    assert.deepEqual(group(outline, 'Improvements').children.map((s) => [s.name, s.kind]), [['lock-hint', 'improvement']]);
    assert.deepEqual(group(outline, 'Sources').children.map((s) => [s.name, s.detail, s.kind]), [['tickets-q3', 'tickets', 'source']]);
  });

  it('selects the id, inside a range that covers the whole item', () => {
    const outline = symbols(CLEAN_MAP);
    const tp = group(outline, 'Stages').children[0].children[0];
    assert.equal(textAt(CLEAN_MAP, tp.selectionRange), 'locked-out');
    assert.equal(tp.range.start.line, lineOf(CLEAN_MAP, 'id: locked-out'));
    assert.equal(tp.range.end.line, lineOf(CLEAN_MAP, 'repeat_contact_rate:'));
    assert.ok(textAt(CLEAN_MAP, tp.range).endsWith('as_of: 2026-09-30 }'));

    const stage = group(outline, 'Stages').children[1];
    assert.equal(textAt(CLEAN_MAP, stage.selectionRange), 'contact');
    assert.equal(stage.range.end.line, lineOf(CLEAN_MAP, 'csat: { value: 4.1/5'));

    const handoff = group(outline, 'Handoffs').children[0];
    assert.equal(textAt(CLEAN_MAP, handoff.selectionRange), 'desk-verify');
    assert.equal(textAt(CLEAN_MAP, group(outline, 'Lanes').selectionRange), 'lanes');

    let count = 0;
    walk(outline, (s, parent) => {
      count++;
      assert.ok(inDocument(CLEAN_MAP, s.range), `${s.name}: range outside the document`);
      assert.ok(before(s.range.start, s.selectionRange.start) && before(s.selectionRange.end, s.range.end), `${s.name}: selection outside range`);
      if (parent) assert.ok(before(parent.range.start, s.range.start) && before(s.range.end, parent.range.end), `${s.name}: outside its parent`);
    });
    assert.equal(count, 5 + 2 + 4 + 3 + 1 + 1 + 1);
  });

  it('falls back to the id when there is no display name, and puts the id in the detail only then', () => {
    const text = edit(CLEAN_MAP, '    name: Problem discovery\n', '');
    const stage = group(symbols(text), 'Stages').children[0];
    assert.equal(stage.name, 'discover');
    assert.equal(stage.detail, undefined);
  });

  it('shows what parsed of a half-typed file and never throws', () => {
    const text = [
      'journeymap: 1',
      'lanes:',
      '  - id: admin',
      '    kind: cust',
      'stages:',
      '  - name: Only a name',
      '    touchpoints:',
      '      - lane: admin',
      '      - id: second',
      '        lane: ',
      '  - id',
      'handoffs:',
      '  - from: second',
      '    to: "unfinished',
    ].join('\n');
    const outline = symbols(text);
    const stages = group(outline, 'Stages').children;
    assert.equal(stages[0].name, 'Only a name');
    assert.deepEqual(stages[0].children.map((s) => s.name), ['touchpoint 1', 'second']);
    assert.deepEqual(group(outline, 'Lanes').children.map((s) => s.name), ['admin']);
    walk(outline, (s) => {
      assert.ok(inDocument(text, s.range), `${s.name}: range outside the document`);
      assert.ok(before(s.range.start, s.selectionRange.start) && before(s.selectionRange.end, s.range.end));
    });
  });

  it('gives nothing for an empty file or a non-mapping', () => {
    assert.deepEqual(symbols(''), []);
    assert.deepEqual(symbols('- a\n- b\n'), []);
  });

  it('survives a mangled document cut every 7 characters', () => {
    const text = CLEAN_MAP.slice(0, 900).replace(/: /g, ':').replace(/ {2}- /g, '-  ') + '\n  ]]{{ "\n';
    for (let cut = 0; cut <= text.length; cut += 7) {
      const part = text.slice(0, cut);
      const outline = symbols(part);
      walk(outline, (s) => assert.ok(inDocument(part, s.range) && inDocument(part, s.selectionRange), `cut ${cut}: ${s.name}`));
      for (const f of service().folding(MAP_URI, part)) assert.ok(f.startLine < f.endLine && f.endLine < part.split('\n').length);
    }
  });
});

describe('folding ranges', () => {
  const folds = () => service().folding(MAP_URI, CLEAN_MAP);
  const fold = (needle: string) => folds().find((f) => f.startLine === lineOf(CLEAN_MAP, needle));

  it('folds top-level sections from their key to their last line', () => {
    assert.deepEqual(fold('review:'), { startLine: lineOf(CLEAN_MAP, 'review:'), endLine: lineOf(CLEAN_MAP, 'every: quarter') });
    assert.deepEqual(fold('lanes:'), { startLine: lineOf(CLEAN_MAP, 'lanes:'), endLine: lineOf(CLEAN_MAP, 'kind: backstage') });
    assert.deepEqual(fold('stages:'), { startLine: lineOf(CLEAN_MAP, 'stages:'), endLine: lineOf(CLEAN_MAP, 'csat: {') });
    assert.deepEqual(fold('handoffs:'), { startLine: lineOf(CLEAN_MAP, 'handoffs:'), endLine: lineOf(CLEAN_MAP, 'notifies_customer: true') });
    assert.deepEqual(fold('improvements:'), { startLine: lineOf(CLEAN_MAP, 'improvements:'), endLine: lineOf(CLEAN_MAP, 'due: 2026-12-31') });
  });

  it('folds each stage, touchpoint list, touchpoint, metrics block, handoff and improvement', () => {
    assert.deepEqual(fold('- id: discover'), { startLine: lineOf(CLEAN_MAP, '- id: discover'), endLine: lineOf(CLEAN_MAP, 'repeat_contact_rate:') });
    assert.deepEqual(fold('- id: desk-verify'), { startLine: lineOf(CLEAN_MAP, '- id: desk-verify'), endLine: lineOf(CLEAN_MAP, 'fcr: {') });
    const metricsOfDeskVerify = lineOf(CLEAN_MAP, 'fcr: {') - 1;
    assert.ok(folds().some((f) => f.startLine === metricsOfDeskVerify && f.endLine === metricsOfDeskVerify + 1));
    assert.ok(fold('- id: lock-hint'));
    assert.ok(fold('- from: desk-verify'));
    assert.ok(fold('- id: admin'));
    assert.ok(fold('- id: tickets-q3'));
  });

  it('leaves out one-line flow collections, trailing blank lines and trailing comments', () => {
    const text = 'journeymap: 1\nlanes:\n  - id: a\n    kind: customer\n\n  # a note about the next section\n\nstages: []\n';
    const ranges = service().folding(MAP_URI, text);
    assert.deepEqual(ranges, [{ startLine: 1, endLine: 3 }, { startLine: 2, endLine: 3 }]);
  });

  it('returns ranges sorted by start line, each starting once, each at least two lines', () => {
    const ranges = folds();
    assert.ok(ranges.length >= 20);
    for (let i = 0; i < ranges.length; i++) {
      assert.ok(ranges[i].startLine < ranges[i].endLine);
      if (i) assert.ok(ranges[i - 1].startLine < ranges[i].startLine);
    }
  });
});
