/**
 * One preview panel: shows the swimlane diagram of one map (its "resource"), follows the active
 * map editor unless locked, posts layouts on edits (first immediately, later debounced), reveals
 * source lines on clicks and highlights the card under the editor's cursor. The page is set once
 * per panel (with a fresh nonce); every later change is a message the page patches in.
 */
import * as vscode from 'vscode';
import { anchorLine, describeFileProblem, markdownOutline, resolveLink, splitAnchor } from '../../core/files';
import type { Layout } from '../../core/diagram';
import type { LayoutParams, LayoutResult, RenderParams, RenderResult } from '../../server/protocol';
import { toUri } from '../fileReader';
import { log, logError } from '../log';
import type { FilesFor } from '../providers';
import { makeNonce, previewHtml } from './html';
import {
  cardAtLine, PREVIEW_VIEW_TYPE, isWebviewMessage, type HostMessage, type PreviewState, type WebviewMessage,
} from '../../shared/previewMessages';

/** Edits arriving closer together than this are drawn once. */
export const UPDATE_DEBOUNCE_MS = 60;
/** After a layout request failed, the one retry comes this much later. */
const RETRY_MS = 1000;


function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/**
 * What the preview asks the language server (`journeymap/layout`, `journeymap/render`): the map is
 * parsed, checked and laid out there, never in the extension host. The map must be open in VS Code
 * (the server draws the editor's text).
 */
export interface PreviewServer {
  layout(uri: vscode.Uri, options: Omit<LayoutParams, 'textDocument'>): Promise<LayoutResult>;
  render(uri: vscode.Uri, options: Omit<RenderParams, 'textDocument'>): Promise<RenderResult>;
}

export interface PreviewHost {
  readonly extensionUri: vscode.Uri;
  readonly server: PreviewServer;
  /** The reader bounded by a map's root: a runbook the page asks for is opened only through it. */
  readonly filesFor: FilesFor;
  isMap(doc: vscode.TextDocument): boolean;
  onDispose(preview: JourneyPreview): void;
}

/**
 * Compare mode: the other side of the map (fixed: its text, and where it lives when that is another
 * file, a baseline) and its name (`HEAD~1`); the map itself follows its edits.
 */
export interface CompareSide {
  text: string;
  label: string;
  uri?: vscode.Uri;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class JourneyPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  private hiddenLanes: string[];
  /** The page's font widths (sent with 'ready'; the server refuses implausible ones); the embedded metrics until then. */
  private font: LayoutParams['font'];
  private requestId = 0;
  private updateSeq = 0;
  private readonly pendingExports = new Map<number, (m: Extract<WebviewMessage, { type: 'exported' }>) => void>();
  private readonly renderedEmitter = new vscode.EventEmitter<Extract<WebviewMessage, { type: 'rendered' }>>();
  /** Fires when the page has drawn a version. */
  readonly onDidRender = this.renderedEmitter.event;
  private disposed = false;
  private compareWith: CompareSide | undefined;
  /** The last layout request failed and was asked again: a second failure waits for the next change. */
  private retried = false;
  lastLayout: Layout | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private resourceUri: vscode.Uri,
    public locked: boolean,
    private readonly host: PreviewHost,
    state?: Partial<PreviewState>,
  ) {
    this.hiddenLanes = state?.hiddenLanes ?? [];
    panel.webview.options = webviewOptions(host.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'journeymap-file.svg');
    panel.webview.html = this.html();
    this.updateTitle();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidChangeViewState(() => { if (panel.visible && this.ready) this.update(true); }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.resourceUri.toString() && e.contentChanges.length) this.update(false);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || this.locked || !host.isMap(editor.document)) return;
        if (editor.document.uri.toString() !== this.resourceUri.toString()) this.setResource(editor.document.uri);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() !== this.resourceUri.toString()) return;
        this.highlight(e.textEditor.document, e.selections[0].active);
      }),
      this.renderedEmitter,
    );
  }

  get resource(): vscode.Uri {
    return this.resourceUri;
  }

  /** Shows another map in this panel (the dynamic preview following the active editor). */
  setResource(uri: vscode.Uri): void {
    if (uri.toString() === this.resourceUri.toString()) return;
    this.resourceUri = uri;
    this.hiddenLanes = [];
    // The picture, and the other side in compare mode, belong to the map shown until now.
    this.lastLayout = undefined;
    this.compareWith = undefined;
    this.updateTitle();
    this.update(true);
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.updateTitle();
    void this.post({ type: 'lock', uri: this.resourceUri.toString(), locked });
    if (!locked) {
      const editor = vscode.window.activeTextEditor;
      if (editor && this.host.isMap(editor.document)) this.setResource(editor.document.uri);
    }
  }

  /** Compare mode on (the other side and its name) or off: the panel's title says which, and the page redraws. */
  setCompare(compare: CompareSide | undefined): void {
    this.compareWith = compare;
    this.updateTitle();
    this.update(true);
  }

  get comparing(): CompareSide | undefined {
    return this.compareWith;
  }

  private updateTitle(): void {
    const name = baseName(this.resourceUri);
    if (this.compareWith) {
      this.panel.title = vscode.l10n.t('Compare {0} with {1}', name, this.compareWith.label);
      return;
    }
    this.panel.title = this.locked ? vscode.l10n.t('[Preview] {0}', name) : vscode.l10n.t('Preview {0}', name);
  }

  private html(): string {
    const webview = this.panel.webview;
    const n = makeNonce();
    const base = vscode.Uri.joinPath(this.host.extensionUri, 'dist', 'webview');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(base, 'preview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(base, 'preview.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${n}'`,
      `img-src ${webview.cspSource} data: blob:`,
      `font-src ${webview.cspSource}`,
      // elk's layout worker: fetched from the extension, started from a blob URL.
      `connect-src ${webview.cspSource}`,
      'worker-src blob:',
    ].join('; ');
    return previewHtml({ csp, nonce: n, scriptUri: script.toString(), styleUri: style.toString(), uri: this.resourceUri.toString() });
  }

  /** Posts the current layout: immediately for the first render and resource switches, debounced for edits. */
  update(immediate: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.ready) return;
    if (immediate) void this.sendUpdate();
    else this.timer = setTimeout(() => { this.timer = undefined; void this.sendUpdate(); }, UPDATE_DEBOUNCE_MS);
  }

  private async document(): Promise<vscode.TextDocument | undefined> {
    const uri = this.resourceUri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (open) return open;
    try {
      return await vscode.workspace.openTextDocument(this.resourceUri);
    } catch (error) {
      logError(`The preview could not open ${this.resourceUri.toString()}`, error);
      return undefined;
    }
  }

  private async sendUpdate(): Promise<void> {
    const seq = ++this.updateSeq;
    const doc = await this.document();
    if (this.disposed || seq !== this.updateSeq) return;
    const uri = this.resourceUri.toString();
    if (!doc) {
      await this.post({ type: 'update', uri, version: 0, fileName: baseName(this.resourceUri), layout: null, errorCount: 1, locked: this.locked });
      return;
    }
    // The version asked for: its changes reached the server before this request (one connection, in order).
    const version = doc.version;
    let result: LayoutResult;
    try {
      const other = this.compareWith;
      result = await this.host.server.layout(this.resourceUri, {
        hiddenLanes: this.hiddenLanes, font: this.font, compare: other && { text: other.text, label: other.label, uri: other.uri?.toString() },
      });
    } catch (error) {
      // The page keeps its picture and its error count; asked again once a second later (the
      // server restarting, say), then at the next edit or view change. The failure is in the log.
      logError(`Laying out ${uri} failed`, error);
      if (!this.retried && !this.disposed && seq === this.updateSeq) {
        this.retried = true;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => { this.timer = undefined; void this.sendUpdate(); }, RETRY_MS);
      }
      return;
    }
    this.retried = false;
    const { layout, errors: errorCount } = result;
    if (this.disposed || seq !== this.updateSeq) return;
    // A map with nothing to draw has no cards: none of the old picture's links stay followable.
    this.lastLayout = layout ?? undefined;
    const elkUri = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'dist', 'webview', 'elk-worker.js')).toString();
    await this.post({ type: 'update', uri, version, fileName: baseName(this.resourceUri), layout, errorCount, locked: this.locked, elkUri });
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.uri.toString() === uri) this.highlight(editor.document, editor.selection.active);
  }

  /** Highlights the card of the touchpoint the cursor is in, as last drawn. */
  private highlight(doc: vscode.TextDocument, position: vscode.Position): void {
    const key = this.lastLayout && cardAtLine(this.lastLayout.cards, position.line)?.key;
    void this.post({ type: 'highlight', uri: doc.uri.toString(), line: position.line, key });
  }

  private post(message: HostMessage): Thenable<boolean> {
    if (this.disposed) return Promise.resolve(false);
    return this.panel.webview.postMessage(message);
  }

  /** Handles a message from the page: untrusted, so its shape is checked before any field is read. */
  async receive(message: unknown): Promise<void> {
    if (isWebviewMessage(message)) await this.onMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // The page's font, measured by the page: the server refuses it (the embedded metrics stay) unless plausible.
        this.font = message.font;
        this.update(true);
        break;
      case 'reveal':
        if (message.uri === this.resourceUri.toString()) await this.reveal(message.line);
        break;
      case 'openProblems':
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        break;
      case 'setLock':
        this.setLocked(message.locked);
        break;
      case 'setHiddenLanes':
        this.hiddenLanes = message.hiddenLanes;
        this.update(true);
        break;
      case 'openRunbook':
        // A card of the map shown now: a message about another map (a page not yet updated) opens nothing.
        if (message.uri === this.resourceUri.toString()) await this.openRunbook(message.runbook);
        break;
      case 'exitCompare':
        if (message.uri === this.resourceUri.toString() && this.compareWith) this.setCompare(undefined);
        break;
      case 'rendered':
        this.renderedEmitter.fire(message);
        break;
      case 'log':
        log().warn(`Preview page (${this.resourceUri.toString()}): ${message.message}`);
        break;
      case 'exported': {
        const resolve = this.pendingExports.get(message.requestId);
        this.pendingExports.delete(message.requestId);
        resolve?.(message);
        break;
      }
    }
  }

  /** Opens the map beside the preview (or where it is shown) with the cursor on the line. */
  private async reveal(line: number): Promise<void> {
    const uri = this.resourceUri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const doc = visible?.document ?? await vscode.workspace.openTextDocument(this.resourceUri);
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One),
      preserveFocus: false,
    });
    const target = Math.max(0, Math.min(line, doc.lineCount - 1));
    const text = doc.lineAt(target).text;
    const start = new vscode.Position(target, text.length - text.trimStart().replace(/^-\s*/, '').length);
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /**
   * Opens a runbook a card links to. The message comes from the page, so it is untrusted: it must
   * name a runbook link the map really has, and the path goes through the same resolution and
   * checks as every read (the root, real paths, regular files) before the editor opens it.
   */
  private async openRunbook(runbook: string): Promise<void> {
    const mapUri = this.resourceUri.toString();
    // The cards drawn are the map's touchpoints as the server read them: their links are the map's own.
    const linked = !!this.lastLayout?.cards.some((c) => c.line >= 0 && c.runbook === runbook);
    const { file, anchor } = splitAnchor(runbook);
    const files = this.host.filesFor(mapUri);
    const target = linked && file ? resolveLink(mapUri, file, files?.root.toString().replace(/\/$/, '')) : undefined;
    const read = target && 'path' in target && files ? await files.readFile(target.path) : undefined;
    if (!read || 'problem' in read) {
      const why = read && 'problem' in read ? describeFileProblem(read.problem) : target && 'outside' in target ? target.outside : vscode.l10n.t('is not a runbook link of this map');
      void vscode.window.showWarningMessage(vscode.l10n.t('The runbook {0} {1}: it is not opened.', runbook, why));
      return;
    }
    const uri = toUri((target as { path: string }).path);
    const line = anchor ? anchorLine(markdownOutline(read.text), anchor) ?? 0 : 0;
    const position = new vscode.Position(line, 0);
    const opened = await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined);
    if (!opened) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Runbook not found: {0}', runbook));
      return;
    }
    await vscode.window.showTextDocument(opened, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
  }

  /** Asks the page for the drawn diagram as SVG text or base64 PNG. */
  /** Asks the page to draw a layout as a PNG (it has the canvas); the answer carries it in base64, or why not. */
  requestPng(layout: Layout, theme: 'light' | 'dark', timeoutMs = 20000): Promise<Extract<WebviewMessage, { type: 'exported' }>> {
    const requestId = ++this.requestId;
    const uri = this.resourceUri.toString();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pendingExports.delete(requestId);
        resolve({ type: 'exported', uri, requestId, format: 'png', error: vscode.l10n.t('The preview did not answer in time.') });
      }, timeoutMs);
      this.pendingExports.set(requestId, (m) => { clearTimeout(timer); resolve(m); });
      void this.post({ type: 'export', uri, requestId, format: 'png', theme, layout });
    });
  }

  /** The lanes the user hid in this preview (exports leave them out too). */
  get hiddenLaneKeys(): readonly string[] {
    return this.hiddenLanes;
  }

  get isReady(): boolean {
    return this.ready;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const resolve of this.pendingExports.values()) resolve({ type: 'exported', uri: this.resourceUri.toString(), requestId: -1, format: 'png', error: 'The preview was closed.' });
    this.pendingExports.clear();
    this.host.onDispose(this);
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export { PREVIEW_VIEW_TYPE };
