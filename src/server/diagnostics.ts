/**
 * Diagnostics, off the request path. Push (`textDocument/publishDiagnostics`): an open map is
 * validated after a pause in typing (`journeymap.validation.delay`), a result for an older
 * version is dropped, and the closed maps of the workspace are validated once at start (with
 * work-done progress) and again when a file they link to changes. Pull (`textDocument/diagnostic`,
 * `workspace/diagnostic`) when the client supports it: the same validation, on the client's request.
 */
import {
  ErrorCodes, LSPErrorCodes, ResponseError, type Connection, type Diagnostic as LspDiagnostic, type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { briefSummary, carryOverFindings, parseIsoDate, summarizeMap, unreadableMapDiagnostic, type Diagnostic, type LanguageService, type MapSummary } from '../core';
import { toDiagnostic } from './convert';
import type { ServerHost } from './host';
import { VALIDATED, type ValidatedParams } from './protocol';
import type { Settings, Workspace } from './workspace';

export function isMapKey(key: string): boolean {
  return /\.journey\.ya?ml$/i.test(key);
}

const ORIGIN = { line: 0, character: 0 };
const CONCURRENCY = 4;

export interface Validated {
  diagnostics: Diagnostic[];
  /** What is shown: while an open map does not parse, also its last valid version's findings, marked. */
  shown: Diagnostic[];
  /** The map at a glance, when the client asked for `journeymap/validated`. */
  summary?: MapSummary;
}

export class Diagnostics {
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The core diagnostics last published or reported per core key (code actions read their data). */
  private readonly published = new Map<string, Diagnostic[]>();
  private readonly lastValid = new Map<string, { text: string; diagnostics: Diagnostic[] }>();
  /** What was last published per open map's URI, for clients that get `journeymap/validated` (see `send`). */
  private readonly sent = new Map<string, string>();
  /** Maps deleted on disk that an editor may still hold open: not published until edited or re-created. */
  private readonly gone = new Set<string>();
  /** Bumped by every file event: a closed map's result may depend on any file it links to. */
  fileGeneration = 0;

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
    /** True when the client pulls: nothing is pushed. */
    readonly pull: boolean,
    /** True when the client asked for `journeymap/validated` after each publish (with the map's summary). */
    private readonly notify = false,
  ) {}

  get notifies(): boolean {
    return this.notify;
  }

  /** The map at a glance from the parse just validated, for `journeymap/validated` (only when asked). */
  private summarize(key: string, service: LanguageService, text: string, shown: Diagnostic[], settings: Settings): MapSummary | undefined {
    if (!this.notify) return undefined;
    const day = parseIsoDate(settings.today ?? this.host.today());
    return day === undefined ? undefined : briefSummary(summarizeMap(this.host.toUri(key), service.parse(key, text), shown, day));
  }

  /**
   * Publishes findings, and tells a client that asked for it what was published. For such a
   * client (the VS Code extension) an unchanged list is not published again (typing inside a line
   * usually changes no finding): `journeymap/validated` still says which version was checked, and
   * hundreds of findings are not serialised, sent and parsed again on every keystroke.
   */
  private async send(uri: string, diagnostics: Diagnostic[], version?: number, summary?: MapSummary): Promise<void> {
    const lsp = this.toLsp(diagnostics);
    // Only open maps are compared (typing is the case): memory grows with the open maps.
    const print = this.notify && version !== undefined ? JSON.stringify(lsp) : undefined;
    if (print === undefined || this.sent.get(uri) !== print) {
      await this.connection.sendDiagnostics({ uri, version, diagnostics: lsp });
      if (print !== undefined) this.sent.set(uri, print);
      else this.sent.delete(uri);
    }
    if (this.notify) await this.connection.sendNotification(VALIDATED, { uri, version, diagnostics: summary ? [] : diagnostics, summary } satisfies ValidatedParams);
  }

  /** Totals over everything published (Validate All's summary). */
  totals(): { files: number; errors: number; warnings: number; infos: number } {
    const totals = { files: this.published.size, errors: 0, warnings: 0, infos: 0 };
    for (const found of this.published.values()) {
      for (const d of found) {
        if (d.severity === 'error') totals.errors++;
        else if (d.severity === 'warning') totals.warnings++;
        else totals.infos++;
      }
    }
    return totals;
  }

  coreDiagnostics(key: string): Diagnostic[] {
    return this.published.get(key) ?? [];
  }

  toLsp(diagnostics: readonly Diagnostic[]): LspDiagnostic[] {
    return diagnostics.map((d) => toDiagnostic(d, this.host.ruleDocs?.(d.code)));
  }

  private bump(key: string): number {
    const next = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, next);
    return next;
  }

  private openDocument(key: string): TextDocument | undefined {
    return this.documents.all().find((d) => this.host.toCore(d.uri) === key);
  }

  /** After an edit: validate once typing pauses; a result still in flight for older text is now stale. */
  schedule(doc: TextDocument): void {
    if (this.pull) return;
    const key = this.host.toCore(doc.uri);
    const generation = this.bump(key);
    this.clearTimer(key);
    void this.workspace.scope(key).then(({ settings }) => {
      if (this.generations.get(key) !== generation) return; // a newer edit scheduled its own
      this.timers.set(key, setTimeout(() => {
        this.timers.delete(key);
        const current = this.documents.get(doc.uri);
        if (current) void this.publishOpen(current);
      }, settings.delay));
    });
  }

  private clearTimer(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
  }

  /**
   * Validates an open document's current text. Undefined when the result is stale: the document
   * changed (or was closed) or settings changed while it ran.
   */
  async validateOpen(doc: TextDocument): Promise<Validated | undefined> {
    const key = this.host.toCore(doc.uri);
    const generation = this.bump(key);
    const settings = this.workspace.generation;
    const scope = await this.workspace.scope(key);
    const { service } = scope;
    const text = doc.getText();
    const diagnostics = await this.run(key, () => service.validate(key, text));
    const current = this.documents.get(doc.uri);
    if (this.generations.get(key) !== generation || !current || current.version !== doc.version || this.workspace.generation !== settings) return undefined;
    this.workspace.updateIndex(key, service, text);
    this.published.set(key, diagnostics);
    const shown = this.shown(key, text, diagnostics);
    return { diagnostics, shown, summary: this.summarize(key, service, text, shown, scope.settings) };
  }

  private async run(key: string, validate: () => Promise<Diagnostic[]>): Promise<Diagnostic[]> {
    try {
      return await validate();
    } catch (error) {
      this.connection.console.error(`Validating ${key} failed: ${(error as Error).stack ?? String(error)}`);
      return [{
        code: 'internal-error', severity: 'error', range: { start: ORIGIN, end: ORIGIN },
        message: `Journey Map could not check this file: ${String(error)}. The details are in the language server's log; please report them.`,
      }];
    }
  }

  private shown(key: string, text: string, diagnostics: Diagnostic[]): Diagnostic[] {
    if (!diagnostics.some((d) => d.code === 'yaml-syntax')) {
      this.lastValid.set(key, { text, diagnostics });
      return diagnostics;
    }
    const last = this.lastValid.get(key);
    return last ? carryOverFindings(last.text, last.diagnostics, text, diagnostics) : diagnostics;
  }

  /** A deleted map edited again, or re-created on disk: it is checked again. */
  revived(key: string): void {
    this.gone.delete(key);
  }

  /** Maps with published findings under a folder (a core key). */
  knownUnder(folder: string): string[] {
    const prefix = `${folder.replace(/\/$/, '')}/`;
    return [...this.published.keys()].filter((key) => key.startsWith(prefix));
  }

  async publishOpen(doc: TextDocument): Promise<void> {
    if (this.pull || this.gone.has(this.host.toCore(doc.uri))) return;
    this.clearTimer(this.host.toCore(doc.uri));
    const result = await this.validateOpen(doc);
    if (result) await this.send(doc.uri, result.shown, doc.version, result.summary);
  }

  /** A map on disk (not open): its findings, or why it was not read; undefined when it is gone. */
  async validateClosed(key: string): Promise<Diagnostic[] | undefined> {
    return (await this.checkClosed(key))?.diagnostics;
  }

  /** validateClosed, with the map's summary when the client asked for `journeymap/validated`. */
  private async checkClosed(key: string): Promise<{ diagnostics: Diagnostic[]; summary?: MapSummary } | undefined> {
    const scope = await this.workspace.scope(key);
    const { service, files } = scope;
    const read = await files?.readFile(key);
    if (!read) return undefined;
    if ('problem' in read) {
      this.workspace.dropIndex(key);
      // A closed file refused before reading still gets its finding (too large, a link out, not a file).
      const refused = unreadableMapDiagnostic(read.problem);
      return refused ? { diagnostics: [refused] } : undefined;
    }
    const diagnostics = await this.run(key, () => service.validate(key, read.text));
    this.workspace.updateIndex(key, service, read.text);
    const summary = this.summarize(key, service, read.text, diagnostics, scope.settings);
    // A closed map's parse is not kept: memory grows with the open maps, not with the workspace.
    service.forget(key);
    return { diagnostics, summary };
  }

  /** Reads a closed map only for what it links to (pull mode: the client asks for its findings). */
  async indexClosed(key: string): Promise<void> {
    const { service, files } = await this.workspace.scope(key);
    const read = await files?.readFile(key);
    if (!read || 'problem' in read) return this.workspace.dropIndex(key);
    this.workspace.updateIndex(key, service, read.text);
    service.forget(key);
  }

  /**
   * A map deleted on disk: its findings and links go. An editor may still hold it open (VS Code
   * keeps closed documents a while): it is not checked again until it is edited or comes back.
   */
  deleted(key: string): void {
    if (this.openDocument(key)) this.gone.add(key);
    this.clearTimer(key);
    this.lastValid.delete(key);
    this.bump(key);
    this.workspace.dropIndex(key);
    this.published.delete(key);
    if (!this.pull) void this.send(this.host.toUri(key), []);
  }

  async publishClosed(key: string): Promise<void> {
    if (this.pull || this.openDocument(key)) return;
    const generation = this.bump(key);
    const { settings } = await this.workspace.scope(key);
    const checked = settings.workspace ? await this.checkClosed(key) : undefined;
    if (this.generations.get(key) !== generation || this.openDocument(key)) return;
    if (checked) this.published.set(key, checked.diagnostics);
    else this.published.delete(key);
    await this.send(this.host.toUri(key), checked?.diagnostics ?? [], undefined, checked?.summary);
  }

  /** A closed document: back to what is on disk (push), or nothing. */
  closed(doc: TextDocument): void {
    const key = this.host.toCore(doc.uri);
    this.lastValid.delete(key);
    this.gone.delete(key); // what is on disk now is checked below (a deleted map: nothing)
    this.sent.delete(doc.uri);
    this.clearTimer(key);
    this.workspace.forget(key);
    if (this.pull) return;
    if (isMapKey(key) && this.host.isFile(key)) void this.publishClosed(key);
    else {
      this.bump(key);
      this.published.delete(key);
      void this.send(doc.uri, []);
    }
  }

  /** `textDocument/diagnostic`: the open document's findings now; a stale result asks the client to retry. */
  async pullDocument(uri: string): Promise<LspDiagnostic[]> {
    const doc = this.documents.get(uri);
    if (!doc) {
      const diagnostics = isMapKey(this.host.toCore(uri)) ? await this.validateClosed(this.host.toCore(uri)) : undefined;
      return this.toLsp(diagnostics ?? []);
    }
    if (!isMapKey(this.host.toCore(uri)) && doc.languageId !== 'journeymap') return [];
    const result = await this.validateOpen(doc);
    if (!result) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed while it was validated.', { retriggerRequest: true });
    return this.toLsp(result.shown);
  }

  /** Validates many closed maps, a few at a time. */
  async eachClosed(keys: readonly string[], work: (key: string) => Promise<void>, progress?: (done: number) => void): Promise<void> {
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++];
        if (!this.openDocument(key)) await work(key);
        progress?.(++done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, keys.length) }, worker));
  }

  isOpen(key: string): boolean {
    return this.openDocument(key) !== undefined;
  }

  /** A map whose text could not be read for a request. */
  static notOpen(uri: string): ResponseError<void> {
    return new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open in the language server.`);
  }
}
