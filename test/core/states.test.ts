import * as assert from 'node:assert/strict';
import { describeSignal, evaluateSignal, parseIsoDate, parseJourney, validateSync } from '../../src/core';
import { CLEAN_MAP, codes, edit, FILES, lint, MAP_URI, memoryReader, positionOf, service, TODAY } from './fixtures';

const today = parseIsoDate(TODAY)!;
const BASELINE_PATH = '/ws/maps/admin-today.journey.yaml';
const CURRENT_MAP = edit(CLEAN_MAP, 'review:\n', 'state: current\nreview:\n');
/** A future map on the fixture: its improvement names `self-unlock-form`, a touchpoint only the baseline has. */
const futureMap = (baseline = 'admin-today.journey.yaml') => edit(
  edit(CLEAN_MAP, 'review:\n', `state: future\nbaseline: ${baseline}\nreview:\n`),
  'for: [locked-out]', 'for: [locked-out, self-unlock-form]',
);
const BASELINE = edit(CURRENT_MAP, '      - id: back-in', '      - id: self-unlock-form\n        lane: admin\n        name: Fills in the unlock form\n      - id: back-in');
const withBaseline = (text = BASELINE) => ({ fileReader: memoryReader({ ...FILES, [BASELINE_PATH]: text }) });

/** The fixture's improvement with its sentence signal replaced by `signal`, and `extra` lines after it. */
const withSignal = (signal: string, extra = '') =>
  edit(CLEAN_MAP, '    signal: 30% fewer lockout tickets within one quarter\n', `    signal: ${signal}\n${extra}`);

describe('current vs future state: the format', () => {
  it('reads state and baseline into the model, with their spans', () => {
    const doc = parseJourney(futureMap());
    assert.equal(doc.map.state?.value, 'future');
    assert.equal(doc.map.baseline?.value, 'admin-today.journey.yaml');
    assert.equal(doc.text.slice(...doc.map.baseline!.span), 'admin-today.journey.yaml');
    assert.deepEqual(doc.findings, []);
  });

  it('a state other than current or future is an invalid-value with a did-you-mean, and leaves state unset', async () => {
    const text = edit(CLEAN_MAP, 'review:\n', 'state: futur\nreview:\n');
    assert.equal(parseJourney(text).map.state, undefined);
    const found = (await lint(text)).find((d) => d.code === 'invalid-value');
    assert.match(found!.message, /`futur` is not a valid state\. Use one of: current, future/);
    assert.equal(found!.data?.suggestion, 'future');
  });

  it('a journeymap: 1 map without state or baseline reads and validates exactly as before', async () => {
    const doc = parseJourney(CLEAN_MAP);
    assert.equal(doc.map.state, undefined);
    assert.equal(doc.map.baseline, undefined);
    assert.deepEqual(await lint(CLEAN_MAP), []);
  });
});

describe('current vs future state: baseline rules', () => {
  it('a future map may name the baseline\'s touchpoints in for:, and no finding is left', async () => {
    assert.deepEqual(codes(await lint(futureMap(), withBaseline())), []);
  });

  it('an id that neither map defines is still an unknown-reference, on that entry', async () => {
    const text = edit(futureMap(), 'for: [locked-out, self-unlock-form]', 'for: [locked-out, self-unlock-from]');
    const found = (await lint(text, withBaseline())).filter((d) => d.code === 'unknown-reference');
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.character, positionOf(text, 'self-unlock-from').character);
  });

  it('only for: may name the baseline\'s touchpoints: next and handoffs name this map\'s own', async () => {
    const text = edit(futureMap(), '        name: Agent verifies identity\n', '        name: Agent verifies identity\n        next: [self-unlock-form]\n');
    const found = (await lint(text, withBaseline())).filter((d) => d.code === 'unknown-reference');
    assert.deepEqual(found.map((d) => d.range.start.line), [positionOf(text, 'next: [self-unlock-form]').line]);
  });

  it('baseline-missing says which path, and the for: ids it cannot check are not also unknown references', async () => {
    const found = await lint(futureMap('admin-yesterday.journey.yaml'));
    assert.deepEqual(codes(found), ['baseline-missing']);
    assert.match(found[0].message, /The baseline `admin-yesterday\.journey\.yaml` does not exist \(paths are relative to this map's folder\)/);
    assert.equal(found[0].data?.path, '/ws/maps/admin-yesterday.journey.yaml');
  });

  it('baseline-missing words what the reader found for a file that is not readable', async () => {
    const reader = memoryReader(FILES);
    reader.stat = async (path) => (path === BASELINE_PATH ? { problem: { kind: 'not-a-file', what: 'folder' } } : { version: 'v1' });
    const found = (await lint(futureMap(), { fileReader: reader })).find((d) => d.code === 'baseline-missing');
    assert.match(found!.message, /`admin-today\.journey\.yaml` is a folder, not a file: it is not read/);
  });

  it('baseline-missing for a baseline that is not a journey map, with the line that stops it', async () => {
    const found = (await lint(futureMap(), withBaseline('journeymap: 1\ntitle: [unclosed\n'))).filter((d) => d.code === 'baseline-missing');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /cannot be read as a journey map\. Line \d+: /);
    const list = (await lint(futureMap(), withBaseline('- a\n- b\n'))).find((d) => d.code === 'baseline-missing');
    assert.match(list!.message, /cannot be read as a journey map\. Line 1: A journey map is a YAML mapping/);
  });

  it('baseline-not-current says what the baseline says, and stays quiet for state: current', async () => {
    const future = (await lint(futureMap(), withBaseline(edit(BASELINE, 'state: current', 'state: future')))).find((d) => d.code === 'baseline-not-current');
    assert.match(future!.message, /says `state: future`/);
    const none = (await lint(futureMap(), withBaseline(edit(BASELINE, 'state: current\n', '')))).find((d) => d.code === 'baseline-not-current');
    assert.match(none!.message, /does not say which state it shows/);
    assert.deepEqual(codes(await lint(futureMap(), withBaseline())), []);
  });

  it('baseline-without-future fires without state: future and says what the map says; not on a future map', async () => {
    const current = edit(futureMap(), 'state: future', 'state: current');
    const found = (await lint(current, withBaseline())).find((d) => d.code === 'baseline-without-future');
    assert.match(found!.message, /this map says `state: current`: add `state: future`, or remove `baseline:`/);
    assert.equal(found!.range.start.line, positionOf(current, 'baseline:').line);
    assert.equal((await lint(futureMap(), withBaseline())).filter((d) => d.code === 'baseline-without-future').length, 0);
  });

  it('a misspelt state is one invalid-value, not also baseline-without-future', async () => {
    const found = codes(await lint(edit(futureMap(), 'state: future', 'state: futur'), withBaseline()));
    assert.ok(found.includes('invalid-value'));
    assert.ok(!found.includes('baseline-without-future'), JSON.stringify(found));
  });

  it('a baseline outside the workspace is link-outside-workspace and is never asked for', async () => {
    const asked: string[] = [];
    const text = futureMap('../../../etc/current.journey.yaml');
    const found = await lint(text, { fileReader: memoryReader(FILES, (path) => asked.push(path)) });
    assert.deepEqual(codes(found), ['link-outside-workspace']);
    assert.match(found[0].message, /The baseline `\.\.\/\.\.\/\.\.\/etc\/current\.journey\.yaml` resolves outside the workspace folder: it is not read/);
    assert.ok(!asked.some((path) => path.includes('etc')), JSON.stringify(asked));
  });

  it('the baseline is read once per version, however often the future map is validated', async () => {
    let reads = 0;
    const files = { ...FILES, [BASELINE_PATH]: BASELINE };
    const reader = memoryReader(files);
    const readFile = reader.readFile;
    reader.readFile = async (path) => (path === BASELINE_PATH && reads++, readFile(path));
    const svc = service({ fileReader: reader });
    await svc.validate(MAP_URI, futureMap());
    await svc.validate(MAP_URI, futureMap() + '# edited\n');
    assert.equal(reads, 1);
    files[BASELINE_PATH] = edit(BASELINE, 'state: current', 'state: future');
    assert.ok((await svc.validate(MAP_URI, futureMap())).some((d) => d.code === 'baseline-not-current'), 'a new version is read again');
    assert.equal(reads, 2);
  });

  it('the baseline is a document link to its resolved path; one outside the workspace is not', () => {
    const links = service().links(MAP_URI, futureMap()).filter((l) => l.kind === 'baseline');
    assert.deepEqual(links.map((l) => [l.target, l.range.start.line]), [[BASELINE_PATH, positionOf(futureMap(), 'baseline:').line]]);
    assert.deepEqual(service().links(MAP_URI, futureMap('../../x.journey.yaml')).filter((l) => l.kind === 'baseline'), []);
  });

  it('hovering a for: id of the baseline says it is the baseline\'s', () => {
    const text = futureMap();
    const h = service().hover(MAP_URI, text, positionOf(text, 'self-unlock-form', 2))!.contents;
    assert.match(h, /No touchpoint of this map has the id `self-unlock-form`\. A future map's `for:` may name the touchpoints of its baseline, `admin-today\.journey\.yaml`/);
  });

  it('without file access (validateSync), for: ids of a future map are not reported as unknown', () => {
    const found = validateSync(parseJourney(futureMap()), { uri: MAP_URI, today: { iso: TODAY, day: today } });
    assert.deepEqual(codes(found), []);
  });
});

describe('structured signals: the format', () => {
  it('reads metric, at, target and by, registers at as a touchpoint reference, and keeps a sentence for the hypothesis', () => {
    const doc = parseJourney(withSignal('{ metric: fcr, at: desk-verify, target: 80%, by: 2027-03-31 }'));
    const imp = doc.map.improvements[0];
    assert.equal(imp.signalCheck?.metric?.value, 'fcr');
    assert.equal(imp.signalCheck?.at?.value, 'desk-verify');
    assert.deepEqual(imp.signalCheck?.target?.value, { kind: 'percent', amount: 0.8, text: '80%' });
    assert.equal(imp.signalCheck?.by?.value, parseIsoDate('2027-03-31'));
    assert.equal(imp.signal?.value, 'fcr at desk-verify reaches 80% by 2027-03-31');
    assert.ok(doc.references.some((r) => r.kind === 'touchpoint' && r.name === 'desk-verify' && r.span === imp.signalCheck!.at!.span));
    assert.deepEqual(doc.findings, []);
  });

  it('a structured signal in block style reads the same', () => {
    const doc = parseJourney(withSignal('\n      metric: fcr\n      at: desk-verify\n      target: 80%'));
    assert.equal(doc.map.improvements[0].signal?.value, 'fcr at desk-verify reaches 80%');
    assert.deepEqual(doc.findings, []);
  });

  it('the sentence form stays valid and has no structured part', () => {
    const imp = parseJourney(CLEAN_MAP).map.improvements[0];
    assert.equal(imp.signal?.value, '30% fewer lockout tickets within one quarter');
    assert.equal(imp.signalCheck, undefined);
  });

  it('a structured signal is checked like any mapping: unknown keys, missing fields, targets in the metric\'s unit, dates', async () => {
    const found = await lint(withSignal('{ metric: fcr, at: desk-verify, targt: 80%, by: 2027-13-01 }'));
    assert.equal(found.find((d) => d.code === 'unknown-key')?.data?.suggestion, 'target');
    assert.match(found.find((d) => d.code === 'missing-field')!.message, /Missing required field `target`/);
    assert.match(found.find((d) => d.code === 'invalid-value')!.message, /`2027-13-01` is not a date/);
    const unit = (await lint(withSignal('{ metric: fcr, at: desk-verify, target: 4h }'))).find((d) => d.code === 'invalid-value');
    assert.match(unit!.message, /First Contact Resolution \(`fcr`\) is measured as a percent, but `4h` is a duration/);
    const list = (await lint(withSignal('[fcr, 80%]'))).find((d) => d.code === 'invalid-value');
    assert.match(list!.message, /`signal` should be a sentence or a mapping of keys \(metric, at, target, by\), not a list/);
  });

  it('a structured signal is measurable by construction: no signal-not-measurable, and the hypothesis is complete', async () => {
    const found = codes(await lint(withSignal('{ metric: fcr, at: desk-verify, target: 80%, by: 2027-03-31 }')));
    assert.deepEqual(found, []);
  });
});

describe('evaluateSignal', () => {
  const evaluate = (signal: string, text = CLEAN_MAP, on = today) => {
    const doc = parseJourney(edit(text, 'signal: 30% fewer lockout tickets within one quarter', `signal: ${signal}`));
    return evaluateSignal(doc.map.improvements[0], doc.map, on);
  };

  it('is undefined for a sentence signal', () => {
    const doc = parseJourney(CLEAN_MAP);
    assert.equal(evaluateSignal(doc.map.improvements[0], doc.map, today), undefined);
  });

  it('not yet met before by, missed after it, against the signal\'s target in the metric\'s direction', () => {
    const notYet = evaluate('{ metric: fcr, at: desk-verify, target: 80%, by: 2027-03-31 }')!;
    assert.equal(notYet.state, 'not-yet');
    assert.equal(notYet.value, '64%');
    assert.equal(notYet.target, '80%');
    assert.equal(notYet.by, parseIsoDate('2027-03-31'));
    assert.equal(notYet.better, 'higher');
    assert.equal(evaluate('{ metric: fcr, at: desk-verify, target: 80%, by: 2026-11-26 }')!.state, 'missed');
    // On the day itself it is not yet missed.
    assert.equal(evaluate('{ metric: fcr, at: desk-verify, target: 80%, by: 2026-11-27 }')!.state, 'not-yet');
    assert.equal(evaluate('{ metric: fcr, at: desk-verify, target: 80% }')!.state, 'not-yet');
  });

  it('met when the figure reaches the target, even after by; lower is better for durations', () => {
    assert.equal(evaluate('{ metric: fcr, at: desk-verify, target: 60%, by: 2026-01-31 }')!.state, 'met');
    assert.equal(evaluate('{ metric: fcr, at: desk-verify, target: 64% }')!.state, 'met');
    // time_to_resolution is 3h: a 4h target is met, a 2h one is not.
    assert.equal(evaluate('{ metric: time_to_resolution, at: iam-unlock, target: 4h }')!.state, 'met');
    const missed = evaluate('{ metric: time_to_resolution, at: iam-unlock, target: 2h, by: 2026-10-01 }')!;
    assert.equal(missed.state, 'missed');
    assert.equal(missed.better, 'lower');
  });

  it('judges the computed figure, with its n, over the typed one', async () => {
    const text = edit(withSignal('{ metric: fcr, at: desk-verify, target: 70%, by: 2027-03-31 }'), 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, from: tickets-q3, target: 80% }');
    const svc = service({ fileReader: memoryReader({ ...FILES, '/ws/data/tickets.csv': 'opened,resolved,reopened\n2026-09-01,2026-09-02,no\n2026-09-03,2026-09-04,no\n2026-09-05,2026-09-06,no\n2026-09-07,2026-09-08,yes\n' }) });
    await svc.validate(MAP_URI, text);
    const doc = svc.parse(MAP_URI, text);
    const evaluation = evaluateSignal(doc.map.improvements[0], doc.map, today)!;
    assert.deepEqual({ state: evaluation.state, value: evaluation.value, n: evaluation.n, computed: evaluation.computed }, { state: 'met', value: '75%', n: 4, computed: true });
    assert.equal(describeSignal(evaluation), 'met: 75% (computed, n 4), target 70% by 2027-03-31');
  });

  it('unknown, with why, when it cannot be judged; an unknown signal is never missed', () => {
    assert.equal(evaluate('{ metric: fcr, at: nowhere, target: 80%, by: 2026-01-01 }')!.why, 'no-touchpoint');
    assert.equal(evaluate('{ metric: csat, at: desk-verify, target: 80%, by: 2026-01-01 }')!.why, 'no-metric');
    const noValue = evaluate('{ metric: fcr, at: desk-verify, target: 80%, by: 2026-01-01 }', edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { target: 80% }'))!;
    assert.deepEqual({ state: noValue.state, why: noValue.why }, { state: 'unknown', why: 'no-value' });
    const custom = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: 80% }\n          agent_mood: 3');
    assert.equal(evaluate('{ metric: agent_mood, at: desk-verify, target: 4 }', custom)!.why, 'no-direction');
    assert.match(describeSignal(noValue), /^not known: the metric has no value yet$/);
  });

  it('describes each state with the figure, the target and the date', () => {
    assert.equal(describeSignal(evaluate('{ metric: fcr, at: desk-verify, target: 80%, by: 2027-03-31 }')!), 'not yet met: 64%, target 80% by 2027-03-31');
    assert.equal(describeSignal(evaluate('{ metric: fcr, at: desk-verify, target: 80%, by: 2026-09-30 }')!), 'missed after 2026-09-30: 64%, target 80%');
  });
});

describe('structured signals: rules', () => {
  it('signal-unknown-metric suggests the touchpoint\'s closest metric, and the quick fix applies it', async () => {
    const text = withSignal('{ metric: fcrr, at: desk-verify, target: 80% }');
    const found = (await lint(text)).find((d) => d.code === 'signal-unknown-metric')!;
    assert.match(found.message, /The touchpoint `desk-verify` has no metric `fcrr`, so the signal cannot be checked\. Did you mean `fcr`\?/);
    assert.equal(found.range.start.character, positionOf(text, 'fcrr').character);
    const fix = service().fixes(MAP_URI, text, found)[0];
    assert.equal(fix.edits[0].newText, 'fcr');
  });

  it('signal-unknown-metric says where else the metric is measured, or what the touchpoint measures', async () => {
    const elsewhere = (await lint(withSignal('{ metric: csat, at: desk-verify, target: 4.5/5 }'))).find((d) => d.code === 'signal-unknown-metric')!;
    assert.match(elsewhere.message, /`csat` is measured at `back-in`: name it in `at:`/);
    const listed = (await lint(withSignal('{ metric: escalation_rate, at: desk-verify, target: 5% }'))).find((d) => d.code === 'signal-unknown-metric')!;
    assert.match(listed.message, /Its metrics: `fcr`\./);
  });

  it('signal-unknown-metric is not also reported for a touchpoint that does not exist: that is an unknown-reference', async () => {
    const found = codes(await lint(withSignal('{ metric: fcr, at: desk-verfy, target: 80% }')));
    assert.deepEqual(found, ['unknown-reference']);
  });

  it('signal-missed-but-done stays quiet when the signal is met, not yet due, unknown, or the improvement is not done', async () => {
    const quiet = async (signal: string, status = 'done') => codes(await lint(withSignal(signal, `    status: ${status}\n`)));
    assert.deepEqual(await quiet('{ metric: fcr, at: desk-verify, target: 60%, by: 2026-09-30 }'), []);
    assert.deepEqual(await quiet('{ metric: fcr, at: desk-verify, target: 80%, by: 2027-03-31 }'), []);
    assert.deepEqual(await quiet('{ metric: fcr, at: desk-verify, target: 80%, by: 2026-09-30 }', 'in-progress'), []);
    assert.deepEqual(await quiet('{ metric: fcr, at: desk-verify, target: 80%, by: 2026-09-30 }', 'done'), ['signal-missed-but-done']);
  });

  it('signal-missed-but-done gives the figure, the target and the date', async () => {
    const found = (await lint(withSignal('{ metric: fcr, at: desk-verify, target: 80%, by: 2026-09-30 }', '    status: done\n'))).find((d) => d.code === 'signal-missed-but-done')!;
    assert.match(found.message, /is `done`, but its signal was not met by 2026-09-30: `fcr` at `desk-verify` is 64% against the target 80%/);
  });

  it('renaming a touchpoint renames the signal\'s at', () => {
    const text = withSignal('{ metric: fcr, at: desk-verify, target: 80% }');
    const result = service().rename(MAP_URI, text, positionOf(text, 'id: desk-verify', 5), 'desk-check');
    assert.ok('edits' in result, JSON.stringify(result));
    const at = positionOf(text, 'at: desk-verify', 4);
    assert.ok(result.edits.some((e) => e.range.start.line === at.line && e.range.start.character === at.character && e.newText === 'desk-check'), JSON.stringify(result.edits));
  });
});

describe('structured signals: hover and completion', () => {
  it('the improvement hover says not yet met, with the figure and the date', () => {
    const text = withSignal('{ metric: fcr, at: desk-verify, target: 80%, by: 2027-03-31 }');
    const h = service().hover(MAP_URI, text, positionOf(text, 'id: lock-hint', 5))!.contents;
    assert.match(h, /We will know we succeeded when \*\*fcr at desk-verify reaches 80% by 2027-03-31\*\*/);
    assert.match(h, /\*\*Signal:\*\* ⏳ not yet met: 64%, target 80% by 2027-03-31/);
  });

  it('the improvement hover says missed after by, and met with the computed figure and n', async () => {
    const missed = withSignal('{ metric: fcr, at: desk-verify, target: 80%, by: 2026-09-30 }');
    assert.match(service().hover(MAP_URI, missed, positionOf(missed, 'id: lock-hint', 5))!.contents, /\*\*Signal:\*\* ❌ missed after 2026-09-30: 64%, target 80%/);
    const computed = edit(withSignal('{ metric: fcr, at: desk-verify, target: 70% }'), 'fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, target: 80% }');
    const svc = service({ fileReader: memoryReader({ ...FILES, '/ws/data/tickets.csv': 'opened,resolved,reopened\n2026-09-01,2026-09-02,no\n2026-09-03,2026-09-04,no\n2026-09-05,2026-09-06,no\n2026-09-07,2026-09-08,yes\n' }) });
    await svc.validate(MAP_URI, computed);
    assert.match(svc.hover(MAP_URI, computed, positionOf(computed, 'id: lock-hint', 5))!.contents, /\*\*Signal:\*\* ✅ met: 75% \\\(computed, n 4\\\), target 70%/);
  });

  it('hovering a key inside the signal explains it and shows the state', () => {
    const text = withSignal('\n      metric: fcr\n      at: desk-verify\n      target: 80%\n      by: 2027-03-31');
    const h = service().hover(MAP_URI, text, positionOf(text, 'by: 2027', 1))!.contents;
    assert.match(h, /\*\*by\*\* \(signal\)/);
    assert.match(h, /⏳ not yet met/);
  });

  it('inside signal: { }, completion offers the signal\'s keys; at: the touchpoints; metric: the metrics the map measures', () => {
    const labels = (marked: string) => {
      const offset = marked.indexOf('|');
      const text = marked.slice(0, offset) + marked.slice(offset + 1);
      const before = text.slice(0, offset).split('\n');
      return service().complete(MAP_URI, text, { line: before.length - 1, character: before[before.length - 1].length }).map((i) => i.label);
    };
    assert.deepEqual(labels(withSignal('{ |')), ['metric', 'at', 'target', 'by']);
    assert.deepEqual(labels(withSignal('{ metric: fcr, |')), ['at', 'target', 'by']);
    assert.ok(labels(withSignal('{ metric: fcr, at: |')).includes('desk-verify'));
    const metrics = labels(withSignal('{ metric: |'));
    assert.deepEqual(metrics, ['repeat_contact_rate', 'fcr', 'time_to_resolution', 'csat']);
    assert.deepEqual(labels(withSignal('\n      metric: fcr\n      |')), ['at', 'target', 'by']);
  });
});
