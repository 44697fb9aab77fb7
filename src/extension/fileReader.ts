/**
 * The core's injected file access, through `vscode.workspace.fs` so it works on disk, in remote
 * workspaces and on vscode.dev's virtual file systems alike. Open documents win over the disk, so
 * a runbook heading typed but not yet saved already satisfies a link.
 */
import * as vscode from 'vscode';
import type { FileReader } from '../core';

const decoder = new TextDecoder('utf-8');

/**
 * Reading ticket exports for computed metrics: csv-parse over Node streams in the desktop extension
 * host, csv-parse's browser build over `vscode.workspace.fs` in the web one. The build defines
 * JOURNEYMAP_WEB for each bundle, so esbuild keeps only the reader that bundle can run.
 */
const nodeCsv: typeof import('../node/csvRecords') | undefined = process.env.JOURNEYMAP_WEB === '1'
  ? undefined
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  : require('../node/csvRecords');
const webCsv: typeof import('./webCsvRecords') | undefined = process.env.JOURNEYMAP_WEB === '1'
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ? require('./webCsvRecords')
  : undefined;

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
  async readRecords(path, onRecord) {
    const uri = toUri(path);
    // Local files stream from disk; any other scheme (a virtual workspace) is read through workspace.fs.
    if (nodeCsv) {
      return uri.scheme === 'file'
        ? nodeCsv.readCsvRecords(uri.fsPath, onRecord)
        : nodeCsv.readCsvBuffer(await vscode.workspace.fs.readFile(uri), onRecord);
    }
    return webCsv!.readWebCsvRecords(uri, onRecord);
  },
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
