/**
 * The Journey Map language server: a thin adapter from LSP to the core, like the CLI. No Node API
 * here: files, the clock and the transport come from the host (node.ts for `journeymap lsp
 * --stdio`; a web worker may bring its own), so one `createServer` serves every editor.
 */
import {
  CodeActionKind, CodeLensRefreshRequest, type CancellationToken, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  TextDocuments, TextDocumentSyncKind, WatchKind,
  type ClientCapabilities, type Connection, type InitializeParams, type InitializeResult, type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isInsideRoot } from '../core';
import { registerCustomRequests } from './custom';
import { Diagnostics, isMapKey } from './diagnostics';
import { Features, type ClientSupport } from './features';
import type { ServerHost } from './host';
import { COMMAND_MARK_REVIEWED, SCANNED, SKIPPED_FOLDERS, VALIDATE_WORKSPACE, type ScannedParams, type ValidateWorkspaceResult } from './protocol';
import { Workspace } from './workspace';

export type { ServerHost, HostFiles } from './host';
export * as protocol from './protocol';

/** Files whose change may change a map's findings: maps, baselines, runbooks, ticket exports. */
const WATCHED_EXTENSIONS = ['yaml', 'yml', 'md', 'markdown', 'csv', 'tsv', 'xlsx'];
const WATCHED = `**/*.{${WATCHED_EXTENSIONS.join(',')}}`;
const WATCHED_FILE = new RegExp(`\\.(${WATCHED_EXTENSIONS.join('|')})$`, 'i');
const COMPLETION_TRIGGERS = [':', ' ', '-', '[', ','];
/** After an edit in an open runbook, how long to wait before the maps linking to it are checked again. */
const DEPENDENTS_DELAY_MS = 250;

function isMapDocument(host: ServerHost, doc: TextDocument): boolean {
  return doc.languageId === 'journeymap' || isMapKey(host.toCore(doc.uri));
}

/** What the client can take, read once from its capabilities. */
function clientSupport(params: InitializeParams): ClientSupport {
  const caps: ClientCapabilities = params.capabilities;
  const td = caps.textDocument;
  return {
    completion: {
      snippets: td?.completion?.completionItem?.snippetSupport === true,
      markdown: td?.completion?.completionItem?.documentationFormat?.includes('markdown') ?? false,
      // VS Code's own command, to suggest a key's values right after the key is inserted.
      retrigger: /code/i.test(params.clientInfo?.name ?? '') ? 'editor.action.triggerSuggest' : undefined,
    },
    hierarchicalSymbols: td?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    hoverMarkdown: td?.hover?.contentFormat?.includes('markdown') ?? true,
    edits: {
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      create: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') ?? false,
    },
  };
}

/**
 * Serves Journey Map over `connection` (created by the caller for its transport) and starts
 * listening. The client chooses push or pull diagnostics by its capabilities; settings come from
 * `workspace/configuration` (section `journeymap`), else from `initializationOptions` and
 * `workspace/didChangeConfiguration`.
 */
export function createServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  let workspace: Workspace;
  let diagnostics: Diagnostics;
  let caps: ClientCapabilities = {};

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    const support = clientSupport(params);
    const options = (params.initializationOptions ?? {}) as Record<string, unknown>;
    const pull = caps.textDocument?.diagnostic !== undefined && options.diagnosticMode !== 'push';
    const openText = (key: string) => {
      const doc = documents.all().find((d) => host.toCore(d.uri) === key);
      return doc && { text: doc.getText(), version: doc.version };
    };
    workspace = new Workspace(connection, host, caps.workspace?.configuration === true, options.settings ?? options, openText);
    workspace.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    diagnostics = new Diagnostics(connection, host, workspace, documents, pull, options.validatedNotifications === true);
    const features = new Features(host, workspace, documents, diagnostics, support);
    features.register(connection);
    registerCustomRequests(connection, features, diagnostics, support.edits, () => host.today(), (uri) => host.toCore(uri));
    if (pull) registerPull(connection, host, workspace, diagnostics);
    registerEvents(connection, host, documents, workspace, diagnostics, caps);
    const literalActions = caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
        documentSymbolProvider: { label: 'Journey Map' },
        foldingRangeProvider: true,
        codeActionProvider: literalActions ? { codeActionKinds: [CodeActionKind.QuickFix] } : true,
        documentLinkProvider: { resolveProvider: true },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [COMMAND_MARK_REVIEWED] },
        ...(pull ? { diagnosticProvider: { identifier: 'journeymap', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'journeymap' },
    };
  });

  connection.onInitialized(async () => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'journeymap' });
    }
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // Creations and deletions of anything: a folder is reported as the folder alone. A deleted
      // folder's maps go with it; a new folder is searched for maps, since a watcher can miss the
      // files written into a folder before it watches the folder (a checkout that adds a folder).
      // Awaited before the scan lists the maps: a map created from then on is either listed or reported.
      const watchers = [{ globPattern: WATCHED }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }];
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers })
        .catch(() => undefined);
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const gone = new Set(e.removed.map((f) => host.toCore(f.uri)));
        const kept = workspace.roots.filter((r) => !gone.has(r)).map((r) => host.toUri(r));
        workspace.setFolders([...kept, ...e.added.map((f) => f.uri)]);
        revalidateAll();
      });
    }
    void firstScan();
  });
  connection.onRequest(VALIDATE_WORKSPACE, (_params: unknown, token: CancellationToken) => validateWorkspace(token));

  /**
   * Validates (push) or indexes (pull) every closed map of the workspace, with work-done progress.
   * Resolves to the maps found on disk (core keys); stops early when `token` is cancelled.
   */
  const scan = async (token?: CancellationToken): Promise<string[]> => {
    const keys = [...new Set((await Promise.all(workspace.roots.map((r) => host.listMaps(r).catch(() => [])))).flat())];
    if (!keys.length) return keys;
    const progress = caps.window?.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Journey Map', 0, `Checking ${keys.length} maps`, false);
    await diagnostics.eachClosed(keys, async (key) => {
      if (token?.isCancellationRequested) return;
      await (diagnostics.pull ? diagnostics.indexClosed(key) : diagnostics.publishClosed(key));
    }, (done) => progress?.report(Math.round((done / keys.length) * 100), `${done} of ${keys.length} maps`));
    progress?.done();
    if (caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    return keys;
  };
  /** The first scan after start; a client that asked for notifications hears when it is done. */
  const firstScan = async (): Promise<void> => {
    const maps = (await scan().catch(() => [])).length;
    if (diagnostics.notifies) void connection.sendNotification(SCANNED, { maps } satisfies ScannedParams);
  };

  /** Validate All: open maps now, then every closed map from disk again. */
  const validateWorkspace = async (token: CancellationToken): Promise<ValidateWorkspaceResult> => {
    const open = documents.all().filter((doc) => isMapDocument(host, doc));
    await Promise.all(open.map((doc) => diagnostics.publishOpen(doc)));
    const listed = await scan(token);
    // Open maps count once, also those not saved anywhere yet.
    return { maps: new Set([...listed, ...open.map((doc) => host.toCore(doc.uri))]).size, ...diagnostics.totals() };
  };

  const revalidateAll = (): void => {
    for (const doc of documents.all()) if (isMapDocument(host, doc)) void diagnostics.publishOpen(doc);
    if (diagnostics.pull && caps.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
    if (caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    void scan();
  };

  connection.onDidChangeConfiguration((params) => {
    workspace.settingsChanged(params.settings);
    revalidateAll();
  });
  documents.listen(connection);
  connection.listen();
}

/** Pull diagnostics: the open map on request, and the workspace's closed maps, unchanged ones as such. */
function registerPull(connection: Connection, host: ServerHost, workspace: Workspace, diagnostics: Diagnostics): void {
  connection.languages.diagnostics.on(async ({ textDocument }) => ({ kind: 'full', items: await diagnostics.pullDocument(textDocument.uri) }));
  connection.languages.diagnostics.onWorkspace(async ({ previousResultIds }, token, workDone) => {
    const previous = new Map(previousResultIds.map((p) => [p.uri, p.value]));
    const keys = [...new Set((await Promise.all(workspace.roots.map((r) => host.listMaps(r).catch(() => [])))).flat())];
    workDone?.begin('Journey Map', 0, `Checking ${keys.length} maps`, false);
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    await diagnostics.eachClosed(keys, async (key) => {
      if (token.isCancellationRequested) return;
      const { files } = await workspace.scope(key);
      const stat = await files?.stat(key);
      const uri = host.toUri(key);
      const resultId = `${workspace.generation}:${diagnostics.fileGeneration}:${stat && 'version' in stat ? stat.version : 'x'}`;
      if (previous.get(uri) === resultId) {
        items.push({ kind: 'unchanged', uri, version: null, resultId });
        return;
      }
      const found = await diagnostics.validateClosed(key);
      if (found) items.push({ kind: 'full', uri, version: null, resultId, items: diagnostics.toLsp(found) });
    }, (done) => workDone?.report(Math.round((done / Math.max(1, keys.length)) * 100), `${done} of ${keys.length} maps`));
    workDone?.done();
    return { items };
  });
}

/** Edits, opens, closes and saves of documents, and changes of files on disk. */
function registerEvents(
  connection: Connection, host: ServerHost, documents: TextDocuments<TextDocument>,
  workspace: Workspace, diagnostics: Diagnostics, caps: ClientCapabilities,
): void {
  const isMap = (doc: TextDocument) => isMapDocument(host, doc);

  /** A file changed on disk: the map itself, or a file maps link to (their findings may change). */
  const fileChanged = (uri: string, type: FileChangeType): void => {
    const key = host.toCore(uri);
    diagnostics.fileGeneration++;
    if (isMapKey(key)) {
      if (type === FileChangeType.Deleted) diagnostics.deleted(key);
      else {
        diagnostics.revived(key);
        if (!diagnostics.isOpen(key)) void (diagnostics.pull ? diagnostics.indexClosed(key) : diagnostics.publishClosed(key));
      }
    } else if (type === FileChangeType.Deleted) {
      // A folder deleted: watchers report the folder only, so the maps under it go with it here.
      for (const gone of diagnostics.knownUnder(key)) diagnostics.deleted(gone);
    }
    for (const dependent of workspace.dependents(key)) {
      const open = documents.all().find((d) => host.toCore(d.uri) === dependent);
      if (open) diagnostics.schedule(open);
      else if (dependent !== key) void diagnostics.publishClosed(dependent);
    }
  };
  /**
   * Something created that is not a map: when it is a folder inside a workspace folder, the maps
   * in it are checked (a watcher may report the new folder and miss the files written into it).
   */
  const folderCreated = async (key: string): Promise<void> => {
    if (key.split('/').some((part) => SKIPPED_FOLDERS.includes(part)) || !workspace.roots.some((root) => isInsideRoot(key, root))) return;
    const { files } = await workspace.scope(key);
    const stat = await files?.stat(key);
    if (!stat || !('problem' in stat) || stat.problem.kind !== 'not-a-file' || stat.problem.what !== 'folder') return;
    const maps = await host.listMaps(key).catch(() => []);
    for (const map of maps) fileChanged(host.toUri(map), FileChangeType.Created);
    if (maps.length) filesChanged();
  };
  /** After file events that may change findings: clients that pull or show lenses ask again. */
  const filesChanged = (): void => {
    if (diagnostics.pull && caps.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
    if (caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };
  /** An open runbook edited (not saved yet): the maps that link to it are checked after a pause, as after an edit. */
  const pendingDependents = new Map<string, ReturnType<typeof setTimeout>>();
  const runbookEdited = (uri: string): void => {
    const key = host.toCore(uri);
    if (!workspace.dependents(key).length) return;
    clearTimeout(pendingDependents.get(key));
    pendingDependents.set(key, setTimeout(() => {
      pendingDependents.delete(key);
      fileChanged(uri, FileChangeType.Changed);
    }, DEPENDENTS_DELAY_MS));
  };
  connection.onDidChangeWatchedFiles(({ changes }) => {
    // A watched file's creation matches two watchers (watched files, and anything created): once.
    const unique = new Map(changes.map((change) => [`${change.type}:${change.uri}`, change]));
    let watched = false;
    for (const { uri, type } of unique.values()) {
      // Anything else created may be a folder holding maps; it changes no finding by itself.
      if (type === FileChangeType.Created && !WATCHED_FILE.test(uri)) void folderCreated(host.toCore(uri));
      else {
        fileChanged(uri, type);
        watched = true;
      }
    }
    if (watched) filesChanged();
  });

  /** Opened maps are checked at once; edits after a pause in typing. */
  const fresh = new Set<string>();
  documents.onDidOpen(({ document }) => void fresh.add(document.uri));
  documents.onDidChangeContent(({ document }) => {
    const opened = fresh.delete(document.uri);
    if (!isMap(document)) {
      if (!opened) runbookEdited(document.uri);
      return;
    }
    if (opened) void diagnostics.publishOpen(document);
    else {
      // Typing in an editor left open on a deleted map brings it back.
      diagnostics.revived(host.toCore(document.uri));
      diagnostics.schedule(document);
    }
  });
  documents.onDidSave(({ document }) => {
    // Without file watching, a saved runbook or export is the only sign that its maps may change.
    if (!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration && !isMap(document)) fileChanged(document.uri, FileChangeType.Changed);
  });
  documents.onDidClose(({ document }) => {
    fresh.delete(document.uri);
    if (isMap(document)) diagnostics.closed(document);
  });
}
