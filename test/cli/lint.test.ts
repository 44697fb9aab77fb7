import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepositoryRoot } from '../../src/cli/io';
import { CLEAN_MAP, edit, FILES } from '../core/fixtures';
import { runCli, type Run } from './capture';

const run = runCli;

describe('journeymap lint (CLI)', () => {
  let ws: string;
  const WARNING_MAP = edit(CLEAN_MAP, 'notifies_customer: true', 'notifies_customer: false');
  const ERROR_MAP = edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n');

  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'journeymap-cli-'));
    mkdirSync(join(ws, '.git'));
    mkdirSync(join(ws, 'maps', 'nested'), { recursive: true });
    mkdirSync(join(ws, 'runbooks'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'runbooks', 'lockout.md'), FILES['/ws/runbooks/lockout.md']);
    writeFileSync(join(ws, 'data', 'tickets.csv'), FILES['/ws/data/tickets.csv']);
    writeFileSync(join(ws, 'maps', 'clean.journey.yaml'), CLEAN_MAP);
    writeFileSync(join(ws, 'maps', 'nested', 'warn.journey.yml'), WARNING_MAP.replace(/\.\.\//g, '../../'));
    writeFileSync(join(ws, 'maps', 'notes.yaml'), 'not: a map\n');
    mkdirSync(join(ws, 'broken'));
    writeFileSync(join(ws, 'broken', 'error.journey.yaml'), ERROR_MAP);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('finds maps in folders recursively, ignores other YAML, and exits 0 when clean of errors', async () => {
    const r = await run(['lint', 'maps', '--today', '2026-11-27'], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /^maps\/nested\/warn\.journey\.yml:\d+:\d+ {2}warning {2}The handoff from `desk-verify` to `iam-unlock` does not tell the customer.* {2}silent-handoff$/);
    assert.equal(lines[1], '✖ 2 maps checked: 0 errors, 1 warning, 0 infos');
  });

  it('the text line points at the finding with one-based line and column', async () => {
    const r = await run(['lint', 'maps/nested/warn.journey.yml', '--today', '2026-11-27'], ws);
    const line = WARNING_MAP.split('\n').findIndex((l) => l.includes('notifies_customer: false')) + 1;
    const column = WARNING_MAP.split('\n')[line - 1].indexOf('false') + 1;
    assert.ok(r.stdout.startsWith(`maps/nested/warn.journey.yml:${line}:${column}  warning`), r.stdout);
  });

  it('a byte-order mark does not shift line-1 columns (editors drop it too)', async () => {
    const typo = CLEAN_MAP.replace(/^journeymap: 1/, 'journeymapp: 1');
    assert.notEqual(typo, CLEAN_MAP);
    writeFileSync(join(ws, 'bom.journey.yaml'), `\uFEFF${typo}`);
    writeFileSync(join(ws, 'nobom.journey.yaml'), typo);
    const bom = await run(['lint', 'bom.journey.yaml', '--today', '2026-11-27'], ws);
    const plain = await run(['lint', 'nobom.journey.yaml', '--today', '2026-11-27'], ws);
    assert.match(plain.stdout, /^nobom\.journey\.yaml:1:1 /m);
    assert.equal(bom.stdout.replace(/\bbom\.journey/g, 'nobom.journey'), plain.stdout);
  });

  it('exits 1 on errors', async () => {
    const r = await run(['lint', 'broken', '--today', '2026-11-27'], ws);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /error {4}No lane has the id `iamm`\. Did you mean `iam`\? {2}unknown-reference/);
  });

  it('--max-warnings fails the run when warnings exceed it', async () => {
    assert.equal((await run(['lint', 'maps', '--today', '2026-11-27', '--max-warnings', '1'], ws)).code, 0);
    const r = await run(['lint', 'maps', '--today', '2026-11-27', '--max-warnings', '0'], ws);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /1 warnings, more than --max-warnings 0/);
  });

  it('--format json prints files, one-based positions and a summary', async () => {
    const r = await run(['lint', 'maps', 'broken', '--format', 'json', '--today', '2026-11-27'], ws);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    // The misspelt lane leaves `iam` unused, but that is the same mistake: one finding, not also unused-lane.
    assert.deepEqual(json.summary, { errors: 1, warnings: 1, infos: 0 });
    assert.deepEqual(json.files.map((f: { path: string }) => f.path), ['maps/clean.journey.yaml', 'maps/nested/warn.journey.yml', 'broken/error.journey.yaml']);
    const d = json.files[2].diagnostics.find((x: { code: string }) => x.code === 'unknown-reference');
    assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn']);
    const line = ERROR_MAP.split('\n').findIndex((l) => l.includes('lane: iamm')) + 1;
    assert.deepEqual([d.code, d.severity, d.line, d.column, d.endLine, d.endColumn], ['unknown-reference', 'error', line, 15, line, 19]);
  });

  it('--format github prints workflow commands with escaped properties', async () => {
    const r = await run(['lint', 'broken', 'maps', '--format', 'github', '--today', '2026-11-27'], ws);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^::error file=broken\/error\.journey\.yaml,line=\d+,col=15,endLine=\d+,endColumn=19,title=unknown-reference::No lane has the id `iamm`/);
    assert.match(lines[1], /^::warning file=maps\/nested\/warn\.journey\.yml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=silent-handoff::/);
    assert.equal(lines[2], 'journeymap: 3 maps checked: 1 error, 1 warning, 0 infos');
  });

  it('--rule overrides a severity or switches a rule off', async () => {
    const off = await run(['lint', 'maps', '--today', '2026-11-27', '--rule', 'silent-handoff=off', '--max-warnings', '0'], ws);
    assert.equal(off.code, 0, off.stdout);
    const error = await run(['lint', 'maps', '--today', '2026-11-27', '--rule', 'silent-handoff=error'], ws);
    assert.equal(error.code, 1);
  });

  it('--today drives the review rules, and the improvements\' due dates', async () => {
    const r = await run(['lint', 'maps/clean.journey.yaml', '--today', '2027-06-01', '--format', 'json'], ws);
    assert.deepEqual(JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string }) => d.code), ['review-overdue', 'improvement-overdue']);
  });

  it('usage and I/O errors exit 2 with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['lint', 'maps', '--format', 'xml'], /--format must be text, json, github, sarif or gitlab, not "xml"/],
      [['lint', 'maps', '--today', 'yesterday'], /--today must be a real date like 2026-09-30/],
      [['lint', 'maps', '--max-warnings', 'many'], /--max-warnings must be a whole number/],
      [['lint', 'maps', '--rule', 'no-such-rule=off'], /there is no rule named "no-such-rule"/],
      [['lint', 'maps', '--rule', 'loop=loud'], /the severity must be off, info, warning or error, not "loud"/],
      [['lint', 'maps', '--rule', 'yaml-syntax=off'], /yaml-syntax cannot be changed: a file that cannot be read as a map always fails/],
      [['lint', 'maps', '--colour'], /Unknown option '--colour'/],
      [['lint', 'nowhere'], /no such file or folder: nowhere/],
      [['lint', 'runbooks'], /no journey maps \(\*\.journey\.yaml, \*\.journey\.yml\) found in runbooks/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, ws);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
    }
  });

  it('control characters from a map or a file name are printed as escapes, in every format', async () => {
     
    const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    const dir = join(ws, 'hostile');
    mkdirSync(dir, { recursive: true });
    const key = '"evil\\e[31mRED\\e]0;pwned\\a \\x9b2J \\u202Eexe ##[stop-commands]tok": 1\n';
    writeFileSync(join(dir, 'e\u001b[2Jvil.journey.yaml'), CLEAN_MAP + key);
    try {
      for (const format of ['text', 'github', 'json']) {
        const r = await run(['lint', 'hostile', '--format', format, '--today', '2026-11-27'], ws);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(!CONTROL.test(r.stdout.replace(/\n/g, '')), `${format}: ${JSON.stringify(r.stdout)}`);
        assert.ok(!r.stdout.includes('##['), format);
        if (format === 'json') {
          const file = JSON.parse(r.stdout).files[0];
          assert.equal(file.path, 'hostile/e\u001b[2Jvil.journey.yaml');
          assert.ok(file.diagnostics.some((d: { message: string }) => d.message.includes('evil\u001b[31mRED\u001b]0;pwned\u0007 \u009b2J \u202eexe ##[stop-commands]tok')));
        } else {
          assert.ok(r.stdout.includes('evil\\u001b[31mRED\\u001b]0;pwned\\u0007 \\u009b2J \\u202eexe ##\\u005bstop-commands]tok'), r.stdout);
          assert.ok(r.stdout.includes('hostile/e\\u001b[2Jvil.journey.yaml'), r.stdout);
        }
      }
      const usage = await run(['lint', 'hostile', '--format', 'x\u001b]0;t\u0007'], ws);
      assert.equal(usage.code, 2);
      assert.ok(!CONTROL.test(usage.stderr.replace(/\n/g, '')) && usage.stderr.includes('x\\u001b]0;t\\u0007'), JSON.stringify(usage.stderr));
      const missing = await run(['lint', 'nowhere\u001b[2J'], ws);
      assert.ok(!CONTROL.test(missing.stderr.replace(/\n/g, '')), JSON.stringify(missing.stderr));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the default workspace root follows the maps, not the current folder', () => {
    const made: string[] = [];
    /** A folder with maps/m.journey.yaml (linking ../runbooks and ../data), runbooks/ and data/. */
    const project = (parent: string | undefined, name: string, git: boolean): string => {
      const dir = parent ? join(parent, name) : mkdtempSync(join(tmpdir(), `journeymap-${name}-`));
      if (!parent) made.push(dir);
      mkdirSync(join(dir, 'maps'), { recursive: true });
      mkdirSync(join(dir, 'runbooks'));
      mkdirSync(join(dir, 'data'));
      if (git) mkdirSync(join(dir, '.git'));
      writeFileSync(join(dir, 'runbooks', 'lockout.md'), FILES['/ws/runbooks/lockout.md']);
      writeFileSync(join(dir, 'data', 'tickets.csv'), FILES['/ws/data/tickets.csv']);
      writeFileSync(join(dir, 'maps', 'm.journey.yaml'), CLEAN_MAP);
      return dir;
    };
    const outside = (r: Run) => r.stdout.split('\n').filter((l) => l.endsWith('link-outside-workspace')).length;
    const hints = (r: Run) => r.stdout.split('\n').filter((l) => l.startsWith('Links were checked against the workspace root '));
    after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    before(async () => {
      // The cases below assume the temporary folder is in no git repository.
      const probe = mkdtempSync(join(tmpdir(), 'journeymap-probe-'));
      made.push(probe);
      assert.equal(await findRepositoryRoot(probe), undefined, `${tmpdir()} is inside a git repository`);
    });

    it('a git repository around the maps is the root, wherever the current folder is', async () => {
      const repo = project(undefined, 'repo', true);
      mkdirSync(join(repo, 'maps', 'deep'));
      writeFileSync(join(repo, 'maps', 'deep', 'n.journey.yaml'), CLEAN_MAP.replace(/\.\.\//g, '../../'));
      const r = await run(['lint', join(repo, 'maps'), '--today', '2026-11-27'], ws); // ws is another git repository
      assert.equal(r.code, 0, r.stdout);
      assert.equal(outside(r), 0, r.stdout);
      assert.deepEqual(hints(r), []);
      assert.equal(r.stdout, '✔ 2 maps checked: 0 errors, 0 warnings, 0 infos\n');
      const file = await run(['lint', join(repo, 'maps', 'deep', 'n.journey.yaml'), '--today', '2026-11-27'], ws);
      assert.equal(outside(file), 0, file.stdout);
    });

    it('without git, outside the current folder: the maps\' own folder, and a hint naming it and --root', async () => {
      const plain = project(undefined, 'plain', false);
      for (const target of [join(plain, 'maps'), join(plain, 'maps', 'm.journey.yaml')]) {
        const r = await run(['lint', target, '--today', '2026-11-27'], ws);
        assert.equal(outside(r), 2, r.stdout); // the runbook and the ticket export, one folder up
        assert.deepEqual(hints(r), [`Links were checked against the workspace root ${join(plain, 'maps')} (the maps' folder); links outside it are never read. Use --root DIR to choose another folder.`]);
        assert.equal(r.stdout.trimEnd().split('\n').pop(), hints(r)[0], 'the hint comes last');
      }
      const rooted = await run(['lint', join(plain, 'maps'), '--root', plain, '--today', '2026-11-27'], ws);
      assert.equal(outside(rooted), 0, rooted.stdout);
      const narrow = await run(['lint', join(plain, 'maps'), '--root', join(plain, 'maps'), '--today', '2026-11-27'], ws);
      assert.deepEqual(hints(narrow), [`Links were checked against the workspace root ${join(plain, 'maps')} (given with --root); links outside it are never read. Use --root DIR to choose another folder.`]);
      const missing = await run(['lint', join(plain, 'maps'), '--root', join(plain, 'maps', 'x')], ws);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--root .*x: no such folder/);
      for (const format of ['json', 'github']) {
        const r = await run(['lint', join(plain, 'maps'), '--format', format, '--today', '2026-11-27'], ws);
        assert.match(r.stdout, /link-outside-workspace/);
        assert.deepEqual(hints(r), [], format);
        if (format === 'json') JSON.parse(r.stdout);
      }
    });

    it('without git, inside the current folder: the current folder, as before', async () => {
      const plain = project(undefined, 'cwd', false);
      const r = await run(['lint', 'maps', '--today', '2026-11-27'], plain);
      assert.equal(outside(r), 0, r.stdout);
      const fromMaps = await run(['lint', '.', '--today', '2026-11-27'], join(plain, 'maps'));
      assert.equal(outside(fromMaps), 2, fromMaps.stdout);
      assert.match(hints(fromMaps)[0], /the current folder/);
    });

    it('several targets in different places: the nearest folder holding all their roots', async () => {
      const parent = mkdtempSync(join(tmpdir(), 'journeymap-parent-'));
      made.push(parent);
      const a = project(parent, 'a', true);
      const b = project(parent, 'b', true);
      // Climbs out of both repositories into the parent folder: inside the common root, so read.
      writeFileSync(join(a, 'maps', 'm.journey.yaml'), edit(CLEAN_MAP, 'runbook: ../runbooks/lockout.md#symptoms', 'runbook: ../../b/runbooks/lockout.md#symptoms'));
      // Climbs above the parent: outside, and the hint shows the root that was used.
      writeFileSync(join(b, 'maps', 'm.journey.yaml'), edit(CLEAN_MAP, 'runbook: ../runbooks/lockout.md#symptoms', 'runbook: ../../../x/lockout.md'));
      const r = await run(['lint', join(a, 'maps'), join(b, 'maps'), '--today', '2026-11-27'], ws);
      assert.equal(outside(r), 1, r.stdout);
      assert.match(r.stdout, new RegExp(`^${join(b, 'maps', 'm.journey.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ +warning .*link-outside-workspace$`, 'm'));
      assert.deepEqual(hints(r), [`Links were checked against the workspace root ${parent} (the nearest folder holding the roots of all the maps given); links outside it are never read. Use --root DIR to choose another folder.`]);
      const one = await run(['lint', join(a, 'maps'), '--today', '2026-11-27'], ws);
      assert.equal(outside(one), 1, one.stdout); // alone, a's root is a: ../../b is outside
      assert.match(hints(one)[0], new RegExp(`root ${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(the git repository around the maps\\)`));
    });
  });

  it('the installed binary works end to end, with the same exit codes', () => {
    const bin = join(process.cwd(), 'bin', 'journeymap.js');
    const ok = spawnSync(process.execPath, [bin, 'lint', 'maps', '--today', '2026-11-27'], { cwd: ws, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /2 maps checked: 0 errors, 1 warning/);
    const bad = spawnSync(process.execPath, [bin, 'lint', 'broken'], { cwd: ws, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    const usage = spawnSync(process.execPath, [bin, 'lint', '--format', 'xml'], { cwd: ws, encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });
});
