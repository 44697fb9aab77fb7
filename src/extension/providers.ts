/**
 * What the extension adds to the language server's features on maps: completion of `runbook:`
 * paths and anchors from the workspace's Markdown files (found with VS Code's own file search),
 * and VS Code's icons in hovers. Everything else about a map is answered by the server.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './diagnostics';
import type { WorkspaceFiles } from './fileReader';
import { RunbookCompletion } from './runbooks';

export const SELECTOR: vscode.DocumentSelector = [
  { language: LANGUAGE_ID },
];

/** The reader bounded by a map's root: reads and writes for links go through it, never around it. */
export type FilesFor = (mapUri: string) => WorkspaceFiles | undefined;

/** The core's status marks as VS Code's own icons (the core writes emoji for editors without them). */
const CODICONS: [RegExp, string][] = [[/✅/g, '$(pass)'], [/❌/g, '$(error)'], [/➖/g, '$(circle-slash)']];

/**
 * A hover from the server with the status marks as icons. The server escapes user text (`(` and
 * `)` too), so no `$(icon)` of the user's own survives; the result stays untrusted, without HTML.
 */
export function withCodicons(hover: vscode.Hover): vscode.Hover {
  const contents = hover.contents.map((part) => {
    const value = typeof part === 'string' ? part : 'value' in part && !('language' in part) ? part.value : undefined;
    if (value === undefined) return part;
    const md = new vscode.MarkdownString(CODICONS.reduce((text, [emoji, icon]) => text.replace(emoji, icon), value), true);
    md.isTrusted = false;
    md.supportHtml = false;
    return md;
  });
  return new vscode.Hover(contents, hover.range);
}

export function registerRunbookCompletion(filesFor: FilesFor): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(SELECTOR, new RunbookCompletion(filesFor), '/', '#', ' ');
}
