import * as assert from 'assert';
import { carryOverFindings, FROM_LAST_VALID, getLanguageService, type Diagnostic } from '../../src/core';

const VALID = `journeymap: 1
title: Printer
persona: Office manager
scenario: Print fails
goal: Print again
owner: Desk lead
lanes:
  - { id: manager, name: Office manager, kind: customer }
stages:
  - id: notice
    name: Notice
    touchpoints:
      - id: job-fails
        lane: manager
        name: Print job fails
        chanel: office
`;

async function findings(text: string): Promise<Diagnostic[]> {
  return getLanguageService({ today: () => '2026-12-04' }).validate('file:///ws/m.journey.yaml', text);
}

describe('carryOverFindings', () => {
  it('keeps the last valid findings, moved with their lines and marked, while the map does not parse', async () => {
    const before = await findings(VALID);
    const typo = before.find((d) => d.code === 'unknown-key');
    assert.ok(typo, before.map((d) => d.code).join(', '));
    // Two lines typed above the touchpoint, the second half finished: the file stops parsing.
    const broken = VALID.replace('stages:\n', 'stages:\n  # a note\n  - id: [unclosed\n');
    const now = await findings(broken);
    assert.ok(now.length > 0 && now.every((d) => d.code === 'yaml-syntax'), now.map((d) => d.code).join(', '));
    const shown = carryOverFindings(VALID, before, broken, now);
    const kept = shown.find((d) => d.code === 'unknown-key');
    assert.ok(kept, shown.map((d) => d.code).join(', '));
    assert.equal(kept.range.start.line, typo.range.start.line + 2, 'moved down with its line');
    assert.equal(kept.range.start.character, typo.range.start.character);
    assert.ok(kept.message.endsWith(FROM_LAST_VALID), kept.message);
    assert.equal(kept.data, undefined, 'no quick-fix data from the old text');
    assert.deepEqual(shown.slice(0, now.length), now, 'the parser\'s findings first');
  });

  it('drops a finding whose line was edited, and never carries a fatal finding', async () => {
    const before = await findings(VALID);
    const broken = VALID.replace('        chanel: office\n', '        chanel: "office\n');
    const shown = carryOverFindings(VALID, before, broken, await findings(broken));
    assert.ok(!shown.some((d) => d.code === 'unknown-key'), 'the edited line\'s finding is gone');
    const fatal: Diagnostic = { code: 'yaml-syntax', severity: 'error', message: 'old', fatal: true, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } };
    assert.deepEqual(carryOverFindings(VALID, [fatal], VALID, []), []);
  });

  it('places each of many findings by its nearest matching line, in time linear in the file', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? '    metrics:' : `      - id: tp-${i}`));
    const text = lines.join('\n');
    const old: Diagnostic[] = lines.map((_, i) => ({ code: 'x', severity: 'warning', message: 'm', range: { start: { line: i, character: 4 }, end: { line: i, character: 8 } } }));
    const shifted = `inserted\n${text}`;
    const shown = carryOverFindings(text, old, shifted, []);
    assert.equal(shown.length, old.length);
    assert.ok(shown.every((d, i) => d.range.start.line === i + 1), 'each moved down by one line, to its own occurrence');
  });
});
