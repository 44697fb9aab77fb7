/**
 * The CLI's output for every example, template and fixture map, byte for byte, against the files
 * in test/golden/. A refactoring must leave them all unchanged; a change of behaviour updates them
 * on purpose (`npm run golden` rewrites them), and the diff shows reviewers what users will see.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { captureRender, runCli } from './capture';

const GOLDEN = 'test/golden';
const TODAY = '2026-11-27';
const UPDATE = process.env.JOURNEYMAP_UPDATE_GOLDEN === '1';

/** Every map whose output is pinned: the examples, the templates and the VS Code fixtures. */
export function goldenMaps(): string[] {
  const maps = (dir: string) => readdirSync(dir).filter((n) => /\.journey\.ya?ml$/.test(n)).sort().map((n) => join(dir, n));
  return [...maps('examples'), ...maps('templates'), ...maps('test/vscode/fixtures/workspace/maps')];
}

/** The commands whose output is pinned for one map, each with the name of its golden file. */
function commands(map: string): { file: string; run: () => Promise<string> }[] {
  const name = `${map.split('/')[0] === 'test' ? 'fixture' : map.split('/')[0]}-${basename(map).replace(/\.journey\.ya?ml$/, '')}`;
  const cli = (argv: string[]) => async () => {
    const r = await runCli(argv, process.cwd());
    return `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
  };
  return [
    { file: `${name}.lint.txt`, run: cli(['lint', map, '--today', TODAY]) },
    { file: `${name}.lint.json`, run: cli(['lint', map, '--today', TODAY, '--format', 'json']) },
    { file: `${name}.metrics.txt`, run: cli(['metrics', map, '--today', TODAY]) },
    { file: `${name}.metrics.json`, run: cli(['metrics', map, '--today', TODAY, '--format', 'json']) },
    {
      file: `${name}.render.svg`,
      run: async () => {
        const r = await captureRender([map, '--router', 'grid', '--today', TODAY]);
        return `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
      },
    },
  ];
}

describe('CLI output is byte-identical to test/golden', function () {
  this.timeout(120_000);
  before(() => mkdirSync(GOLDEN, { recursive: true }));

  it('pins every example, template and fixture map', () => {
    assert.ok(goldenMaps().length >= 10, goldenMaps().join(', '));
  });

  for (const map of goldenMaps()) {
    for (const command of commands(map)) {
      it(`${command.file}`, async () => {
        const actual = await command.run();
        const file = join(GOLDEN, command.file);
        if (UPDATE) writeFileSync(file, actual);
        assert.ok(existsSync(file), `${file} is missing: run \`npm run golden\` to write it`);
        assert.equal(actual, readFileSync(file, 'utf8'), `${file} differs: run \`npm run golden\` if the change is intended`);
      });
    }
  }
});
