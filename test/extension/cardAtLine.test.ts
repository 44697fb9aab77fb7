/**
 * The preview highlights the card of the touchpoint under the editor's cursor from the layout it
 * drew (src/shared/previewMessages.ts cardAtLine): no parse in the extension host.
 */
import * as assert from 'node:assert/strict';
import { diffJourneys } from '../../src/core';
import { layoutJourney } from '../../src/core/diagram';
import { cardAtLine } from '../../src/shared/previewMessages';
import { CLEAN_MAP, edit, lineOf, MAP_URI, service } from '../core/fixtures';

describe('cardAtLine (the preview\'s highlight of the touchpoint under the cursor)', () => {
  const layout = layoutJourney(service().parse(MAP_URI, CLEAN_MAP));
  const at = (needle: string, below = 0) => cardAtLine(layout.cards, lineOf(CLEAN_MAP, needle) + below)?.key;

  it('is the touchpoint whose block holds the line: its `- id:` line, a field, a metric', () => {
    assert.equal(at('- id: desk-verify'), 'desk-verify');
    assert.equal(at('- id: desk-verify', 1), 'desk-verify');
    assert.equal(at('- id: iam-unlock'), 'iam-unlock');
    assert.equal(at('- id: back-in', 1), 'back-in');
  });

  it('where one block\'s last line is the next one\'s first (a block ending mid-line), the later card', () => {
    const card = (key: string, line: number, endLine: number) => ({ ...layout.cards[0], key, line, endLine });
    const cards = [card('later', 9, 12), card('earlier', 5, 9)];
    assert.equal(cardAtLine(cards, 9)?.key, 'later');
    assert.equal(cardAtLine(cards, 8)?.key, 'earlier');
    assert.equal(cardAtLine(cards, 13), undefined);
  });

  it('is none outside every touchpoint: the header, lanes, a stage\'s own lines, handoffs, improvements', () => {
    for (const needle of ['title:', '  - id: desk', '  - id: contact', '  - from: desk-verify', '  - id: lock-hint']) assert.equal(at(needle), undefined, needle);
  });

  it('is none for the other side\'s cards in compare mode (they have no lines in this map)', () => {
    const before = service().parse(`${MAP_URI}#before`, edit(CLEAN_MAP, '      - id: back-in', '      - id: gone-now\n        lane: admin\n        name: Waits on hold\n      - id: back-in'));
    const after = service().parse(MAP_URI, CLEAN_MAP);
    const diff = diffJourneys({ doc: before, diagnostics: [] }, { doc: after, diagnostics: [] });
    const compared = layoutJourney(after, { compare: { before: before.map, diff, label: 'HEAD~1' } });
    const ghost = compared.cards.find((c) => c.compare?.kind === 'removed');
    assert.equal(ghost?.line, -1, 'the removed card is drawn, from the other side');
    for (let line = 0; line < CLEAN_MAP.split('\n').length; line++) assert.notEqual(cardAtLine(compared.cards, line)?.key, ghost!.key);
  });
});
