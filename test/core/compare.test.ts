import * as assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import { diffJourneys, type JourneyDiff } from '../../src/core';
import { parseJourney } from '../../src/core/parse';
import { cardTooltipText, DARK_THEME, layoutJourney, renderSvg, type Card, type Layout } from '../../src/core/diagram';
import { AFTER, BEFORE } from './compareMaps';

function compared(before = BEFORE, after = AFTER, label = 'HEAD~1'): { layout: Layout; svg: string; diff: JourneyDiff } {
  const b = parseJourney(before);
  const a = parseJourney(after);
  const diff = diffJourneys({ doc: b, diagnostics: [] }, { doc: a, diagnostics: [] });
  const layout = layoutJourney(a, { compare: { before: b.map, diff, label } });
  return { layout, svg: renderSvg(layout), diff };
}

const card = (layout: Layout, key: string): Card => {
  const found = layout.cards.find((c) => c.key === key);
  assert.ok(found, `no card ${key} in ${layout.cards.map((c) => c.key).join(', ')}`);
  return found;
};

/** The `data-compare` of each card group in the SVG, by key. */
function marksInSvg(svg: string): Map<string, string> {
  type El = { getAttribute(name: string): string | null };
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as { getElementsByTagName(name: string): ArrayLike<El> };
  const out = new Map<string, string>();
  const groups = doc.getElementsByTagName('g');
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if ((g.getAttribute('class') ?? '').split(' ').includes('jm-card')) out.set(g.getAttribute('data-id') ?? '', g.getAttribute('data-compare') ?? '');
  }
  return out;
}

describe('compare mode', () => {
  it('says when the other side cannot be read as a map, and marks nothing', () => {
    const { layout } = compared('journeymap: 1\ntitle: [broken\n');
    assert.equal(layout.compare?.otherUnreadable, true);
    assert.deepEqual([layout.compare?.added, layout.compare?.changed, layout.compare?.removed], [0, 0, 0]);
    assert.equal(compared().layout.compare?.otherUnreadable, undefined);
  });

  it('marks the new card, the changed cards and draws the removed touchpoints as ghosts, in the SVG', () => {
    const { layout, svg } = compared();
    const marks = marksInSvg(svg);
    assert.equal(marks.get('chatbot'), 'added');
    for (const key of ['locked-out', 'desk-verify', 'back-in']) assert.equal(marks.get(key), 'changed', key);
    assert.equal(marks.get('calls'), '', 'an unchanged card has no mark');
    for (const key of ['#removed:read-faq', '#removed:fax-form', '#removed:rates']) assert.equal(marks.get(key), 'removed', key);
    assert.deepEqual(layout.compare, { label: 'HEAD~1', added: 1, changed: 3, removed: 3 });
    assert.match(svg, />NEW</);
    assert.match(svg, />CHANGED</);
    assert.match(svg, />REMOVED</);
    assert.match(svg, /class="jm-strike"/, 'a ghost\'s name is struck through');
  });

  it('places a ghost in its old lane and stage, right after the touchpoint that preceded it', () => {
    const { layout } = compared();
    const faq = card(layout, '#removed:read-faq');
    const before = card(layout, 'locked-out');
    const after = card(layout, 'calls');
    assert.equal(faq.laneKey, 'cust');
    assert.equal(faq.stageKey, 'discover');
    assert.ok(faq.column > before.column && faq.column < after.column, `read-faq stands between locked-out and calls: ${before.column} < ${faq.column} < ${after.column}`);
    assert.ok(faq.x > before.x && faq.x < after.x);
  });

  it('draws a ghost whose lane is gone in a ghost row, and one whose stage is gone in a ghost column, after the stage before it', () => {
    const { layout, svg } = compared();
    const fax = card(layout, '#removed:fax-form');
    const row = layout.lanes.find((l) => l.key === fax.laneKey);
    assert.ok(row?.removed, 'the Fax office lane is drawn as removed');
    assert.equal(row.name, 'Fax office');
    assert.equal(row.kind, 'backstage');
    assert.equal(fax.stageKey, 'contact', 'in its old stage');
    const rates = card(layout, '#removed:rates');
    const column = layout.stages.find((s) => s.key === rates.stageKey);
    assert.ok(column?.removed, 'the Survey stage is drawn as removed');
    assert.deepEqual(layout.stages.map((s) => s.name), ['Discover', 'Contact', 'Survey']);
    assert.equal(rates.laneKey, 'cust');
    assert.match(svg, /jm-lane-removed/);
    assert.match(svg, /jm-stage-removed/);
    // A ghost's line is the other side's: no link to the source, in the picture or the lane's header.
    assert.doesNotMatch(svg, /data-id="#removed:[^"]*" data-line/);
  });

  it('lists before → after for each change in a changed card\'s tooltip', () => {
    const { layout } = compared();
    const verify = cardTooltipText(card(layout, 'desk-verify'));
    assert.match(verify, /changed since HEAD~1/);
    assert.match(verify, /name: “Agent verifies identity” → “Agent checks identity”/);
    assert.match(verify, /fcr: 64% \/ 80% → 82% \/ 80% \(misses → meets\)/);
    assert.match(cardTooltipText(card(layout, 'locked-out')), /feels: −2 → −1/);
    assert.match(cardTooltipText(card(layout, 'chatbot')), /new since HEAD~1/);
    assert.match(cardTooltipText(card(layout, '#removed:rates')), /removed since HEAD~1\nwas in lane Tenant admin, stage Survey/);
  });

  it('draws the other side\'s emotion curve beside the current one, at the cards\' places, labelled', () => {
    const { layout, svg } = compared();
    assert.equal(layout.curves.length, 1);
    assert.equal(layout.curves[0].points.length, 4, 'ghosts are not on the current curve');
    const before = layout.beforeCurves ?? [];
    assert.equal(before.length, 1);
    assert.deepEqual(before[0].points.map((p) => [p.key, p.feels]), [
      ['locked-out', -2], ['#removed:read-faq', -3], ['calls', -1], ['back-in', 1], ['#removed:rates', 0],
    ]);
    assert.equal(before[0].points[0].x, layout.curves[0].points[0].x, 'a touchpoint still there: at its card');
    assert.match(svg, /class="jm-curve-before"/);
    assert.match(svg, /at HEAD~1/);
    const legend = layout.legend.map((e) => e.mark);
    for (const mark of ['compare-added', 'compare-changed', 'compare-removed', 'curve-before'] as const) assert.ok(legend.includes(mark), mark);
  });

  it('escapes the label and the texts of changes', () => {
    const { svg } = compared(BEFORE, AFTER.replace('Agent checks identity', 'Agent <checks> & "verifies"'), '<b>main</b>');
    assert.doesNotMatch(svg, /<b>/);
    assert.match(svg, /&lt;b&gt;main&lt;\/b&gt;/);
    assert.match(svg, /Agent &lt;checks&gt; &amp; &quot;verifies&quot;/);
    assert.ok(renderSvg(compared().layout, { theme: DARK_THEME }).includes('data-theme="dark"'));
  });

  it('draws nothing of compare mode outside it: no marks, no ghosts, no extra fields', () => {
    const a = parseJourney(AFTER);
    const layout = layoutJourney(a);
    const svg = renderSvg(layout);
    assert.equal(layout.compare, undefined);
    assert.equal(layout.beforeCurves, undefined);
    assert.ok(!('compare' in layout) && !('beforeCurves' in layout));
    assert.ok(layout.cards.every((c) => !('compare' in c)));
    assert.doesNotMatch(svg, /data-compare|jm-ghost|jm-curve-before|jm-compare/);
    assert.equal(layout.legend.some((e) => e.mark.startsWith('compare') || e.mark === 'curve-before'), false);
  });

  it('a compare with no change marks nothing, and keeps every card where it was', () => {
    const plain = layoutJourney(parseJourney(AFTER));
    const { layout } = compared(AFTER, AFTER);
    assert.deepEqual(layout.compare, { label: 'HEAD~1', added: 0, changed: 0, removed: 0 });
    assert.deepEqual(layout.cards.map((c) => [c.key, c.x, c.y]), plain.cards.map((c) => [c.key, c.x, c.y]));
  });

  it('a ghost in a lane the lane filter hides is hidden with it', () => {
    const b = parseJourney(BEFORE);
    const a = parseJourney(AFTER);
    const diff = diffJourneys({ doc: b, diagnostics: [] }, { doc: a, diagnostics: [] });
    const layout = layoutJourney(a, { hiddenLanes: ['cust', '#removed-lane:legacy'], compare: { before: b.map, diff, label: 'HEAD~1' } });
    assert.equal(layout.cards.filter((c) => c.compare?.kind === 'removed').length, 0);
    assert.deepEqual(layout.allLanes.map((l) => [l.key, l.hidden]), [['cust', true], ['desk', false], ['#removed-lane:legacy', true]]);
  });
});
