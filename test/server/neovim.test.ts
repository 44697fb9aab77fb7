/**
 * The language server with a real editor that is not VS Code: headless Neovim (Debian's `neovim`,
 * installed by `npm run test:setup`) opens a map, and its own LSP client starts
 * `bin/journeymap.js lsp --stdio` (test/server/neovim.lua). The test reads back what Neovim holds:
 * the diagnostics, a hover, and the buffer after Neovim applied a rename. Without Neovim the test
 * is skipped loudly, and the unit suite (forbidPending) counts the skip as a failure.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLEAN_MAP, edit, lineOf } from '../core/fixtures';
import { BIN, bundlesBuilt, workspace } from './lspClient';

interface NeovimSaw {
  version: string;
  attached: boolean;
  error?: string;
  diagnostics: { line: number; col: number; severity: number; message: string; code?: string }[];
  hover: { kind: string; value: string } | null;
  renamed: string[];
}

function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

describe('Neovim\'s own LSP client with journeymap lsp --stdio', function () {
  this.timeout(90_000);
  const map = edit(CLEAN_MAP, 'lane: desk\n', 'lane: iamm\n');
  let saw: NeovimSaw;
  let root: string;

  before(function () {
    const version = nvimVersion();
    if (!version) {
      console.log('\nSKIPPED: Neovim (nvim) is not installed, so the language server was not tried with a real non-VS Code client. '
        + 'Run `npm run test:setup` (it installs Debian\'s neovim). The unit suite counts this skip as a failure.\n');
      this.skip();
    }
    if (!bundlesBuilt()) throw new Error('The bundles are missing: run `npm run build` (dist/cli.js, dist/server.js).');
    root = workspace({
      'maps/admin.journey.yaml': map,
      'runbooks/lockout.md': '# Account lockout\n\n## Symptoms\n',
      'data/tickets.csv': 'id,opened\n1,2026-07-01\n',
    });
    const out = join(root, 'neovim.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${resolve('test/server/neovim.lua')}`, join(root, 'maps/admin.journey.yaml')], {
      encoding: 'utf8', timeout: 80_000, cwd: root,
      env: { ...process.env, JOURNEYMAP_NVIM_OUT: out, JOURNEYMAP_BIN: BIN, JOURNEYMAP_ROOT: root },
    });
    assert.equal(r.status, 0, `nvim exited with ${r.status}: ${r.stderr}${r.error ? String(r.error) : ''}`);
    saw = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(saw.error, undefined, saw.error);
    assert.ok(saw.attached, 'the client attached');
  });
  after(() => root && rmSync(root, { recursive: true, force: true }));

  it('shows the map\'s diagnostics in Neovim: the rule, its line and column, its severity', () => {
    const unknown = saw.diagnostics.find((d) => d.code === 'unknown-reference');
    assert.ok(unknown, JSON.stringify(saw.diagnostics));
    assert.equal(unknown.line, lineOf(map, 'lane: iamm'));
    assert.equal(unknown.col, 14);
    assert.equal(unknown.severity, 1); // vim.diagnostic.severity.ERROR
    assert.match(unknown.message, /No lane has the id `iamm`\. Did you mean `iam`\?/);
    assert.ok(saw.diagnostics.some((d) => d.code === 'unused-lane' && d.severity === 3));
  });

  it('answers Neovim\'s hover on a lane id with the lane\'s Markdown', () => {
    assert.equal(saw.hover?.kind, 'markdown');
    assert.match(saw.hover!.value, /^### IAM team `iam`/);
    assert.match(saw.hover!.value, /backstage/);
  });

  it('renames a lane through vim.lsp.buf.rename: Neovim applies the edit to the id and every reference', () => {
    const expected = edit(edit(map, '- id: iam\n', '- id: identity\n'), 'lane: iam\n', 'lane: identity\n');
    assert.deepEqual(saw.renamed, expected.replace(/\n$/, '').split('\n'));
  });
});
