import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { diffJourneys, diffSummary, diffToMarkdown, diffToText, parseIsoDate, type DiffSide, type JourneyDiff } from '../../src/core';
import { CLEAN_MAP, edit, MAP_URI, memoryReader, service, FILES } from './fixtures';

/** A side as the CLI builds it: validated (exports read) by a service of its own, then parsed. */
async function side(text: string, files: Record<string, string> = FILES): Promise<DiffSide> {
  const s = service({ fileReader: memoryReader(files) });
  const diagnostics = await s.validate(MAP_URI, text);
  return { doc: s.parse(MAP_URI, text), diagnostics };
}

async function diff(before: string, after: string): Promise<JourneyDiff> {
  return diffJourneys(await side(before), await side(after));
}

/** Applies several one-occurrence edits in turn. */
function edits(text: string, ...pairs: [string, string][]): string {
  return pairs.reduce((t, [from, to]) => edit(t, from, to), text);
}

const NEW_TOUCHPOINT = `      - id: back-in
        lane: admin
        name: Signs in again`;

describe('diff', () => {
  it('whitespace, comments and reordered keys and stages are no change', async () => {
    const cosmetic = edits(CLEAN_MAP,
      ['title: Admin locked out of account', '# reviewed in the weekly ops meeting\ntitle:   Admin locked out of account   # the title'],
      ['        channel: web\n        feels: -2', '        feels: -2\n        channel: web'],
    );
    // Stage order swapped: discover moved after contact.
    const lines = cosmetic.split('\n');
    const start = lines.findIndex((l) => l === '  - id: discover');
    const mid = lines.findIndex((l) => l === '  - id: contact');
    const end = lines.findIndex((l) => l === 'handoffs:');
    const swapped = [...lines.slice(0, start), ...lines.slice(mid, end), ...lines.slice(start, mid), ...lines.slice(end)].join('\n');
    const result = await diff(CLEAN_MAP, swapped);
    assert.equal(result.status, 'unchanged');
    assert.equal(diffSummary(result), 'no changes in the map');
    assert.match(diffToText(result, 'm.journey.yaml'), /^m\.journey\.yaml: no changes in the map\n$/);
  });

  it('touchpoints added and removed, with their lane and stage', async () => {
    const after = edits(CLEAN_MAP,
      [NEW_TOUCHPOINT, `${NEW_TOUCHPOINT}\n      - id: confirm-email\n        lane: desk\n        name: Sends a confirmation`],
      ['      - id: iam-unlock\n        lane: iam\n        name: IAM unlocks the account\n        metrics:\n          time_to_resolution: { value: 3h, target: 4h }\n', ''],
      ['  - from: desk-verify\n    to: iam-unlock\n    sla: 4h\n    wait: 3h\n    notifies_customer: true\n', '  - from: desk-verify\n    to: confirm-email\n    sla: 1h\n    notifies_customer: true\n'],
    );
    const result = await diff(CLEAN_MAP, after);
    assert.deepEqual(result.touchpoints.added.map((t) => [t.id, t.lane, t.stage]), [['confirm-email', 'desk', 'contact']]);
    assert.deepEqual(result.touchpoints.removed.map((t) => [t.id, t.name]), [['iam-unlock', 'IAM unlocks the account']]);
    assert.deepEqual(result.handoffs.map((h) => [h.change, h.from, h.to]), [['added', 'desk-verify', 'confirm-email'], ['removed', 'desk-verify', 'iam-unlock']]);
    assert.equal(result.touchpoints.renamed.length, 0, 'different content and name: not a rename');
    assert.match(diffSummary(result), /1 touchpoint added, 1 touchpoint removed/);
  });

  it('an id renamed with its content unchanged is a rename, and references that follow it are no change', async () => {
    const after = CLEAN_MAP.replace(/desk-verify/g, 'agent-verifies');
    const result = await diff(CLEAN_MAP, after);
    assert.deepEqual(result.touchpoints.renamed.map((r) => [r.from, r.to]), [['desk-verify', 'agent-verifies']]);
    assert.deepEqual(result.touchpoints.added, []);
    assert.deepEqual(result.touchpoints.removed, []);
    assert.deepEqual(result.handoffs, [], 'the handoff follows the renamed id');
    assert.deepEqual(result.findings, { introduced: [], fixed: [] });
    assert.equal(diffSummary(result), '1 touchpoint renamed');
  });

  it('an id renamed while its name stays is a rename, and its other edits are reported on it', async () => {
    const after = edits(CLEAN_MAP.replace(/desk-verify/g, 'verify'), ['fcr: { value: 64%, target: 80% }', 'fcr: { value: 82%, target: 80% }']);
    const result = await diff(CLEAN_MAP, after);
    assert.deepEqual(result.touchpoints.renamed.map((r) => [r.from, r.to]), [['desk-verify', 'verify']]);
    assert.deepEqual(result.metrics.map((m) => [m.touchpoint.id, m.metric, m.before?.status, m.after?.status]), [['verify', 'fcr', 'misses', 'meets']]);
  });

  it('moves between lanes and stages', async () => {
    const after = edits(CLEAN_MAP, ['      - id: desk-verify\n        lane: desk', '      - id: desk-verify\n        lane: iam']);
    // back-in moves from contact to a new stage "after".
    const moved = edits(after, [NEW_TOUCHPOINT + '\n        feels: 2\n        metrics:\n          csat: { value: 4.1/5, target: 4.5/5 }\n', ''])
      .replace('handoffs:', `  - id: after\n    name: After\n    touchpoints:\n${NEW_TOUCHPOINT}\n        feels: 2\n        metrics:\n          csat: { value: 4.1/5, target: 4.5/5 }\nhandoffs:`);
    const result = await diff(CLEAN_MAP, moved);
    assert.deepEqual(result.touchpoints.moved.map((m) => [m.touchpoint.id, m.lane, m.stage]), [
      ['desk-verify', { before: 'desk', after: 'iam' }, undefined],
      ['back-in', undefined, { before: 'contact', after: 'after' }],
    ]);
    assert.deepEqual(result.stages.added.map((s) => s.id), ['after']);
    assert.match(diffToText(result, 'm'), /moved desk-verify: lane desk → iam/);
    assert.match(diffToText(result, 'm'), /moved back-in: stage contact → after/);
  });

  it('feels, pains and text fields', async () => {
    const after = edits(CLEAN_MAP,
      ['feels: -2', 'feels: 0'],
      ['pains: [No hint how long the lock lasts]', 'pains: [The lock message names no time, Support cannot see the lock either]'],
      ['name: Agent verifies identity', 'name: Agent verifies identity by phone'],
    );
    const result = await diff(CLEAN_MAP, after);
    assert.deepEqual(result.feels.map((f) => [f.touchpoint.id, f.before, f.after]), [['locked-out', -2, 0]]);
    assert.deepEqual(result.pains, [{
      touchpoint: result.pains[0].touchpoint,
      added: ['The lock message names no time', 'Support cannot see the lock either'],
      removed: ['No hint how long the lock lasts'],
    }]);
    assert.deepEqual(result.touchpoints.edited.map((e) => [e.touchpoint.id, e.field, e.before, e.after]), [['desk-verify', 'name', 'Agent verifies identity', 'Agent verifies identity by phone']]);
    assert.equal(result.touchpoints.renamed.length, 0);
    assert.deepEqual(result.curve.find((p) => p.stage === 'Problem discovery'), { stage: 'Problem discovery', before: -2, after: 0 });
  });

  it('metrics: value and target changes with status before and after, added and removed', async () => {
    const after = edits(CLEAN_MAP,
      ['repeat_contact_rate: { value: 18%, target: 5%, source: tickets-q3, as_of: 2026-09-30 }', 'repeat_contact_rate: { value: 4%, target: 5%, source: tickets-q3, as_of: 2026-09-30 }'],
      ['time_to_resolution: { value: 3h, target: 4h }', 'time_to_resolution: { value: 3h, target: 2h }\n          mttr: { value: 5h, target: 8h }'],
      ['          csat: { value: 4.1/5, target: 4.5/5 }\n', ''],
    );
    const result = await diff(CLEAN_MAP, after);
    const rows = result.metrics.map((m) => [m.change, m.metric, m.before?.value, m.before?.status, m.after?.value, m.after?.target, m.after?.status]);
    assert.deepEqual(rows, [
      ['changed', 'repeat_contact_rate', '18%', 'misses', '4%', '5%', 'meets'],
      ['changed', 'time_to_resolution', '3h', 'meets', '3h', '2h', 'misses'],
      ['added', 'mttr', undefined, undefined, '5h', '8h', 'meets'],
      ['removed', 'csat', '4.1/5', 'misses', undefined, undefined, undefined],
    ]);
  });

  it('computed metrics are recomputed from the export each side read', async () => {
    const map = edits(CLEAN_MAP, ['fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, target: 80% }']);
    const exportThen = 'id,opened,resolved,escalated\n1,2026-07-01T09:00,2026-07-01T10:00,no\n2,2026-07-02T09:00,2026-07-02T10:00,yes\n';
    const exportNow = exportThen + '3,2026-07-03T09:00,2026-07-03T10:00,no\n4,2026-07-04T09:00,2026-07-04T10:00,no\n';
    const before = await side(map, { ...FILES, '/ws/data/tickets.csv': exportThen });
    const after = await side(map, { ...FILES, '/ws/data/tickets.csv': exportNow });
    const result = diffJourneys(before, after);
    const fcr = result.metrics.find((m) => m.metric === 'fcr');
    assert.ok(fcr, JSON.stringify(result.findings));
    assert.deepEqual([fcr.before?.value, fcr.before?.computed, fcr.after?.value, fcr.after?.computed], ['50%', { n: 2 }, '75%', { n: 4 }]);
    assert.match(diffToText(result, 'm'), /fcr at desk-verify: 50%, target 80% \(misses, computed n=2\) → 75%, target 80% \(misses, computed n=4\)/);
  });

  it('handoffs: SLA, wait and silent/notified changes', async () => {
    const after = edits(CLEAN_MAP, ['    wait: 3h\n    notifies_customer: true', '    wait: 6h\n    notifies_customer: false']);
    const result = await diff(CLEAN_MAP, after);
    assert.deepEqual(result.handoffs.map((h) => [h.change, h.before?.wait, h.after?.wait, h.before?.notifiesCustomer, h.after?.notifiesCustomer]), [['changed', '3h', '6h', true, false]]);
    assert.match(diffToText(result, 'm'), /desk-verify → iam-unlock: SLA 4h, wait 3h, customer notified → SLA 4h, wait 6h, silent/);
    assert.deepEqual(result.findings.introduced.map((f) => f.code).sort(), ['silent-handoff', 'sla-exceeded']);
  });

  it('handoffs in business time or per priority are compared as written', async () => {
    const calendar = 'calendar: { days: [mon, tue, wed, thu, fri], hours: 08:00-18:00, timezone: Europe/London }\n';
    const before = edit(CLEAN_MAP, 'owner: Service desk team lead\n', `owner: Service desk team lead\n${calendar}`);
    const after = edit(before, '    sla: 4h\n    wait: 3h\n', '    sla: { P1: 4h, P2: 2bd }\n    wait: 6bh\n');
    const result = await diff(before, after);
    assert.deepEqual(result.handoffs.map((h) => [h.before?.sla, h.before?.wait, h.after?.sla, h.after?.wait]), [['4h', '3h', 'P1 4h, P2 2bd', '6bh']]);
    assert.match(diffToText(result, 'm'), /SLA 4h, wait 3h, customer notified → SLA P1 4h, P2 2bd, wait 6bh, customer notified/);
  });

  it('improvements: added, removed and status changes', async () => {
    const after = edits(CLEAN_MAP, ['    due: 2026-12-31', '    due: 2026-12-31\n    status: in-progress'])
      + '  - id: callback\n    for: [desk-verify]\n    experiment: Call the admin back\n    outcome: One contact\n    signal: FCR up\n    owner: Desk lead\n    status: idea\n';
    const result = await diff(CLEAN_MAP, after);
    assert.deepEqual(result.improvements.map((i) => [i.id, i.change, i.fields, i.before?.status, i.after?.status]), [
      ['callback', 'added', [], undefined, 'idea'],
      ['lock-hint', 'changed', ['status'], undefined, 'in-progress'],
    ]);
    const removed = await diff(after, CLEAN_MAP);
    assert.deepEqual(removed.improvements.map((i) => [i.id, i.change]), [['callback', 'removed'], ['lock-hint', 'changed']]);
  });

  it('a structured signal whose state or figure changed is reported on its improvement', async () => {
    const structured = edits(CLEAN_MAP, ['    signal: 30% fewer lockout tickets within one quarter', '    signal: { metric: fcr, at: desk-verify, target: 80%, by: 2027-03-31 }']);
    const met = edits(structured, ['fcr: { value: 64%, target: 80% }', 'fcr: { value: 82%, target: 80% }']);
    const result = diffJourneys(await side(structured), await side(met), { today: parseIsoDate('2026-11-27') });
    const change = result.improvements.find((i) => i.id === 'lock-hint');
    assert.deepEqual([change?.fields, change?.before?.signal, change?.after?.signal], [['signal'], { state: 'not-yet', value: '64%' }, { state: 'met', value: '82%' }]);
    assert.match(diffToText(result, 'm'), /lock-hint: "signal not yet met \(64%\) → met \(82%\)"/);
    const undated = diffJourneys(await side(structured), await side(met));
    assert.equal(undated.improvements.length, 0, 'without a date, signals are not judged');
  });

  it('findings introduced and fixed are matched by rule and message, not by line', async () => {
    const broken = edits(CLEAN_MAP, ['        lane: iam\n', '        lane: iam-team\n']);
    const shifted = '# a comment that moves every line\n' + broken;
    const introduced = await diff(CLEAN_MAP, broken);
    // The lane id typo breaks the reference and leaves the iam lane unused.
    assert.deepEqual(introduced.findings.introduced.map((f) => [f.code, f.severity]).sort(), [['unknown-reference', 'error'], ['unused-lane', 'info']]);
    assert.match(diffSummary(introduced), /2 findings introduced \(1 error\)/);
    assert.deepEqual((await diff(broken, shifted)).findings, { introduced: [], fixed: [] });
    assert.deepEqual((await diff(broken, CLEAN_MAP)).findings.fixed.map((f) => f.code).sort(), ['unknown-reference', 'unused-lane']);
  });

  it('a side that does not parse is reported as such, never as every touchpoint removed', async () => {
    const result = await diff(CLEAN_MAP, CLEAN_MAP.replace('stages:', 'stages: [\n'));
    assert.deepEqual(result.unreadable, ['after']);
    assert.deepEqual(result.touchpoints.removed, []);
    assert.equal(result.status, 'changed');
    assert.match(diffSummary(result), /^the new version cannot be read as a journey map, so nothing was compared \(\d+ errors? introduced\)$/);
  });

  it('a map added or removed is one summary line, not a line per touchpoint', async () => {
    const added = diffJourneys(undefined, await side(CLEAN_MAP));
    assert.equal(added.status, 'added');
    assert.equal(added.touchpoints.added.length, 4);
    assert.equal(diffToText(added, 'm'), 'm: map added\n  Map\n    "Admin locked out of account": holds 3 lanes, 2 stages, 4 touchpoints, 1 handoff, 1 improvement\n');
    assert.equal(diffJourneys(await side(CLEAN_MAP), undefined).status, 'removed');
  });

  it('markdown: a summary, a section per kind, the emotion curve as a table', async () => {
    const after = edits(CLEAN_MAP, ['feels: -2', 'feels: 1'], ['    wait: 3h', '    wait: 5h']);
    const md = diffToMarkdown(await diff(CLEAN_MAP, after), 'maps/admin.journey.yaml');
    const html = new MarkdownIt().render(md);
    assert.match(html, /<h3><code>maps\/admin\.journey\.yaml<\/code> · Admin locked out of account<\/h3>/);
    assert.match(html, /<strong>1 feels changed, 1 handoff change, 1 finding introduced<\/strong>/);
    assert.match(html, /<h4>Feels<\/h4>\s*<ul>\s*<li><code>locked-out<\/code>: -2 → \+1<\/li>/);
    assert.match(html, /<h4>Handoffs<\/h4>/);
    assert.match(html, /<tr>\s*<td>Problem discovery<\/td>\s*<td style="text-align:right">-2<\/td>\s*<td style="text-align:right">\+1<\/td>\s*<\/tr>/);
  });

  it('markdown: text from the map stays text (no links, HTML, mentions, or broken table cells)', async () => {
    const hostile = '<img src=x onerror=alert(1)> [click](https://evil.example) @ops-team #12 | **bold** `code` www.evil.example';
    const after = edits(CLEAN_MAP, ['name: Problem discovery', `name: "${hostile.replace(/"/g, '\\"')}"`], ['feels: -2', 'feels: -1'],
      ['pains: [No hint how long the lock lasts]', `pains: ["${hostile.replace(/"/g, '\\"')}"]`]);
    const md = diffToMarkdown(await diff(CLEAN_MAP, after), 'maps/<b>x</b>.journey.yaml');
    const html = new MarkdownIt({ linkify: true }).render(md);
    assert.doesNotMatch(html, /<img|<a |<strong>bold|<b>/);
    assert.doesNotMatch(md, /(^|[^\\])@ops-team/, 'a mention is escaped');
    const rows = html.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    assert.ok(rows.length > 2, 'the emotion curve table is there');
    for (const row of rows) assert.equal(row.match(/<t[dh][ >]/g)?.length, 3, row);
    assert.match(html, /<li>renamed <code>discover<\/code>: “Problem discovery” → “&lt;img src=x onerror=alert\(1\)&gt; \[click\]\(https:\/\/evil\.example\) @ops-team #12 \| \*\*bold\*\* `code` www\.evil\.example”<\/li>/, html);
  });
});
