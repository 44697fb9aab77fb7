/**
 * The workspace boundary on a real file system, through the CLI a CI job runs: symbolic links,
 * non-regular files, sizes, encodings and unreadable folders. Each case runs `bin/journeymap.js`
 * in a child process under a generous timeout, so a hang (a named pipe read) fails the test
 * instead of hanging the suite.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RootedFiles, toCorePath } from '../../src/node/files';
import { hugeFieldExport, wideFlowMap } from '../../bench/blowups';
import { CLEAN_MAP, edit, FILES } from '../core/fixtures';

const BIN = process.env.JOURNEYMAP_TEST_BIN ?? resolve('bin/journeymap.js');
const SECRET = 'TOPSECRETHEADING';

interface Result { code: number | null; stdout: string; stderr: string; timedOut: boolean }

/** Runs the CLI in a child process; kills it after `timeoutMs` (a hang is a failure, not a stall). */
function cli(args: string[], cwd: string, timeoutMs = 30000, prefix: string[] = []): Promise<Result> {
  return new Promise((done) => {
    const [command, ...rest] = prefix.length ? [...prefix, process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
    const child = spawn(command, rest, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); done({ code, stdout, stderr, timedOut }); });
  });
}

describe('the workspace boundary on disk (CLI)', function () {
  this.timeout(120000);
  let top: string;
  let ws: string;
  let outside: string;

  /** A map in ws/maps whose runbook and source links are the given ones. */
  function writeMap(name: string, runbook: string, source = '../data/tickets.csv', metric = 'fcr: { value: 64%, target: 80% }'): string {
    let text = edit(CLEAN_MAP, '../runbooks/lockout.md#symptoms', runbook);
    text = edit(text, 'path: ../data/tickets.csv', `path: ${source}`);
    text = edit(text, 'fcr: { value: 64%, target: 80% }', metric);
    writeFileSync(join(ws, 'maps', name), text);
    return join('maps', name);
  }

  beforeEach(() => {
    top = realpathSync(mkdtempSync(join(tmpdir(), 'journeymap-files-')));
    ws = join(top, 'ws');
    outside = join(top, 'outside');
    for (const dir of [join(ws, '.git'), join(ws, 'maps'), join(ws, 'runbooks'), join(ws, 'data'), outside]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(ws, 'runbooks', 'lockout.md'), FILES['/ws/runbooks/lockout.md']);
    writeFileSync(join(ws, 'data', 'tickets.csv'), FILES['/ws/data/tickets.csv']);
    writeFileSync(join(outside, 'secret.md'), `# Secret\n\n## ${SECRET}\n`);
    writeFileSync(join(outside, 'secret.csv'), `opened,resolved,category\n2026-09-01,2026-09-02,${SECRET}\n`);
  });
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  it('a runbook that is a symbolic link to a file outside is not read: link-outside-workspace, and none of its headings are printed', async () => {
    symlinkSync(join(outside, 'secret.md'), join(ws, 'runbooks', 'linked.md'));
    const map = writeMap('a.journey.yaml', '../runbooks/linked.md#nothing-here');
    const r = await cli(['lint', map, '--today', '2026-11-27'], ws);
    assert.match(r.stdout, /The runbook link `\.\.\/runbooks\/linked\.md#nothing-here` leads outside the workspace folder through a symbolic link/);
    assert.ok(!r.stdout.toLowerCase().includes(SECRET.toLowerCase()), r.stdout);
  });

  it('a ticket export that is a symbolic link outside is not read: none of its values are printed', async () => {
    symlinkSync(join(outside, 'secret.csv'), join(ws, 'data', 'linked.csv'));
    const map = writeMap('a.journey.yaml', '../runbooks/lockout.md#symptoms', '../data/linked.csv', 'fcr: { from: tickets-q3, where: { category: hardware }, target: 80% }');
    const r = await cli(['lint', map, '--today', '2026-11-27'], ws);
    assert.match(r.stdout, /The source path `\.\.\/data\/linked\.csv` leads outside the workspace folder through a symbolic link/);
    assert.ok(!r.stdout.includes(SECRET), r.stdout);
  });

  it('a folder that is a symbolic link outside is not followed either', async () => {
    symlinkSync(outside, join(ws, 'runbooks', 'shared'));
    const map = writeMap('a.journey.yaml', '../runbooks/shared/secret.md#nothing-here');
    const r = await cli(['lint', map, '--today', '2026-11-27'], ws);
    assert.match(r.stdout, /link-outside-workspace/);
    assert.ok(!r.stdout.toLowerCase().includes(SECRET.toLowerCase()), r.stdout);
  });

  it('a symbolic link that stays inside the workspace is followed as usual', async () => {
    symlinkSync(join(ws, 'runbooks', 'lockout.md'), join(ws, 'runbooks', 'alias.md'));
    const map = writeMap('a.journey.yaml', '../runbooks/alias.md#symptoms');
    const r = await cli(['lint', map, '--today', '2026-11-27'], ws);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(!/runbook|link-outside/.test(r.stdout), r.stdout);
  });

  it('quick fixes may not write through a symbolic link or a linked folder to outside files', async () => {
    symlinkSync(outside, join(ws, 'runbooks', 'shared'));
    symlinkSync(join(outside, 'secret.md'), join(ws, 'runbooks', 'linked.md'));
    symlinkSync(join(outside, 'nowhere.md'), join(ws, 'runbooks', 'dangling.md'));
    const files = new RootedFiles(ws);
    for (const target of ['runbooks/shared/new.md', 'runbooks/shared/secret.md', 'runbooks/linked.md', 'runbooks/dangling.md', '../outside/new.md']) {
      const answer = await files.writable(join(ws, target));
      assert.ok('problem' in answer && answer.problem.kind === 'outside', `${target}: ${JSON.stringify(answer)}`);
    }
    const inside = await files.writable(join(ws, 'runbooks', 'new-folder', 'new.md'));
    assert.deepEqual(inside, { real: join(ws, 'runbooks', 'new-folder', 'new.md'), exists: false });
    assert.deepEqual(await files.writable(join(ws, 'runbooks', 'lockout.md')), { real: join(ws, 'runbooks', 'lockout.md'), exists: true });
  });

  it('a file that does not exist is "missing" only inside the root; outside it is "outside"', async () => {
    const files = new RootedFiles(ws);
    assert.deepEqual(await files.stat(toCorePath(join(ws, 'runbooks', 'not-there.md'))), { problem: { kind: 'missing' } });
    assert.deepEqual(await files.stat(toCorePath(join(ws, '..', 'not-there.md'))), { problem: { kind: 'outside' } });
    assert.deepEqual(await files.readFile(toCorePath(join(outside, 'not-there.md'))), { problem: { kind: 'outside' } });
  });

  it('a file to write is named under the root as given, also when the root is reached through a symbolic link', async () => {
    const alias = join(top, 'alias-of-ws');
    symlinkSync(ws, alias);
    const files = new RootedFiles(alias);
    const real = await files.writable(join(alias, 'runbooks', 'lockout.md'));
    assert.ok('real' in real);
    assert.equal(await files.asGiven(real.real), join(alias, 'runbooks', 'lockout.md'));
  });

  it('reads go through the same check: a symbolic link out is refused by the reader itself, whatever the core asked', async () => {
    symlinkSync(join(outside, 'secret.md'), join(ws, 'runbooks', 'linked.md'));
    const files = new RootedFiles(ws);
    assert.deepEqual(await files.readFile(toCorePath(join(ws, 'runbooks', 'linked.md'))), { problem: { kind: 'outside' } });
    assert.deepEqual(await files.stat(toCorePath(join(ws, 'runbooks', 'linked.md'))), { problem: { kind: 'outside' } });
    await assert.rejects(files.readRecords(toCorePath(join(ws, 'runbooks', 'linked.md')), () => undefined), (e: { message: string }) => /outside the workspace/.test(e.message));
  });

  it('a named pipe as a map, a runbook or an export is refused at once with what it is (never read, never a hang)', async () => {
    spawnSync('mkfifo', [join(ws, 'maps', 'pipe.journey.yaml')]);
    spawnSync('mkfifo', [join(ws, 'runbooks', 'pipe.md')]);
    spawnSync('mkfifo', [join(ws, 'data', 'pipe.csv')]);
    const asMap = await cli(['lint', 'maps/pipe.journey.yaml', '--today', '2026-11-27'], ws);
    assert.equal(asMap.timedOut, false, 'the CLI hung on the named pipe');
    assert.match(asMap.stdout, /maps\/pipe\.journey\.yaml:1:1 {2}error {4}This file is a named pipe \(FIFO\), not a file: it was not checked\. {2}file-unreadable/);
    assert.equal(asMap.code, 1);
    const map = writeMap('a.journey.yaml', '../runbooks/pipe.md#symptoms', '../data/pipe.csv', 'fcr: { from: tickets-q3, target: 80% }');
    const links = await cli(['lint', map, '--today', '2026-11-27'], ws);
    assert.equal(links.timedOut, false, 'the CLI hung on a named pipe');
    assert.match(links.stdout, /The runbook `\.\.\/runbooks\/pipe\.md` is a named pipe \(FIFO\), not a file: it is not read/);
    assert.match(links.stdout, /The data file `\.\.\/data\/pipe\.csv` is a named pipe \(FIFO\), not a file: it is not read/);
    const metrics = await cli(['metrics', map, '--today', '2026-11-27'], ws);
    assert.equal(metrics.timedOut, false, 'metrics hung on a named pipe');
  });

  it('a device or a folder as a map is refused with what it is; a folder as a runbook too', async () => {
    const device = await cli(['lint', '/dev/null', '--today', '2026-11-27'], ws);
    assert.match(device.stdout, /This file is a device, not a file: it was not checked\. {2}file-unreadable/);
    mkdirSync(join(ws, 'runbooks', 'folder.md'));
    const map = writeMap('a.journey.yaml', '../runbooks/folder.md#symptoms');
    const r = await cli(['lint', map, '--today', '2026-11-27'], ws);
    assert.match(r.stdout, /The runbook `\.\.\/runbooks\/folder\.md` is a folder, not a file: it is not read/);
  });

  it('a map is checked for size before it is read: a 3 GB file is refused at once (reading it would fail)', async () => {
    const big = join(ws, 'maps', 'huge.journey.yaml');
    const fd = openSync(big, 'w');
    closeSync(fd);
    // A sparse file: no disk used, and more than Node can read into one string.
    spawnSync('truncate', ['-s', '3G', big]);
    const r = await cli(['lint', 'maps/huge.journey.yaml', '--today', '2026-11-27'], ws);
    assert.match(r.stdout, /The file has 3,221,225,472 bytes, over the 5,000,000 limit: it was not checked\. Split it into one map per scenario\. {2}file-too-large/);
    assert.equal(r.code, 1);
  });

  it('a folder that cannot be read is named on stderr and the run exits 2 (no stack trace, no silent pass)', async () => {
    mkdirSync(join(ws, 'maps', 'locked'));
    writeFileSync(join(ws, 'maps', 'locked', 'x.journey.yaml'), CLEAN_MAP);
    writeMap('a.journey.yaml', '../runbooks/lockout.md#symptoms');
    chmodSync(join(ws, 'maps', 'locked'), 0o000);
    // As root, permissions do not stop a read: run the CLI as an ordinary user then.
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    for (const dir of [top, ws, join(ws, 'maps')]) chmodSync(dir, 0o755);
    const r = await cli(['lint', 'maps', '--today', '2026-11-27'], ws, 30000, asUser);
    chmodSync(join(ws, 'maps', 'locked'), 0o755);
    assert.match(r.stderr, /journeymap: cannot read the folder .*locked \(permission denied\): the maps in it were not checked/);
    assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
    assert.equal(r.code, 2, r.stdout + r.stderr);
  });

  it('--today must be a real date: 2026-02-30 is a usage error', async () => {
    const r = await cli(['lint', 'maps', '--today', '2026-02-30'], ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--today must be a real date like 2026-09-30, not "2026-02-30"/);
    const m = await cli(['metrics', writeMap('a.journey.yaml', '../runbooks/lockout.md#symptoms'), '--today', '2026-13-01'], ws);
    assert.equal(m.code, 2);
  });

  it('bytes that are not UTF-8 are reported: in a map (suspicious-text) and in an export (source-unreadable)', async () => {
    const latin1 = Buffer.from(edit(CLEAN_MAP, 'name: Agent verifies identity', 'name: Agent v\u00e9rifie identit\u00e9'), 'latin1');
    writeFileSync(join(ws, 'maps', 'latin1.journey.yaml'), latin1);
    const r = await cli(['lint', 'maps/latin1.journey.yaml', '--today', '2026-11-27'], ws);
    assert.match(r.stdout, /replacement character \(U\+FFFD\): the file holds bytes that are not UTF-8/);
    writeFileSync(join(ws, 'data', 'latin1.csv'), Buffer.from('opened,resolved,category\n2026-09-01,2026-09-02,Z\u00fcrich\n', 'latin1'));
    const map = writeMap('a.journey.yaml', '../runbooks/lockout.md#symptoms', '../data/latin1.csv', 'fcr: { from: tickets-q3, target: 80% }');
    const csv = await cli(['lint', map, '--today', '2026-11-27'], ws);
    assert.match(csv.stdout, /The export is not UTF-8: data row 1 holds bytes that are not UTF-8/);
  });

  it('a 50 MB field in an export is quoted in a line, not echoed whole', async () => {
    // A stray quote inside the field: csv-parse's message quotes the whole field ("value is ...").
    writeFileSync(join(ws, 'data', 'huge.csv'), hugeFieldExport(50 * 1024 * 1024).replace(/\n$/, '"y\n'));
    const map = writeMap('a.journey.yaml', '../runbooks/lockout.md#symptoms', '../data/huge.csv', 'fcr: { from: tickets-q3, target: 80% }');
    const r = await cli(['lint', map, '--today', '2026-11-27'], ws, 60000);
    assert.match(r.stdout, /source-unreadable/);
    assert.ok(r.stdout.length < 5000, `${r.stdout.length} characters of output`);
  });

  it('render --router elk of a map whose arrows cross too many columns finishes with the grid router, and says why', async () => {
    writeFileSync(join(ws, 'maps', 'wide.journey.yaml'), wideFlowMap(300, 20));
    const r = await cli(['render', 'maps/wide.journey.yaml', '-o', join(top, 'wide.svg'), '--router', 'elk'], ws, 60000);
    assert.equal(r.timedOut, false, 'render ran away');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /edges drawn with the grid router: the map has [\d,]+ flow arrows between columns, over the 600 the tidy router takes/);
  });
});
