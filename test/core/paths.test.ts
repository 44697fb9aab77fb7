/**
 * Link resolution: a link is decoded and folded before the root check, so the check sees the path
 * a file system is asked for; a map in no folder follows no link.
 */
import * as assert from 'node:assert/strict';
import { describeFileProblem, isInsideRoot, relativePath, resolveLink } from '../../src/core';
import { CLEAN_MAP, codes, edit, lint, memoryReader } from './fixtures';

describe('resolveLink', () => {
  it('folds . and .. and stays inside the root', () => {
    assert.deepEqual(resolveLink('/ws/maps/a.journey.yaml', '../runbooks/./x.md', '/ws'), { path: '/ws/runbooks/x.md' });
    assert.deepEqual(resolveLink('/ws/maps/a.journey.yaml', 'sub\\x.md', '/ws'), { path: '/ws/maps/sub/x.md' });
  });

  it('decodes percent-escapes before the check: encoded traversal is outside, as plain traversal is', () => {
    for (const link of ['%2e%2e/%2e%2e/outside/secret.md', '..%2F..%2Foutside%2Fsecret.md', '..%5C..%5Coutside%5Csecret.md', '%2E%2E/%2E%2E/%2E%2E/etc/passwd']) {
      const result = resolveLink('/ws/maps/a.journey.yaml', link, '/ws');
      assert.ok('outside' in result, `${link} -> ${JSON.stringify(result)}`);
    }
    // The same through URIs, as the extension resolves them: the decoded path is checked.
    for (const link of ['%2e%2e/%2e%2e/outside/secret.md', '..%2F..%2Foutside%2Fsecret.md']) {
      const result = resolveLink('file:///ws/maps/a.journey.yaml', link, 'file:///ws');
      assert.ok('outside' in result, `${link} -> ${JSON.stringify(result)}`);
    }
  });

  it('an encoded absolute path or URL is still an absolute path or URL', () => {
    assert.deepEqual(resolveLink('/ws/maps/a.journey.yaml', '%2Fetc%2Fpasswd', '/ws'), { outside: 'is an absolute path' });
    assert.deepEqual(resolveLink('/ws/maps/a.journey.yaml', 'file%3A%2F%2F%2Fetc%2Fpasswd', '/ws'), { outside: 'is a URL' });
  });

  it('percent-escapes inside the workspace name the decoded file, re-encoded in a URI', () => {
    assert.deepEqual(resolveLink('/ws/maps/a.journey.yaml', 'my%20runbook.md', '/ws'), { path: '/ws/maps/my runbook.md' });
    assert.deepEqual(resolveLink('file:///ws/maps/a.journey.yaml', 'my%20runbook.md', 'file:///ws'), { path: 'file:///ws/maps/my%20runbook.md' });
    // Decoded once, as a URL is: `%252F` is the text `%2F`, a file name, not a separator.
    assert.deepEqual(resolveLink('/ws/maps/a.journey.yaml', '..%252F..%252Fsecret.md', '/ws'), { path: '/ws/maps/..%2F..%2Fsecret.md' });
    // A lone % is text: `100%.md` is the file 100%.md.
    assert.deepEqual(resolveLink('/ws/maps/a.journey.yaml', '100%.md', '/ws'), { path: '/ws/maps/100%.md' });
  });

  it('a link holding a control character (NUL above all) is never followed', () => {
    assert.ok('outside' in resolveLink('/ws/maps/a.journey.yaml', 'x%00.md', '/ws'));
    assert.ok('outside' in resolveLink('/ws/maps/a.journey.yaml', 'x\u0000.md', '/ws'));
  });

  it('without a root, the map\'s own folder bounds its links; a map in no folder follows none', () => {
    assert.ok('outside' in resolveLink('/home/me/a.journey.yaml', '../.ssh/id_rsa'));
    assert.deepEqual(resolveLink('/home/me/a.journey.yaml', 'runbooks/x.md'), { path: '/home/me/runbooks/x.md' });
    assert.ok('outside' in resolveLink('untitled:Untitled-1', 'runbooks/x.md'));
    assert.ok('outside' in resolveLink('a.journey.yaml', 'x.md'));
  });

  it('isInsideRoot decodes and folds a path from elsewhere (a webview message) before comparing', () => {
    assert.ok(isInsideRoot('file:///ws/runbooks/x.md', 'file:///ws'));
    assert.ok(!isInsideRoot('file:///ws/runbooks/%2e%2e/%2e%2e/etc/passwd', 'file:///ws'));
    assert.ok(!isInsideRoot('file:///wsx/a.md', 'file:///ws'));
    assert.ok(!isInsideRoot('/etc/passwd', '/ws'));
  });
});

describe('links through validation', () => {
  it('an encoded traversal gets link-outside-workspace and is never asked of the reader', async () => {
    const asked: string[] = [];
    const text = edit(CLEAN_MAP, '../runbooks/lockout.md#symptoms', '..%2F..%2F..%2Fetc%2Fpasswd');
    const diagnostics = await lint(text, { fileReader: memoryReader(undefined, (p) => asked.push(p)) });
    assert.ok(codes(diagnostics).includes('link-outside-workspace'), JSON.stringify(diagnostics));
    assert.ok(!asked.some((p) => p.includes('etc')), asked.join());
  });

  it('an unsaved map (no folder) reports nothing about its links and reads nothing', async () => {
    const asked: string[] = [];
    const { getLanguageService } = await import('../../src/core');
    const service = getLanguageService({ fileReader: memoryReader(undefined, (p) => asked.push(p)), today: () => '2026-11-27' });
    const diagnostics = await service.validate('untitled:Untitled-1', CLEAN_MAP);
    assert.deepEqual(asked, []);
    assert.ok(!codes(diagnostics).some((c) => c.startsWith('runbook') || c === 'link-outside-workspace' || c === 'source-missing'), JSON.stringify(codes(diagnostics)));
  });

  it('what a reader found is reported in words: a folder, a named pipe, a link out, a size', async () => {
    assert.equal(describeFileProblem({ kind: 'not-a-file', what: 'fifo' }), 'is a named pipe (FIFO), not a file');
    assert.equal(describeFileProblem({ kind: 'too-large', size: 50 * 1048576, limit: 20 * 1048576 }), 'is 50 MB, over the 20 MB limit');
    const reader = memoryReader();
    const refusing = { ...reader, stat: async (p: string) => (p.endsWith('lockout.md') ? { problem: { kind: 'not-a-file', what: 'folder' } as const } : reader.stat(p)) };
    const d = (await lint(CLEAN_MAP, { fileReader: refusing })).find((x) => x.code === 'runbook-missing');
    assert.match(d?.message ?? '', /is a folder, not a file: it is not read/);
    const linkedOut = { ...reader, stat: async (p: string) => (p.endsWith('tickets.csv') ? { problem: { kind: 'outside' } as const } : reader.stat(p)) };
    const out = (await lint(CLEAN_MAP, { fileReader: linkedOut })).find((x) => x.code === 'link-outside-workspace');
    assert.match(out?.message ?? '', /symbolic link/);
  });
});

describe('relativePath (runbook path completion)', () => {
  it('goes up from the map\'s folder and down to the file, with forward slashes', () => {
    assert.equal(relativePath('/ws/maps', '/ws/runbooks/lockout.md'), '../runbooks/lockout.md');
    assert.equal(relativePath('/ws/maps', '/ws/maps/notes.md'), './notes.md');
    assert.equal(relativePath('/ws/maps/team', '/ws/README.md'), '../../README.md');
  });
});
