/**
 * The core's injected file access, through `vscode.workspace.fs` so it works on disk, in remote
 * workspaces and on vscode.dev's virtual file systems alike. Open documents win over the disk, so
 * a runbook heading typed but not yet saved already satisfies a link.
 */
import * as vscode from 'vscode';
import type { FileReader } from '../core';

const decoder = new TextDecoder('utf-8');

/**
 * CSV streaming (csv-parse over Node streams) for metrics computed from ticket exports, in the
 * desktop extension host only: the web bundle defines JOURNEYMAP_WEB, so esbuild drops the require.
 */
const nodeCsv: typeof import('../node/csvRecords') | undefined = process.env.JOURNEYMAP_WEB === '1'
  ? undefined
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  : require('../node/csvRecords');

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
  readRecords: nodeCsv ? async (path, onRecord) => {
    const uri = toUri(path);
    if (uri.scheme !== 'file') throw { message: `reading records is supported for local files only (${uri.scheme}:)` };
    await nodeCsv.readCsvRecords(uri.fsPath, onRecord);
  } : undefined,
  async version(path: string): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(toUri(path));
      return `${stat.mtime}:${stat.size}`;
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
