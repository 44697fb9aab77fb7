/**
 * Temporary stand-in until ./preview (the swimlane preview, written separately) lands: registers
 * its commands so they say so instead of failing as unknown. Replaced by `import { registerPreview } from './preview'`.
 */
import * as vscode from 'vscode';
import type { LanguageService } from '../core';

export function registerPreview(context: vscode.ExtensionContext, _service: LanguageService): void {
  for (const id of ['journeymap.openPreview', 'journeymap.openPreviewToSide', 'journeymap.exportSvg', 'journeymap.exportPng']) {
    context.subscriptions.push(vscode.commands.registerCommand(id, () => vscode.window.showInformationMessage(vscode.l10n.t('The Journey Map preview is not available in this build.'))));
  }
}
