/**
 * What the language server published, for the parts of the extension that are not LSP: the
 * Journey Maps and Improvements views, the review status bar item, Validate All. The server
 * validates (open maps as they are edited, closed ones from disk, dependents when a linked file
 * changes) and publishes to VS Code's Problems panel through the client; after each publish it
 * sends `journeymap/validated` with the core findings and the map's summary, which this class
 * keeps and re-fires. Nothing here parses a map.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type * as core from '../core';
import { SCANNED, VALIDATE_WORKSPACE, VALIDATED, type ScannedParams, type ValidatedParams, type ValidateWorkspaceResult } from '../server/protocol';

export const LANGUAGE_ID = 'journeymap';

export function isMapDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === LANGUAGE_ID || /\.journey\.ya?ml$/i.test(doc.uri.path);
}

export interface ValidationEvent {
  uri: vscode.Uri;
  version?: number;
  /** Without a summary, the finding that says why the map was not read; empty otherwise (the findings are in the Problems panel). */
  diagnostics: core.Diagnostic[];
  /**
   * The map at a glance (portfolio), from the very parse and findings just published: the Journey
   * Maps and Improvements views read it instead of reading the file again. Undefined when the file
   * was not read (refused, or cleared).
   */
  summary?: core.MapSummary;
}

export class ServerDiagnostics implements vscode.Disposable {
  private readonly published = new Map<string, ValidationEvent>();
  private readonly onDidValidateEmitter = new vscode.EventEmitter<ValidationEvent>();
  /** Fires after the server published a map's findings (stale results are never published). */
  readonly onDidValidate = this.onDidValidateEmitter.event;
  private readonly disposables: vscode.Disposable[];
  /** Resolves once with the number of maps the server's first workspace scan found. */
  readonly firstScan: Promise<number>;

  constructor(private readonly client: BaseLanguageClient) {
    let scanned: (maps: number) => void = () => undefined;
    this.firstScan = new Promise((resolve) => { scanned = resolve; });
    this.disposables = [
      this.onDidValidateEmitter,
      client.onNotification(VALIDATED, (params: ValidatedParams) => this.take(params)),
      client.onNotification(SCANNED, (params: ScannedParams) => scanned(typeof params?.maps === 'number' ? params.maps : 0)),
    ];
  }

  private take(params: ValidatedParams): void {
    if (typeof params?.uri !== 'string' || !Array.isArray(params.diagnostics)) return;
    const uri = vscode.Uri.parse(params.uri);
    // The views key maps by VS Code's own spelling of the URI; the server may spell it otherwise.
    const key = uri.toString();
    const summary = params.summary && { ...params.summary, map: key, improvements: params.summary.improvements.map((i) => ({ ...i, map: key })) };
    const event: ValidationEvent = { uri, version: params.version, diagnostics: params.diagnostics, summary };
    if (params.diagnostics.length || summary) this.published.set(key, event);
    else this.published.delete(key);
    this.onDidValidateEmitter.fire(event);
  }

  /** The summary last published for a map (the status bar reads its review state). */
  summary(uri: vscode.Uri): core.MapSummary | undefined {
    return this.published.get(uri.toString())?.summary;
  }

  /**
   * Validate All: the server checks every map again (open ones as edited, closed ones from disk).
   * Shown as a cancellable notification; resolves to the number of maps and the totals.
   */
  async validateWorkspace(token?: vscode.CancellationToken): Promise<ValidateWorkspaceResult> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Journey Map: validating maps'), cancellable: true },
      async (_progress, cancel) => {
        const source = new vscode.CancellationTokenSource();
        const links = [cancel.onCancellationRequested(() => source.cancel()), token?.onCancellationRequested(() => source.cancel())];
        try {
          return await this.client.sendRequest<ValidateWorkspaceResult>(VALIDATE_WORKSPACE, {}, source.token);
        } finally {
          for (const link of links) link?.dispose();
          source.dispose();
        }
      },
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
