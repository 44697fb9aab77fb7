import * as assert from 'node:assert/strict';
import { parseJourney, type CompletionItem, type Position } from '../../src/core';
import { completionContext, doComplete } from '../../src/core/language/completion';
import { CLEAN_MAP, MAP_URI, edit, lint, positionOf, service } from './fixtures';

/** Completion at the `|` in `marked` (the bar is removed from the text first). */
function complete(marked: string): { items: CompletionItem[]; text: string; position: Position } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no | cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  return { items: service().complete(MAP_URI, text, position), text, position };
}

function labels(marked: string): string[] {
  return complete(marked).items.map((i) => i.label);
}

function contextPath(marked: string): (string | number)[] | undefined {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const doc = parseJourney(text);
  return completionContext(doc, doc.lines.positionAt(offset))?.path;
}

/** Inserts `insert` (with its `|` cursor) right after the one occurrence of `after` in CLEAN_MAP. */
function inMap(after: string, insert: string): string {
  return edit(CLEAN_MAP, after, after + insert);
}

/** Expands a snippet the way an editor does with every placeholder left at its default. */
function expandSnippet(snippet: string, indent = ''): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\n/g, `\n${indent}`);
}

function insertCompletion(text: string, item: CompletionItem, indent = ''): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const insert = item.snippet ? expandSnippet(item.insertText ?? item.label, indent) : item.insertText ?? item.label;
  return text.slice(0, offset(item.range.start)) + insert + text.slice(offset(item.range.end));
}

describe('completion: keys', () => {
  it('on an empty line inside a touchpoint, offers the touchpoint keys not yet present, with descriptions', () => {
    const { items, position } = complete(inMap('        channel: web\n', '        |\n'));
    const names = items.map((i) => i.label);
    assert.deepEqual(names.sort(), ['does', 'next', 'thinks'].sort());
    const next = items.find((i) => i.label === 'next')!;
    assert.equal(next.kind, 'property');
    assert.match(next.documentation ?? '', /Explicit flow/);
    assert.equal(next.insertText, 'next: [$1]');
    assert.equal(next.snippet, true);
    assert.deepEqual(next.range, { start: position, end: position });
  });

  it('derives the key path by indentation, counting list items', () => {
    assert.deepEqual(contextPath(inMap('          csat: { value: 4.1/5, target: 4.5/5 }\n', '          |\n')),
      ['stages', 1, 'touchpoints', 2, 'metrics']);
    assert.deepEqual(contextPath(inMap('    team: Support\n', '    |\n')), ['lanes', 1]);
    assert.deepEqual(contextPath(inMap('  every: quarter\n', '  |\n')), ['review']);
    assert.deepEqual(contextPath(inMap('    notifies_customer: true\n', '|\n')), []);
  });

  it('offers the keys of the list item being started after `- `', () => {
    const names = labels(inMap('    kind: backstage\n', '  - |\n'));
    assert.deepEqual(names, ['id', 'name', 'kind', 'team']);
  });

  it('at a list\'s indentation before any dash, offers a whole new entry that lints as one', async () => {
    const marked = inMap('    kind: backstage\n', '  |\n');
    const { items, text } = complete(marked);
    assert.equal(items[0].label, '- new lane');
    assert.equal(items[0].insertText, '- id: ${1:desk}\n  name: ${2:Service desk (Tier 1)}\n  kind: ${3|customer,frontstage,backstage,system|}');
    assert.deepEqual(items.slice(1).map((i) => i.label), ['- id', '- name', '- kind', '- team']);
    const inserted = insertCompletion(text, items[0], '  ');
    const lanes = parseJourney(inserted).map.lanes;
    assert.deepEqual(lanes.map((l) => [l.id?.value, l.kind?.value]), [['admin', 'customer'], ['desk', 'frontstage'], ['iam', 'backstage'], ['desk', 'customer']]);
    assert.deepEqual((await lint(inserted)).filter((d) => d.code === 'yaml-syntax' || d.code === 'unknown-key'), []);
  });

  it('completes ids containing dashes and dots mid-word, in block lists too', () => {
    const marked = inMap('        channel: web\n', '        next:\n          - desk-v|\n');
    const { items, position } = complete(marked);
    assert.deepEqual(items.map((i) => i.label), ['locked-out', 'desk-verify', 'iam-unlock', 'back-in']);
    assert.deepEqual(items[0].range.start, { line: position.line, character: 12 });
  });

  it('replaces the word being typed, and inserts the bare key when a colon already follows', () => {
    const typed = complete(inMap('        channel: web\n', '        thi|\n'));
    const thinks = typed.items.find((i) => i.label === 'thinks')!;
    assert.deepEqual(thinks.range, { start: { line: typed.position.line, character: 8 }, end: typed.position });
    assert.equal(thinks.insertText, 'thinks: ');
    const renaming = complete(edit(CLEAN_MAP, '        channel: web\n', '        cha|nnel: web\n'));
    const channel = renaming.items.find((i) => i.label === 'channel')!;
    assert.equal(channel.insertText, 'channel');
    assert.equal(channel.snippet, undefined);
    assert.deepEqual(channel.range.end, { line: renaming.position.line, character: 15 });
  });

  it('on a top-level line, offers only the missing top-level keys', () => {
    const text = edit(edit(CLEAN_MAP, 'goal: Regain access within 30 minutes with one contact\n', ''), 'owner: Service desk team lead\n', '');
    assert.deepEqual(labels(edit(text, 'lanes:\n', '|\nlanes:\n')), ['goal', 'owner', 'state', 'baseline', 'calendar']);
    assert.deepEqual(labels(inMap('    due: 2026-12-31\n', '|')), ['state', 'baseline', 'calendar']);
  });

  it('gives list fields a snippet that becomes a valid entry', async () => {
    const text = edit(CLEAN_MAP, 'handoffs:\n  - from: desk-verify\n    to: iam-unlock\n    sla: 4h\n    wait: 3h\n    notifies_customer: true\n', '|\n');
    const item = complete(text).items.find((i) => i.label === 'handoffs')!;
    assert.equal(item.snippet, true);
    assert.equal(item.detail, 'list of handoffs');
    const inserted = insertCompletion(complete(text).text, item);
    assert.ok(inserted.includes('handoffs:\n  - from: \n    to: \n    sla: 4h\n    notifies_customer: false\n'), inserted);

    const review = complete(edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', '|\n')).items.find((i) => i.label === 'review')!;
    const withReview = insertCompletion(edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', '\n'), review);
    assert.ok(withReview.includes('review:\n  last: 2026-09-30\n  every: month\n'));
    const diagnostics = await lint(withReview);
    assert.ok(!diagnostics.some((d) => d.severity === 'error'), JSON.stringify(diagnostics));
  });

  it('indents snippet lines for a key typed after a list dash', () => {
    const marked = edit(CLEAN_MAP, '  - id: discover\n    name: Problem discovery\n', '  - |id: discover\n    name: Problem discovery\n');
    const onKey = complete(marked).items;
    assert.deepEqual(onKey.map((i) => [i.label, i.insertText]), [['id', 'id']], 'the key under the cursor is replaced, its colon kept');
    const after = complete(edit(CLEAN_MAP, '    name: Problem discovery\n    touchpoints:\n', '    name: Problem discovery\n    |\n'));
    const item = after.items.find((i) => i.label === 'touchpoints')!;
    assert.equal(item.insertText, 'touchpoints:\n  - id: ${1:reset-email}\n    lane: $2\n    name: ${3:Requests a password reset}\n    feels: ${4:-1}');
    const dashed = complete('journeymap: 1\nstages:\n  - |\n').items.find((i) => i.label === 'touchpoints')!;
    assert.ok(dashed.insertText?.startsWith('touchpoints:\n    - id: '), 'two more spaces for the dash');
  });
});

describe('completion: as you type', () => {
  it('a key whose value is an id (lane, source) asks for completion again once inserted; a free-text key does not', () => {
    const { items } = complete(inMap('        channel: web\n', '        |\n').replace('        lane: admin\n', ''));
    const lane = items.find((i) => i.label === 'lane');
    assert.ok(lane, JSON.stringify(items.map((i) => i.label)));
    assert.equal(lane.retrigger, true);
    assert.equal(items.find((i) => i.label === 'does')?.retrigger, undefined);
  });
});

describe('completion: values', () => {
  it('after `lane: ` offers the lane ids with their names', () => {
    const { items } = complete(inMap('        channel: web\n', '        lane: |\n'));
    assert.deepEqual(items.map((i) => [i.label, i.kind, i.detail]), [
      ['admin', 'reference', 'Tenant admin · customer'],
      ['desk', 'reference', 'Service desk · frontstage'],
      ['iam', 'reference', 'IAM team · backstage'],
    ]);
  });

  it('adds the missing space right after the colon', () => {
    const { items } = complete(edit(CLEAN_MAP, 'impact: high', 'impact:|'));
    assert.deepEqual(items.map((i) => i.insertText), [' low', ' medium', ' high']);
  });

  it('replaces the partly typed id', () => {
    const { items, position } = complete(edit(CLEAN_MAP, 'lane: iam\n', 'lane: de|m\n'));
    assert.deepEqual(items[0].range, {
      start: { line: position.line, character: position.character - 2 },
      end: { line: position.line, character: position.character + 1 },
    });
  });

  it('inside `next: [` offers touchpoint ids, leaving out those already listed', () => {
    assert.deepEqual(labels(inMap('        channel: web\n', '        next: [|\n')), ['locked-out', 'desk-verify', 'iam-unlock', 'back-in']);
    assert.deepEqual(labels(inMap('        channel: web\n', '        next: [desk-verify, |]\n')), ['locked-out', 'iam-unlock', 'back-in']);
    const item = complete(inMap('        channel: web\n', '        next: [desk-verify, |]\n')).items[0];
    assert.equal(item.detail, 'Sees "account locked"');
    assert.match(item.documentation ?? '', /Stage: Problem discovery/);
  });

  it('offers touchpoint ids for handoff ends, improvement targets and block lists', () => {
    const all = ['locked-out', 'desk-verify', 'iam-unlock', 'back-in'];
    assert.deepEqual(labels(edit(CLEAN_MAP, '  - from: desk-verify', '  - from: |')), all);
    assert.deepEqual(labels(edit(CLEAN_MAP, '    to: iam-unlock', '    to: i|')), all);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'for: [locked-out]', 'for: [locked-out, |]')), all.slice(1));
    assert.deepEqual(labels(inMap('        channel: web\n', '        next:\n          - |\n')), all);
  });

  it('offers source ids for a metric `source:`, in flow and block form', () => {
    assert.deepEqual(labels(edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: 80%, source: | }')), ['tickets-q3']);
    const block = edit(CLEAN_MAP, '          fcr: { value: 64%, target: 80% }\n', '          fcr:\n            value: 64%\n            source: |\n');
    const { items } = complete(block);
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['tickets-q3', 'tickets']]);
  });

  it('offers the enum values of the shape the key is in', () => {
    assert.deepEqual(labels(edit(CLEAN_MAP, '    kind: backstage', '    kind: |')), ['customer', 'frontstage', 'backstage', 'system']);
    assert.deepEqual(labels(edit(CLEAN_MAP, '    kind: tickets', '    kind: |')),
      ['tickets', 'csat', 'transcripts', 'interviews', 'analytics', 'agent-notes', 'survey', 'assumption']);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'impact: high', 'impact: |')), ['low', 'medium', 'high']);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'effort: low', 'effort: l|ow')), ['low', 'medium', 'high']);
    assert.deepEqual(labels(inMap('    due: 2026-12-31\n', '    status: |\n')), ['idea', 'planned', 'in-progress', 'done', 'dropped']);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, better: | }')), ['higher', 'lower']);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'every: quarter', 'every: |')), ['month', 'quarter', 'half-year', 'year', '30d']);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'notifies_customer: true', 'notifies_customer: |')), ['true', 'false']);
  });

  it('offers feels from -3 to 3 with their meanings', () => {
    const { items } = complete(edit(CLEAN_MAP, 'feels: -2', 'feels: -|2'));
    assert.deepEqual(items.map((i) => i.label), ['-3', '-2', '-1', '0', '1', '2', '3']);
    assert.match(items[0].documentation ?? '', /^very negative: angry/);
    // The same words as the hover of `feels`: one scale, worded once (format/words.ts).
    const scale = service().hover(MAP_URI, CLEAN_MAP, positionOf(CLEAN_MAP, 'feels: -2', 1))!.contents;
    for (const item of items) assert.ok(scale.includes(`| ${item.documentation!.replace(/\.$/, '')} |`), `${item.label}: ${item.documentation}`);
    assert.match(items[6].documentation ?? '', /^very positive: delighted/);
    assert.equal(items[0].range.end.character - items[0].range.start.character, 2, 'the range covers `-2`');
  });

  it('offers nothing in free text, in a comment, or for a key with no fixed values', () => {
    assert.deepEqual(labels(edit(CLEAN_MAP, 'name: IAM team', 'name: IAM |team')), []);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'lane: iam\n', 'lane: iam # the l|ane\n')), []);
    assert.deepEqual(labels(inMap('stages:\n', '# lane: |\n')), []);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'channel: web', 'channel: |')), []);
  });
});

describe('completion: metrics', () => {
  it('under `metrics:` offers catalogue metrics not yet measured, with full name and definition', () => {
    const { items } = complete(inMap('          fcr: { value: 64%, target: 80% }\n', '          |\n'));
    assert.equal(items.length, 19);
    assert.ok(!items.some((i) => i.label === 'fcr'));
    const mttr = items.find((i) => i.label === 'mttr')!;
    assert.equal(mttr.kind, 'metric');
    assert.equal(mttr.detail, 'Mean Time to Resolve');
    assert.match(mttr.documentation ?? '', /Average time from submission to closure/);
    assert.match(mttr.documentation ?? '', /lower is better/);
    assert.equal(mttr.insertText, 'mttr: { value: ${1:6h}, target: ${2:4h} }', 'a body in the metric\'s own unit');
  });

  it('inside a metric offers its fields, in block and in flow form', () => {
    const block = edit(CLEAN_MAP, '          fcr: { value: 64%, target: 80% }\n', '          fcr:\n            value: 64%\n            |\n');
    assert.deepEqual(labels(block), ['target', 'source', 'as_of', 'better', 'from', 'where', 'sla', 'stat', 'tolerance', 'note']);
    assert.deepEqual(labels(edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, | }')), ['target', 'source', 'as_of', 'better', 'from', 'where', 'sla', 'stat', 'tolerance', 'note']);
  });
});

describe('completion: new and broken files', () => {
  it('offers a journey map skeleton in a brand-new file, and the skeleton lints without errors', async () => {
    const { items } = complete('|');
    assert.equal(items[0].kind, 'snippet');
    assert.equal(items[0].snippet, true);
    assert.ok(items[0].insertText?.startsWith('journeymap: 1\n'));
    assert.ok(items.some((i) => i.label === 'title'));
    const text = insertCompletion('', items[0]);
    const diagnostics = await lint(text);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(parseJourney(text).map.touchpoints.length, 1);
  });

  it('still reads the context when the YAML does not parse', () => {
    const broken = edit(CLEAN_MAP, 'title: Admin locked out of account', 'title: "Admin locked out of account\n  bad: [');
    assert.ok(parseJourney(broken).findings.some((f) => f.code === 'yaml-syntax'));
    const marked = edit(broken, '        channel: web\n', '        channel: web\n        do|\n');
    assert.deepEqual(contextPath(marked), ['stages', 0, 'touchpoints', 0]);
    assert.deepEqual(labels(marked), ['does', 'thinks', 'next']);
  });

  it('works the same with CRLF line endings', () => {
    const crlf = inMap('        channel: web\n', '        lane: |\n').replace(/\n/g, '\r\n');
    const { items, position } = complete(crlf);
    assert.deepEqual(items.map((i) => i.label), ['admin', 'desk', 'iam']);
    assert.deepEqual(items[0].range, { start: position, end: position });
    const keys = labels(inMap('        channel: web\n', '        |\n').replace(/\n/g, '\r\n'));
    assert.deepEqual(keys.sort(), ['does', 'next', 'thinks']);
  });

  it('reads a half-typed touchpoint under a compact list', () => {
    const text = 'journeymap: 1\nlanes:\n- id: a\n  kind: customer\nstages:\n- id: s\n  touchpoints:\n  - id: t\n    lane: |';
    assert.deepEqual(contextPath(text), ['stages', 0, 'touchpoints', 0]);
    assert.deepEqual(labels(text), ['a']);
  });

  it('never throws and keeps every range inside the document, at every offset of a mangled file', () => {
    const mangled = CLEAN_MAP.slice(0, 1400)
      .replace('  - id: iam\n', '  -id: iam: x\n')
      .replace('for: [locked-out]', 'for: [locked-out, {')
      .replace('    team: Support\n', '    team: Support\n   bad: indentation\n\tkind:\n')
      + '\n  ]] {{ &a *b !tag "x\r\n  - : :\n-';
    const doc = parseJourney(mangled);
    let offered = 0;
    for (let offset = 0; offset <= mangled.length; offset++) {
      const position = doc.lines.positionAt(offset);
      for (const item of doComplete(doc, position)) {
        offered++;
        const { start, end } = item.range;
        assert.ok(start.line === position.line && end.line === position.line, `offset ${offset}: range on another line`);
        assert.ok(start.character <= position.character && position.character <= end.character, `offset ${offset}: range does not hold the cursor`);
        assert.ok(end.character <= doc.lines.lineText(position.line).length);
      }
    }
    assert.ok(offered > 1000, `only ${offered} items offered`);
    for (const p of [{ line: -1, character: 0 }, { line: 1e9, character: 1e9 }, { line: NaN, character: 3 }, { line: 2, character: -5 }]) {
      assert.ok(Array.isArray(doComplete(doc, p)));
    }
  });

  it('completes correctly at the end of a 5,000-touchpoint map (timing lives in npm run bench)', function () {
    this.timeout(30000);
    const lines = ['journeymap: 1', 'lanes:', '  - id: desk', '    kind: frontstage', 'stages:', '  - id: s', '    touchpoints:'];
    for (let i = 0; i < 5000; i++) lines.push(`      - id: tp${i}`, '        lane: desk', `        name: T${i}`, '        metrics:', '          fcr: 50%');
    lines.push('        ');
    const text = lines.join('\n');
    const doc = parseJourney(text);
    const position = { line: lines.length - 1, character: 8 };
    const items: CompletionItem[] = doComplete(doc, position);
    assert.deepEqual(items.map((i) => i.label), ['channel', 'does', 'thinks', 'feels', 'pains', 'next', 'runbook']);
  });
});
