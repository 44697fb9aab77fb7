import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const TODAY = '2026-11-27';

async function lintJson(args: string[], cwd: string) {
  let stdout = '';
  const code = await main(['lint', ...args, '--format', 'json', '--today', TODAY], { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd, color: false });
  return { code, json: JSON.parse(stdout) as { files: { path: string; diagnostics: { code: string; severity: string }[] }[] } };
}

describe('the shipped maps', () => {
  it('every example lints with no errors and no warnings (with their runbooks and exports)', async function () {
    this.timeout(60000);
    const { code, json } = await lintJson(['examples'], process.cwd());
    assert.equal(code, 0);
    assert.equal(json.files.length, 3);
    for (const file of json.files) {
      assert.deepEqual(file.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code), [], file.path);
    }
  });

  it('every New Journey Map template, filled in, lints with no errors and no warnings in an empty folder, but for the blank one\'s TODOs', async function () {
    this.timeout(60000);
    const dir = mkdtempSync(join(tmpdir(), 'journeymap-templates-'));
    try {
      const names = readdirSync('templates').filter((n) => n.endsWith('.journey.yaml'));
      assert.equal(names.length, 4);
      for (const name of names) writeFileSync(join(dir, name), readFileSync(join('templates', name), 'utf8').replace(/\{\{today\}\}/g, TODAY));
      const { code, json } = await lintJson(['.'], dir);
      assert.equal(code, 0);
      for (const file of json.files) {
        const codes = file.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code);
        // The blank template's placeholders are findings until they are filled in.
        if (file.path.includes('blank')) assert.ok(codes.length > 5 && codes.every((c) => c === 'placeholder-text'), JSON.stringify(codes));
        else assert.deepEqual(codes, [], file.path);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
