import * as assert from 'node:assert/strict';
import { RULES, unreadableMapDiagnostic, type FileProblem } from '../../src/core';
import { CLEAN_MAP, codes, edit, FILES, lineOf, lint, memoryReader } from './fixtures';

interface RuleCase {
  rule: string;
  /** Why this mutation must fire the rule. */
  what: string;
  text: string;
  /** The fragment of the mutated text the finding must start on (its line). */
  at: string;
  files?: Record<string, string>;
  /** For findings about the map file itself, refused before reading: what the reader found. */
  refused?: FileProblem;
}

const tp = (id: string, lane: string, extra = '') => `      - id: ${id}\n        lane: ${lane}\n        name: ${id}\n${extra}`;

const CASES: RuleCase[] = [
  { rule: 'yaml-syntax', what: 'a duplicate key', text: edit(CLEAN_MAP, 'channel: web\n', 'channel: web\n        channel: phone\n'), at: 'channel: phone' },
  { rule: 'file-too-large', what: 'a file over the size limit', text: CLEAN_MAP + `# ${'x'.repeat(5_000_001)}\n`, at: 'journeymap: 1' },
  { rule: 'file-unreadable', what: 'a named pipe given as a map', text: '', at: '', refused: { kind: 'not-a-file', what: 'fifo' } },
  { rule: 'unknown-key', what: 'a misspelt key', text: edit(CLEAN_MAP, 'channel: web', 'chanel: web'), at: 'chanel: web' },
  { rule: 'missing-field', what: 'a lane without kind', text: edit(CLEAN_MAP, '    kind: backstage\n', ''), at: '  - id: iam' },
  { rule: 'invalid-value', what: 'feels outside -3..3', text: edit(CLEAN_MAP, 'feels: -2', 'feels: -4'), at: 'feels: -4' },
  { rule: 'unsupported-version', what: 'version 2', text: edit(CLEAN_MAP, 'journeymap: 1', 'journeymap: 2'), at: 'journeymap: 2' },
  { rule: 'split-list-item', what: 'a pain with a thousands separator in a [...] list', text: edit(CLEAN_MAP, 'pains: [No hint how long the lock lasts]', 'pains: [Refunds above 1,000 EUR take a week]'), at: 'pains: [Refunds' },
  { rule: 'duplicate-id', what: 'two touchpoints with one id', text: edit(CLEAN_MAP, '      - id: back-in', '      - id: iam-unlock'), at: '      - id: iam-unlock\n        lane: admin' },
  { rule: 'unknown-reference', what: 'a lane that does not exist', text: edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n'), at: 'lane: iamm' },
  { rule: 'suspicious-text', what: 'a right-to-left override in a name', text: edit(CLEAN_MAP, 'name: Agent verifies identity', 'name: Agent \u202Everifies identity'), at: 'name: Agent \u202E' },
  { rule: 'runbook-missing', what: 'a runbook path that does not exist', text: edit(CLEAN_MAP, 'lockout.md#symptoms', 'lockuot.md#symptoms'), at: 'runbook:' },
  { rule: 'runbook-anchor-missing', what: 'an anchor with no heading', text: edit(CLEAN_MAP, 'lockout.md#symptoms', 'lockout.md#diagnosis'), at: 'runbook:' },
  { rule: 'source-missing', what: 'a data file that does not exist', text: edit(CLEAN_MAP, 'path: ../data/tickets.csv', 'path: ../data/tickets-q4.csv'), at: 'path: ../data' },
  { rule: 'link-outside-workspace', what: 'a runbook above the workspace root', text: edit(CLEAN_MAP, '../runbooks/lockout.md#symptoms', '../../../etc/passwd'), at: 'runbook:' },
  {
    rule: 'baseline-missing', what: 'a future map whose baseline file does not exist', at: 'baseline:',
    text: edit(CLEAN_MAP, 'review:\n', 'state: future\nbaseline: admin-today.journey.yaml\nreview:\n'),
  },
  {
    rule: 'baseline-not-current', what: 'a baseline that does not say state: current', at: 'baseline:',
    text: edit(CLEAN_MAP, 'review:\n', 'state: future\nbaseline: admin-today.journey.yaml\nreview:\n'),
    files: { '/ws/maps/admin-today.journey.yaml': CLEAN_MAP },
  },
  {
    rule: 'baseline-without-future', what: 'a baseline on a map that does not say state: future', at: 'baseline:',
    text: edit(CLEAN_MAP, 'review:\n', 'baseline: admin-today.journey.yaml\nreview:\n'),
    files: { '/ws/maps/admin-today.journey.yaml': edit(CLEAN_MAP, 'review:\n', 'state: current\nreview:\n') },
  },
  { rule: 'review-missing', what: 'no review block', text: edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', ''), at: 'title:' },
  { rule: 'review-overdue', what: 'a monthly review last done in September', text: edit(CLEAN_MAP, 'last: 2026-10-30\n  every: quarter', 'last: 2026-09-01\n  every: month'), at: 'last: 2026-09-01' },
  { rule: 'review-stale', what: 'a review two years old', text: edit(CLEAN_MAP, 'last: 2026-10-30', 'last: 2024-10-30'), at: 'last: 2024-10-30' },
  { rule: 'no-owner', what: 'no owner', text: edit(CLEAN_MAP, 'owner: Service desk team lead\n', ''), at: 'title:' },
  { rule: 'no-pain-points', what: 'no pains anywhere', text: edit(edit(CLEAN_MAP, '        pains: [No hint how long the lock lasts]\n', ''), 'feels: -2', 'feels: -1'), at: 'stages:' },
  { rule: 'assumption-only', what: 'only an assumption as evidence', text: edit(CLEAN_MAP, 'kind: tickets', 'kind: assumption'), at: 'sources:' },
  { rule: 'stale-evidence', what: 'evidence ending long before the review', text: edit(CLEAN_MAP, 'period: 2026-07-01/2026-09-30', 'period: 2026-01-01/2026-03-31'), at: 'period:' },
  { rule: 'stale-metric', what: 'a metric measured seven months before the review', text: edit(CLEAN_MAP, 'as_of: 2026-09-30', 'as_of: 2026-03-31'), at: 'as_of: 2026-03-31' },
  {
    rule: 'assumed-metric', what: 'a metric citing an assumption as its source', at: 'source: workshop',
    text: edit(edit(CLEAN_MAP, 'source: tickets-q3, as_of', 'source: workshop, as_of'), 'lanes:\n', '  - id: workshop\n    kind: assumption\nlanes:\n'),
  },
  { rule: 'placeholder-text', what: 'a persona left as TODO', text: edit(CLEAN_MAP, 'persona: Tenant administrator', 'persona: TODO who is on this journey'), at: 'persona: TODO' },
  { rule: 'multiple-personas', what: 'two personas', text: edit(CLEAN_MAP, 'persona: Tenant administrator', 'persona: [Tenant administrator, Billing admin]'), at: 'persona:' },
  { rule: 'no-agent-lane', what: 'no frontstage or backstage lane', text: edit(edit(CLEAN_MAP, 'kind: frontstage', 'kind: system'), 'kind: backstage', 'kind: system'), at: 'lanes:' },
  { rule: 'silent-handoff', what: 'a handoff that does not notify', text: edit(CLEAN_MAP, 'notifies_customer: true', 'notifies_customer: false'), at: 'notifies_customer: false' },
  { rule: 'handoff-without-sla', what: 'a handoff with no SLA', text: edit(CLEAN_MAP, '    sla: 4h\n', ''), at: '  - from: desk-verify' },
  { rule: 'sla-exceeded', what: 'a wait over the SLA', text: edit(CLEAN_MAP, 'wait: 3h', 'wait: 6h'), at: 'wait: 6h' },
  { rule: 'business-time-without-calendar', what: 'a handoff SLA in business hours on a map with no calendar', text: edit(CLEAN_MAP, 'sla: 4h', 'sla: 4bh'), at: 'sla: 4bh' },
  { rule: 'missing-emotion', what: 'a customer touchpoint without feels', text: edit(CLEAN_MAP, '        feels: 2\n', ''), at: '- id: back-in' },
  { rule: 'missing-metric', what: 'a touchpoint without metrics', text: edit(CLEAN_MAP, '        metrics:\n          time_to_resolution: { value: 3h, target: 4h }\n', ''), at: '- id: iam-unlock' },
  { rule: 'metric-without-target', what: 'a value with no target', text: edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: 64%'), at: 'fcr: 64%' },
  { rule: 'unknown-metric', what: 'a metric outside the catalogue', text: edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'agent_happiness: { value: 3, target: 4 }'), at: 'agent_happiness' },
  { rule: 'unexplained-low', what: 'feels -3 with no pain', text: edit(CLEAN_MAP, 'feels: 2', 'feels: -3'), at: 'feels: -3' },
  { rule: 'empty-stage', what: 'a stage with no touchpoints', text: edit(CLEAN_MAP, 'handoffs:', '  - id: follow-up\n    name: Follow-up\nhandoffs:'), at: '- id: follow-up' },
  { rule: 'unused-lane', what: 'a lane nobody uses', text: edit(CLEAN_MAP, 'stages:', '  - id: finance\n    name: Finance\n    kind: backstage\nstages:'), at: '- id: finance' },
  { rule: 'dead-end', what: 'next: [] before the last touchpoint', text: edit(CLEAN_MAP, '        name: Agent verifies identity\n', '        name: Agent verifies identity\n        next: []\n'), at: 'next: []' },
  { rule: 'loop', what: 'a next pointing back', text: edit(CLEAN_MAP, '        name: Signs in again\n', '        name: Signs in again\n        next: [locked-out]\n'), at: 'next: [locked-out]' },
  { rule: 'overcomplicated', what: 'thirteen stages', text: edit(CLEAN_MAP, 'handoffs:', Array.from({ length: 11 }, (_, i) => `  - id: extra-${i}\n    touchpoints:\n${tp(`extra-tp-${i}`, 'desk', '        metrics:\n          fcr: { value: 90%, target: 80% }\n')}`).join('') + 'handoffs:'), at: 'stages:' },
  { rule: 'hypothesis-incomplete', what: 'an improvement without signal', text: edit(CLEAN_MAP, '    signal: 30% fewer lockout tickets within one quarter\n', ''), at: '- id: lock-hint' },
  { rule: 'improvement-unowned', what: 'an improvement without owner', text: edit(CLEAN_MAP, '    owner: IAM team\n', ''), at: '- id: lock-hint' },
  { rule: 'improvement-unlinked', what: 'an improvement with no for:', text: edit(CLEAN_MAP, '    for: [locked-out]\n', ''), at: '- id: lock-hint' },
  { rule: 'improvement-overdue', what: 'an improvement due last month and not done', text: edit(CLEAN_MAP, 'due: 2026-12-31', 'due: 2026-10-31'), at: 'due: 2026-10-31' },
  { rule: 'signal-not-measurable', what: 'a signal with no number', text: edit(CLEAN_MAP, 'signal: 30% fewer lockout tickets within one quarter', 'signal: Fewer lockout tickets'), at: 'signal: Fewer' },
  {
    rule: 'signal-unknown-metric', what: 'a structured signal naming a metric its touchpoint does not measure', at: 'signal: {',
    text: edit(CLEAN_MAP, 'signal: 30% fewer lockout tickets within one quarter', 'signal: { metric: fcrr, at: desk-verify, target: 80%, by: 2027-03-31 }'),
  },
  {
    rule: 'signal-missed-but-done', what: 'a done improvement whose signal passed its date unmet', at: 'status: done',
    text: edit(CLEAN_MAP, '    signal: 30% fewer lockout tickets within one quarter\n', '    signal: { metric: fcr, at: desk-verify, target: 80%, by: 2026-09-30 }\n    status: done\n'),
  },
  { rule: 'unaddressed-pain', what: 'pains no improvement targets', text: edit(CLEAN_MAP, 'for: [locked-out]', 'for: [back-in]'), at: 'pains: [No hint' },
  {
    rule: 'source-unreadable', what: 'a malformed export', at: 'path: ../data/tickets.csv',
    text: edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, target: 80% }'),
    files: { '/ws/data/tickets.csv': 'opened,resolved\n2026-09-01,2026-09-02\n2026-09-03\n' },
  },
  {
    rule: 'metric-not-computed', what: 'a computed metric no ticket matches', at: 'fcr: { from',
    text: edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, where: { category: hardware }, target: 80% }'),
    files: { '/ws/data/tickets.csv': 'opened,resolved,category\n2026-09-01,2026-09-02,access\n' },
  },
  {
    rule: 'metric-drift', what: 'a typed value far from the export', at: 'fcr: { value: 64%',
    text: edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, from: tickets-q3, target: 80% }'),
    files: { '/ws/data/tickets.csv': 'opened,resolved\n2026-09-01,2026-09-02\n2026-09-03,2026-09-04\n' },
  },
];

describe('rules', () => {
  it('the clean fixture triggers no rule at all', async () => {
    assert.deepEqual(await lint(CLEAN_MAP), []);
  });

  it('every rule in the catalogue has a case here, and every case names a real rule', () => {
    const cased = new Set(CASES.map((c) => c.rule));
    assert.deepEqual(RULES.map((r) => r.name).filter((name) => !cased.has(name)), []);
    assert.deepEqual([...cased].filter((name) => !RULES.some((r) => r.name === name)), []);
  });

  for (const c of CASES) {
    describe(c.rule, () => {
      it(`fires on ${c.what}, on the right line, with its default severity`, async () => {
        const diagnostics = c.refused ? [unreadableMapDiagnostic(c.refused)!] : await lint(c.text, c.files ? { fileReader: memoryReader({ ...FILES, ...c.files }) } : {});
        const found = diagnostics.filter((d) => d.code === c.rule);
        assert.ok(found.length > 0, `expected ${c.rule}, got ${JSON.stringify(codes(diagnostics))}`);
        assert.equal(found[0].range.start.line, lineOf(c.text, c.at), found[0].message);
        assert.equal(found[0].severity, RULES.find((r) => r.name === c.rule)!.severity);
        assert.ok(found[0].message.length > 20, 'the message says what to do');
      });

      const fixed = RULES.find((r) => r.name === c.rule)!.fixed;
      if (!c.refused && !fixed) it('can be switched off or given another severity in settings', async () => {
        const off = await lint(c.text, { rules: { [c.rule]: 'off' } });
        assert.equal(off.filter((d) => d.code === c.rule).length, 0);
        const asError = await lint(c.text, { rules: { [c.rule]: 'error' } });
        assert.ok(asError.filter((d) => d.code === c.rule).every((d) => d.severity === 'error'));
      });
      if (!c.refused && fixed) it('cannot be switched off, downgraded or silenced: a file that cannot be read always fails', async () => {
        for (const setting of ['off', 'info', 'warning'] as const) {
          const found = (await lint(c.text, { rules: { [c.rule]: setting } })).filter((d) => d.code === c.rule);
          assert.ok(found.length > 0 && found.every((d) => d.severity === 'error' && d.fatal), `${setting}: ${JSON.stringify(found)}`);
        }
        const line = lineOf(c.text, c.at);
        const lines = c.text.split('\n');
        const silenced = [...lines.slice(0, line), `# journeymap-disable-next-line ${c.rule}`, ...lines.slice(line)].join('\n');
        const all = await lint(silenced);
        assert.ok(all.some((d) => d.code === c.rule && d.severity === 'error'), 'a disable comment silenced it');
        assert.ok(all.some((d) => d.code === 'invalid-value' && /cannot be silenced/.test(d.message)), 'the comment is not reported as silencing nothing');
      });
    });
  }
});

describe('rule details', () => {
  it('a key named like a built-in property of objects (toString, constructor, __proto__) is an unknown key, not a crash', async () => {
    for (const key of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const text = edit(CLEAN_MAP, '      - id: locked-out\n', `      - id: locked-out\n        ${key}: x\n`);
      const found = (await lint(text)).filter((d) => d.code === 'unknown-key');
      assert.equal(found.length, 1, `${key}: ${JSON.stringify(found)}`);
      assert.equal(found[0].range.start.line, lineOf(text, `${key}: x`), key);
    }
  });

  it('an export layout named like a built-in property of objects is not a known layout', async () => {
    for (const name of ['toString', 'constructor', '__proto__']) {
      for (const written of [`columns: ${name}`, `columns: { preset: ${name}, opened: Opened }`]) {
        const text = edit(CLEAN_MAP, '    path: ../data/tickets.csv\n', `    path: ../data/tickets.csv\n    ${written}\n`);
        const found = (await lint(text)).filter((d) => d.range.start.line === lineOf(text, written) && d.severity !== 'info');
        assert.ok(found.length >= 1, `${written}: ${JSON.stringify(await lint(text))}`);
      }
    }
  });

  it('did-you-mean suggestions travel in data, for quick fixes', async () => {
    const unknownKey = (await lint(edit(CLEAN_MAP, 'channel: web', 'chanel: web'))).find((d) => d.code === 'unknown-key');
    assert.equal(unknownKey?.data?.suggestion, 'channel');
    const unknownRef = (await lint(edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n'))).find((d) => d.code === 'unknown-reference');
    assert.equal(unknownRef?.data?.suggestion, 'iam');
  });

  it('an unknown key far from every field lists the known fields instead of guessing', async () => {
    const d = (await lint(edit(CLEAN_MAP, 'channel: web', 'zzzzzzzz: web'))).find((x) => x.code === 'unknown-key');
    assert.match(d!.message, /Known fields: id, lane, name/);
    assert.equal(d!.data, undefined);
  });

  it('a disable comment silences the named rule on the next line only', async () => {
    const text = edit(CLEAN_MAP, '    notifies_customer: true', '    # journeymap-disable-next-line silent-handoff\n    notifies_customer: false');
    assert.ok(!codes(await lint(text)).includes('silent-handoff'));
    const other = edit(CLEAN_MAP, '    notifies_customer: true', '    # journeymap-disable-next-line sla-exceeded\n    notifies_customer: false');
    assert.ok(codes(await lint(other)).includes('silent-handoff'));
  });

  it('an unclosed bracket is reported where the parser notices it, next to the cause', async () => {
    const text = edit(CLEAN_MAP, 'pains: [No hint how long the lock lasts]', 'pains: [No hint how long');
    const d = (await lint(text)).find((x) => x.code === 'yaml-syntax');
    assert.ok(d && Math.abs(d.range.start.line - lineOf(text, 'pains: [No hint')) <= 1, JSON.stringify(d));
  });

  it('the metric unit must fit the metric: a percentage is not a duration', async () => {
    const d = (await lint(edit(CLEAN_MAP, 'time_to_resolution: { value: 3h, target: 4h }', 'time_to_resolution: { value: 30%, target: 4h }'))).filter((x) => x.code === 'invalid-value');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /duration/);
  });

  it('value and target in different units are reported', async () => {
    const d = await lint(edit(CLEAN_MAP, 'csat: { value: 4.1/5, target: 4.5/5 }', 'csat: { value: 4.1/5, target: 90% }'));
    assert.ok(d.some((x) => x.code === 'invalid-value' && /same unit/.test(x.message)));
  });

  it('review-overdue does not fire within the cadence, and review-stale replaces it past 18 months', async () => {
    assert.ok(!codes(await lint(edit(CLEAN_MAP, 'last: 2026-10-30', 'last: 2026-09-01'))).includes('review-overdue'));
    const stale = codes(await lint(edit(CLEAN_MAP, 'last: 2026-10-30', 'last: 2024-10-30')));
    assert.ok(stale.includes('review-stale') && !stale.includes('review-overdue'));
  });

  it('a custom cadence in days is honoured', async () => {
    assert.ok(codes(await lint(edit(CLEAN_MAP, 'every: quarter', 'every: 14d'))).includes('review-overdue'));
  });

  it('dead-end does not fire on the last touchpoint', async () => {
    const text = edit(CLEAN_MAP, '        name: Signs in again\n', '        name: Signs in again\n        next: []\n');
    assert.ok(!codes(await lint(text)).includes('dead-end'));
  });

  it('a forward next is not a loop', async () => {
    const text = edit(CLEAN_MAP, '        name: Agent verifies identity\n', '        name: Agent verifies identity\n        next: [back-in]\n');
    assert.ok(!codes(await lint(text)).includes('loop'));
  });

  it('an unknown metric with `better` is accepted', async () => {
    const text = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'agent_happiness: { value: 3, target: 4, better: higher }');
    assert.deepEqual(codes(await lint(text)), []);
  });

  it('link rules are skipped without file access, instead of reporting every link missing', async () => {
    const text = edit(CLEAN_MAP, 'lockout.md#symptoms', 'nothere.md');
    assert.ok(!codes(await lint(text, { fileReader: undefined })).includes('runbook-missing'));
  });

  it('URLs and absolute paths are never read', async () => {
    const read: string[] = [];
    const reader = memoryReader({}, (p) => read.push(p));
    for (const link of ['https://example.com/runbook.md', 'file:///etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini']) {
      const d = await lint(edit(CLEAN_MAP, '../runbooks/lockout.md#symptoms', `"${link.replace(/\\/g, '\\\\')}"`), { fileReader: reader });
      assert.ok(codes(d).includes('link-outside-workspace'), link);
    }
    assert.ok(!read.some((p) => p.includes('etc') || p.includes('example') || p.includes('Windows')), read.join());
  });
});

describe('hostile and odd input', () => {
  it('a file that is not a mapping gets one clear finding, not map-level noise', async () => {
    for (const text of ['', '# only a comment\n', 'just a string', '- a\n- b\n']) {
      const d = await lint(text);
      assert.equal(d.length, 1, JSON.stringify(d));
      assert.ok(['missing-field', 'invalid-value'].includes(d[0].code));
    }
  });

  it('several YAML documents in one file are explained in our words', async () => {
    const d = (await lint(CLEAN_MAP + '---\ntitle: second\n')).filter((x) => x.code === 'yaml-syntax');
    assert.match(d[0].message, /more than one YAML document/);
  });

  it('an alias bomb is never expanded: the walk follows the format\'s fixed depth', async () => {
    const levels = ['x0: &x0 [a,a,a,a,a,a,a,a,a,a]'];
    for (let i = 1; i < 7; i++) levels.push(`x${i}: &x${i} [${Array(10).fill(`*x${i - 1}`).join(',')}]`);
    const text = edit(CLEAN_MAP, 'persona:', `${levels.join('\n')}\npersona:`).replace('pains: [No hint how long the lock lasts]', 'pains: *x6');
    const d = await lint(text);
    const invalid = d.filter((x) => x.code === 'invalid-value');
    assert.equal(invalid.length, 10, 'one finding per entry of pains, none for the 10^6 entries behind them');
    assert.match(invalid[0].message, /Each entry of `pains` should be plain text, not a list/);
  });

  it('more than 1,000 alias uses are cut off with a finding', async () => {
    const text = edit(CLEAN_MAP, 'persona:', 'p: &p pain\npersona:').replace('pains: [No hint how long the lock lasts]', `pains: [${Array(1100).fill('*p').join(', ')}]`);
    assert.ok((await lint(text)).some((x) => x.code === 'yaml-syntax' && /more than 1000 aliases/.test(x.message)));
  });

  it('very deep nesting gives a finding, not a stack overflow', async () => {
    const d = await lint('['.repeat(10000) + ']'.repeat(10000));
    assert.ok(d.length >= 1);
  });

  it('a BOM and CRLF line endings read like the plain file', async () => {
    assert.deepEqual(await lint('\uFEFF' + CLEAN_MAP.replace(/\n/g, '\r\n')), []);
  });

  it('tabs used for indentation are explained', async () => {
    const d = (await lint(edit(CLEAN_MAP, '    team: Support', '\tteam: Support'))).filter((x) => x.code === 'yaml-syntax');
    assert.ok(d.length > 0);
  });

  it('non-string keys and merge keys get precise findings', async () => {
    const nonString = await lint(edit(CLEAN_MAP, 'goal:', '? [a, b]\n: c\ngoal:'));
    assert.ok(nonString.some((x) => x.code === 'invalid-value' && /plain words/.test(x.message)));
    const merge = await lint(edit(CLEAN_MAP, '  - id: iam\n', '  - <<: { kind: backstage }\n    id: iam\n'));
    assert.ok(merge.some((x) => x.code === 'invalid-value' && /merge keys/.test(x.message)));
  });
});

describe('half-typed input', () => {
  it('a bare `next:` is not a dead end', async () => {
    const text = edit(CLEAN_MAP, '        name: Agent verifies identity\n', '        name: Agent verifies identity\n        next:\n');
    assert.ok(!codes(await lint(text)).includes('dead-end'));
  });
});

describe('findings from the fuzz and security suites', () => {
  it('deeply nested brackets are refused before parsing, however often they are parsed', async () => {
    const text = '['.repeat(900) + ']'.repeat(900);
    for (let i = 0; i < 3; i++) {
      const d = await lint(text);
      assert.equal(d.length, 1);
      assert.match(d[0].message, /nested too deeply here/);
    }
  });

  it('deep block nesting is refused too, however often it is parsed', async () => {
    for (const text of ['- '.repeat(1000) + 'v\n', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}- a:`).join('\n'), Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')]) {
      for (let i = 0; i < 2; i++) {
        const d = await lint(text);
        assert.equal(d.length, 1);
        assert.match(d[0].message, /nested too deeply here/);
      }
    }
  });

  it('brackets inside quotes and comments do not count as nesting', async () => {
    const text = edit(CLEAN_MAP, 'goal: Regain access within 30 minutes with one contact', `goal: "${'['.repeat(100)}" # ${'{'.repeat(100)}`);
    assert.deepEqual(codes(await lint(text)), []);
  });

  it('duplicate keys are found by the walk, in every kind of mapping, with a plain message', async () => {
    const d = (await lint(edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: 80%, target: 90% }'))).filter((x) => x.code === 'yaml-syntax');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /`target` appears twice in this mapping/);
    const metric = (await lint(edit(CLEAN_MAP, '          fcr: { value: 64%, target: 80% }\n', '          fcr: { value: 64%, target: 80% }\n          fcr: 70%\n'))).filter((x) => x.code === 'yaml-syntax');
    assert.match(metric[0].message, /`fcr` appears twice/);
  });

  it('a mapping with 20,000 keys is read in one pass (no pairwise key check)', async () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `  k${i}: v`).join('\n');
    const d = await lint(edit(CLEAN_MAP, 'review:\n', `extra:\n${keys}\nreview:\n`));
    assert.deepEqual(codes(d), ['unknown-key']);
  });

  it('an escaped bidi override in a quoted value is suspicious too', async () => {
    const d = await lint(edit(CLEAN_MAP, 'title: Admin locked out of account', 'title: "Admin locked out \\u202Etnuocca"'));
    assert.ok(d.some((x) => x.code === 'suspicious-text' && /written as an escape/.test(x.message)));
  });
});

describe('empty and impossible values', () => {
  /** CLEAN_MAP with the block from `start` up to (not including) `end` replaced. */
  const replaceBlock = (start: string, end: string, by: string) => {
    const from = CLEAN_MAP.indexOf(start);
    const to = CLEAN_MAP.indexOf(end);
    assert.ok(from >= 0 && to > from);
    return CLEAN_MAP.slice(0, from) + by + CLEAN_MAP.slice(to);
  };
  const findingsOf = async (text: string, code: string, options = {}) => (await lint(text, options)).filter((d) => d.code === code);
  const at = async (text: string, code: string, needle: string) => {
    const found = await findingsOf(text, code);
    assert.ok(found.length > 0, `expected ${code}, got ${JSON.stringify(codes(await lint(text)))}`);
    assert.ok(found.some((d) => d.range.start.line === lineOf(text, needle)), JSON.stringify(found));
    return found.find((d) => d.range.start.line === lineOf(text, needle))!;
  };

  it('an empty list of stages or lanes is a missing field, at the key, like a bare key', async () => {
    const stages = replaceBlock('stages:\n', 'handoffs:', 'stages: []\n');
    assert.match((await at(stages, 'missing-field', 'stages: []')).message, /`stages` is empty \(an empty list\).*Add at least one stage/);
    const lanes = replaceBlock('lanes:\n', 'stages:\n', 'lanes: []\n');
    assert.match((await at(lanes, 'missing-field', 'lanes: []')).message, /`lanes` is empty/);
    const dashes = replaceBlock('stages:\n', 'handoffs:', 'stages:\n  -\n');
    await at(dashes, 'missing-field', 'stages:\n  -');
  });

  it('a persona list with nobody in it, and a text of spaces, are missing fields with a quick fix', async () => {
    for (const [from, to, needle] of [
      ['persona: Tenant administrator', 'persona: []', 'persona: []'],
      ['persona: Tenant administrator', 'persona: [" "]', 'persona: ['],
      ['scenario: Locked out after three failed sign-ins', 'scenario: " "', 'scenario:'],
      ['title: Admin locked out of account', "title: '   '", 'title:'],
      ['name: Agent verifies identity', 'name: "  "', 'name: "  "'],
    ]) {
      const d = await at(edit(CLEAN_MAP, from, to), 'missing-field', needle);
      assert.ok(d.data?.field, to);
    }
  });

  it('a persona list of one, and a text that is only empty quotes, are reported once or not at all', async () => {
    assert.deepEqual(codes(await lint(edit(CLEAN_MAP, 'persona: Tenant administrator', 'persona: [Tenant administrator]'))), []);
    assert.equal((await findingsOf(edit(CLEAN_MAP, 'title: Admin locked out of account', 'title: ""'), 'missing-field')).length, 1);
  });

  it('a share over 100% or below 0% is an invalid value, for values and targets', async () => {
    for (const [from, to, pattern] of [
      ['value: 18%, target: 5%', 'value: 150%, target: 5%', /`150%` is more than 100%, impossible for Repeat Contact Rate \(`repeat_contact_rate`\)/],
      ['value: 18%, target: 5%', 'value: -5%, target: 5%', /`-5%` is below 0%/],
      ['fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: 120% }', /`120%` is more than 100%.*First Contact Resolution/],
      ['csat: { value: 4.1/5, target: 4.5/5 }', 'csat: { value: 101%, target: 90% }', /Customer Satisfaction Score/],
    ] as const) {
      const text = edit(CLEAN_MAP, from, to);
      assert.match((await at(text, 'invalid-value', to)).message, pattern);
    }
  });

  it('a rating above its scale or below zero is an invalid value', async () => {
    for (const value of ['7/5', '5.5/5', '-1/5']) {
      const text = edit(CLEAN_MAP, 'csat: { value: 4.1/5, target: 4.5/5 }', `csat: { value: ${value}, target: 4.5/5 }`);
      assert.match((await at(text, 'invalid-value', 'csat:')).message, new RegExp(`\`${value}\` is (above its scale|below zero)`));
    }
  });

  it('the bounds themselves, growth percentages and zero ratings are accepted', async () => {
    for (const [from, to] of [
      ['value: 18%, target: 5%', 'value: 100%, target: 0%'],
      ['fcr: { value: 64%, target: 80% }', 'fcr: { value: 0.64, target: 1 }'],
      ['csat: { value: 4.1/5, target: 4.5/5 }', 'csat: { value: 0/10, target: 10/10 }'],
      ['fcr: { value: 64%, target: 80% }', 'ticket_growth: { value: 150%, target: -20%, better: lower }'],
    ]) {
      assert.deepEqual(codes(await lint(edit(CLEAN_MAP, from, to))), [], to);
    }
  });

  it('a review dated after today is an invalid value; tomorrow is allowed for time zones, and due dates may be in the future', async () => {
    const future = edit(CLEAN_MAP, 'last: 2026-10-30', 'last: 2027-11-02');
    const d = await at(future, 'invalid-value', 'last: 2027-11-02');
    assert.match(d.message, /2027-11-02, 340 days after today \(2026-11-27\): a review cannot have happened yet/);
    assert.ok(!codes(await lint(future)).includes('stale-evidence'), 'a review in the future does not make the evidence look old');
    assert.deepEqual(codes(await lint(edit(CLEAN_MAP, 'last: 2026-10-30', 'last: 2026-11-28'))), []);
    assert.deepEqual(codes(await lint(edit(CLEAN_MAP, 'due: 2026-12-31', 'due: 2028-06-30'))), []);
  });

  it('a metric measured after today is an invalid value', async () => {
    const text = edit(CLEAN_MAP, 'as_of: 2026-09-30', 'as_of: 2027-01-15');
    assert.match((await at(text, 'invalid-value', 'repeat_contact_rate:')).message, /`as_of` is 2027-01-15, 49 days after today.*cannot have been measured yet/);
  });

  it('`from:` a source with no path is a metric that cannot be computed, with or without file access', async () => {
    const text = edit(edit(CLEAN_MAP, 'lanes:\n', '  - id: huddle\n    kind: agent-notes\nlanes:\n'),
      'fcr: { value: 64%, target: 80% }', 'fcr: { from: huddle, target: 80% }');
    for (const options of [{}, { fileReader: undefined }]) {
      const d = (await findingsOf(text, 'metric-not-computed', options))[0];
      assert.equal(d?.range.start.line, lineOf(text, 'fcr: { from'), JSON.stringify(d));
      assert.match(d.message, /the source `huddle` has no `path` to a ticket export/);
    }
  });

  it('a handoff from a touchpoint to itself is an invalid value, on its `to`', async () => {
    const text = edit(CLEAN_MAP, 'to: iam-unlock', 'to: desk-verify');
    assert.match((await at(text, 'invalid-value', 'to: desk-verify')).message, /from `desk-verify` to itself/);
  });
});
