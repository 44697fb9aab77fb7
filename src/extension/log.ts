/**
 * The extension's log: a "Journey Map" output channel (Output panel, or the command "Journey Map:
 * Show Log") for what the extension catches and works around (a validation that threw, a layout
 * that failed, a preview page error), so nothing goes wrong silently. Created on first use.
 */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Journey Map', { log: true });
  return channel;
}

/** Logs an error with what was being done and the error's stack. */
export function logError(doing: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log().error(`${doing}: ${detail}`);
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}
