/**
 * The diagram's placement rules, one small map each: sequence columns, shared columns, loops,
 * findings the team silenced, undefined lanes, personas, curves per customer lane, labels, the
 * legend, full detail and pictures of some stages.
 */
import * as assert from 'node:assert/strict';
import { parseJourney } from '../../src/core/parse';
import {
  EMBEDDED_MEASURE, layoutJourney, pageMeasure, renderSvg, FONT_RANGE_SIZE, type Card, type Layout, type LayoutOptions,
} from '../../src/core/diagram';
import { checkLayout } from './layoutCheck';

const LANES = `lanes:
  - { id: user, name: Employee, kind: customer }
  - { id: boss, name: Manager, kind: customer }
  - { id: desk, name: Service desk, kind: frontstage, team: Support }
  - { id: iam, name: Identity team, kind: backstage }
  - { id: sys, name: ITSM, kind: system }
`;

/** A map with the lanes above and the stages given as YAML. */
function mapText(stages: string, extra = ''): string {
  return `journeymap: 1\ntitle: Placement\npersona: Employee\nscenario: Locked out\n${LANES}stages:\n${stages}${extra}`;
}

/** One stage `s` with these touchpoints (flow mappings, as written in YAML). */
function oneStage(...touchpoints: string[]): string {
  return `  - id: s\n    name: S\n    touchpoints:\n${touchpoints.map((t) => `      - ${t}\n`).join('')}`;
}

function layout(text: string, options: LayoutOptions = {}): Layout {
  const doc = parseJourney(text);
  const result = layoutJourney(doc, options);
  if (!options.stages) assert.deepEqual(checkLayout(doc.map, result, { edgesAvoidCards: true }), []);
  return result;
}

function cardOf(l: Layout, key: string): Card {
  const card = l.cards.find((c) => c.key === key);
  assert.ok(card, `card ${key}`);
  return card;
}

describe('placement', () => {
  describe('sequence columns', () => {
    it('never stands a card left of the card it follows within a stage (the fourth step stays right of the third)', () => {
      // Packed per lane, d (desk) would stand beside b (desk) in the stage's first desk slot, left of c.
      const l = layout(mapText(oneStage(
      '{ id: a, lane: user, name: Reports }',
      '{ id: b, lane: desk, name: Logs }',
      '{ id: c, lane: user, name: Waits }',
      '{ id: d, lane: desk, name: Updates }',
    )));
      const x = (k: string) => cardOf(l, k).x;
      assert.ok(x('a') <= x('b') && x('b') <= x('c') && x('c') <= x('d'), `a ${x('a')} b ${x('b')} c ${x('c')} d ${x('d')}`);
      assert.ok(x('a') < x('c'), 'the same lane moves on to the next column');
      assert.ok(x('b') < x('d'));
      for (const f of l.flows) assert.ok(cardOf(l, f.to).x >= cardOf(l, f.from).x, `${f.key} runs backwards`);
    });

    it('lets a card in another lane that directly follows share the column: the arrow is vertical', () => {
      const l = layout(mapText(oneStage(
      '{ id: a, lane: user, name: Calls }',
      '{ id: b, lane: desk, name: Answers }',
    )));
      assert.equal(cardOf(l, 'a').x, cardOf(l, 'b').x);
      const edge = l.flows.find((f) => f.from === 'a' && f.to === 'b')!;
      assert.ok(edge.points.every((p) => p.x === edge.points[0].x), 'a straight vertical arrow');
      assert.equal(edge.points[0].y, cardOf(l, 'a').y + cardOf(l, 'a').height, 'from the bottom of a');
      assert.equal(edge.points[1].y, cardOf(l, 'b').y, 'to the top of b');
    });

    it('shares the column across a row that holds a card, with the arrow going around that card', () => {
      // c (iam) follows b (user) in b's column; desk already has a card (a) there, between them.
      const l = layout(mapText(oneStage(
      '{ id: a, lane: desk, name: Opens the ticket }',
      '{ id: b, lane: user, name: Confirms identity }',
      '{ id: c, lane: iam, name: Resets the account }',
    )));
      assert.equal(cardOf(l, 'b').x, cardOf(l, 'a').x);
      assert.equal(cardOf(l, 'c').x, cardOf(l, 'b').x);
      const edge = l.flows.find((f) => f.from === 'b' && f.to === 'c')!;
      assert.ok(edge.points.length > 2, 'not straight: a is in the way');
      assert.ok(Math.max(...edge.points.map((p) => p.x)) > cardOf(l, 'a').x + cardOf(l, 'a').width, 'around a, through the channel on its right');
    });

    it('does not push a card right for a loop back to it, and draws the loop as a loop', () => {
      const l = layout(mapText(oneStage(
      '{ id: a, lane: user, name: Tries the fix }',
      '{ id: b, lane: desk, name: Checks, next: [a, c] }',
      '{ id: c, lane: desk, name: Closes }',
    )));
      const loop = l.flows.find((f) => f.from === 'b' && f.to === 'a')!;
      assert.equal(loop.kind, 'loop');
      assert.equal(cardOf(l, 'a').x, cardOf(l, 'b').x, 'a keeps its column');
      assert.ok(cardOf(l, 'c').x > cardOf(l, 'b').x);
    });

    it('orders by handoffs too: the target of a handoff never stands left of its source', () => {
      const l = layout(mapText(oneStage(
      '{ id: a, lane: desk, name: Escalates, next: [c] }',
      '{ id: b, lane: desk, name: Documents }',
      '{ id: c, lane: iam, name: Picks up }',
    ), 'handoffs:\n  - { from: b, to: c, sla: 1h, notifies_customer: true }\n'));
      assert.ok(cardOf(l, 'c').x >= cardOf(l, 'b').x);
    });

    it('starts each stage in columns of its own: cards stay in their stage', () => {
      const l = layout(mapText(`  - id: one
    name: One
    touchpoints:
      - { id: a, lane: user, name: A }
      - { id: b, lane: user, name: B }
  - id: two
    name: Two
    touchpoints:
      - { id: c, lane: desk, name: C }
`));
      const [one, two] = l.stages;
      assert.equal(one.columns, 2);
      assert.equal(two.columns, 1);
      assert.ok(cardOf(l, 'c').x > one.x + one.width);
    });
  });

  describe('findings the team silenced', () => {
    const stages = oneStage(
      '{ id: a, lane: desk, name: Escalates }',
      '{ id: b, lane: iam, name: Investigates }',
      '{ id: c, lane: user, name: Hears back }',
    );
    const silent = (comment: string) => layout(mapText(stages, `handoffs:\n  - from: a\n    to: b\n    sla: 1h\n${comment}    wait: 3h\n`));

    it('draws a silent, late handoff as an alarm when nothing is silenced', () => {
      const h = silent('').handoffs[0];
      assert.equal(h.alert, true);
      assert.deepEqual(h.accepted, []);
      assert.match(h.label, /silent$/);
    });

    it('draws what the team accepted with a disable comment as facts ("silent, accepted"), not alarms', () => {
      const text = mapText(stages, `handoffs:\n  # journeymap-disable-next-line silent-handoff sla-exceeded # the bridge call tells them\n  - from: a\n    to: b\n    sla: 1h\n    # journeymap-disable-next-line sla-exceeded # waits on the vendor, agreed\n    wait: 3h\n`);
      const l = layout(text);
      const h = l.handoffs[0];
      assert.equal(h.alert, false);
      assert.deepEqual(h.accepted, ['silent', 'over SLA']);
      assert.match(h.label, /silent, over SLA: accepted$/);
      const svg = renderSvg(l);
      assert.match(svg, /class="jm-handoff jm-accepted"/);
      assert.ok(!svg.includes('jm-alert'), 'no alarm drawn');
      assert.ok(l.legend.some((e) => e.mark === 'handoff-accepted'));
      assert.ok(!l.legend.some((e) => e.mark === 'handoff-alert'));
    });

    it('keeps the alarm when the comment silences another rule', () => {
      const h = layout(mapText(stages, `handoffs:\n  # journeymap-disable-next-line handoff-without-sla\n  - from: a\n    to: b\n    sla: 1h\n`)).handoffs[0];
      assert.equal(h.alert, true);
    });

    it('draws a dead end the team accepted as an end, not an alarm', () => {
      const text = mapText(`  - id: s
    name: S
    touchpoints:
      - id: a
        lane: user
        name: Gives up
        # journeymap-disable-next-line dead-end # they call back another day: out of scope
        next: []
      - { id: b, lane: desk, name: Follows up }
`);
      const l = layout(text);
      assert.equal(cardOf(l, 'a').deadEnd, true);
      assert.equal(cardOf(l, 'a').deadEndAccepted, true);
      assert.match(renderSvg(l), /class="jm-dead-end jm-accepted"/);
      assert.ok(l.legend.some((e) => e.mark === 'dead-end-accepted') && !l.legend.some((e) => e.mark === 'dead-end'));
    });
  });

  describe('undefined lanes', () => {
    it('draws touchpoints whose lane id is a typo in an error row at the top, named after the typo, never below the line of visibility', () => {
      const l = layout(mapText(oneStage(
      '{ id: a, lane: user, name: Reports }',
      '{ id: b, lane: dsek, name: Logs }',
      '{ id: c, lane: iam, name: Fixes }',
    )));
      const row = l.lanes[0];
      assert.equal(row.key, '#lane:dsek');
      assert.match(row.name, /dsek/);
      assert.ok(row.problem && row.problemLines.length > 0);
      assert.equal(cardOf(l, 'b').laneKey, row.key);
      assert.ok(l.visibilityY !== undefined && row.y + row.height <= l.visibilityY);
      assert.equal(cardOf(l, 'b').customer, false);
      assert.ok(l.legend.some((e) => e.mark === 'unknown-lane'));
      const svg = renderSvg(l);
      assert.match(svg, /data-kind="unknown"/);
      assert.match(svg, />NOT DEFINED</);
    });

    it('gives touchpoints with no lane a row of their own', () => {
      const l = layout(mapText(oneStage(
      '{ id: a, lane: user, name: Reports }',
      '{ id: b, name: Floats }',
    )));
      assert.equal(cardOf(l, 'b').laneKey, '#lane:');
      assert.equal(l.lanes[0].name, 'No lane');
    });
  });

  it('shows every persona, not only the first', () => {
    const text = mapText(oneStage('{ id: a, lane: user, name: A }'))
      .replace('persona: Employee\n', 'persona: [Employee who cannot work, Line manager approving access]\n');
    const l = layout(text);
    const subtitle = l.subtitleLines.join(' ');
    assert.match(subtitle, /Personas: Employee who cannot work; Line manager approving access/);
  });

  it('draws one emotion curve per customer lane with feels, each in its own style and named in the legend', () => {
    const l = layout(mapText(oneStage(
      '{ id: a, lane: user, name: A, feels: -2 }',
      '{ id: b, lane: boss, name: B, feels: 1 }',
      '{ id: c, lane: desk, name: C, feels: 2 }',
      '{ id: d, lane: user, name: D, feels: 0 }',
      '{ id: e, lane: boss, name: E, feels: 2 }',
    )));
    assert.deepEqual(l.curves.map((c) => [c.laneKey, c.points.map((p) => p.key)]), [['user', ['a', 'd']], ['boss', ['b', 'e']]]);
    assert.deepEqual(l.curves.map((c) => c.style), [0, 1]);
    const curveEntries = l.legend.filter((e) => e.mark === 'curve');
    assert.deepEqual(curveEntries.map((e) => [e.label, e.style]), [['emotion: Employee', 0], ['emotion: Manager', 1]]);
    const svg = renderSvg(l);
    assert.equal(svg.match(/class="jm-curve-line"/g)?.length, 2);
    assert.match(svg, /stroke-dasharray="9 5"/, 'the second curve is dashed');
    // The numbers of two points at the same x do not sit on each other.
    const labels = l.curves.flatMap((c) => c.points.map((p) => p.labelAt));
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        assert.ok(Math.abs(labels[i].x - labels[j].x) >= 16 || Math.abs(labels[i].y - labels[j].y) >= 14, 'curve numbers overlap');
      }
    }
  });

  it('places handoff labels clear of each other, of every card and of the line of visibility, on a crowded map', () => {
    const touchpoints = Array.from({ length: 12 }, (_, i) => `      - { id: t${i}, lane: ${['desk', 'iam', 'sys', 'user'][i % 4]}, name: Step ${i} }`).join('\n');
    const handoffs = Array.from({ length: 11 }, (_, i) => `  - { from: t${i}, to: t${i + 1}, sla: 1h, wait: ${i + 1}h }`).join('\n');
    const l = layout(mapText(`  - id: s\n    name: S\n    touchpoints:\n${touchpoints}\n`, `handoffs:\n${handoffs}\n`));
    assert.equal(l.handoffs.length, 11);
    // checkLayout (run by layout()) asserts the overlaps; here: every label is on the grid.
    for (const h of l.handoffs) assert.ok(h.labelBox.x >= l.grid.x && h.labelBox.x + h.labelBox.width <= l.grid.x + l.grid.width, h.key);
  });

  it('wraps a long lane name and team in the header column instead of running into the grid', () => {
    const text = mapText(oneStage('{ id: a, lane: desk, name: A }'))
      .replace('{ id: desk, name: Service desk, kind: frontstage, team: Support }', '{ id: desk, name: Service desk and end-user computing support, kind: frontstage, team: "Procurement and vendor management, EMEA region" }');
    const l = layout(text);
    const desk = l.lanes.find((lane) => lane.key === 'desk')!;
    assert.ok(desk.labelLines.length > 1 && desk.teamLines.length > 1);
    for (const line of desk.labelLines) assert.ok(EMBEDDED_MEASURE.width(line, 13, true) <= l.grid.x - desk.x - 14);
  });

  describe('the legend', () => {
    it('has an entry for every kind of mark drawn, and none for marks not drawn', () => {
      const l = layout(mapText(oneStage(
      '{ id: a, lane: user, name: A, pains: [Waits], metrics: { csat: { value: 3/5, target: 4/5 } } }',
      '{ id: b, lane: desk, name: B }',
    )));
      const marks = l.legend.map((e) => e.mark).sort();
      assert.deepEqual(marks, ['flow', 'misses', 'pain', 'visibility']);
    });
  });

  describe('full detail', () => {
    const stages = `  - id: s
    name: S
    touchpoints:
      - id: a
        lane: user
        name: Waits for the refund
        feels: -2
        pains:
          - No refund status to check, so the customer chases it by email and is told something different each time
          - Second pain
          - Third pain
        metrics:
          proration_share_of_disputes: { value: 34%, target: 15% }
          time_to_resolution: { value: 5d, target: 3d }
          csat: { value: 3.1/5, target: 4/5 }
          ces: { value: 4/7, target: 5/7 }
          reopen_rate: { value: 9%, target: 5% }
`;
    const extra = `owner: Billing support lead
review: { last: 2026-11-03, every: quarter }
improvements:
  - id: refund-tracking
    for: [a]
    experiment: Show refund status on the billing dashboard
    outcome: customers stop chasing refunds
    signal: 35% fewer follow-ups
    owner: Billing product manager
    due: 2027-03-31
    status: planned
`;

    it('shows every pain in full and every metric with its whole name; compact shortens them', () => {
      const full = layout(mapText(stages, extra), { detail: 'full' });
      const compact = layout(mapText(stages, extra));
      const a = cardOf(full, 'a');
      assert.equal(a.painLines.filter((p) => p.marked).length, 3, 'three pains, each marked once');
      assert.ok(a.painLines.length > 3, 'the long pain wraps');
      assert.equal(a.painLines.map((p) => p.text).join(' ').includes('told something different each time'), true);
      assert.equal(a.metricRows, 5);
      assert.ok(a.metrics[0].lines.join('').includes('proration_share_of_disputes'));
      const c = cardOf(compact, 'a');
      assert.equal(c.painLines.length, 2);
      assert.match(c.painLines[1].text, /2 more pains/);
      assert.equal(c.metricRows, 4);
      assert.ok(a.height > c.height);
    });

    it('adds the improvements as sentences with owner, due date and status, and a footer with owner, review and sources', () => {
      const l = layout(mapText(stages, extra), { detail: 'full' });
      assert.equal(l.detail, 'full');
      const text = l.blocks.flatMap((b) => b.lines.map((line) => line.text)).join(' ');
      assert.match(text, /refund-tracking: We believe that showing refund status on the billing dashboard will result in customers stop chasing refunds/);
      assert.match(text, /planned · owner Billing product manager · due 2027-03-31 · for a/);
      assert.match(text, /Owner: Billing support lead/);
      assert.match(text, /last reviewed 2026-11-03, every quarter/);
      assert.match(text, /Sources: none/);
      assert.equal(cardOf(l, 'a').improvementLabel, '↑ refund-tracking');
      assert.equal(layout(mapText(stages, extra)).blocks.length, 0, 'compact has no blocks');
    });

    it('marks a metric computed from a ticket export with its sample and period', () => {
      const text = mapText(stages.replace('csat: { value: 3.1/5, target: 4/5 }', 'fcr: { from: tickets, target: 80% }'),
        `${extra}sources:\n  - { id: tickets, kind: tickets, path: data/tickets.csv, period: 2026-07-01/2026-09-30 }\n`);
      const doc = parseJourney(text);
      const fcr = doc.map.touchpoints[0].metrics.find((m) => m.name.value === 'fcr')!;
      // What validation sets after reading the export (tested with the exports themselves elsewhere).
      fcr.computed = { value: { kind: 'percent', amount: 0.64, text: '64%', scale: 1 } as never, n: 572 };
      const l = layoutJourney(doc, { detail: 'full' });
      const badge = cardOf(l, 'a').metrics.find((m) => m.name === 'fcr')!;
      assert.equal(badge.value, '64%');
      assert.ok(badge.computed);
      assert.match(badge.noteLines.join(' '), /computed from tickets · n 572 · 2026-07-01 to 2026-09-30/);
      assert.ok(l.legend.some((e) => e.mark === 'computed'));
      assert.match(renderSvg(l), /data-computed="true"/);
    });
  });

  describe('pictures of some stages', () => {
    const text = mapText(`  - id: one
    name: Report
    touchpoints:
      - { id: a, lane: user, name: Reports }
  - id: two
    name: Fix
    touchpoints:
      - { id: b, lane: desk, name: Fixes }
  - id: three
    name: Close
    touchpoints:
      - { id: c, lane: user, name: Confirms }
`);

    it('draws only the stages asked for, with the flow to and from the others ending at the edge, named', () => {
      const l = layout(text, { stages: [1] });
      assert.deepEqual(l.stages.map((s) => s.key), ['two']);
      assert.deepEqual(l.cards.map((c) => c.key), ['b']);
      assert.deepEqual(l.stubs.map((s) => [s.direction, s.card, s.stage, s.label]), [['in', 'b', 'one', '← from Report'], ['out', 'b', 'three', 'to Close →']]);
      assert.equal(l.flows.length, 0);
      const whole = layout(text);
      assert.ok(l.width < whole.width);
    });
  });

  describe('text measure', () => {
    it('lays out with a page\'s own font: a wider font wraps titles sooner', () => {
      const wide = pageMeasure('Wide', new Array(FONT_RANGE_SIZE).fill(900), new Array(FONT_RANGE_SIZE).fill(950))!;
      assert.ok(wide);
      const text = mapText(oneStage('{ id: a, lane: user, name: Checks inbox and spam for the reset email }'));
      const narrow = layout(text);
      const widened = layout(text, { measure: wide });
      assert.equal(widened.fontFamily, 'Wide');
      assert.ok(cardOf(widened, 'a').titleLines.length > cardOf(narrow, 'a').titleLines.length);
      assert.match(renderSvg(widened), /font-family="Wide"/);
    });

    it('refuses a page\'s tables that no font has (wrong length, zeros, absurd widths): the embedded metrics stay', () => {
      const good = new Array(FONT_RANGE_SIZE).fill(600);
      assert.equal(pageMeasure('F', good.slice(1), good), undefined);
      assert.equal(pageMeasure('F', new Array(FONT_RANGE_SIZE).fill(0), good), undefined);
      assert.equal(pageMeasure('F', good, good.map(() => 1e9)), undefined);
      assert.equal(pageMeasure('F', good, good.map(() => Number.NaN)), undefined);
      assert.equal(pageMeasure(' ', good, good), undefined);
      assert.ok(pageMeasure('F', good, good));
    });

    it('declares the embedded font stack it measured for (DejaVu Sans first)', () => {
      const l = layout(mapText(oneStage('{ id: a, lane: user, name: A }')));
      assert.match(l.fontFamily, /^'DejaVu Sans', Verdana/);
      assert.match(renderSvg(l), /font-family="&#39;DejaVu Sans&#39;, Verdana/);
    });
  });
});
