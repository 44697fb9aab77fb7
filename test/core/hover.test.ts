import * as assert from 'node:assert/strict';
import { CLEAN_MAP, edit, MAP_URI, positionOf, service } from './fixtures';

const hover = (text: string, needle: string, delta = 1) => service().hover(MAP_URI, text, positionOf(text, needle, delta));

describe('hover', () => {
  it('on a metric: full name, definition, value against target with the gap, direction, source and its age', () => {
    const h = hover(CLEAN_MAP, 'repeat_contact_rate')!;
    assert.match(h.contents, /\*\*Repeat Contact Rate\*\*/);
    assert.match(h.contents, /Share of customers who contact support again/);
    assert.match(h.contents, /Value:\*\* 18% · \*\*Target:\*\* 5% · ❌ misses target by 13 points/);
    assert.match(h.contents, /Lower is better/);
    assert.match(h.contents, /Source:\*\* `tickets-q3` \(tickets, 2026-07-01 to 2026-09-30\)/);
    assert.match(h.contents, /Measured:\*\* 2026-09-30 \(58 days ago\)/);
    assert.equal(h.range.start.line, positionOf(CLEAN_MAP, 'repeat_contact_rate').line);
  });

  it('on a metric that meets its target, and on one in a duration unit', () => {
    const text = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 85%, target: 80% }');
    assert.match(hover(text, 'fcr:')!.contents, /✅ meets target/);
    assert.match(hover(edit(CLEAN_MAP, 'value: 3h, target: 4h', 'value: 6h, target: 4h'), 'time_to_resolution')!.contents, /misses target by 2h/);
  });

  it('on ratings with different scales, the gap is a share of the scale', () => {
    const text = edit(CLEAN_MAP, 'csat: { value: 4.1/5, target: 4.5/5 }', 'csat: { value: 4.1/5, target: 9/10 }');
    assert.match(hover(text, 'csat:')!.contents, /misses target by 8% of the scale/);
  });

  it('on a touchpoint id: a card with stage, lane, channel, feels, metrics table, pains, runbook, improvements', () => {
    const h = hover(CLEAN_MAP, 'id: locked-out', 5)!.contents;
    assert.match(h, /### Sees "account locked" `locked-out`/);
    assert.match(h, /Stage:\*\* Problem discovery · \*\*Lane:\*\* Tenant admin \(customer\) · \*\*Channel:\*\* web/);
    assert.match(h, /Feels:\*\* -2 \(negative: frustrated, anxious, losing trust\)/);
    assert.match(h, /\| Repeat Contact Rate \| 18% \| 5% \| ❌ misses target by 13 points \|/);
    assert.match(h, /- No hint how long the lock lasts/);
    assert.match(h, /Runbook:\*\* `\.\.\/runbooks\/lockout\.md#symptoms`/);
    assert.match(h, /Improvements:\*\* `lock-hint`/);
  });

  it('on a reference: the referenced item', () => {
    assert.match(hover(CLEAN_MAP, 'lane: desk', 7)!.contents, /### Service desk `desk`[\s\S]*frontstage \(visible to the customer\)[\s\S]*Team:\*\* Support[\s\S]*1 touchpoint/);
    assert.match(hover(CLEAN_MAP, 'to: iam-unlock', 5)!.contents, /### IAM unlocks the account/);
    assert.match(hover(CLEAN_MAP, 'source: tickets-q3', 9)!.contents, /### Source `tickets-q3`[\s\S]*Period:\*\* 2026-07-01 to 2026-09-30/);
  });

  it('on a dangling reference: says it is not defined', () => {
    const text = edit(CLEAN_MAP, 'to: iam-unlock', 'to: iam-unlok');
    assert.match(hover(text, 'to: iam-unlok', 5)!.contents, /No touchpoint has the id `iam-unlok`/);
  });

  it('on feels: the scale, with the current value marked', () => {
    const h = hover(CLEAN_MAP, 'feels: -2', 1)!.contents;
    assert.match(h, /from -3 to \+3/);
    assert.match(h, /\| -2 \| negative: frustrated, anxious, losing trust \| ◀/);
  });

  it('on an improvement: the hypothesis sentence', () => {
    const h = hover(CLEAN_MAP, 'id: lock-hint', 5)!.contents;
    assert.match(h, /We believe that \*\*showing when the lock expires on the sign-in page\*\* will result in \*\*fewer contacts while the lock runs out\*\*\. We will know we succeeded when \*\*30% fewer lockout tickets within one quarter\*\*\./);
    assert.match(h, /Owner:\*\* IAM team · \*\*Due:\*\* 2026-12-31/);
  });

  it('an incomplete hypothesis shows placeholders for the missing parts', () => {
    const text = edit(CLEAN_MAP, '    outcome: Fewer contacts while the lock runs out\n', '');
    assert.match(hover(text, 'id: lock-hint', 5)!.contents, /will result in _\[outcome\]_/);
  });

  it('on a key: its description from the format', () => {
    assert.match(hover(CLEAN_MAP, 'scenario:')!.contents, /The one situation this map follows/);
    assert.match(hover(CLEAN_MAP, 'notifies_customer')!.contents, /Whether the customer is told/);
  });

  it('escapes file text: Markdown links, images and HTML from a map stay text', () => {
    const text = edit(CLEAN_MAP, 'name: Sees "account locked"', 'name: "[click](command:workbench.action.reloadWindow) ![x](http://evil/x.png) <img src=x onerror=alert(1)>"');
    const h = hover(text, 'id: locked-out', 5)!.contents;
    assert.ok(!h.includes('](command:'), h);
    assert.ok(!h.includes('<img'), h);
    assert.match(h, /\\\[click\\\]\\\(command:/);
  });

  it('nothing on blank space or comments', () => {
    const text = CLEAN_MAP + '\n# a comment\n';
    assert.equal(hover(text, '# a comment', 3), undefined);
  });
});

describe('hover escaping', () => {
  it('leaves numbers alone and escapes only what Markdown would act on', async () => {
    const { text } = await import('../../src/core/language/hover');
    assert.equal(text('4.1/5'), '4.1/5');
    assert.equal(text('1. step one'), '1\\. step one');
    assert.equal(text('- not a list'), '\\- not a list');
    assert.equal(text('sign-in [x](y)'), 'sign-in \\[x\\]\\(y\\)');
  });
});

describe('hover on keys deep in the file', () => {
  it('finds every key, wherever it is nested', () => {
    const ls = service();
    for (const [needle, pattern] of [['journeymap:', /Format version/], ['kind: customer', /customer \(the persona\)/], ['touchpoints:', /Touchpoints in this stage/], ['runbook:', /The runbook for this touchpoint/], ['impact:', /Expected impact/]] as const) {
      const h = ls.hover(MAP_URI, CLEAN_MAP, positionOf(CLEAN_MAP, needle, 1));
      assert.match(h?.contents ?? '', pattern, needle);
    }
  });
});

describe('hover escaping of bare URLs', () => {
  it('bare URLs and www. names are not autolinked', async () => {
    const { text } = await import('../../src/core/language/hover');
    const out = text('see https://evil.example/x and www.evil.example');
    assert.ok(!/https:\/\//.test(out) && !/www\./.test(out), out);
    assert.match(out, /https\\:\/\/evil/);
  });
});
