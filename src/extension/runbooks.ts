/**
 * Runbooks while editing a map: completion of `runbook:` paths (the workspace's Markdown files,
 * relative to the map) and of `#anchors` (the headings of the runbook named). Files are read
 * through the map's rooted reader, so nothing outside the workspace (or through a symbolic link
 * out) is listed or read. (The hover over a runbook link is the language server's.)
 */
import * as vscode from 'vscode';
import { markdownHeadings, relativePath, resolveLink } from '../core/files';
import type { FilesFor } from './providers';

/** How many Markdown files completion lists at most. */
const MAX_FILES = 300;

/** `runbook: path#anchor` on a line, with where the value starts. */
const RUNBOOK_LINE = /^(\s*(?:-\s+)?runbook:\s*["']?)([^#"'\s]*)(#?)([^"'\s]*)/;

export class RunbookCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly filesFor: FilesFor) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const line = doc.lineAt(position.line).text;
    const m = RUNBOOK_LINE.exec(line);
    if (!m || position.character < m[1].length) return [];
    const pathStart = m[1].length;
    const hashAt = m[3] ? pathStart + m[2].length : -1;
    if (hashAt >= 0 && position.character > hashAt) return this.anchors(doc, m[2], new vscode.Range(position.line, hashAt + 1, position.line, hashAt + 1 + m[4].length));
    return this.paths(doc, new vscode.Range(position.line, pathStart, position.line, pathStart + m[2].length));
  }

  private async paths(doc: vscode.TextDocument, range: vscode.Range): Promise<vscode.CompletionItem[]> {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder) return [];
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.md'), '**/{node_modules,.git,dist,out}/**', MAX_FILES);
    const from = doc.uri.path.slice(0, doc.uri.path.lastIndexOf('/'));
    return files.map((file) => {
      const rel = relativePath(from, file.path);
      const item = new vscode.CompletionItem(rel, vscode.CompletionItemKind.File);
      item.range = range;
      item.detail = vscode.workspace.asRelativePath(file);
      // Then the headings: `#` opens the list again.
      item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
      item.sortText = `${rel.split('/').length.toString().padStart(3, '0')}${rel}`;
      return item;
    });
  }

  private async anchors(doc: vscode.TextDocument, path: string, range: vscode.Range): Promise<vscode.CompletionItem[]> {
    const files = this.filesFor(doc.uri.toString());
    if (!files) return [];
    const target = resolveLink(doc.uri.toString(), path, files.root.toString().replace(/\/$/, ''));
    if (!('path' in target) || !target.path) return [];
    const read = await files.readFile(target.path);
    if (!('text' in read)) return [];
    return markdownHeadings(read.text).map((h, i) => {
      const item = new vscode.CompletionItem(h.slug, vscode.CompletionItemKind.Reference);
      item.range = range;
      item.detail = `${'#'.repeat(h.level)} ${h.text}`;
      item.sortText = String(i).padStart(4, '0');
      return item;
    });
  }
}
