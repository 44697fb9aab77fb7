import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/core';
import { applyEdits, CLEAN_MAP, edit, lint, MAP_URI, reviewEdits, service, TODAY } from './fixtures';

async function fixFor(text: string, code: string) {
  const diagnostic = (await lint(text)).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} in the fixture`);
  return { diagnostic, fixes: service().fixes(MAP_URI, text, diagnostic as Diagnostic) };
}

async function applyFirst(text: string, code: string): Promise<string> {
  const { fixes } = await fixFor(text, code);
  assert.ok(fixes.length > 0, `no fix for ${code}`);
  return applyEdits(text, fixes[0].edits);
}

describe('quick fixes', () => {
  it('did-you-mean for an unknown key changes only the key', async () => {
    const broken = edit(CLEAN_MAP, 'channel: web', 'chanel: web');
    assert.equal(await applyFirst(broken, 'unknown-key'), CLEAN_MAP);
  });

  it('did-you-mean for an unknown reference keeps the quotes', async () => {
    const broken = edit(CLEAN_MAP, 'lane: iam\n', 'lane: "iamm"\n');
    assert.equal(await applyFirst(broken, 'unknown-reference'), edit(CLEAN_MAP, 'lane: iam\n', 'lane: "iam"\n'));
  });

  it('did-you-mean for a misspelt enum value', async () => {
    assert.equal(await applyFirst(edit(CLEAN_MAP, 'kind: frontstage', 'kind: frontstge'), 'invalid-value'), CLEAN_MAP);
  });

  it('inserts a missing field into the item, with its indentation, and the file lints clean of that finding', async () => {
    const broken = edit(CLEAN_MAP, '    kind: backstage\n', '');
    const fixed = await applyFirst(broken, 'missing-field');
    assert.equal(fixed, edit(CLEAN_MAP, "    kind: backstage\n", "    kind: customer\n"));
    assert.ok(!(await lint(fixed)).some((d) => d.code === 'missing-field'));
  });

  it('inserts a missing top-level field after the header', async () => {
    const broken = edit(CLEAN_MAP, 'scenario: Locked out after three failed sign-ins\n', '');
    const fixed = await applyFirst(broken, 'missing-field');
    assert.match(fixed, /^review:\n {2}last: 2026-10-30\n {2}every: quarter\nscenario: "TODO"\nsources:/m);
  });

  it('a bare `stages:` gets a first stage, not `[]` (itself reported as empty)', async () => {
    const start = CLEAN_MAP.indexOf('stages:\n');
    const end = CLEAN_MAP.indexOf('\nhandoffs:');
    assert.ok(start > 0 && end > start);
    const broken = `${CLEAN_MAP.slice(0, start)}stages:${CLEAN_MAP.slice(end)}`;
    const fixed = await applyFirst(broken, 'missing-field');
    assert.ok(fixed.includes('stages:\n  - id: discover\n    name: Problem discovery\n    touchpoints: []\nhandoffs:'), fixed);
    assert.ok(!(await lint(fixed)).some((d) => d.code === 'missing-field' && /stages/.test(d.message)));
  });

  it('mark reviewed today replaces only the date', async () => {
    const broken = edit(CLEAN_MAP, 'last: 2026-10-30', 'last: 2024-10-30');
    assert.equal(await applyFirst(broken, 'review-stale'), edit(CLEAN_MAP, 'last: 2026-10-30', `last: ${TODAY}`));
  });

  it('mark reviewed today adds a review block when there is none, and keeps comments', async () => {
    const broken = edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', '# the owner changed in May\n');
    const fixed = await applyFirst(broken, 'review-missing');
    assert.match(fixed, /owner: Service desk team lead\nreview:\n {2}last: 2026-11-27\n {2}every: quarter\n# the owner changed in May\nsources:/);
  });

  it('mark reviewed today fills `last` into an existing review block', async () => {
    const broken = edit(CLEAN_MAP, '  last: 2026-10-30\n', '');
    const fixed = await applyFirst(broken, 'review-missing');
    assert.equal(fixed, edit(CLEAN_MAP, 'last: 2026-10-30', `last: ${TODAY}`));
  });

  it('adds a target to a shorthand metric and to a flow mapping', async () => {
    const shorthand = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: 64%');
    assert.equal(await applyFirst(shorthand, 'metric-without-target'), edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: 64% }'));
    const flow = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, source: tickets-q3 }');
    assert.equal(await applyFirst(flow, 'metric-without-target'), edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: 64%, source: tickets-q3 }'));
  });

  it('adds a target line to a block metric', async () => {
    const block = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr:\n            value: 64%\n            source: tickets-q3');
    const fixed = await applyFirst(block, 'metric-without-target');
    assert.match(fixed, /fcr:\n {12}value: 64%\n {12}target: 64%\n {12}source: tickets-q3/);
  });

  it('completes an incomplete hypothesis with quoted placeholders that parse', async () => {
    const broken = edit(CLEAN_MAP, '    outcome: Fewer contacts while the lock runs out\n', '');
    const fixed = await applyFirst(broken, 'hypothesis-incomplete');
    assert.match(fixed, / {4}due: 2026-12-31\n {4}outcome: "TODO: the result we expect"\n$/);
    // The hypothesis is complete; what remains is the placeholder, which the team must still replace.
    assert.deepEqual((await lint(fixed)).map((d) => d.code), ['placeholder-text']);
  });

  it('offers to add a missing runbook heading to the runbook file', async () => {
    const { fixes } = await fixFor(edit(CLEAN_MAP, 'lockout.md#symptoms', 'lockout.md#reset-email-delays'), 'runbook-anchor-missing');
    assert.deepEqual(fixes[0].fileChange, { path: '/ws/runbooks/lockout.md', append: '\n## Reset email delays\n\n', create: false });
  });

  it('offers to create a missing runbook', async () => {
    const { fixes } = await fixFor(edit(CLEAN_MAP, 'lockout.md#symptoms', 'locked.md#symptoms'), 'runbook-missing');
    assert.deepEqual(fixes[0].fileChange, { path: '/ws/runbooks/locked.md', append: '# Sees "account locked"\n\n## Symptoms\n\n', create: true });
  });

  it('offers nothing for a rule without a fix, and never matches on message text', async () => {
    const { fixes } = await fixFor(edit(CLEAN_MAP, 'wait: 3h', 'wait: 6h'), 'sla-exceeded');
    assert.deepEqual(fixes, []);
    const fake: Diagnostic = { code: 'no-such-rule', severity: 'error', message: 'Did you mean `title`?', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    assert.deepEqual(service().fixes(MAP_URI, CLEAN_MAP, fake), []);
  });

  it('keeps CR-only (classic Mac) line endings when inserting lines, and adds a target as valid YAML', async () => {
    const cr = edit(CLEAN_MAP, '    kind: backstage\n', '').replace(/\n/g, '\r');
    const { fixes } = await fixFor(cr, 'missing-field');
    assert.equal(fixes[0].edits[0].newText, '\r    kind: customer');
    // A block metric in a CR-only file: the `{` of an earlier flow mapping is no reason to write `, target:`.
    const block = edit(CLEAN_MAP, 'time_to_resolution: { value: 3h, target: 4h }', 'time_to_resolution:\n            value: 4h').replace(/\n/g, '\r');
    const target = await fixFor(block, 'metric-without-target');
    assert.equal(target.fixes[0].edits[0].newText, '\r            target: 4h');
    const fixed = applyEdits(block.replace(/\r/g, '\n'), target.fixes[0].edits).replace(/\r/g, '\n');
    assert.match(fixed, /time_to_resolution:\n {12}value: 4h\n {12}target: 4h\n/);
  });

  it('never offers a fix whose result would not parse', async () => {
    // Every fix the core offers for the mutations of the rule tests keeps the YAML valid.
    const { parseDocument } = await import('yaml');
    for (const [text, code] of [
      [edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: 64%'), 'metric-without-target'],
      [edit(CLEAN_MAP, '    kind: backstage\n', ''), 'missing-field'],
      [edit(CLEAN_MAP, '    signal: 30% fewer lockout tickets within one quarter\n', ''), 'hypothesis-incomplete'],
      [edit(CLEAN_MAP, 'last: 2026-10-30', 'last: 2024-10-30'), 'review-stale'],
    ] as const) {
      const { fixes } = await fixFor(text, code);
      assert.ok(fixes.length > 0, code);
      for (const fix of fixes) assert.deepEqual(parseDocument(applyEdits(text, fix.edits)).errors, [], `${code}: ${fix.title}`);
    }
  });

  it('keeps CRLF line endings when inserting lines', async () => {
    const crlf = edit(CLEAN_MAP, '    kind: backstage\n', '').replace(/\n/g, '\r\n');
    const { fixes } = await fixFor(crlf, 'missing-field');
    assert.equal(fixes[0].edits[0].newText, '\r\n    kind: customer');
  });
});

describe('mark reviewed (command)', () => {
  it('is a no-op when the map was reviewed today', () => {
    const today = edit(CLEAN_MAP, 'last: 2026-10-30', `last: ${TODAY}`);
    assert.deepEqual(service().markReviewed(MAP_URI, today), { edits: [] });
  });

  it('fills an empty `last:` in place instead of adding a second `last`', () => {
    const empty = edit(CLEAN_MAP, 'last: 2026-10-30', 'last:');
    const review = service().markReviewed(MAP_URI, empty);
    assert.equal(applyEdits(empty, reviewEdits(review)), edit(CLEAN_MAP, 'last: 2026-10-30', `last: ${TODAY}`));
  });

  it('refuses, with what to do, a review written as text or as a list, keeping what the team wrote', () => {
    for (const value of ['>-\n  reviewed with the desk leads\n  every quarter', '\n  - 2026-10-30\n  - quarter', 'monthly with the desk leads']) {
      const text = edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter', `review: ${value}`);
      const review = service().markReviewed(MAP_URI, text);
      assert.ok('refused' in review, `${value}: ${JSON.stringify(review)}`);
      assert.match(review.refused, /review: \{ last: \d{4}-\d{2}-\d{2}, every: quarter \}/);
    }
  });

  it('every edit it makes leaves the map valid YAML with review.last set to today', async () => {
    const { parseDocument } = await import('yaml');
    const variants = [
      CLEAN_MAP,
      edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', ''),
      edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', 'review:\n'),
      edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', 'review: { every: quarter }\n'),
      edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', 'review: {}\n'),
      edit(CLEAN_MAP, '  last: 2026-10-30\n', '  # the last review\n  last: 2026-10-30 # with the leads\n'),
      edit(CLEAN_MAP, 'last: 2026-10-30', 'last: "2026-10-30"'),
      CLEAN_MAP.replace(/\n/g, '\r'),
    ];
    for (const text of variants) {
      const review = service().markReviewed(MAP_URI, text);
      assert.ok('edits' in review, JSON.stringify(review));
      const after = parseDocument(applyEdits(text.replace(/\r/g, '\n'), review.edits).replace(/\r/g, '\n'));
      assert.deepEqual(after.errors, [], text.slice(0, 200));
      assert.equal(String(after.getIn(['review', 'last'])), TODAY, text.slice(0, 200));
    }
  });

  it('inserts `last` into a flow-style review', () => {
    const flow = edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', 'review: { every: quarter }\n');
    assert.equal(applyEdits(flow, reviewEdits(service().markReviewed(MAP_URI, flow))), edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', `review: { last: ${TODAY}, every: quarter }\n`));
  });
});

describe('links and stage summaries', () => {
  it('resolves runbook and source links relative to the map, with anchors', () => {
    const links = service().links(MAP_URI, CLEAN_MAP);
    assert.deepEqual(links.map((l) => [l.kind, l.target, l.anchor, l.touchpoint?.id]), [
      ['runbook', '/ws/runbooks/lockout.md', 'symptoms', 'locked-out'],
      ['source', '/ws/data/tickets.csv', undefined, undefined],
    ]);
  });

  it('leaves out links that are URLs, absolute, or outside the workspace', () => {
    for (const link of ['https://wiki.example/runbook.md', '/etc/passwd', '../../../../etc/passwd']) {
      const text = edit(CLEAN_MAP, '../runbooks/lockout.md#symptoms', `"${link}"`);
      assert.deepEqual(service().links(MAP_URI, text).map((l) => l.kind), ['source'], link);
    }
  });

  it('summarises each stage for CodeLens', () => {
    const summaries = service().stageSummaries(MAP_URI, CLEAN_MAP);
    assert.deepEqual(summaries.map((s) => [s.stageId, s.touchpointCount, s.averageFeels, s.missingTarget]), [
      ['discover', 1, -2, ['repeat_contact_rate']],
      ['contact', 3, 2, ['fcr', 'csat']],
    ]);
  });
});
