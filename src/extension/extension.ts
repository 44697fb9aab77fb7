/**
 * The VS Code extension: a thin adapter over the pure core in ../core. Runs in the Node extension
 * host (dist/extension.js) and as a web extension (dist/web/extension.js) alike: all file access
 * goes through `vscode.workspace.fs`. Activation only registers things; the workspace scan runs
 * afterwards, so activation stays well under 50 ms.
 */
import * as vscode from 'vscode';
import type { MapSummary } from '../core';
import { LAYOUT, RENDER, SUMMARY, type LayoutResult, type RenderResult, type SummaryParams } from '../server/protocol';
import { createClient, startClient } from './client';
import { registerCommands } from './commands';
import { registerCompare } from './compare';
import { registerPortfolioViews, type PortfolioViews } from './portfolioViews';
import { ServerDiagnostics, type ValidationEvent } from './diagnostics';
import { registerRunbookCompletion } from './providers';
import { FilesByRoot } from './service';
import { ReviewStatusBar } from './statusBar';
import { TEMPLATES } from './templates';
import { registerPreview, type CompareWith, type PreviewRenderEvent, type PreviewServer } from './preview';
import { disposeLog, log } from './log';
import { DocsView, ruleDocsUri, type DocsShown } from './docsView';

/** What `activate` returns: for other extensions and for the integration tests. */
export interface JourneyMapApi {
  /** How long `activate` took, in milliseconds. */
  readonly activationMs: number;
  /** Which bundle is running: `node` (dist/extension.js) or `web` (dist/web/extension.js, vscode.dev). */
  readonly host: 'node' | 'web';
  /** Fires whenever a map's diagnostics were published (stale results never fire). */
  readonly onDidValidate: vscode.Event<ValidationEvent>;
  /** Fires whenever a preview page has drawn a map: the webview really ran, not just opened. */
  readonly onDidRenderPreview: vscode.Event<PreviewRenderEvent>;
  /**
   * Hands a message to the focused preview as if its page had posted it, through the same checks.
   * For tests of the host's handling of untrusted page messages; resolves false without a preview.
   */
  deliverPreviewMessage(message: unknown): Promise<boolean>;
  /**
   * Opens (or reveals) a map's preview in compare mode against another version of it: `before` is
   * its text there and a name for it (`HEAD~1`, `main`). Renders report `compare` counts then.
   */
  showCompare(documentUri: vscode.Uri, before: CompareWith): Promise<void>;
  /** The Journey Maps and Journey Improvements views' data (their trees, as VS Code asks them). */
  readonly portfolio: Pick<PortfolioViews, 'maps' | 'improvements'>;
  /** Resolves when the activation scan of the workspace has finished, with the number of maps. */
  readonly workspaceScan: Promise<number>;
  /** What the review status bar item shows for the active editor. */
  reviewStatus(): { visible: boolean; text: string; warning: boolean };
  /** What the documentation panel shows (page, anchor, the anchors on the page), when it is open. */
  docsShown(): DocsShown | undefined;
  onDidShowDocs: vscode.Event<DocsShown>;
  /** The ids of the templates New Journey Map… offers. */
  readonly templates: readonly string[];
  /** Validate All Maps in Workspace, stoppable with a token; resolves to the number of maps found. */
  validateAll(token?: vscode.CancellationToken): Promise<number>;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function activate(context: vscode.ExtensionContext): JourneyMapApi {
  const started = now();
  // Every map feature, the preview's picture included, comes from the language server (./client);
  // this host reads only what it opens itself (a runbook, a baseline), through rooted readers.
  const roots = new FilesByRoot();
  const filesFor = (uri: string) => roots.filesFor(uri);
  const docs = new DocsView(context.extensionUri);
  const client = createClient(context, (rule) => ruleDocsUri(context.extension.id, rule), filesFor);
  const diagnostics = new ServerDiagnostics(client);
  const statusBar = new ReviewStatusBar((uri) => diagnostics.summary(uri), diagnostics.onDidValidate);
  const portfolio = registerPortfolioViews(diagnostics.onDidValidate, context.workspaceState);
  context.subscriptions.push(
    roots,
    diagnostics,
    registerRunbookCompletion(filesFor),
    registerCommands(client, diagnostics, docs),
    docs,
    // The Problems panel's rule links: <scheme>://journeymap.journeymap/docs/rules.md#rule.
    vscode.window.registerUriHandler({ handleUri: (uri) => void docs.show(uri.path.replace(/^\//, ''), uri.fragment || undefined) }),
    statusBar,
    portfolio,
    { dispose: disposeLog },
    vscode.commands.registerCommand('journeymap.showLog', () => log().show()),
    { dispose: () => void client.dispose() },
  );
  const textDocument = (uri: vscode.Uri) => ({ uri: client.code2ProtocolConverter.asUri(uri) });
  const server: PreviewServer = {
    layout: (uri, options) => client.sendRequest<LayoutResult>(LAYOUT, { textDocument: textDocument(uri), ...options }),
    render: (uri, options) => client.sendRequest<RenderResult>(RENDER, { textDocument: textDocument(uri), ...options }),
  };
  const previews = registerPreview(context, server, filesFor);
  const baselineLink = async (map: vscode.Uri) => {
    const params: SummaryParams = { textDocument: textDocument(map) };
    return (await client.sendRequest<MapSummary>(SUMMARY, params)).baseline;
  };
  context.subscriptions.push(registerCompare(previews, baselineLink, filesFor));
  const activationMs = now() - started;

  // After activation: the server starts in its own process (or worker), checks the open maps,
  // then the whole workspace.
  const workspaceScan = startClient(client).then((started) => (started ? diagnostics.firstScan : 0));

  return {
    activationMs, host: process.env.JOURNEYMAP_WEB === '1' ? 'web' : 'node', onDidValidate: diagnostics.onDidValidate,
    onDidRenderPreview: previews.onDidRender, deliverPreviewMessage: previews.deliver, showCompare: previews.showCompare, portfolio, workspaceScan,
    reviewStatus: () => statusBar.state, docsShown: () => docs.shown, onDidShowDocs: docs.onDidShow, templates: TEMPLATES.map((t) => t.id),
    validateAll: (token) => diagnostics.validateWorkspace(token).then((r) => r.maps),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
