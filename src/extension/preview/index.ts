/**
 * The swimlane preview's host side: commands (Open Preview, Open Preview to the Side, Export
 * Diagram as SVG / PNG), the panel serializer that restores previews after a reload, and the
 * bookkeeping of open previews. Like the Markdown preview, one "dynamic" preview follows the
 * active map editor; a locked preview stays on its map.
 */
import * as vscode from 'vscode';
import { isMapDocument } from '../diagnostics';
import type { FilesFor } from '../providers';
import { logError } from '../log';
import { PREVIEW_VIEW_TYPE, type CompareCounts, type PreviewState } from '../../shared/previewMessages';
import { JourneyPreview, webviewOptions, type PreviewHost, type PreviewServer } from './preview';

export { JourneyPreview, type PreviewServer } from './preview';

/** Export options for scripts and tests: the theme, instead of asking. */
export interface ExportOptions {
  theme?: 'light' | 'dark';
}

/**
 * A preview page drew a version of a map. `compare`: in compare mode, the new, removed and changed
 * cards the page's DOM really holds (undefined outside compare mode).
 */
export interface PreviewRenderEvent {
  readonly uri: string; readonly version: number; readonly router: 'grid' | 'elk'; readonly zoom?: number; readonly compare?: CompareCounts;
}

/** The other side of a compare: the map's text there and its name (`HEAD~1`, `main`). */
export interface CompareWith {
  text: string;
  label: string;
  /**
   * Where that text lives, when it is another file (a future map's baseline): its links resolve
   * from there. Without it (a git revision of the same map) they resolve from the map's own place.
   */
  uri?: vscode.Uri;
}

class PreviewManager implements PreviewHost, vscode.WebviewPanelSerializer<Partial<PreviewState>> {
  readonly previews = new Set<JourneyPreview>();
  private active: JourneyPreview | undefined;
  readonly renderedEmitter = new vscode.EventEmitter<PreviewRenderEvent>();

  constructor(readonly extensionUri: vscode.Uri, readonly server: PreviewServer, readonly filesFor: FilesFor) {}

  isMap(doc: vscode.TextDocument): boolean {
    return isMapDocument(doc);
  }

  onDispose(preview: JourneyPreview): void {
    this.previews.delete(preview);
    if (this.active === preview) this.active = undefined;
  }

  private track(preview: JourneyPreview): JourneyPreview {
    this.previews.add(preview);
    this.active = preview;
    preview.panel.onDidChangeViewState(() => { if (preview.panel.active) this.active = preview; });
    preview.onDidRender((m) => this.renderedEmitter.fire({ uri: m.uri, version: m.version, router: m.router, zoom: m.zoom, compare: m.compare }));
    return preview;
  }

  /** The focused preview, else the one used last. */
  current(): JourneyPreview | undefined {
    return [...this.previews].find((p) => p.panel.active) ?? this.active;
  }

  /**
   * The map a command is about: its argument when that is a map, the active map editor, or the
   * active preview's map. Run from the preview's own "..." menu, a command gets the webview's
   * address (`webview-panel:...`), which is no file: the preview's map is meant then.
   */
  targetUri(arg?: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri && arg.scheme !== 'webview-panel') return arg;
    // A command from a preview's own menu gets the panel's address (`webview-panel:`), not its map.
    const focusedPreview = this.previewInFrontTab() ?? [...this.previews].find((p) => p.panel.active);
    if (focusedPreview) return focusedPreview.resource;
    const editor = vscode.window.activeTextEditor;
    if (editor && this.isMap(editor.document)) return editor.document.uri;
    const focused = [...this.previews].find((p) => p.panel.active) ?? this.active;
    return focused?.resource;
  }

  /**
   * The preview in the active tab of the active group. The tab model is the workbench's own view
   * of focus; a panel's `active` flag and view column arrive in separate messages and can lag.
   */
  private previewInFrontTab(): JourneyPreview | undefined {
    const group = vscode.window.tabGroups.activeTabGroup;
    const tab = group.activeTab;
    if (!(tab?.input instanceof vscode.TabInputWebview) || !tab.input.viewType.endsWith(PREVIEW_VIEW_TYPE)) return undefined;
    // Matched by title: a panel's view column, like its `active` flag, can lag (seen in the web build).
    const titled = [...this.previews].filter((p) => p.panel.title === tab.label);
    return titled.length === 1 ? titled[0] : titled.find((p) => p.panel.viewColumn === group.viewColumn);
  }

  async open(arg: unknown, toSide: boolean): Promise<JourneyPreview | undefined> {
    const uri = this.targetUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a journey map (*.journey.yaml) to preview it.'));
      return undefined;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    // Reuse the preview already showing this map, else the dynamic (unlocked) one.
    const existing = [...this.previews].find((p) => p.resource.toString() === uri.toString()) ?? [...this.previews].find((p) => !p.locked);
    if (existing) {
      existing.setResource(uri);
      existing.panel.reveal(toSide ? undefined : column, toSide);
      this.active = existing;
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, webviewOptions(this.extensionUri));
    return this.track(new JourneyPreview(panel, uri, false, this));
  }

  /**
   * Opens (or reveals) the preview of a map in compare mode against another version of it: the
   * other side stays as given, the map follows its edits. The server checks the other side as it
   * checks the map (computed metrics from the exports), so a metric is compared figure with figure.
   */
  async showCompare(documentUri: vscode.Uri, before: CompareWith): Promise<void> {
    const preview = await this.open(documentUri, true);
    preview?.setCompare({ text: before.text, label: before.label, uri: before.uri });
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: Partial<PreviewState> | undefined): Promise<void> {
    const uri = state?.uri ? vscode.Uri.parse(state.uri) : undefined;
    if (!uri) {
      panel.dispose();
      return;
    }
    this.track(new JourneyPreview(panel, uri, state?.locked ?? false, this, state));
  }

  /**
   * The picture a file gets, from the server (`journeymap/layout` for the page to draw as PNG,
   * `journeymap/render` for SVG): full detail (every pain and metric, computed metrics' sample and
   * period, the improvements and a footer), measured for the font stack the SVG declares, not the
   * preview's UI font, since the file is opened elsewhere. The preview's lane filter applies.
   */
  private async exported<T>(uri: vscode.Uri, ask: () => Promise<T>): Promise<T | undefined> {
    try {
      // Open, so the server has the editor's text (a map exported from the Explorer may not be).
      await vscode.workspace.openTextDocument(uri);
      return await ask();
    } catch (error) {
      logError(`Exporting the diagram of ${uri.toString()} failed`, error);
      void vscode.window.showErrorMessage(vscode.l10n.t('The diagram could not be exported: {0}', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  }

  /** Light (the default for a file, which is read on paper and wikis), dark, or as VS Code is now. */
  private async askTheme(): Promise<'light' | 'dark' | undefined> {
    const kind = vscode.window.activeColorTheme.kind;
    const current = kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast ? 'dark' : 'light';
    const picked = await vscode.window.showQuickPick([
      { label: vscode.l10n.t('Light'), description: vscode.l10n.t('for documents, wikis and print'), theme: 'light' as const },
      { label: vscode.l10n.t('Dark'), description: current === 'dark' ? vscode.l10n.t('as VS Code is now') : '', theme: 'dark' as const },
    ], { title: vscode.l10n.t('Export Diagram'), placeHolder: vscode.l10n.t('Colours of the exported picture') });
    return picked?.theme;
  }

  async export(arg: unknown, format: 'svg' | 'png', options: ExportOptions = {}): Promise<void> {
    const uri = this.targetUri(arg);
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a journey map (*.journey.yaml) to export its diagram.'));
      return;
    }
    const theme = options.theme ?? await this.askTheme();
    if (!theme) return;
    let preview = [...this.previews].find((p) => p.resource.toString() === uri.toString());
    const hiddenLanes = [...preview?.hiddenLaneKeys ?? []];
    let bytes: Uint8Array;
    if (format === 'svg') {
      const rendered = await this.exported(uri, () => this.server.render(uri, { theme, detail: 'full', hiddenLanes }));
      if (!rendered) return;
      bytes = new TextEncoder().encode(`${rendered.svg}\n`);
    } else {
      const layout = (await this.exported(uri, () => this.server.layout(uri, { detail: 'full', hiddenLanes })))?.layout;
      if (layout === null) void vscode.window.showErrorMessage(vscode.l10n.t('The map has no lanes or stages to draw.'));
      if (!layout) return;
      // PNG needs a page's canvas: show the preview (beside the editor, keeping focus) and let it draw first.
      const rendered = (p: JourneyPreview) => new Promise<void>((resolve) => {
        const sub = p.onDidRender((m) => { if (m.uri === uri.toString()) { sub.dispose(); resolve(); } });
        setTimeout(() => { sub.dispose(); resolve(); }, 15000);
      });
      if (!preview) {
        preview = await this.open(uri, true);
        if (!preview) return;
        await rendered(preview);
      } else if (!preview.panel.visible) {
        const waiting = rendered(preview);
        preview.panel.reveal(preview.panel.viewColumn, true);
        await waiting;
      }
      const answer = await preview.requestPng(layout, theme);
      if (!answer.data) {
        void vscode.window.showErrorMessage(answer.error ?? vscode.l10n.t('The diagram could not be exported.'));
        return;
      }
      bytes = base64ToBytes(answer.data);
    }
    const defaultUri = uri.with({ path: uri.path.replace(/(\.journey)?\.ya?ml$/i, '') + `.${format}` });
    const target = await vscode.window.showSaveDialog({
      defaultUri,
      filters: format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
      title: format === 'svg' ? vscode.l10n.t('Export Diagram as SVG') : vscode.l10n.t('Export Diagram as PNG'),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    const open = vscode.l10n.t('Open');
    const reveal = vscode.l10n.t('Reveal in Explorer');
    void vscode.window.showInformationMessage(vscode.l10n.t('Diagram exported to {0}', vscode.workspace.asRelativePath(target)), open, reveal).then((choice) => {
      if (choice === open) return vscode.commands.executeCommand('vscode.open', target);
      if (choice === reveal) return vscode.commands.executeCommand('revealInExplorer', target);
      return undefined;
    });
  }
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** What the extension's API exposes of the previews. */
export interface PreviewApi {
  /** Fires whenever a preview page has drawn a map. */
  readonly onDidRender: vscode.Event<PreviewRenderEvent>;
  /** Hands a message to the focused preview as if its page had posted it (the page is untrusted input). */
  deliver(message: unknown): Promise<boolean>;
  /** Opens (or reveals) a map's preview in compare mode against `before` (its text at a revision, and the revision's name). */
  showCompare(documentUri: vscode.Uri, before: CompareWith): Promise<void>;
}

/** Registers the preview's commands and serializer. */
export function registerPreview(context: vscode.ExtensionContext, server: PreviewServer, filesFor: FilesFor): PreviewApi {
  const manager = new PreviewManager(context.extensionUri, server, filesFor);
  context.subscriptions.push(
    manager.renderedEmitter,
    vscode.commands.registerCommand('journeymap.openPreview', (uri?: unknown) => manager.open(uri, false)),
    vscode.commands.registerCommand('journeymap.openPreviewToSide', (uri?: unknown) => manager.open(uri, true)),
    vscode.commands.registerCommand('journeymap.exportSvg', (uri?: unknown, options?: ExportOptions) => manager.export(uri, 'svg', options)),
    vscode.commands.registerCommand('journeymap.exportPng', (uri?: unknown, options?: ExportOptions) => manager.export(uri, 'png', options)),
    vscode.commands.registerCommand('journeymap.togglePreviewLock', () => {
      const preview = manager.current();
      preview?.setLocked(!preview.locked);
    }),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, manager),
    { dispose: () => { for (const p of [...manager.previews]) p.dispose(); } },
  );
  return {
    onDidRender: manager.renderedEmitter.event,
    showCompare: (documentUri, before) => manager.showCompare(documentUri, before),
    deliver: async (message) => {
      const preview = manager.current();
      if (!preview) return false;
      await preview.receive(message);
      return true;
    },
  };
}
