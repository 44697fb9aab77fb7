import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLEAN_MAP, edit } from '../core/fixtures';
import { runCli } from './capture';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });

/** The clean map with fcr computed from its tickets export. */
const COMPUTED = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, target: 80% }');
const HEADER = 'id,opened,resolved,escalated\n';
const row = (i: number, escalated: string) => `${i},2026-07-0${i}T09:00,2026-07-0${i}T10:00,${escalated}\n`;

describe('journeymap diff', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'journeymap-diff-'));
    for (const dir of ['maps', 'data', 'runbooks']) mkdirSync(join(ws, dir));
    writeFileSync(join(ws, 'runbooks', 'lockout.md'), '# Lockout\n\n## Symptoms\n');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('two files: text by default, json and markdown on request, exit 1 with --fail-on new-errors only when errors are introduced', async () => {
    writeFileSync(join(ws, 'maps', 'current.journey.yaml'), CLEAN_MAP);
    writeFileSync(join(ws, 'maps', 'future.journey.yaml'), edit(CLEAN_MAP, 'feels: -2', 'feels: 1'));
    const text = await runCli(['diff', 'maps/current.journey.yaml', 'maps/future.journey.yaml', '--today', '2026-11-27'], ws);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout, 'maps/current.journey.yaml → maps/future.journey.yaml: 1 feels changed\n  Feels\n    locked-out: -2 → +1\n');
    const json = JSON.parse((await runCli(['diff', 'maps/current.journey.yaml', 'maps/future.journey.yaml', '--format', 'json'], ws)).stdout);
    assert.deepEqual(json.maps[0].feels.map((f: { before: number; after: number }) => [f.before, f.after]), [[-2, 1]]);
    assert.equal(json.maps[0].summary, '1 feels changed');
    const md = await runCli(['diff', 'maps/current.journey.yaml', 'maps/future.journey.yaml', '--format', 'markdown'], ws);
    assert.match(md.stdout, /^### `maps\/current\.journey\.yaml → maps\/future\.journey\.yaml` · Admin locked out of account\n\n\*\*1 feels changed\*\*\n\n#### Feels\n\n- `locked-out`\\: -2 → \+1\n/);
    assert.match(md.stdout, /\| Problem discovery \| -2 \| \+1 \|/);

    writeFileSync(join(ws, 'maps', 'broken.journey.yaml'), edit(CLEAN_MAP, '        lane: iam\n', '        lane: iam-team\n'));
    const clean = await runCli(['diff', 'maps/current.journey.yaml', 'maps/future.journey.yaml', '--fail-on', 'new-errors'], ws);
    assert.equal(clean.code, 0);
    const failing = await runCli(['diff', 'maps/current.journey.yaml', 'maps/broken.journey.yaml', '--fail-on', 'new-errors'], ws);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /error unknown-reference: No lane has the id `iam-team`/);
    const fixing = await runCli(['diff', 'maps/broken.journey.yaml', 'maps/current.journey.yaml', '--fail-on', 'new-errors'], ws);
    assert.equal(fixing.code, 0);
    assert.match(fixing.stdout, /Findings fixed\n( {4}.*\n)* {4}error unknown-reference: No lane has the id `iam-team`/);
  });

  it('usage errors exit 2 with a clear message', async () => {
    writeFileSync(join(ws, 'maps', 'a.journey.yaml'), CLEAN_MAP);
    for (const [argv, message] of [
      [['diff', 'maps/a.journey.yaml'], /diff takes two map files/],
      [['diff', 'maps/a.journey.yaml', 'maps/none.journey.yaml'], /no such file: maps\/none\.journey\.yaml/],
      [['diff', 'maps/a.journey.yaml', 'maps'], /maps is a folder/],
      [['diff', 'maps/a.journey.yaml', 'maps/a.journey.yaml', '--format', 'html'], /--format must be text, markdown or json/],
      [['diff', 'maps/a.journey.yaml', 'maps/a.journey.yaml', '--fail-on', 'warnings'], /--fail-on takes new-errors/],
    ] as [string[], RegExp][]) {
      const run = await runCli(argv, ws);
      assert.equal(run.code, 2, argv.join(' '));
      assert.match(run.stderr, message);
    }
  });

  it('--base outside a git repository, or with an unknown revision, exits 2 and says why', async () => {
    writeFileSync(join(ws, 'maps', 'a.journey.yaml'), CLEAN_MAP);
    const outside = await runCli(['diff', '--base', 'HEAD~1'], ws);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /is not inside a git repository/);
    git(ws, 'init', '-q');
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'one');
    const unknown = await runCli(['diff', '--base', 'no-such-branch'], ws);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown revision "no-such-branch"/);
    const option = await runCli(['diff', '--base', '--output=/tmp/x'], ws);
    assert.equal(option.code, 2, 'a revision that looks like an option is refused, never passed to git');
  });

  it('--base REV: a map added, edited and its export regenerated, each against the revision, with the export as it was then', async () => {
    git(ws, 'init', '-q');
    writeFileSync(join(ws, 'data', 'tickets.csv'), HEADER + row(1, 'no') + row(2, 'yes'));
    writeFileSync(join(ws, 'maps', 'admin.journey.yaml'), COMPUTED);
    git(ws, 'add', '-A');
    git(ws, 'commit', '-qm', 'the map is added');
    writeFileSync(join(ws, 'maps', 'admin.journey.yaml'), edit(COMPUTED, 'name: Agent verifies identity', 'name: Agent verifies identity by phone'));
    git(ws, 'commit', '-qam', 'the map is edited');
    writeFileSync(join(ws, 'data', 'tickets.csv'), HEADER + row(1, 'no') + row(2, 'yes') + row(3, 'no') + row(4, 'no'));
    git(ws, 'commit', '-qam', 'the export is regenerated');

    const sinceAdded = await runCli(['diff', '--base', 'HEAD~2', '--today', '2026-11-27'], ws);
    assert.equal(sinceAdded.code, 0, sinceAdded.stderr);
    assert.match(sinceAdded.stdout, /^1 map changed since HEAD~2\.\n/);
    assert.match(sinceAdded.stdout, /edited desk-verify name: "Agent verifies identity" → "Agent verifies identity by phone"/);
    assert.match(sinceAdded.stdout, /fcr at desk-verify: 50%, target 80% \(misses, computed n=2\) → 75%, target 80% \(misses, computed n=4\)/);

    // The map's text is the same as one commit ago; its figures are not: the export was regenerated.
    const exportOnly = await runCli(['diff', '--base', 'HEAD~1', 'maps'], ws);
    assert.match(exportOnly.stdout, /^1 map changed since HEAD~1\.\n\nmaps\/admin\.journey\.yaml: 1 metric change.*\n {2}Metrics\n {4}fcr at desk-verify: 50%.*→ 75%/);

    const initial = await runCli(['diff', '--base', 'HEAD~3'], ws);
    assert.equal(initial.code, 2, 'there is no commit before the first');

    writeFileSync(join(ws, 'maps', 'onboarding.journey.yaml'), CLEAN_MAP.replace('Admin locked out of account', 'New starter onboarding'));
    unlinkSync(join(ws, 'maps', 'admin.journey.yaml'));
    const addedRemoved = await runCli(['diff', '--base', 'HEAD', '--format', 'json'], ws);
    const maps = JSON.parse(addedRemoved.stdout).maps.map((m: { path: string; status: string }) => [m.path, m.status]);
    assert.deepEqual(maps, [['maps/admin.journey.yaml', 'removed'], ['maps/onboarding.journey.yaml', 'added']]);
    const none = await runCli(['diff', '--base', 'HEAD', 'runbooks'], ws);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no journey maps/);
  });

  it('--base never reads a map that is now a symbolic link leading out of the workspace', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'journeymap-outside-'));
    try {
      writeFileSync(join(outside, 'secret.journey.yaml'), CLEAN_MAP.replace('Admin locked out of account', 'SECRET FROM OUTSIDE'));
      git(ws, 'init', '-q');
      writeFileSync(join(ws, 'maps', 'old.journey.yaml'), CLEAN_MAP);
      git(ws, 'add', '-A');
      git(ws, 'commit', '-qm', 'a map');
      unlinkSync(join(ws, 'maps', 'old.journey.yaml'));
      symlinkSync(join(outside, 'secret.journey.yaml'), join(ws, 'maps', 'old.journey.yaml'));
      const run = await runCli(['diff', '--base', 'HEAD', 'maps'], ws);
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, /SECRET/);
      assert.match(run.stdout, /the new version cannot be read as a journey map|link-outside-workspace/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('--base reads a stored symbolic link only while it stays inside the workspace', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'journeymap-outside-'));
    try {
      writeFileSync(join(outside, 'secret.md'), '# Secret heading\n');
      git(ws, 'init', '-q');
      symlinkSync(join(outside, 'secret.md'), join(ws, 'runbooks', 'lockout.md.link'));
      writeFileSync(join(ws, 'maps', 'admin.journey.yaml'), CLEAN_MAP.replace('../runbooks/lockout.md#symptoms', '../runbooks/lockout.md.link#secret-heading'));
      git(ws, 'add', '-A');
      git(ws, 'commit', '-qm', 'a runbook link through a symbolic link to outside');
      writeFileSync(join(ws, 'maps', 'admin.journey.yaml'), CLEAN_MAP);
      const run = await runCli(['diff', '--base', 'HEAD'], ws);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Findings fixed\n {4}warning link-outside-workspace: .*leads outside the workspace folder through a symbolic link/);
      assert.doesNotMatch(run.stdout, /Secret heading/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
