/**
 * The language server's host for a web worker (src/server/clientHost.ts): every file is asked of
 * the client over the connection. Driven over an in-memory pair of JSON-RPC connections (the
 * server's `createConnection` on one end, a plain message connection playing the client on the
 * other), then the whole server over that pair, then the worker bundle itself in a context with no
 * Node API at all.
 */
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
// The JSON-RPC of vscode-languageserver's own protocol package: its ResponseError is the one the connections know.
import {
  AbstractMessageReader, AbstractMessageWriter, createConnection, createMessageConnection, LSPErrorCodes, ResponseError, StreamMessageReader, StreamMessageWriter,
  type Connection, type DataCallback, type Disposable, type Message, type MessageConnection,
} from 'vscode-languageserver/node';
import { resolveLink } from '../../src/core';
import { clientHost, isFileUri } from '../../src/server/clientHost';
import type { HostFiles } from '../../src/server/host';
import { FILES_LIST_MAPS, FILES_READ, FILES_RECORDS, FILES_STAT, FILES_WRITABLE, type FileParams } from '../../src/server/protocol';
import { createServer } from '../../src/server/server';
import { CLEAN_MAP, TODAY } from '../core/fixtures';
import { FOLDER, MemoryClient } from './memoryClient';

const ROOT = FOLDER.replace(/\/$/, '');
const RUNBOOK = `${ROOT}/runbooks/lockout.md`;

/** The server's end and the client's end of one in-memory connection (a stream each way). */
function pair(): { server: Connection; client: MessageConnection; close: () => void } {
  const up = new PassThrough();
  const down = new PassThrough();
  // Reader and writer objects, not the streams: the Node createConnection would exit the process when a stream ends.
  const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  return { server, client, close: () => { client.dispose(); server.dispose(); } };
}

describe('clientHost: files asked of the client', () => {
  let ends: ReturnType<typeof pair>;
  let files: HostFiles;
  const seen: { method: string; params: FileParams }[] = [];

  beforeEach(() => {
    ends = pair();
    ends.server.listen();
    seen.length = 0;
    files = clientHost(ends.server).files(ROOT)!;
  });
  afterEach(() => ends.close());

  /** The client answers `method` with `answer(params)`, recording what it was asked. */
  function answer(method: string, reply: (params: FileParams) => unknown): void {
    ends.client.onRequest(method, (params: FileParams) => {
      seen.push({ method, params });
      return reply(params);
    });
  }

  it('reads a file: the root and the file\'s URI go to the client, its text and version come back', async () => {
    answer(FILES_READ, () => ({ text: '# Lockout\n', version: '7:10' }));
    ends.client.listen();
    assert.deepEqual(await files.readFile(RUNBOOK), { text: '# Lockout\n', version: '7:10' });
    assert.deepEqual(seen, [{ method: FILES_READ, params: { root: ROOT, uri: RUNBOOK } }]);
  });

  it('stats a file, and passes the client\'s problems through as the core\'s FileProblems', async () => {
    const answers: unknown[] = [
      { version: '7:10' },
      { problem: { kind: 'missing' } },
      { problem: { kind: 'not-a-file', what: 'folder' } },
      { problem: { kind: 'too-large', size: 30_000_000, limit: 20_971_520 } },
      { problem: { kind: 'outside' } },
      { problem: { kind: 'unreadable', detail: 'permission denied' } },
    ];
    answer(FILES_STAT, () => answers[seen.length - 1]);
    ends.client.listen();
    for (const expected of answers) assert.deepEqual(await files.stat(RUNBOOK), expected);
    assert.ok(seen.every((s) => s.params.root === ROOT && s.params.uri === RUNBOOK));
  });

  it('turns an answer of the wrong shape into an unreadable file, never into a thrown error', async () => {
    const answers: unknown[] = [null, 42, { text: 3 }, { problem: { kind: 'gone' } }, { problem: { kind: 'not-a-file', what: 'door' } }];
    answer(FILES_READ, () => answers[seen.length - 1]);
    ends.client.listen();
    for (let i = 0; i < answers.length; i++) {
      const read = await files.readFile(RUNBOOK);
      assert.ok('problem' in read && read.problem.kind === 'unreadable', JSON.stringify(read));
    }
  });

  it('asks where a quick fix may write: an existing file, a new one, or why not', async () => {
    const created = `${ROOT}/runbooks/new.md`;
    answer(FILES_WRITABLE, ({ uri }) => (uri === RUNBOOK ? { exists: true, real: uri }
      : uri === created ? { exists: false, real: uri }
        : uri.endsWith('/elsewhere.md') ? { exists: true, real: 'untitled:Untitled-1' }
          : { problem: { kind: 'outside' } }));
    ends.client.listen();
    assert.deepEqual(await files.writable(RUNBOOK), { exists: true, real: RUNBOOK });
    assert.deepEqual(await files.writable(created), { exists: false, real: created });
    assert.deepEqual(await files.writable(`${ROOT}/linked/out.md`), { problem: { kind: 'outside' } });
    // A place that is not a file is no place to write, whatever the client says.
    const odd = await files.writable(`${ROOT}/elsewhere.md`);
    assert.ok('problem' in odd && odd.problem.kind === 'unreadable');
  });

  it('hands each record of an export to onRecord in order, header first', async () => {
    const rows = [['id', 'opened'], ['1', '2026-07-01'], ['2', '2026-07-02']];
    answer(FILES_RECORDS, () => rows);
    ends.client.listen();
    const got: string[][] = [];
    await files.readRecords!(`${ROOT}/data/tickets.csv`, (r) => void got.push(r));
    assert.deepEqual(got, rows);
    assert.deepEqual(seen[0].params, { root: ROOT, uri: `${ROOT}/data/tickets.csv` });
  });

  it('rejects records as FileReader says, with the client reader\'s words and position, when the export is malformed', async () => {
    answer(FILES_RECORDS, () => { throw new ResponseError(LSPErrorCodes.RequestFailed, 'Unclosed quote', { line: 3, column: 9 }); });
    ends.client.listen();
    await assert.rejects(files.readRecords!(`${ROOT}/data/tickets.csv`, () => undefined), { message: 'Unclosed quote', line: 3, column: 9 });
  });

  it('lists the maps of a root through the client, sorted, dropping what is not a file URI', async () => {
    const asked: unknown[] = [];
    ends.client.onRequest(FILES_LIST_MAPS, (params: unknown) => {
      asked.push(params);
      return [`${ROOT}/b.journey.yaml`, 7, 'untitled:x.journey.yaml', `${ROOT}/a.journey.yml`];
    });
    ends.client.listen();
    assert.deepEqual(await clientHost(ends.server).listMaps(ROOT), [`${ROOT}/a.journey.yml`, `${ROOT}/b.journey.yaml`]);
    assert.deepEqual(asked, [{ root: ROOT }]);
  });

  it('resolves a failing client request to a FileProblem (error, no handler, connection gone) and never throws', async () => {
    answer(FILES_READ, () => { throw new Error('disk on fire'); });
    ends.client.listen();
    const failed = await files.readFile(RUNBOOK);
    assert.ok('problem' in failed && failed.problem.kind === 'unreadable' && /did not answer.*disk on fire/.test(failed.problem.detail), JSON.stringify(failed));
    // No handler on the client for stat.
    const unhandled = await files.stat(RUNBOOK);
    assert.ok('problem' in unhandled && unhandled.problem.kind === 'unreadable', JSON.stringify(unhandled));
    await assert.rejects(files.readRecords!(RUNBOOK, () => undefined), (e: { message: string }) => /^the file cannot be read \(the editor did not answer/.test(e.message));
    assert.deepEqual(await clientHost(ends.server).listMaps(ROOT), []);

    // A request still waiting when the connection goes, and one made after.
    const neverAnswered = new Promise<void>(() => undefined);
    answer(FILES_WRITABLE, () => neverAnswered);
    const pending = files.writable(RUNBOOK);
    await new Promise((done) => setTimeout(done, 20));
    ends.server.dispose();
    const gone = await pending;
    assert.ok('problem' in gone && gone.problem.kind === 'unreadable', JSON.stringify(gone));
    const after = await files.readFile(RUNBOOK);
    assert.ok('problem' in after && after.problem.kind === 'unreadable', JSON.stringify(after));
  });

  it('keys documents by their URIs: files for hierarchical URIs, not for unsaved editors or views', () => {
    const host = clientHost(ends.server);
    for (const uri of [`${ROOT}/maps/a.journey.yaml`, 'file:///home/me/a.journey.yaml', 'vscode-vfs://github/org/repo/a.journey.yaml', 'vscode-test-web:/mount/a.md']) {
      assert.equal(isFileUri(uri), true, uri);
      assert.equal(host.isFile(host.toCore(uri)), true, uri);
      assert.equal(host.toUri(host.toCore(uri)), uri);
    }
    for (const uri of ['untitled:Untitled-1', 'git:/home/me/a.journey.yaml?%7B%22ref%22%3A%22HEAD%22%7D', 'vscode-notebook-cell:/a#W0', 'output:extension-output']) {
      assert.equal(host.isFile(host.toCore(uri)), false, uri);
    }
    assert.equal(host.files('untitled:Untitled-1'), undefined);
  });

  it('writes a document\'s URI as the core writes a link\'s target, so the two name the same file', () => {
    const host = clientHost(ends.server);
    // VS Code encodes `(`, `)`, `!` and `'` in a path; encodeURIComponent, as the core, does not.
    const fromEditor = `${ROOT}/runbooks/lock%20out%20%281%29%21.md`;
    const link = resolveLink(`${ROOT}/maps/a.journey.yaml`, "../runbooks/lock out (1)!.md", ROOT);
    assert.ok('path' in link);
    assert.equal(host.toCore(fromEditor), link.path);
    assert.equal(host.toCore(host.toCore(fromEditor)), host.toCore(fromEditor));
  });

  it('gives today as the local date', () => {
    const now = new Date();
    const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    assert.equal(clientHost(ends.server).today(), local);
    assert.equal(clientHost(ends.server).ruleDocs, undefined);
  });
});

/**
 * The map of the fixtures with its runbook link broken, a second link whose anchor is missing, and
 * a metric computed from the ticket export that no ticket matches.
 */
const BROKEN_MAP = CLEAN_MAP
  .replace('fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, where: { category: hardware }, target: 80% }')
  .replace('runbook: ../runbooks/lockout.md#symptoms', 'runbook: ../runbooks/missing.md#symptoms')
  .replace('        name: Agent verifies identity\n', '        name: Agent verifies identity\n        runbook: ../runbooks/lockout.md#no-such-heading\n');
const MAP = `${ROOT}/maps/admin.journey.yaml`;
const CLOSED_MAP = `${ROOT}/maps/closed.journey.yaml`;

function workspaceFiles(): Map<string, string> {
  return new Map([
    [MAP, BROKEN_MAP],
    [CLOSED_MAP, BROKEN_MAP],
    [RUNBOOK, '# Account lockout\n\n## Symptoms\n\nThe admin sees "account locked".\n'],
    [`${ROOT}/data/tickets.csv`, 'opened,resolved,category\n2026-09-01,2026-09-02,access\n'],
  ]);
}

/** What a client must see from a server reading through it: findings that needed the files. */
async function assertFindingsThroughClient(client: MemoryClient): Promise<void> {
  await client.initialize();
  await client.open(MAP, BROKEN_MAP);
  const found = await client.diagnostics(MAP, (d) => d.some((x) => x.code === 'runbook-missing'));
  const missing = found.find((d) => d.code === 'runbook-missing')!;
  assert.match(missing.message, /`\.\.\/runbooks\/missing\.md` does not exist/);
  assert.equal(missing.range.start.line, BROKEN_MAP.split('\n').findIndex((l) => l.includes('missing.md')));
  // The runbook that exists was read through the client: its headings were checked.
  assert.ok(found.some((d) => d.code === 'runbook-anchor-missing' && /no-such-heading/.test(d.message)), JSON.stringify(found));
  // The export's records came through the client and were counted: none is about hardware.
  assert.ok(found.some((d) => d.code === 'metric-not-computed'), JSON.stringify(found));
  assert.ok(!found.some((d) => d.code === 'source-unreadable'), JSON.stringify(found));
  assert.ok(client.asked.some((a) => a.method === FILES_RECORDS && a.uri === `${ROOT}/data/tickets.csv`));
  // The closed map was listed and read through the client too.
  await client.diagnostics(CLOSED_MAP, (d) => d.some((x) => x.code === 'runbook-missing'));
  assert.ok(client.asked.some((a) => a.method === FILES_LIST_MAPS && a.root === ROOT));
  assert.ok(client.asked.some((a) => a.method === FILES_READ && a.uri === RUNBOOK));
  assert.ok(client.asked.some((a) => a.method === FILES_STAT && a.uri === `${ROOT}/runbooks/missing.md`));
  // Every request named the workspace folder as its root.
  assert.deepEqual([...new Set(client.asked.map((a) => a.root))], [ROOT]);
}

describe('the language server over a client host (no file system of its own)', function () {
  this.timeout(20_000);

  it('publishes a map\'s link findings from files the client reads: open and closed maps on a virtual file system', async () => {
    const ends = pair();
    createServer(ends.server, clientHost(ends.server));
    try {
      await assertFindingsThroughClient(new MemoryClient(ends.client, workspaceFiles(), { today: TODAY }));
    } finally {
      ends.close();
    }
  });

  it('runs from the worker bundle with no Node API at all (no require, process, Buffer or fs)', async () => {
    const built = await esbuild.build({
      entryPoints: ['src/server/worker.ts'], bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
      write: false, loader: { '.yaml': 'text' }, logLevel: 'silent',
    });
    const code = built.outputFiles[0].text;
    assert.doesNotMatch(code, /\brequire\(\s*["'](node:)?(fs|path|os|child_process|net|url|stream|crypto|util|worker_threads)["']/, 'the bundle requires no Node module');

    // The worker's global scope: postMessage and onmessage, as a browser gives it; nothing of Node.
    const toClient = new PortReader();
    const scope = {
      onmessage: null as ((event: { data: unknown }) => void) | null,
      addEventListener: () => undefined,
      postMessage: (message: unknown) => void setTimeout(() => toClient.deliver(structuredClone(message) as Message)),
    };
    const toWorker = new PortWriter((message) => void setTimeout(() => scope.onmessage?.({ data: structuredClone(message) })));
    const context = vm.createContext({
      self: scope, console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, TextEncoder, TextDecoder,
    });
    vm.runInContext(code, context, { filename: 'dist/web/server.js' });
    assert.equal(typeof scope.onmessage, 'function', 'the server listens on the worker\'s messages');
    const client = createMessageConnection(toClient, toWorker);
    try {
      await assertFindingsThroughClient(new MemoryClient(client, workspaceFiles(), { today: TODAY }));
    } finally {
      client.dispose();
    }
  });
});

/** The client's end of a worker's message port: what the worker posts. */
class PortReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => { this.callback = undefined; } };
  }
  deliver(message: Message): void {
    this.callback?.(message);
  }
}

class PortWriter extends AbstractMessageWriter {
  constructor(private readonly send: (message: Message) => void) {
    super();
  }
  write(message: Message): Promise<void> {
    this.send(message);
    return Promise.resolve();
  }
  end(): void {
    // A port has nothing to flush.
  }
}
