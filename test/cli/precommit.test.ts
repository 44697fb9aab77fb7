/**
 * The pre-commit hook (.pre-commit-hooks.yaml). Its entry always runs here on the staged files it
 * selects, in a temporary git repository; with `pre-commit` installed (Debian's `pre-commit`
 * package), `pre-commit try-repo` also installs and runs the hook for real, from a hook
 * repository made of the working tree's hook file and the CLI bundle (try-repo would otherwise
 * see only committed files). Needs the bundle (`npm run build`).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CLEAN_MAP, edit } from '../core/fixtures';

interface Hook { id: string; entry: string; language: string; files: string; types?: string[] }

const HOOKS: Hook[] = parse(readFileSync(resolve('.pre-commit-hooks.yaml'), 'utf8'));
const BIN = resolve('bin/journeymap.js');

function git(repo: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** A repository with a failing map, a passing map and other YAML staged, and an unstaged map. */
function stagedRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'journeymap-precommit-'));
  git(repo, 'init', '-q');
  mkdirSync(join(repo, 'maps'));
  writeFileSync(join(repo, 'maps', 'broken.journey.yaml'), edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n'));
  writeFileSync(join(repo, 'maps', 'ok.journey.yml'), CLEAN_MAP);
  writeFileSync(join(repo, 'config.yaml'), 'not: a map\n');
  git(repo, 'add', '.');
  writeFileSync(join(repo, 'maps', 'unstaged.journey.yaml'), 'not a map at all: [\n');
  return repo;
}

/** The files pre-commit would pass: staged, matching `files`. */
function selectedFiles(repo: string, hook: Hook): string[] {
  const staged = git(repo, 'diff', '--cached', '--name-only', '--diff-filter=ACMR').split('\n').filter(Boolean);
  return staged.filter((file) => new RegExp(hook.files).test(file));
}

describe('the pre-commit hook (.pre-commit-hooks.yaml)', function () {
  this.timeout(120_000);
  const hook = HOOKS.find((h) => h.id === 'journeymap-lint')!;
  let repo: string;
  before(function () {
    assert.ok(existsSync(resolve('dist/cli.js')), 'dist/cli.js is missing: run npm run build');
    repo = stagedRepo();
  });
  after(() => repo && rmSync(repo, { recursive: true, force: true }));

  it('declares journeymap-lint: node, `journeymap lint`, on *.journey.yaml and *.journey.yml', () => {
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'journeymap lint');
    const files = new RegExp(hook.files);
    for (const name of ['a.journey.yaml', 'maps/b.journey.yml']) assert.ok(files.test(name), name);
    for (const name of ['a.yaml', 'journey.yaml', 'a.journey.yaml.bak']) assert.ok(!files.test(name), name);
  });

  it('its entry, run on the staged maps, fails on the broken one and names only staged files', () => {
    const files = selectedFiles(repo, hook);
    assert.deepEqual(files, ['maps/broken.journey.yaml', 'maps/ok.journey.yml']);
    const [command, ...args] = hook.entry.split(' ');
    assert.equal(command, 'journeymap');
    const r = spawnSync(process.execPath, [BIN, ...args, ...files], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^maps\/broken\.journey\.yaml:\d+:\d+ {2}error .* unknown-reference$/m);
    assert.match(r.stdout, /2 maps checked: 1 error/);
    assert.ok(!r.stdout.includes('unstaged'));
    const passing = spawnSync(process.execPath, [BIN, ...args, 'maps/ok.journey.yml'], { cwd: repo, encoding: 'utf8' });
    assert.equal(passing.status, 0, passing.stdout);
  });

  it('the npm package pre-commit installs (npm pack) carries the built CLI the entry runs', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    for (const file of ['bin/journeymap.js', 'dist/cli.js', 'docs/rules.md']) assert.ok(files.includes(file), file);
    assert.ok(!files.some((f) => f.startsWith('node_modules/') || f.startsWith('out')));
  });

  it('pre-commit try-repo installs and runs it (when pre-commit is installed)', function () {
    assert.equal(spawnSync('pre-commit', ['--version']).status, 0, 'pre-commit is not installed: npm run test:setup installs it (apt-get install pre-commit)');
    const hookRepo = mkdtempSync(join(tmpdir(), 'journeymap-hookrepo-'));
    const home = mkdtempSync(join(tmpdir(), 'journeymap-precommit-home-'));
    try {
      makeHookRepository(hookRepo);
      const run = (...files: string[]) => spawnSync('pre-commit', ['try-repo', hookRepo, 'journeymap-lint', ...(files.length ? ['--files', ...files] : [])], {
        cwd: repo, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: home },
      });
      const staged = run();
      assert.equal(staged.status, 1, staged.stdout + staged.stderr);
      assert.match(staged.stdout, /journeymap lint\.+Failed/);
      assert.match(staged.stdout, /maps\/broken\.journey\.yaml:\d+:\d+ {2}error/);
      assert.ok(!staged.stdout.includes('unstaged') && !staged.stdout.includes('config.yaml'));
      const clean = run('maps/ok.journey.yml', 'config.yaml');
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, /journeymap lint\.+Passed/);
    } finally {
      rmSync(hookRepo, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  });
});

/**
 * A committed hook repository: the working tree's hook file, the launcher and the bundle, and a
 * package.json naming the `journeymap` binary. pre-commit runs `npm install` and `npm pack` in it:
 * with no dependencies (the bundle holds them) nothing is fetched.
 */
function makeHookRepository(dir: string): void {
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(resolve('.pre-commit-hooks.yaml'), join(dir, '.pre-commit-hooks.yaml'));
  copyFileSync(BIN, join(dir, 'bin', 'journeymap.js'));
  copyFileSync(resolve('dist/cli.js'), join(dir, 'dist', 'cli.js'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'journeymap', version: '0.0.0-test', bin: { journeymap: 'bin/journeymap.js' } }));
  git(dir, 'init', '-q');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'hook');
}
