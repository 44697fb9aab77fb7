import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseJourney } from '../../src/core/parse';
import { gerund } from '../../src/core/format';
import { countCrossings, EMBEDDED_MEASURE, hypothesis, layoutJourney, renderSvg, routeWithElk, wrapText } from '../../src/core/diagram';
import { checkLayout } from './layoutCheck';
import { generateMap } from './journeyGen';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

function examples(): { name: string; text: string }[] {
  if (!existsSync(EXAMPLES)) return [];
  return readdirSync(EXAMPLES).filter((f) => /\.journey\.ya?ml$/.test(f)).sort()
    .map((name) => ({ name, text: readFileSync(join(EXAMPLES, name), 'utf8') }));
}

const SMALL = `journeymap: 1
title: Small
persona: Admin
scenario: Test
lanes:
  - { id: admin, name: Admin, kind: customer }
  - { id: desk, name: Desk, kind: frontstage }
  - { id: iam, name: IAM, kind: backstage }
stages:
  - id: one
    name: One
    touchpoints:
      - { id: a, lane: admin, name: Sees lock, feels: -2, pains: [No hint] }
      - { id: b, lane: admin, name: Searches help, feels: -1 }
      - { id: c, lane: desk, name: Verifies }
  - id: two
    name: Two
    touchpoints:
      - { id: d, lane: iam, name: Unlocks, next: [e, a] }
      - { id: e, lane: admin, name: Signs in, feels: 2, next: [] }
      - { id: f, lane: nowhere, name: Orphan }
handoffs:
  - { from: c, to: d, sla: 4h, wait: 6h, notifies_customer: true }
  - { from: d, to: e, sla: 1h, wait: 30m }
`;

describe('layout', () => {
  describe('every example map', () => {
    const list = examples();
    it('finds the examples', function () {
      if (list.length === 0) this.skip();
      assert.ok(list.length >= 3);
    });
    for (const { name, text } of list) {
      it(`${name}: invariants hold (grid router)`, () => {
        const doc = parseJourney(text);
        const layout = layoutJourney(doc);
        assert.deepEqual(checkLayout(doc.map, layout, { edgesAvoidCards: true }), []);
        assert.ok(layout.curves.length > 0 && layout.curves[0].points.length > 0, 'the example has an emotion curve');
        assert.ok(layout.visibilityY !== undefined, 'the example has a line of visibility');
      });
      it(`${name}: invariants hold (elk router), and elk's routes never cross more edges than the grid's`, async () => {
        const doc = parseJourney(text);
        const ELK = (await import('elkjs/lib/elk.bundled.js')).default;
        const grid = layoutJourney(doc);
        const layout = await routeWithElk(grid, new ELK());
        assert.deepEqual(checkLayout(doc.map, layout, { edgesAvoidCards: true }), []);
        assert.ok(countCrossings(layout) <= countCrossings(grid), `elk ${countCrossings(layout)} > grid ${countCrossings(grid)}`);
      });
      it(`${name}: deterministic`, () => {
        const a = layoutJourney(parseJourney(text));
        const b = layoutJourney(parseJourney(text));
        assert.deepEqual(a, b);
      });
    }
  });

  it('places a small map: lanes, stages, columns, loops, dead ends, handoffs, curve', () => {
    const doc = parseJourney(SMALL);
    const layout = layoutJourney(doc);
    assert.deepEqual(checkLayout(doc.map, layout, { edgesAvoidCards: true }), []);
    const card = (k: string) => layout.cards.find((c) => c.key === k)!;
    // a then b in the admin lane: b stands in the next column, on the same row.
    assert.equal(card('a').y, card('b').y);
    assert.ok(card('a').x < card('b').x);
    // The orphan touchpoint (lane `nowhere`) is in an error row at the top, named after the reference.
    assert.equal(card('f').laneKey, '#lane:nowhere');
    assert.equal(layout.lanes[0].key, '#lane:nowhere');
    assert.ok(layout.lanes[0].problem);
    // d -> a is a loop, d -> e a flow; e is a dead end.
    const flow = (from: string, to: string) => layout.flows.find((f) => f.from === from && f.to === to);
    assert.equal(flow('d', 'a')?.kind, 'loop');
    assert.equal(flow('a', 'b')?.implicit, true);
    assert.equal(card('e').deadEnd, true);
    assert.equal(layout.flows.filter((f) => f.from === 'e').length, 0);
    // Handoffs: c->d is over SLA (red); d->e is silent (red) and is also the flow's next step: one arrow.
    assert.equal(layout.handoffs.length, 2);
    assert.equal(layout.handoffs[0].overSla, true);
    assert.equal(layout.handoffs[0].alert, true);
    assert.match(layout.handoffs[0].label, /SLA 4h · wait 6h/);
    // A business-time or per-priority SLA is labelled as written.
    const business = layoutJourney(parseJourney(SMALL.replace(/sla: 4h/, 'sla: { P1: 4h, P2: 2bd }').replace(/wait: 6h/, 'wait: 6bh')));
    assert.match(business.handoffs[0].label, /SLA P1 4h, P2 2bd · wait 6bh/);
    assert.equal(layout.handoffs[1].notifiesCustomer, false);
    assert.match(layout.handoffs[1].label, /silent/);
    assert.equal(layout.handoffs[1].carriesFlow, true);
    assert.equal(flow('d', 'e'), undefined, 'the handoff d -> e draws the flow step too');
    // Line of visibility between desk (frontstage) and iam (backstage).
    assert.equal(layout.visibilityY, layout.lanes.find((l) => l.key === 'iam')!.y);
    // One curve (admin): a, b, e, ordered by x.
    assert.equal(layout.curves.length, 1);
    assert.deepEqual(layout.curves[0].points.map((p) => p.key), ['a', 'b', 'e']);
    assert.ok(layout.curves[0].points[2].y < layout.curves[0].points[0].y, 'feels +2 sits above -2');
    // Source lines for click-to-reveal (0-based).
    assert.equal(card('a').line, SMALL.split('\n').findIndex((l) => l.includes('id: a,')));
    // Pain marker.
    assert.deepEqual(card('a').painLines, [{ text: 'No hint', marked: true }]);
  });

  it('does not mark `next: []` on the last touchpoint as a dead end: that is where the journey ends (as the dead-end rule says)', () => {
    const text = SMALL.replace('      - { id: f, lane: nowhere, name: Orphan }\n', '');
    assert.notEqual(text, SMALL);
    const layout = layoutJourney(parseJourney(text));
    assert.equal(layout.cards.find((c) => c.key === 'e')!.deadEnd, false);
    assert.ok(!renderSvg(layout).includes('jm-dead-end'));
  });

  it('draws lanes in blueprint order (customer, frontstage, backstage, system), so the line of visibility falls between frontstage and backstage', () => {
    const text = SMALL.replace(
      '  - { id: admin, name: Admin, kind: customer }\n  - { id: desk, name: Desk, kind: frontstage }\n  - { id: iam, name: IAM, kind: backstage }\n',
      '  - { id: admin, name: Admin, kind: customer }\n  - { id: sys, name: Sys, kind: system }\n  - { id: iam, name: IAM, kind: backstage }\n  - { id: desk, name: Desk, kind: frontstage }\n');
    assert.notEqual(text, SMALL);
    const doc = parseJourney(text);
    const layout = layoutJourney(doc);
    assert.deepEqual(layout.lanes.filter((l) => !l.problem).map((l) => l.key), ['admin', 'desk', 'iam', 'sys']);
    const desk = layout.lanes.find((l) => l.key === 'desk')!;
    const iam = layout.lanes.find((l) => l.key === 'iam')!;
    assert.equal(layout.visibilityY, iam.y);
    assert.ok(desk.y + desk.height <= layout.visibilityY!, 'the frontstage lane is above the line');
    assert.deepEqual(checkLayout(doc.map, layout, { edgesAvoidCards: true }), []);
  });

  it('keeps one card per lane and column when one lane holds most of the map', () => {
    const many = generateMap({ touchpoints: 60, seed: 7 }).replace(/lane: (desk|chat|tier2|eng|platform)/g, 'lane: desk');
    const doc = parseJourney(many);
    const layout = layoutJourney(doc);
    assert.deepEqual(checkLayout(doc.map, layout, { edgesAvoidCards: true }), []);
    const desk = layout.cards.filter((c) => c.laneKey === 'desk');
    assert.ok(desk.length > 30);
    assert.equal(new Set(desk.map((c) => c.x)).size, desk.length, 'every desk card has a column of its own');
  });

  for (const size of [10, 100, 1000]) {
    it(`generated map of ${size} touchpoints: invariants hold`, () => {
      const doc = parseJourney(generateMap({ touchpoints: size, seed: size }));
      const layout = layoutJourney(doc);
      assert.deepEqual(checkLayout(doc.map, layout, { edgesAvoidCards: size <= 100 }), []);
    });
  }

  let big: ReturnType<typeof parseJourney> | undefined;
  const bigMap = () => (big ??= parseJourney(generateMap({ touchpoints: 5000, seed: 5 })));

  it('lays out 5,000 touchpoints without a stack overflow', function () {
    this.timeout(120000);
    const doc = bigMap();
    const start = performance.now();
    const layout = layoutJourney(doc);
    const ms = performance.now() - start;
    assert.deepEqual(checkLayout(doc.map, layout), []);
    assert.equal(layout.cards.length, 5000);
    assert.ok(ms < 10000, `layout took ${ms} ms`);
  });

  it('elk routing declines maps over its threshold and keeps the grid', async function () {
    this.timeout(120000);
    const doc = bigMap();
    const grid = layoutJourney(doc);
    const ELK = (await import('elkjs/lib/elk.bundled.js')).default;
    const routed = await routeWithElk(grid, new ELK());
    assert.equal(routed.router, 'grid');
    assert.equal(routed.cards, grid.cards);
  });

  it('elk routing of a generated 100-touchpoint map keeps every card where the grid put it', async () => {
    const doc = parseJourney(generateMap({ touchpoints: 100, seed: 3 }));
    const grid = layoutJourney(doc);
    const ELK = (await import('elkjs/lib/elk.bundled.js')).default;
    const routed = await routeWithElk(grid, new ELK());
    assert.deepEqual(routed.cards, grid.cards);
    assert.deepEqual(checkLayout(doc.map, routed, { edgesAvoidCards: true }), []);
  });

  it('filters lanes: hidden lanes and their touchpoints are left out, flow bridges them', () => {
    const doc = parseJourney(SMALL);
    const layout = layoutJourney(doc, { hiddenLanes: ['desk'] });
    assert.equal(layout.lanes.some((l) => l.key === 'desk'), false);
    assert.equal(layout.cards.some((c) => c.key === 'c'), false);
    assert.ok(layout.flows.some((f) => f.from === 'b' && f.to === 'd'));
    assert.equal(layout.allLanes.find((l) => l.key === 'desk')?.hidden, true);
  });

  it('survives a broken map', () => {
    for (const text of ['', 'journeymap: 1', 'stages: [', 'lanes: 3\nstages:\n  - touchpoints: [ {name: x} ]']) {
      const layout = layoutJourney(parseJourney(text));
      assert.ok(layout.width > 0 && layout.height > 0);
    }
  });

  it('wraps text within a width and marks cut text with an ellipsis', () => {
    const m = EMBEDDED_MEASURE;
    const lines = wrapText(m, 'Checks inbox and spam for the reset email that never arrives', 100, 12, 2);
    assert.equal(lines.length, 2);
    for (const line of lines) assert.ok(m.width(line, 12) <= 100 + 0.01, line);
    assert.ok(lines[1].endsWith('…'));
    assert.deepEqual(wrapText(m, 'short', 100, 12), ['short']);
    const long = wrapText(m, 'a'.repeat(200), 50, 12);
    assert.ok(long.length > 1 && long.every((l) => m.width(l, 12) <= 50 + 0.01));
  });

  it('breaks after a hyphen, slash or underscore inside a word, never inside a number like -3', () => {
    const m = EMBEDDED_MEASURE;
    assert.deepEqual(wrapText(m, 'Sends the auto-acknowledgement', 120, 12), ['Sends the auto-', 'acknowledgement']);
    assert.deepEqual(wrapText(m, 'first_response_time 6h / 4h', 90, 10.5), ['first_response_', 'time 6h / 4h']);
    assert.ok(wrapText(m, 'from -3 to +3 and more', 40, 12).every((line) => !line.endsWith('-')));
  });
});

describe('hypothesis', () => {
  it('reads as one sentence: an instruction becomes its -ing form, a noun phrase stays, acronyms keep their capitals', () => {
    assert.equal(hypothesis('Add a KB article.', 'VIP callers are answered first', 'IT staff see 20% fewer repeats'),
      'We believe that adding a KB article will result in VIP callers are answered first. We will know we succeeded when IT staff see 20% fewer repeats.');
    assert.match(hypothesis('A status page for billing', 'fewer calls', 'x'), /^We believe that a status page for billing will result in fewer calls\./);
    assert.match(hypothesis(undefined, 'Fewer calls', undefined), /^We believe that \[experiment missing\] will result in fewer calls\./);
    assert.deepEqual(['route', 'stop', 'let', 'commit', 'pre-fill', 'tie', 'see', 'notify', 'copy'].map(gerund), ['routing', 'stopping', 'letting', 'committing', 'pre-filling', 'tying', 'seeing', 'notifying', 'copying']);
  });
});
