import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLanguageService } from '../../src/core';
import { RootedFiles, toCorePath } from '../../src/node/files';
import { CLEAN_MAP, edit, positionOf } from '../core/fixtures';
import { HEADER, ROWS } from '../core/tickets.test';
import { runCli } from './capture';

const csvLine = (cells: string[]) => cells.map((c) => (/[",\n;]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

/** The clean map with its tickets source mapped to the fixture export and two computed metrics. */
function computedMap(fcrLine = 'fcr: { from: tickets-q3, where: { category: access }, target: 80% }'): string {
  let text = edit(CLEAN_MAP, '    period: 2026-07-01/2026-09-30\n', '    period: 2026-07-01/2026-09-30\n    columns: { opened: created, first_response: first_reply, resolved: resolved_at, reopened: reopens, escalated: escalation, transfers: reassignments, csat: score, category: category, channel: contact_type }\n');
  text = edit(text, 'fcr: { value: 64%, target: 80% }', fcrLine);
  return text;
}

describe('computed metrics through real CSV files', () => {
  let ws: string;
  const uri = () => toCorePath(join(ws, 'maps', 'admin.journey.yaml'));
  const write = (csv: string) => writeFileSync(join(ws, 'data', 'tickets.csv'), csv);
  const service = () => getLanguageService({ fileReader: new RootedFiles(ws), today: () => '2026-11-27', workspaceRoot: toCorePath(ws) });

  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'journeymap-metrics-'));
    for (const dir of ['maps', 'data', 'runbooks']) mkdirSync(join(ws, dir));
    writeFileSync(join(ws, 'runbooks', 'lockout.md'), '# Lockout\n\n## Symptoms\n');
    write([HEADER, ...ROWS].map(csvLine).join('\n') + '\n');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('computes a filtered metric, shows it in the hover with n, period and export age, and judges it against the target', async () => {
    const ls = service();
    const text = computedMap();
    const diagnostics = await ls.validate(uri(), text);
    assert.deepEqual(diagnostics.map((d) => d.code), ['stale-evidence'], JSON.stringify(diagnostics)); // the fixture's newest ticket is from July
    const hover = ls.hover(uri(), text, positionOf(text, 'fcr:', 1))!.contents;
    assert.match(hover, /\*\*Computed:\*\* 33\.3% · \*\*Target:\*\* 80% · ❌ misses target by 46\.7 points/);
    assert.match(hover, /n = 3 tickets where category is access from `tickets-q3` \(`\.\.\/data\/tickets\.csv`, 2026-07-01 to 2026-07-05\) · \*\*Export age:\*\* newest row 5 months ago/);
  });

  it('stale-evidence uses the export\'s newest date, not the written period', async () => {
    const d = (await service().validate(uri(), computedMap())).find((x) => x.code === 'stale-evidence')!;
    assert.match(d.message, /The newest ticket in this export is from 2026-07-05, 117 days before the last review/);
  });

  it('metric-drift: a typed value far from the computed one', async () => {
    const text = computedMap('fcr: { value: 64%, from: tickets-q3, where: { category: access }, target: 80% }');
    const drift = (await service().validate(uri(), text)).find((d) => d.code === 'metric-drift');
    assert.match(drift!.message, /First Contact Resolution is typed as 64% but the export gives 33\.3% \(n=3\), off by 30\.7 points/);
    const close = computedMap('fcr: { value: 35%, from: tickets-q3, where: { category: access }, target: 80% }');
    assert.ok(!(await service().validate(uri(), close)).some((d) => d.code === 'metric-drift'));
  });

  it('quoted fields with embedded newlines, a BOM and `;` as delimiter read the same', async () => {
    const rows = ROWS.map((r) => [...r]);
    rows[0][8] = 'access'; // keep the category; put a newline in another quoted field
    rows[0][9] = 'email\nforwarded';
    write('\uFEFF' + [HEADER, ...rows].map((cells) => cells.map((c) => (/[";\n]/.test(c) ? `"${c}"` : c)).join(';')).join('\r\n'));
    const ls = service();
    const text = computedMap();
    await ls.validate(uri(), text);
    assert.match(ls.hover(uri(), text, positionOf(text, 'fcr:', 1))!.contents, /\*\*Computed:\*\* 33\.3%/);
  });

  it('source-unreadable: a malformed row is reported with its line', async () => {
    write([HEADER, ...ROWS].map(csvLine).join('\n') + '\n1,2,3\n');
    const d = (await service().validate(uri(), computedMap())).find((x) => x.code === 'source-unreadable');
    assert.match(d!.message, /`\.\.\/data\/tickets\.csv` cannot be read \(line 7(, column \d+)?\): a row has a different number of fields than the header: expected 10, got 3/);
  });

  it('source-unreadable: the mapping names a column the header lacks', async () => {
    const text = edit(computedMap(), 'csat: score,', 'csat: satisfaction,');
    const d = (await service().validate(uri(), text)).find((x) => x.code === 'source-unreadable');
    assert.match(d!.message, /no column named `satisfaction`/);
  });

  it('metric-not-computed: nothing matches the filter, or the metric is not computable', async () => {
    const none = computedMap('fcr: { from: tickets-q3, where: { category: hardware }, target: 80% }');
    assert.match((await service().validate(uri(), none)).find((x) => x.code === 'metric-not-computed')!.message, /No ticket in the export matches/);
    const nps = computedMap('nps: { from: tickets-q3, target: 30 }');
    assert.match((await service().validate(uri(), nps)).find((x) => x.code === 'metric-not-computed')!.message, /cannot be computed from a ticket export/);
  });

  it('an unknown column name in the mapping is caught while typing, with a suggestion', async () => {
    const text = edit(computedMap(), 'first_response: first_reply', 'first_reponse: first_reply');
    const d = (await service().validate(uri(), text)).find((x) => x.code === 'unknown-key');
    assert.equal(d?.data?.suggestion, 'first_response');
  });

  it('recomputes when the export changes, and reuses the result while it does not', async () => {
    const ls = service();
    const text = computedMap('fcr: { from: tickets-q3, target: 80% }');
    await ls.validate(uri(), text);
    assert.match(ls.hover(uri(), text, positionOf(text, 'fcr:', 1))!.contents, /\*\*Computed:\*\* 25%/);
    write([HEADER, ROWS[0]].map(csvLine).join('\n') + '\n');
    await new Promise((r) => setTimeout(r, 20)); // a new mtime
    await ls.validate(uri(), text);
    assert.match(ls.hover(uri(), text, positionOf(text, 'fcr:', 1))!.contents, /\*\*Computed:\*\* 100%/);
  });
});

describe('journeymap metrics (CLI)', () => {
  /** A temporary folder for one test, removed afterwards. */
  async function inTemp(name: string, body: (dir: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), `journeymap-metrics-${name}-`));
    try {
      await body(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('prints every metric of the example with computed values marked, and json on request', async () => {
    const table = await runCli(['metrics', 'examples/locked-out-admin.journey.yaml', '--today', '2026-11-27'], process.cwd());
    assert.equal(table.code, 0);
    const fcr = table.stdout.split('\n').find((l) => /^desk-ack\s+fcr\s/.test(l));
    assert.match(fcr!, /^desk-ack\s+fcr\s+\d+(\.\d)?% \*\s+75%\s+(misses by [\d.]+ points|meets)\s+desk-export\s+\d+$/);
    const json = await runCli(['metrics', 'examples/locked-out-admin.journey.yaml', '--format', 'json'], process.cwd());
    assert.equal(json.code, 0);
    const computed = JSON.parse(json.stdout).metrics.filter((m: { computed: boolean }) => m.computed);
    assert.ok(computed.length >= 5 && computed.every((m: { n: number }) => m.n > 0));
    assert.equal((await runCli(['metrics'], process.cwd())).code, 2);
  });

  it('reads the ticket export of a map outside the current folder: the root follows the map (its git repository)', () => inTemp('root', async (ws) => {
    for (const dir of ['.git', 'maps', 'data', 'runbooks']) mkdirSync(join(ws, dir));
    writeFileSync(join(ws, 'data', 'tickets.csv'), [HEADER, ...ROWS].map(csvLine).join('\n') + '\n');
    writeFileSync(join(ws, 'maps', 'admin.journey.yaml'), computedMap());
    const r = await runCli(['metrics', join(ws, 'maps', 'admin.journey.yaml'), '--format', 'json'], process.cwd());
    assert.equal(r.code, 0);
    const fcr = JSON.parse(r.stdout).metrics.find((m: { metric: string }) => m.metric === 'fcr');
    assert.deepEqual([fcr.value, fcr.computed, fcr.n], ['33.3%', true, 3], r.stdout);
  }));

  it('--root sets the root the ticket export must stay inside, as lint\'s does; a root that is no folder is a usage error', () => inTemp('rootflag', async (ws) => {
    for (const dir of ['maps', 'data', 'runbooks']) mkdirSync(join(ws, dir));
    writeFileSync(join(ws, 'data', 'tickets.csv'), [HEADER, ...ROWS].map(csvLine).join('\n') + '\n');
    writeFileSync(join(ws, 'maps', 'admin.journey.yaml'), computedMap());
    const fcr = async (argv: string[]) => JSON.parse((await runCli(['metrics', join(ws, 'maps', 'admin.journey.yaml'), '--format', 'json', ...argv], process.cwd())).stdout).metrics.find((m: { metric: string }) => m.metric === 'fcr');
    assert.equal((await fcr(['--root', ws])).computed, true);
    assert.equal((await fcr(['--root', join(ws, 'maps')])).computed, false, 'the export is outside a root of maps/: not read');
    const bad = await runCli(['metrics', join(ws, 'maps', 'admin.journey.yaml'), '--root', join(ws, 'nowhere')], process.cwd());
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--root .*nowhere: no such folder/);
  }));

  it('a custom metric with a target but no direction is shown as no-direction, with what to add', () => inTemp('direction', async (dir) => {
    writeFileSync(join(dir, 'x.journey.yaml'), edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'agent_morale: { value: 3, target: 4 }'));
    const table = await runCli(['metrics', 'x.journey.yaml'], dir);
    assert.match(table.stdout, /^desk-verify\s+agent_morale \(custom\)\s+3\s+4\s+no-direction\s/m);
    assert.match(table.stdout, /no-direction: a custom metric with a target but no direction: add better: higher or better: lower/);
    assert.doesNotMatch(table.stdout, /agent_morale.*no-target/);
    const json = JSON.parse((await runCli(['metrics', 'x.journey.yaml', '--format', 'json'], dir)).stdout);
    assert.equal(json.metrics.find((m: { metric: string }) => m.metric === 'agent_morale').status, 'no-direction');
  }));

  it('a folder is a usage error naming a map in it, not EISDIR', () => inTemp('dir', async (dir) => {
    mkdirSync(join(dir, 'maps'));
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'maps', 'a.journey.yaml'), CLEAN_MAP);
    const r = await runCli(['metrics', 'maps/'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^journeymap: metrics takes one map file, and maps\/ is a folder \(it holds 1 map, e\.g\. maps\/a\.journey\.yaml\)\. "journeymap lint maps\/" checks a whole folder\.\n/);
    assert.doesNotMatch(r.stderr, /EISDIR/);
    const empty = await runCli(['metrics', 'empty', '--format', 'json'], dir);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /empty is a folder \(it holds no journey maps\)/);
  }));

  it('a file that is not a map (empty, blank, comments only, a list, broken YAML) fails with lint\'s reason, in both formats', () => inTemp('notmap', async (dir) => {
    const cases: [string, string, RegExp][] = [
      ['empty', '', /x\.journey\.yaml:1:1 {2}error {4}The file is empty\. .* {2}missing-field$/m],
      ['blank', '\n  \n\n', /The file is empty\./],
      ['comments', '# TODO: map the printer jam journey\n', /The file is empty\./],
      ['dashes', '---\n', /The file is empty\./],
      ['list', '- a\n- b\n', /A journey map is a YAML mapping of keys .*, not a list\. {2}invalid-value$/m],
      ['scalar', 'just some text\n', /A journey map is a YAML mapping of keys/],
      ['broken', edit(CLEAN_MAP, 'title: Admin locked out of account', 'title: a: b: c'), /x\.journey\.yaml:2:\d+ {2}error {4}.* {2}yaml-syntax$/m],
    ];
    for (const [name, text, reason] of cases) {
      writeFileSync(join(dir, 'x.journey.yaml'), text);
      for (const format of ['text', 'json']) {
        const r = await runCli(['metrics', 'x.journey.yaml', '--format', format], dir);
        assert.equal(r.code, 1, `${name} ${format}: ${r.stdout}${r.stderr}`);
        assert.equal(r.stdout, '', `${name} ${format}`);
        assert.match(r.stderr, /^journeymap: x\.journey\.yaml is not a journey map that can be read:\n/, name);
        assert.match(r.stderr, reason, name);
      }
      assert.equal((await runCli(['lint', 'x.journey.yaml'], dir)).code, 1, `lint fails on ${name} too`);
    }
    // A map with no metrics is still a map: the table says so and the run succeeds.
    writeFileSync(join(dir, 'x.journey.yaml'), CLEAN_MAP.replace(/\n {8}metrics:\n {10}.*/g, ''));
    const none = await runCli(['metrics', 'x.journey.yaml'], dir);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, 'This map has no metrics.\n');
  }));

  it('json: a value, target or source the map does not give is null, shown as - in the table', () => inTemp('null', async (dir) => {
    writeFileSync(join(dir, 'x.journey.yaml'), edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { target: 80% }'));
    const json = await runCli(['metrics', 'x.journey.yaml', '--format', 'json', '--today', '2026-11-27'], dir);
    assert.equal(json.code, 0);
    const rows = JSON.parse(json.stdout).metrics;
    const pick = (metric: string) => rows.find((m: { metric: string }) => m.metric === metric);
    assert.deepEqual([pick('fcr').value, pick('fcr').target, pick('fcr').source], [null, '80%', null]);
    assert.deepEqual([pick('repeat_contact_rate').source, pick('time_to_resolution').source], ['tickets-q3', null]);
    assert.ok(!json.stdout.includes('"-"'), json.stdout);
    const table = await runCli(['metrics', 'x.journey.yaml', '--today', '2026-11-27'], dir);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^desk-verify\s+fcr\s+-\s+80%\s+no-value\s+-$/m);
  }));

  it('metric names, values and sources from the map are printed with control characters escaped', () => inTemp('cli', async (dir) => {
     
    const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    const map = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', '"x\\e[2Jy": { value: 64, target: 80, better: higher, source: "s\\e]0;t\\a ##[stop-commands]k" }');
    writeFileSync(join(dir, 'e.journey.yaml'), map);
    const table = await runCli(['metrics', 'e.journey.yaml', '--today', '2026-11-27'], dir);
    assert.equal(table.code, 0);
    assert.ok(!CONTROL.test(table.stdout.replace(/\n/g, '')) && !table.stdout.includes('##['), JSON.stringify(table.stdout));
    assert.match(table.stdout, /^desk-verify\s+x\\u001b\[2Jy \(custom\)\s+64\s+80\s+.*s\\u001b\]0;t\\u0007 ##\\u005bstop-commands\]k/m);
    const json = await runCli(['metrics', 'e.journey.yaml', '--format', 'json'], dir);
    assert.equal(json.code, 0);
    assert.ok(!CONTROL.test(json.stdout.replace(/\n/g, '')) && !json.stdout.includes('##['), JSON.stringify(json.stdout));
    const row = JSON.parse(json.stdout).metrics.find((m: { touchpoint: string }) => m.touchpoint === 'desk-verify');
    assert.deepEqual([row.metric, row.value, row.target, row.source], ['x\u001b[2Jy', '64', '80', 's\u001b]0;t\u0007 ##[stop-commands]k']);
  }));
});
