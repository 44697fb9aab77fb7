/**
 * A client for a language server that has no file system (clientHost): it answers LSP's client
 * requests (configuration, registrations, progress) and the server's `journeymap/files/*` requests
 * from files held in memory, keyed by URI, under one workspace folder, and records what it was
 * asked and the diagnostics published. Works over any MessageConnection (streams, a worker's ports).
 */
import {
  LSPErrorCodes, ResponseError, type ClientCapabilities, type Diagnostic, type InitializeResult, type MessageConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver';
import {
  FILES_LIST_MAPS, FILES_READ, FILES_RECORDS, FILES_STAT, FILES_WRITABLE, type FileParams, type ListMapsParams,
} from '../../src/server/protocol';

/** A workspace folder on a virtual file system, as the web test harness mounts one. */
export const FOLDER = 'vscode-test-web://mount/';

export interface Asked { method: string; root: string; uri?: string }

export class MemoryClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly asked: Asked[] = [];

  constructor(
    readonly connection: MessageConnection,
    /** Files by URI (text); a URI that is a prefix of others, followed by `/`, is a folder. */
    readonly files: Map<string, string>,
    private readonly settings: Record<string, unknown> = {},
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => void this.published.push(params));
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('journeymap/validated', () => undefined);
    connection.onNotification('journeymap/scanned', () => undefined);
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'journeymap' ? this.settings : null)));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    const folder = FOLDER.replace(/\/$/, '');
    /** The file at `uri` if the request stays inside the folder, else why not. */
    const find = (method: string, params: FileParams): { text: string } | { problem: object } => {
      this.asked.push({ method, root: params.root, uri: params.uri });
      if (params.root.replace(/\/$/, '') !== folder || !params.uri.startsWith(`${folder}/`)) return { problem: { kind: 'outside' } };
      const text = this.files.get(params.uri);
      if (text !== undefined) return { text };
      const isFolder = [...this.files.keys()].some((k) => k.startsWith(`${params.uri}/`));
      return { problem: isFolder ? { kind: 'not-a-file', what: 'folder' } : { kind: 'missing' } };
    };
    const version = (text: string) => `v${text.length}`;
    connection.onRequest(FILES_READ, (p: FileParams) => {
      const found = find(FILES_READ, p);
      return 'text' in found ? { text: found.text, version: version(found.text) } : found;
    });
    connection.onRequest(FILES_STAT, (p: FileParams) => {
      const found = find(FILES_STAT, p);
      return 'text' in found ? { version: version(found.text) } : found;
    });
    connection.onRequest(FILES_WRITABLE, (p: FileParams) => {
      const found = find(FILES_WRITABLE, p);
      if ('text' in found) return { exists: true, real: p.uri };
      return (found.problem as { kind: string }).kind === 'missing' ? { exists: false, real: p.uri } : found;
    });
    connection.onRequest(FILES_RECORDS, (p: FileParams) => {
      const found = find(FILES_RECORDS, p);
      if (!('text' in found)) throw new ResponseError(LSPErrorCodes.RequestFailed, 'the file does not exist');
      return found.text.split('\n').filter(Boolean).map((line) => line.split(','));
    });
    connection.onRequest(FILES_LIST_MAPS, (p: ListMapsParams) => {
      this.asked.push({ method: FILES_LIST_MAPS, root: p.root });
      return p.root.replace(/\/$/, '') === folder ? [...this.files.keys()].filter((k) => /\.journey\.ya?ml$/.test(k)) : [];
    });
    connection.listen();
  }

  async initialize(capabilities: ClientCapabilities = { workspace: { configuration: true, workspaceFolders: true } }): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: null, rootUri: FOLDER, capabilities, clientInfo: { name: 'journeymap-memory-client' },
      workspaceFolders: [{ uri: FOLDER, name: 'mount' }], initializationOptions: { diagnosticMode: 'push' },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'journeymap', version: 1, text } });
  }

  /** The latest diagnostics published for `uri` once `check` accepts them (fails after `ms`). */
  async diagnostics(uri: string, check: (d: Diagnostic[]) => boolean = () => true, ms = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const last = [...this.published].reverse().find((p) => p.uri === uri);
      if (last && check(last.diagnostics)) return last.diagnostics;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for diagnostics for ${uri}; published: ${JSON.stringify(this.published.map((p) => [p.uri, p.diagnostics.map((d) => d.code)]))}`);
      }
      await new Promise((done) => setTimeout(done, 10));
    }
  }
}
