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
import { carryOverFindings, unreadableMapDiagnostic, type Diagnostic } from '../core';
import { toDiagnostic } from './convert';
import type { ServerHost } from './host';
import type { Workspace } from './workspace';

export function isMapKey(key: string): boolean {
  return /\.journey\.ya?ml$/i.test(key);
}

const ORIGIN = { line: 0, character: 0 };
const CONCURRENCY = 4;

export interface Validated {
  diagnostics: Diagnostic[];
  /** What is shown: while an open map does not parse, also its last valid version's findings, marked. */
  shown: Diagnostic[];
}

export class Diagnostics {
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The core diagnostics last published or reported per core key (code actions read their data). */
  private readonly published = new Map<string, Diagnostic[]>();
  private readonly lastValid = new Map<string, { text: string; diagnostics: Diagnostic[] }>();
  /** Bumped by every file event: a closed map's result may depend on any file it links to. */
  fileGeneration = 0;

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
    /** True when the client pulls: nothing is pushed. */
    readonly pull: boolean,
  ) {}

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
    const { service } = await this.workspace.scope(key);
    const text = doc.getText();
    const diagnostics = await this.run(key, () => service.validate(key, text));
    const current = this.documents.get(doc.uri);
    if (this.generations.get(key) !== generation || !current || current.version !== doc.version || this.workspace.generation !== settings) return undefined;
    this.workspace.updateIndex(key, service, text);
    this.published.set(key, diagnostics);
    return { diagnostics, shown: this.shown(key, text, diagnostics) };
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

  async publishOpen(doc: TextDocument): Promise<void> {
    if (this.pull) return;
    this.clearTimer(this.host.toCore(doc.uri));
    const result = await this.validateOpen(doc);
    if (result) await this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: this.toLsp(result.shown) });
  }

  /** A map on disk (not open): its findings, or why it was not read; undefined when it is gone. */
  async validateClosed(key: string): Promise<Diagnostic[] | undefined> {
    const { service, files } = await this.workspace.scope(key);
    const read = await files?.readFile(key);
    if (!read) return undefined;
    if ('problem' in read) {
      this.workspace.dropIndex(key);
      // A closed file refused before reading still gets its finding (too large, a link out, not a file).
      const refused = unreadableMapDiagnostic(read.problem);
      return refused ? [refused] : undefined;
    }
    const diagnostics = await this.run(key, () => service.validate(key, read.text));
    this.workspace.updateIndex(key, service, read.text);
    // A closed map's parse is not kept: memory grows with the open maps, not with the workspace.
    service.forget(key);
    return diagnostics;
  }

  /** Reads a closed map only for what it links to (pull mode: the client asks for its findings). */
  async indexClosed(key: string): Promise<void> {
    const { service, files } = await this.workspace.scope(key);
    const read = await files?.readFile(key);
    if (!read || 'problem' in read) return this.workspace.dropIndex(key);
    this.workspace.updateIndex(key, service, read.text);
    service.forget(key);
  }

  /** A closed map deleted: its findings and links go. */
  deleted(key: string): void {
    this.bump(key);
    this.workspace.dropIndex(key);
    this.published.delete(key);
    if (!this.pull) void this.connection.sendDiagnostics({ uri: this.host.toUri(key), diagnostics: [] });
  }

  async publishClosed(key: string): Promise<void> {
    if (this.pull || this.openDocument(key)) return;
    const generation = this.bump(key);
    const { settings } = await this.workspace.scope(key);
    const diagnostics = settings.workspace ? await this.validateClosed(key) : undefined;
    if (this.generations.get(key) !== generation || this.openDocument(key)) return;
    if (diagnostics) this.published.set(key, diagnostics);
    else this.published.delete(key);
    await this.connection.sendDiagnostics({ uri: this.host.toUri(key), diagnostics: this.toLsp(diagnostics ?? []) });
  }

  /** A closed document: back to what is on disk (push), or nothing. */
  closed(doc: TextDocument): void {
    const key = this.host.toCore(doc.uri);
    this.lastValid.delete(key);
    this.clearTimer(key);
    this.workspace.forget(key);
    if (this.pull) return;
    if (isMapKey(key) && this.host.isFile(key)) void this.publishClosed(key);
    else {
      this.bump(key);
      this.published.delete(key);
      void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
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
