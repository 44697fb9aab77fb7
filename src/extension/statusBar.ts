/**
 * The status bar item for the active map: when its next review is due, warning coloured when
 * overdue. It reads the summary the language server sent with the map's last findings, so it
 * never parses the map itself.
 */
import * as vscode from 'vscode';
import type { MapSummary } from '../core';
import { isMapDocument, type ValidationEvent } from './diagnostics';

export class ReviewStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('journeymap.review', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly summaryOf: (uri: vscode.Uri) => MapSummary | undefined, onDidValidate: vscode.Event<ValidationEvent>) {
    this.item.name = vscode.l10n.t('Journey Map review');
    // Asks before it rewrites review.last (the palette's Mark Reviewed Today does not ask).
    this.item.command = 'journeymap.markReviewedAsked';
    this.disposables = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      onDidValidate((e) => {
        if (e.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('journeymap')) this.update();
      }),
    ];
    this.update();
  }

  /** What the item shows now (for the integration tests). */
  get state(): { visible: boolean; text: string; warning: boolean } {
    return { visible: this.visible, text: this.item.text, warning: !!this.item.backgroundColor };
  }

  private visible = false;

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isMapDocument(doc) || vscode.workspace.getConfiguration('journeymap').get<boolean>('statusBar.enabled') === false) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const state = this.summaryOf(doc.uri)?.review;
    if (!state) {
      // Not checked yet (the server answers shortly), or not readable as a map: nothing to say.
      this.item.hide();
      this.visible = false;
      return;
    }
    const days = (n: number) => (Math.abs(n) === 1 ? vscode.l10n.t('1 day') : vscode.l10n.t('{0} days', Math.abs(n)));
    let warn = false;
    if (state.daysLeft === undefined) {
      this.item.text = `$(calendar) ${vscode.l10n.t('No review date')}`;
      warn = true;
    } else if (state.daysLeft < 0) {
      this.item.text = `$(warning) ${vscode.l10n.t('Review overdue {0}', days(state.daysLeft))}`;
      warn = true;
    } else if (state.daysLeft === 0) {
      this.item.text = `$(calendar) ${vscode.l10n.t('Review due today')}`;
    } else {
      this.item.text = `$(calendar) ${vscode.l10n.t('Review due in {0}', days(state.daysLeft))}`;
    }
    this.item.backgroundColor = warn ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = vscode.l10n.t('Journey map review cadence: every {0} days. Click to mark the map reviewed today.', state.cadenceDays);
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
