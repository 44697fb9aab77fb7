/**
 * A minimal LSP client for the server's protocol tests: it starts `bin/journeymap.js lsp --stdio`
 * as a real child process and talks JSON-RPC over its real stdin and stdout (vscode-jsonrpc), answers
 * the server's requests (configuration, registrations, progress, applyEdit) and records its
 * notifications. Needs the bundles (`npm run build`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities, Diagnostic, InitializeResult, PublishDiagnosticsParams, ApplyWorkspaceEditParams,
} from 'vscode-languageserver';

export const BIN = process.env.JOURNEYMAP_TEST_BIN ?? resolve('bin/journeymap.js');

export function bundlesBuilt(): boolean {
  return existsSync(resolve('dist/cli.js')) && existsSync(resolve('dist/server.js'));
}

/** A workspace folder in the temporary directory, with the given files (paths relative to it). */
export function workspace(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'journeymap-lsp-')));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** Everything a client says it supports: push diagnostics unless `pull`. */
export function capabilities(options: { pull?: boolean; progress?: boolean; plainEdits?: boolean } = {}): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
      applyEdit: true,
      workspaceEdit: options.plainEdits ? {} : { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
      codeLens: { refreshSupport: true },
      ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { didSave: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      rename: { prepareSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
      publishDiagnostics: { versionSupport: true },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    window: { workDoneProgress: options.progress ?? false },
  };
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly progress: unknown[] = [];
  readonly registrations: string[] = [];
  readonly configurationRequests: unknown[] = [];
  stderr = '';
  /** What `workspace/configuration` answers for the `journeymap` section. */
  settings: Record<string, unknown>;
  private waiters: (() => void)[] = [];

  /** Starts `node ...command` (by default `bin/journeymap.js lsp --stdio`). */
  constructor(settings: Record<string, unknown> = {}, command: string[] = [BIN, 'lsp', '--stdio']) {
    this.settings = settings;
    this.process = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => { this.stderr += String(chunk); });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification('$/progress', (params: unknown) => {
      this.progress.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('window/showMessage', () => undefined);
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'journeymap' ? this.settings : null));
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
      this.registrations.push(...params.registrations.map((r) => r.method));
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.applied.push(params);
      this.wake();
      return { applied: true };
    });
    this.connection.listen();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `check` holds (re-checked after each notification), or fails after `ms`. */
  async until<T>(what: string, check: () => T | undefined, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr}`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, Math.min(left, 100));
        this.waiters.push(() => { clearTimeout(timer); done(); });
      });
    }
  }

  async initialize(root: string, caps: ClientCapabilities = capabilities(), initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid, rootUri: uriOf(root), capabilities: caps, clientInfo: { name: 'journeymap-test' },
      workspaceFolders: [{ uri: uriOf(root), name: 'ws' }], initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'journeymap', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** The latest diagnostics published for `uri` once `check` accepts them. */
  diagnostics(uri: string, check: (d: Diagnostic[], version?: number) => boolean = () => true, ms?: number): Promise<Diagnostic[]> {
    return this.until(`diagnostics for ${uri}`, () => {
      const last = [...this.published].reverse().find((p) => p.uri === uri);
      return last && check(last.diagnostics, last.version) ? last.diagnostics : undefined;
    }, ms);
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((done) => this.process.once('exit', (code) => done(code)));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await Promise.race([exited, new Promise<null>((done) => setTimeout(() => { this.process.kill(); done(null); }, 5000))]);
    this.connection.dispose();
    return code;
  }
}
