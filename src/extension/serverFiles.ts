/**
 * The client's side of "files through the client" (src/server/protocol.ts, `journeymap/files/*`):
 * the language server in a web worker has no file system, so it asks the extension host, which
 * answers through the same rooted reader as everything else (WorkspaceFiles: the path checked
 * against the root, regular files only, sizes, open editors' unsaved text).
 *
 * The server's `root` is not trusted: a request is answered only when `root` is the root this
 * extension computes itself (a workspace folder holding the file, or the folder of a map open
 * outside every workspace folder), and WorkspaceFiles of that root then does every check.
 */
import * as vscode from 'vscode';
import { LSPErrorCodes, ResponseError, type BaseLanguageClient } from 'vscode-languageclient';
import type { FileProblem, FileRead, FileStat } from '../core';
import { isMapDocument } from './diagnostics';
import { rootOf, type WorkspaceFiles } from './fileReader';
import {
  FILES_LIST_MAPS, FILES_READ, FILES_RECORDS, FILES_STAT, FILES_WRITABLE, SKIPPED_FOLDERS, type FileParams, type ListMapsParams,
} from '../server/protocol';

/** More maps than this under one folder are not listed: the workspace scan stays bounded. */
const MAX_MAPS = 20_000;
const REFUSED: { problem: FileProblem } = { problem: { kind: 'outside' } };

type Writable = { exists: boolean; real: string } | { problem: FileProblem };

function parse(uri: unknown): vscode.Uri | undefined {
  if (typeof uri !== 'string') return undefined;
  try { return vscode.Uri.parse(uri, true); } catch { return undefined; }
}

/** Whether two roots are the same folder, however each was encoded and with or without a final slash. */
function sameRoot(a: vscode.Uri | undefined, b: vscode.Uri): boolean {
  return a !== undefined && a.toString().replace(/\/$/, '') === b.toString().replace(/\/$/, '');
}

function workspaceFolder(root: vscode.Uri): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => sameRoot(f.uri, root));
}

/**
 * The reader the extension itself uses for `target` under `root`, or undefined when `root` is not
 * a root it would give that file: the target's workspace folder, or (for a file in no folder) the
 * own folder of a map open outside every workspace folder.
 */
function filesUnder(params: unknown, filesFor: (uri: string) => WorkspaceFiles | undefined): { files: WorkspaceFiles; target: vscode.Uri } | undefined {
  const { root: rawRoot, uri: rawUri } = (params ?? {}) as Partial<FileParams>;
  const root = parse(rawRoot);
  const target = parse(rawUri);
  if (!root || !target) return undefined;
  let vouching: vscode.Uri | undefined;
  const folder = vscode.workspace.getWorkspaceFolder(target);
  if (folder && sameRoot(folder.uri, root)) vouching = target;
  else {
    vouching = vscode.workspace.textDocuments.find((d) => !d.isClosed && isMapDocument(d) && !vscode.workspace.getWorkspaceFolder(d.uri) && sameRoot(rootOf(d.uri), root))?.uri;
  }
  const files = vouching && filesFor(vouching.toString());
  // The reader found must be bounded by that very root (WorkspaceFiles checks the target against it).
  return files && sameRoot(files.root, root) ? { files, target } : undefined;
}

function failed(error: unknown): { problem: FileProblem } {
  return { problem: { kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) } };
}

/**
 * Answers the server's file requests with the extension's readers (`filesFor`: a document's
 * WorkspaceFiles, as the views and the preview use). Register before the client starts.
 */
export function registerFileRequests(client: BaseLanguageClient, filesFor: (uri: string) => WorkspaceFiles | undefined): vscode.Disposable {
  const read = async (params: unknown): Promise<FileRead> => {
    const found = filesUnder(params, filesFor);
    if (!found) return REFUSED;
    try { return await found.files.readFile(found.target.toString()); } catch (error) { return failed(error); }
  };
  const stat = async (params: unknown): Promise<FileStat> => {
    const found = filesUnder(params, filesFor);
    if (!found) return REFUSED;
    try { return await found.files.stat(found.target.toString()); } catch (error) { return failed(error); }
  };
  const writable = async (params: unknown): Promise<Writable> => {
    const found = filesUnder(params, filesFor);
    if (!found) return REFUSED;
    try {
      const place = await found.files.writable(found.target.toString());
      return 'problem' in place ? place : { exists: place.exists, real: place.uri.toString() };
    } catch (error) {
      return failed(error);
    }
  };
  // The rows are collected whole before they are sent: WorkspaceFiles bounds the file (in the web
  // extension, MAX_WEB_CSV_BYTES of webCsvRecords.ts), so this array is bounded by the same size.
  const records = async (params: unknown): Promise<string[][]> => {
    const found = filesUnder(params, filesFor);
    if (!found) throw new ResponseError(LSPErrorCodes.RequestFailed, 'the file is not inside the map\'s workspace folder');
    const rows: string[][] = [];
    try {
      await found.files.readRecords(found.target.toString(), (record) => void rows.push(record));
    } catch (error) {
      // The reader's words and where (`{ message, line?, column? }`, FileReader.readRecords).
      const e = (error ?? {}) as { message?: unknown; line?: unknown; column?: unknown };
      throw new ResponseError(LSPErrorCodes.RequestFailed, typeof e.message === 'string' ? e.message : String(error), { line: e.line, column: e.column });
    }
    return rows;
  };
  const listMaps = async (params: unknown): Promise<string[]> => {
    const root = parse((params as Partial<ListMapsParams> | undefined)?.root);
    // Only a workspace folder, or a folder inside one (a new folder the server heard of), is
    // scanned: a loose map's folder is not the server's to list.
    const folder = root && workspaceFolder(root);
    const base = folder ? folder.uri : root && vscode.workspace.getWorkspaceFolder(root) ? root : undefined;
    if (!base) return [];
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*.journey.{yaml,yml}'), `**/{${SKIPPED_FOLDERS.join(',')}}/**`, MAX_MAPS);
    return found.map((uri) => uri.toString());
  };
  return vscode.Disposable.from(
    client.onRequest(FILES_READ, read),
    client.onRequest(FILES_STAT, stat),
    client.onRequest(FILES_WRITABLE, writable),
    client.onRequest(FILES_RECORDS, records),
    client.onRequest(FILES_LIST_MAPS, listMaps),
  );
}
