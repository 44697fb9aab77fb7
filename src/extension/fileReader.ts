/**
 * The core's injected file access, through `vscode.workspace.fs` so it works on disk, in remote
 * workspaces and on vscode.dev's virtual file systems alike. Open documents win over the disk, so
 * a runbook heading typed but not yet saved already satisfies a link.
 */
import * as vscode from 'vscode';
import type { FileReader } from '../core';

const decoder = new TextDecoder('utf-8');

export function toUri(path: string): vscode.Uri {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path) ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
}

export const workspaceFileReader: FileReader = {
  async readFile(path: string): Promise<string | undefined> {
    try {
      const uri = toUri(path);
      const doc = openDocument(uri);
      if (doc) return doc.getText();
      return decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  },
  async exists(path: string): Promise<boolean> {
    try {
      const uri = toUri(path);
      if (openDocument(uri)) return true;
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  },
};

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  return workspaceFileReader.readFile(uri.toString());
}
