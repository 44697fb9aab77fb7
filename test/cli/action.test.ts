/**
 * The GitHub Action (action.yml), run locally: each step's `run:` script goes through bash as the
 * runner runs it (`bash --noprofile --norc -eo pipefail`), in a temporary git repository, with
 * the `env:` the step sets (its `${{ }}` expressions evaluated here from the inputs and a pull
 * request event) and the runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). `uses:` steps are
 * recorded, not run. Needs the CLI bundle (`npm run build`), as the action itself does.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { CLEAN_MAP, edit } from '../core/fixtures';

interface Step { name: string; id?: string; if?: string; shell?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }
interface Action { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } }

const ACTION: Action = parse(readFileSync(resolve('action.yml'), 'utf8'));
const SARIF_SCHEMA = JSON.parse(readFileSync(resolve('test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));

/** The expression contexts the action reads. */
interface Contexts { inputs: Record<string, string>; github: Record<string, unknown>; steps: Record<string, { outputs: Record<string, string> }> }

function lookup(contexts: Contexts, path: string): unknown {
  return path.trim().split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], contexts);
}

/**
 * The expressions action.yml uses: a context path, `a == 'b'`, `a != 'b'`, joined by `&&`.
 * Anything else fails the test, so the action stays within what this runner checks.
 */
function evaluate(contexts: Contexts, expression: string): unknown {
  const terms = expression.split('&&').map((term) => {
    const comparison = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(term);
    if (comparison) {
      const value = String(lookup(contexts, comparison[1]) ?? '');
      return comparison[2] === '==' ? value === comparison[3] : value !== comparison[3];
    }
    assert.match(term, /^\s*[\w.-]+\s*$/, `an expression this test does not evaluate: ${term}`);
    return lookup(contexts, term);
  });
  return terms.length === 1 ? terms[0] : terms.every(Boolean);
}

function substitute(contexts: Contexts, text: string): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => String(evaluate(contexts, expression) ?? ''));
}

/** `key=value` lines, as the runner reads $GITHUB_OUTPUT. */
function readOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

interface ActionRun { exitCode: number; log: string; uploads: Record<string, string>[]; summary: string; contexts: Contexts }

/** Runs the action's steps in `repo` as the runner would, stopping at the first failing step. */
function runAction(repo: string, inputs: Record<string, string>, github: Record<string, unknown>): ActionRun {
  const runner = mkdtempSync(join(tmpdir(), 'journeymap-runner-'));
  const defaults = Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, v.default ?? '']));
  const contexts: Contexts = { inputs: { ...defaults, ...inputs }, github: { action_path: process.cwd(), server_url: 'https://github.com', action_repository: '', action_ref: '', ...github }, steps: {} };
  const summary = join(runner, 'summary.md');
  writeFileSync(summary, '');
  const uploads: Record<string, string>[] = [];
  let log = '';
  let exitCode = 0;
  try {
    for (const [i, step] of ACTION.runs.steps.entries()) {
      if (step.if !== undefined && !evaluate(contexts, step.if.replace(/^\$\{\{(.*)\}\}$/s, '$1'))) continue;
      if (step.uses) {
        uploads.push(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(contexts, v)])));
        continue;
      }
      assert.equal(step.shell, 'bash', step.name);
      assert.ok(!/\$\{\{/.test(step.run!), `${step.name}: inputs reach scripts through env, never inline`);
      const output = join(runner, `output-${i}`);
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(contexts, v)]));
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
        cwd: repo, encoding: 'utf8', env: { ...process.env, ...env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: runner, GITHUB_WORKSPACE: repo },
      });
      log += `## ${step.name}\n${r.stdout}${r.stderr}`;
      if (step.id) contexts.steps[step.id] = { outputs: readOutputs(output) };
      if (r.status !== 0) {
        exitCode = r.status ?? 1;
        break;
      }
    }
    return { exitCode, log, uploads, summary: readFileSync(summary, 'utf8'), contexts };
  } finally {
    rmSync(runner, { recursive: true, force: true });
  }
}

function git(repo: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

describe('the GitHub Action (action.yml)', function () {
  this.timeout(60_000);
  let repo: string;
  let base: string;

  before(function () {
    // The action runs the bundle (npm ci builds it): without it this test fails, never skips.
    assert.ok(existsSync(resolve('dist/cli.js')), 'dist/cli.js is missing: run npm run build');
    repo = mkdtempSync(join(tmpdir(), 'journeymap-action-'));
    git(repo, 'init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'maps'));
    writeFileSync(join(repo, 'maps', 'admin.journey.yaml'), CLEAN_MAP);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    base = git(repo, 'rev-parse', 'HEAD');
    // The pull request: a silent handoff (a warning) and a renamed touchpoint.
    const changed = edit(CLEAN_MAP, 'notifies_customer: true', 'notifies_customer: false').replace('name: Signs in again', 'name: Signs in again, relieved');
    writeFileSync(join(repo, 'maps', 'admin.journey.yaml'), changed);
    git(repo, 'commit', '-q', '-am', 'change');
  });
  after(() => repo && rmSync(repo, { recursive: true, force: true }));

  const pullRequest = () => ({ event_name: 'pull_request', event: { pull_request: { base: { sha: base } } } });

  it('is a composite action with the inputs the README documents', () => {
    assert.equal(ACTION.runs.using, 'composite');
    assert.deepEqual(Object.keys(ACTION.inputs).sort(), ['docs-url', 'max-warnings', 'paths', 'sarif-file', 'today', 'upload-sarif']);
    assert.equal(ACTION.inputs.paths.default, '.');
    assert.equal(ACTION.inputs['upload-sarif'].default, 'true');
  });

  it('on a pull request: writes valid SARIF, uploads it, summarises the changed maps, and exits with lint\'s code', () => {
    const run = runAction(repo, { today: '2026-11-27', 'max-warnings': '0' }, pullRequest());
    assert.equal(run.exitCode, 1, run.log); // a warning, over --max-warnings 0
    assert.equal(run.contexts.steps.lint.outputs['exit-code'], '1');
    const sarif: { runs: { results: { ruleId: string }[] }[] } = JSON.parse(readFileSync(join(repo, 'journeymap.sarif'), 'utf8'));
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    assert.ok(ajv.validate(SARIF_SCHEMA, sarif), JSON.stringify(ajv.errors));
    assert.ok(sarif.runs[0].results.some((r) => r.ruleId === 'silent-handoff'));
    assert.match(run.log, /maps\/admin\.journey\.yaml:\d+:\d+ {2}warning .* silent-handoff/); // the text report in the log
    assert.deepEqual(run.uploads, [{ sarif_file: 'journeymap.sarif', category: 'journeymap' }]);
    assert.match(run.summary, /^## Journey maps against /m);
    assert.match(run.summary, /1 map changed since/);
    assert.match(run.summary, /Signs in again, relieved/);
  });

  it('passes when lint passes, and without a pull request or upload writes no summary and uploads nothing', () => {
    const run = runAction(repo, { today: '2026-11-27', 'upload-sarif': 'false', paths: 'maps' }, { event_name: 'push' });
    assert.equal(run.exitCode, 0, run.log);
    assert.deepEqual(run.uploads, []);
    assert.equal(run.summary, '');
    assert.ok(existsSync(join(repo, 'journeymap.sarif')));
  });

  it('the action\'s own repository and ref make the help links when GitHub provides them', () => {
    runAction(repo, { today: '2026-11-27', 'upload-sarif': 'false' }, { event_name: 'push', action_repository: 'org/journeymap', action_ref: 'v1' });
    const sarif = JSON.parse(readFileSync(join(repo, 'journeymap.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].tool.driver.rules[0].helpUri, 'https://github.com/org/journeymap/blob/v1/docs/rules.md#yaml-syntax');
  });

  it('a missing path exits 2 and uploads nothing (no SARIF was written)', () => {
    const run = runAction(repo, { paths: 'nowhere' }, { event_name: 'push' });
    assert.equal(run.exitCode, 2, run.log);
    assert.deepEqual(run.uploads, []);
    assert.match(run.log, /no such file or folder: nowhere/);
  });
});
