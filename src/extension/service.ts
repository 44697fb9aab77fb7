/**
 * The workspace's rooted readers: one per root (a workspace folder, or the folder of a map opened
 * outside any: the root bounds every read and write), for what the extension host itself reads and
 * writes: a runbook the preview opens, a baseline compare mode reads, runbook completion, and the
 * web extension's language server, which reads through them. Maps themselves are read, checked and
 * drawn by the language server.
 */
import * as vscode from 'vscode';
import { rootOf, WorkspaceFiles } from './fileReader';

/** An ISO date from `journeymap.today` (for demos and tests), else the local calendar date. */
export function today(): string {
  const configured = vscode.workspace.getConfiguration('journeymap').get<string>('today');
  if (configured && /^\d{4}-\d{2}-\d{2}$/.test(configured)) return configured;
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export class FilesByRoot implements vscode.Disposable {
  private readonly files = new Map<string, WorkspaceFiles>();
  private readonly subscription = vscode.workspace.onDidChangeWorkspaceFolders(() => this.files.clear());

  /**
   * The folder that bounds links of this document: its workspace folder, else the map's own folder
   * (a map opened without a folder still reads nothing above itself); none for an unsaved editor.
   */
  rootOf(uri: string): vscode.Uri | undefined {
    let parsed: vscode.Uri;
    try { parsed = vscode.Uri.parse(uri); } catch { return undefined; }
    return rootOf(parsed);
  }

  /** The reader bounded by the document's root. */
  filesFor(uri: string): WorkspaceFiles | undefined {
    const root = this.rootOf(uri);
    if (!root) return undefined;
    const key = root.toString().replace(/\/$/, '');
    let files = this.files.get(key);
    if (!files) this.files.set(key, files = new WorkspaceFiles(root));
    return files;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
