/**
 * Workspace-wide diagnostics. Every map is validated on activation (closed ones too, so the
 * Problems panel is complete), open maps re-validate on each edit (debounced; a result for an
 * older document version is dropped), and a change to a map, a runbook or a source file
 * re-validates the maps that link to it.
 */
import * as vscode from 'vscode';
import type * as core from '../core';
import { carryOverFindings, parseIsoDate, summarizeMap, unreadableMapDiagnostic } from '../core';
import { toRange, toSeverity } from './convert';
import type { MapIndex } from './mapIndex';
import { today, type ServiceRegistry } from './service';
import { logError } from './log';

export const LANGUAGE_ID = 'journeymap';
export const MAP_GLOB = '**/*.journey.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
/** Above this many maps, the activation scan shows a notification instead of a status bar spinner. */
const NOTIFY_THRESHOLD = 25;
const CONCURRENCY = 8;
/** Closed maps re-checked after file events are validated this many at a time. */
const BACKLOG_CONCURRENCY = 2;

export function isMapUri(uri: vscode.Uri): boolean {
  return /\.journey\.ya?ml$/i.test(uri.path);
}

export function isMapDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === LANGUAGE_ID || isMapUri(doc.uri);
}

interface Published {
  /** The document version validated, or undefined for a closed file read from disk. */
  version?: number;
  diagnostics: core.Diagnostic[];
}

export interface ValidationEvent {
  uri: vscode.Uri;
  version?: number;
  diagnostics: core.Diagnostic[];
  /**
   * The map at a glance (portfolio), from the very parse and findings just published: the Journey
   * Maps and Improvements views read it instead of reading the file again. Undefined when the file
   * was not read (refused, or cleared).
   */
  summary?: core.MapSummary;
}

export class DiagnosticsManager implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('journeymap');
  private readonly published = new Map<string, Published>();
  /** Open maps' last text that parsed, and its findings: shown, marked, while the map does not parse. */
  private readonly lastValid = new Map<string, { text: string; diagnostics: core.Diagnostic[] }>();
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDidValidateEmitter = new vscode.EventEmitter<ValidationEvent>();
  /** Fires after a validation result was published (stale results never fire). */
  readonly onDidValidate = this.onDidValidateEmitter.event;
  private scan: Promise<number> | undefined;
  /** Maps deleted on disk whose documents VS Code may still hold: not re-checked until edited or re-created. */
  private readonly deleted = new Set<string>();

  constructor(
    private readonly registry: ServiceRegistry,
    readonly index: MapIndex,
    /** Where a rule's documentation opens (rendered, at the rule), for the Problems panel's links. */
    private readonly ruleDocs: (rule: string) => vscode.Uri,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      this.collection,
      this.onDidValidateEmitter,
      watcher,
      watcher.onDidCreate((uri) => this.onFileEvent(uri, 'create')),
      watcher.onDidChange((uri) => this.onFileEvent(uri, 'change')),
      watcher.onDidDelete((uri) => this.onFileEvent(uri, 'delete')),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (isMapDocument(doc)) void this.validateDocument(doc);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.deleted.delete(e.document.uri.toString());
        if (isMapDocument(e.document)) this.schedule(e.document.uri, () => this.validateDocument(e.document));
        else this.scheduleDependents(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
      registry.onDidChange(() => void this.revalidateKnown()),
    );
  }

  private get delay(): number {
    const value = vscode.workspace.getConfiguration('journeymap').get<number>('validation.delay');
    return typeof value === 'number' && value >= 0 ? value : 250;
  }

  private get workspaceWide(): boolean {
    return vscode.workspace.getConfiguration('journeymap').get<boolean>('validation.workspace') !== false;
  }

  /** The core diagnostics last published for a document (quick fixes need their `data`). */
  coreDiagnostics(uri: vscode.Uri): core.Diagnostic[] {
    return this.published.get(uri.toString())?.diagnostics ?? [];
  }

  private schedule(uri: vscode.Uri, run: () => unknown): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.bump(key); // a result still in flight for the old text is now stale
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void run();
    }, this.delay));
  }

  /**
   * Closed maps waiting to be re-checked after file events, drained by a few workers: a burst of
   * events (a branch switch, a generated folder) never crowds out the checks of the open maps.
   */
  private readonly backlog = new Map<string, vscode.Uri>();
  private draining = 0;

  private enqueue(uri: vscode.Uri): void {
    this.backlog.set(uri.toString(), uri);
    while (this.draining < BACKLOG_CONCURRENCY && this.draining < this.backlog.size) {
      this.draining++;
      void this.drain();
    }
  }

  /** Drops a closed map's queued or scheduled re-check. */
  private dequeue(uri: vscode.Uri): void {
    const key = uri.toString();
    this.backlog.delete(key);
    const pending = this.timers.get(key);
    if (pending) {
      clearTimeout(pending);
      this.timers.delete(key);
    }
  }

  private async drain(): Promise<void> {
    try {
      for (let next = this.backlog.entries().next(); !next.done; next = this.backlog.entries().next()) {
        const [key, uri] = next.value;
        this.backlog.delete(key);
        await this.validateUri(uri);
      }
    } finally {
      this.draining--;
    }
  }

  private isOpen(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed);
  }

  private bump(key: string): number {
    const next = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, next);
    return next;
  }

  /** Validates text for a uri, publishing only if nothing newer started meanwhile. */
  private async validateText(uri: vscode.Uri, text: string, version?: number): Promise<void> {
    const key = uri.toString();
    const generation = this.bump(key);
    const service = this.registry.facade;
    let diagnostics: core.Diagnostic[];
    try {
      this.index.update(uri, text);
      diagnostics = await service.validate(key, text);
    } catch (error) {
      logError(`Validating ${key} failed`, error);
      diagnostics = [{
        code: 'internal-error', severity: 'error', message: `Journey Map could not check this file: ${String(error)}. The details are in the Journey Map log (Output panel); please report them.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      }];
    }
    if (this.generations.get(key) !== generation) return; // superseded by a newer edit or event
    if (version !== undefined) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (doc && doc.version !== version) return;
    }
    this.published.set(key, { version, diagnostics });
    const shown = this.shown(key, text, version, diagnostics);
    this.collection.set(uri, shown.map((d) => this.toDiagnostic(d)));
    const summary = summarizeMap(key, service.parse(key, text), shown, parseIsoDate(today())!);
    this.onDidValidateEmitter.fire({ uri, version, diagnostics, summary });
  }

  /**
   * What the Problems panel shows for an open map: its findings, and while it does not parse (a
   * line half typed), the findings of its last version that did, marked so (core carryOverFindings).
   */
  private shown(key: string, text: string, version: number | undefined, diagnostics: core.Diagnostic[]): core.Diagnostic[] {
    const parses = !diagnostics.some((d) => d.code === 'yaml-syntax');
    if (version === undefined) return diagnostics; // a closed file: what is on disk is what it is
    if (parses) {
      this.lastValid.set(key, { text, diagnostics });
      return diagnostics;
    }
    const last = this.lastValid.get(key);
    return last ? carryOverFindings(last.text, last.diagnostics, text, diagnostics) : diagnostics;
  }

  toDiagnostic(d: core.Diagnostic): vscode.Diagnostic {
    const result = new vscode.Diagnostic(toRange(d.range), d.message, toSeverity(d.severity));
    result.source = 'journeymap';
    result.code = { value: d.code, target: this.ruleDocs(d.code) };
    return result;
  }

  validateDocument(doc: vscode.TextDocument): Promise<void> {
    const pending = this.timers.get(doc.uri.toString());
    if (pending) {
      clearTimeout(pending);
      this.timers.delete(doc.uri.toString());
    }
    return this.validateText(doc.uri, doc.getText(), doc.version);
  }

  /** Validates a map by uri: its open document when there is one, else the file on disk. */
  async validateUri(uri: vscode.Uri): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc && !doc.isClosed) return this.validateDocument(doc);
    // This check reads the file as it is now: a re-check queued by an earlier file event is done by it.
    this.dequeue(uri);
    if (!this.workspaceWide) return this.clear(uri);
    const read = await this.registry.filesFor(uri.toString())?.readFile(uri.toString());
    if (!read) return this.clear(uri);
    if ('problem' in read) return this.publishUnreadable(uri, read.problem);
    await this.validateText(uri, read.text);
    // A closed map's parse is not kept: memory grows with the open maps, not with the workspace.
    if (!this.isOpen(uri)) this.registry.facade.forget(uri.toString());
  }

  /** A closed map that is refused before reading (too large, a link out, not a file) still gets its finding. */
  private publishUnreadable(uri: vscode.Uri, problem: core.FileProblem): void {
    // The core words it, as for the CLI: too large, a link out of the workspace, not a file.
    const diagnostic = unreadableMapDiagnostic(problem);
    if (!diagnostic) return this.clear(uri);
    const key = uri.toString();
    this.bump(key);
    this.published.set(key, { diagnostics: [diagnostic] });
    this.collection.set(uri, [this.toDiagnostic(diagnostic)]);
    this.onDidValidateEmitter.fire({ uri, diagnostics: [diagnostic] });
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.bump(key);
    this.published.delete(key);
    this.lastValid.delete(key);
    this.collection.delete(uri);
    this.index.delete(uri);
    this.registry.facade.forget(key);
    this.onDidValidateEmitter.fire({ uri, diagnostics: [] });
  }

  private onClose(doc: vscode.TextDocument): void {
    if (!isMapDocument(doc)) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.registry.facade.forget(key);
    this.lastValid.delete(key);
    // A closed map keeps its findings from the saved file (unsaved edits are gone with the editor).
    const inWorkspace = !!vscode.workspace.getWorkspaceFolder(doc.uri);
    if (doc.uri.scheme === 'untitled' || !inWorkspace || !this.workspaceWide) this.clear(doc.uri);
    else void this.validateUri(doc.uri);
  }

  private onFileEvent(uri: vscode.Uri, kind: 'create' | 'change' | 'delete'): void {
    if (/\/(node_modules|\.git)\//.test(uri.path)) return;
    if (isMapUri(uri)) {
      if (kind === 'delete') this.forgetDeleted(uri);
      else {
        this.deleted.delete(uri.toString());
        if (!this.isOpen(uri)) this.schedule(uri, () => this.enqueue(uri));
      }
    } else if (kind === 'delete') this.clearUnder(uri);
    this.scheduleDependents(uri);
  }

  /**
   * A folder deleted: the watcher reports the folder only, so its maps' findings go with it here,
   * as a deleted map's do (an editor left open on one shows it deleted).
   */
  private clearUnder(folder: vscode.Uri): void {
    const prefix = `${folder.toString().replace(/\/$/, '')}/`;
    for (const key of [...this.published.keys()]) {
      if (key.startsWith(prefix)) this.forgetDeleted(vscode.Uri.parse(key));
    }
  }

  /**
   * A map deleted on disk: its findings go, and a document VS Code still holds for it (it keeps
   * closed documents for a while) is not checked again by a later workspace-wide re-check. Typing
   * in an editor left open on it, or the file coming back, brings it back.
   */
  private forgetDeleted(uri: vscode.Uri): void {
    this.deleted.add(uri.toString());
    this.clear(uri);
  }

  private scheduleDependents(uri: vscode.Uri): void {
    for (const map of this.index.dependents(uri)) {
      if (map.toString() === uri.toString()) continue;
      this.schedule(map, () => (this.isOpen(map) ? this.validateUri(map) : this.enqueue(map)));
    }
  }

  /** Finds and validates every map in the workspace, with progress. Resolves to the number found. */
  validateWorkspace(options: { force?: boolean; notify?: boolean; token?: vscode.CancellationToken } = {}): Promise<number> {
    if (this.scan && !options.force) return this.scan;
    const run = async (): Promise<number> => {
      const found = this.workspaceWide ? await vscode.workspace.findFiles(MAP_GLOB, EXCLUDE_GLOB) : [];
      const open = vscode.workspace.textDocuments.filter((d) => isMapDocument(d) && !d.isClosed && !this.deleted.has(d.uri.toString())).map((d) => d.uri);
      const all = new Map<string, vscode.Uri>();
      for (const uri of [...found, ...open]) all.set(uri.toString(), uri);
      const uris = [...all.values()];
      const location = options.notify || uris.length > NOTIFY_THRESHOLD
        ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
      await vscode.window.withProgress(
        { location, title: 'Journey Map: validating maps', cancellable: location === vscode.ProgressLocation.Notification },
        async (progress, token) => {
          let done = 0;
          const queue = [...uris];
          const worker = async () => {
            // Cancelled from the notification's button, or by the caller's token.
            const cancelled = () => token.isCancellationRequested || !!options.token?.isCancellationRequested;
            for (let uri = queue.shift(); uri && !cancelled(); uri = queue.shift()) {
              await this.validateUri(uri);
              done++;
              progress.report({ message: `${done}/${uris.length}`, increment: 100 / Math.max(1, uris.length) });
            }
          };
          await Promise.all(Array.from({ length: Math.min(CONCURRENCY, uris.length) }, worker));
        },
      );
      return uris.length;
    };
    this.scan = run();
    return this.scan;
  }

  /** After a settings change: re-validate everything already known. */
  private async revalidateKnown(): Promise<void> {
    const uris = new Map<string, vscode.Uri>();
    for (const key of this.published.keys()) uris.set(key, vscode.Uri.parse(key));
    for (const doc of vscode.workspace.textDocuments) {
      if (isMapDocument(doc) && !doc.isClosed && !this.deleted.has(doc.uri.toString())) uris.set(doc.uri.toString(), doc.uri);
    }
    await Promise.all([...uris.values()].map((uri) => this.validateUri(uri)));
  }

  /** Totals over everything published, for the Validate All summary. */
  totals(): { files: number; errors: number; warnings: number; infos: number } {
    const totals = { files: this.published.size, errors: 0, warnings: 0, infos: 0 };
    for (const { diagnostics } of this.published.values()) {
      for (const d of diagnostics) {
        if (d.severity === 'error') totals.errors++;
        else if (d.severity === 'warning') totals.warnings++;
        else totals.infos++;
      }
    }
    return totals;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
