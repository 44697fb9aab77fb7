/**
 * The core's injected file access, bounded by one root: the map's workspace folder, or the map's
 * own folder when it is in none (never "no limit"). Open documents win over the disk, so a runbook
 * heading typed but not yet saved already satisfies a link, but only once the path passed the
 * same checks as a read from disk.
 *
 * On the desktop, `file:` paths go through ../node/files (real paths through symbolic links,
 * regular files only, opened without blocking, sizes checked on the handle); every other scheme
 * (remote and virtual workspaces, and the whole web extension) through `vscode.workspace.fs`, with
 * the decoded path checked against the root and the file's type and size checked before a read.
 */
import * as vscode from 'vscode';
import type * as NodeCsv from '../node/csvRecords';
import type * as NodeFiles from '../node/files';
import type * as WebCsv from './webCsvRecords';
import { describeFileProblem, isInsideRoot, type FileProblem, type FileRead, type FileReader, type FileStat } from '../core/files';

/*
 * The desktop bundle's Node helpers, and the web bundle's CSV reader: the build defines
 * JOURNEYMAP_WEB for each bundle, so esbuild keeps only the `require` that bundle can run (an
 * import would pull Node modules into the web bundle).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const nodeFiles: typeof NodeFiles | undefined = process.env.JOURNEYMAP_WEB === '1' ? undefined : require('../node/files');
const nodeCsv: typeof NodeCsv | undefined = process.env.JOURNEYMAP_WEB === '1' ? undefined : require('../node/csvRecords');
const webCsv: typeof WebCsv | undefined = process.env.JOURNEYMAP_WEB === '1' ? require('./webCsvRecords') : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runbooks read whole through workspace.fs: the same bound as on disk. */
const MAX_TEXT_BYTES = 20 * 1024 * 1024;

export function toUri(path: string): vscode.Uri {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path) ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
}

/** The root that bounds a document's links: its workspace folder, else its own folder. */
export function rootOf(uri: vscode.Uri): vscode.Uri | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (folder) return folder.uri;
  if (uri.scheme === 'untitled' || !uri.path.includes('/')) return undefined;
  return vscode.Uri.joinPath(uri, '..');
}

export interface RootedReader extends FileReader {
  readonly root: vscode.Uri;
  /** Where a quick fix may write: an existing regular file or a new file, inside the root through every link. */
  writable(path: string): Promise<{ uri: vscode.Uri; exists: boolean } | { problem: FileProblem }>;
}

function fsProblem(error: unknown): FileProblem {
  const code = (error as { code?: string }).code;
  if (error instanceof vscode.FileSystemError && (code === 'FileNotFound' || code === 'EntryNotFound')) return { kind: 'missing' };
  if (code === 'FileNotADirectory') return { kind: 'missing' };
  if (code === 'FileIsADirectory') return { kind: 'not-a-file', what: 'folder' };
  if (code === 'NoPermissions') return { kind: 'unreadable', detail: 'permission denied' };
  return { kind: 'unreadable', detail: code || String(error) };
}

/** The files under one root, as the core reads them, and where quick fixes may write. */
export class WorkspaceFiles implements RootedReader {
  /** On the desktop, `file:` paths are checked and read through Node (real paths, file types). */
  private readonly disk: NodeFiles.RootedFiles | undefined;
  private readonly rootText: string;

  constructor(readonly root: vscode.Uri) {
    this.disk = nodeFiles && root.scheme === 'file' ? new nodeFiles.RootedFiles(root.fsPath) : undefined;
    this.rootText = root.toString();
  }

  /** The text check every path passes first, whatever the scheme. */
  private inside(uri: vscode.Uri): boolean {
    return isInsideRoot(uri.toString(), this.rootText);
  }

  private onDisk(uri: vscode.Uri): string | undefined {
    return this.disk && uri.scheme === 'file' ? nodeFiles!.toCorePath(uri.fsPath) : undefined;
  }

  /** A file's stat through workspace.fs, when it is a regular file inside the root. */
  private async statThroughFs(uri: vscode.Uri): Promise<{ stat: vscode.FileStat } | { problem: FileProblem }> {
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(uri);
    } catch (error) {
      return { problem: fsProblem(error) };
    }
    // Without a real path to check, a symbolic link could lead anywhere: it is not followed.
    if (stat.type & vscode.FileType.SymbolicLink) return { problem: { kind: 'outside' } };
    if (stat.type & vscode.FileType.Directory) return { problem: { kind: 'not-a-file', what: 'folder' } };
    if (!(stat.type & vscode.FileType.File)) return { problem: { kind: 'not-a-file', what: 'other' } };
    return { stat };
  }

  /** The file's version: on disk, and of its open editor when there is one (unsaved edits count). */
  async stat(path: string): Promise<FileStat> {
    const uri = toUri(path);
    const checked = await this.statOnDisk(uri);
    const doc = openDocument(uri);
    if (!doc) return checked;
    if ('problem' in checked && checked.problem.kind !== 'missing') return checked;
    return { version: `${'version' in checked ? checked.version : 'unsaved'}:${doc.version}` };
  }

  private async statOnDisk(uri: vscode.Uri): Promise<FileStat> {
    if (!this.inside(uri)) return { problem: { kind: 'outside' } };
    const local = this.onDisk(uri);
    if (local) return this.disk!.stat(local);
    const found = await this.statThroughFs(uri);
    return 'problem' in found ? found : { version: `${found.stat.mtime}:${found.stat.size}` };
  }

  async readFile(path: string): Promise<FileRead> {
    const uri = toUri(path);
    const checked = await this.stat(path);
    if ('problem' in checked) return checked;
    // An open editor's text wins (unsaved edits count), once the path passed the same checks.
    const doc = openDocument(uri);
    if (doc) return { text: doc.getText(), version: checked.version };
    const local = this.onDisk(uri);
    if (local) return this.disk!.readFile(local);
    const found = await this.statThroughFs(uri);
    if ('problem' in found) return found;
    if (found.stat.size > MAX_TEXT_BYTES) return { problem: { kind: 'too-large', size: found.stat.size, limit: MAX_TEXT_BYTES } };
    try {
      return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)), version: checked.version };
    } catch (error) {
      return { problem: fsProblem(error) };
    }
  }

  async readRecords(path: string, onRecord: (record: string[]) => void): Promise<void> {
    const uri = toUri(path);
    const local = this.inside(uri) ? this.onDisk(uri) : undefined;
    if (local) return this.disk!.readRecords(local, onRecord);
    const checked = await this.stat(path);
    if ('problem' in checked) throw { message: `the file ${describeFileProblem(checked.problem)}` };
    if (nodeCsv) return nodeCsv.readExportBuffer(await vscode.workspace.fs.readFile(uri), path, onRecord);
    return webCsv!.readWebCsvRecords(uri, onRecord);
  }

  async writable(path: string): Promise<{ uri: vscode.Uri; exists: boolean } | { problem: FileProblem }> {
    const uri = toUri(path);
    if (!this.inside(uri)) return { problem: { kind: 'outside' } };
    if (this.disk && uri.scheme === 'file') {
      const found = await this.disk.writable(uri.fsPath);
      return 'problem' in found ? found : { uri, exists: found.exists };
    }
    const found = await this.statThroughFs(uri);
    if ('stat' in found) return { uri, exists: true };
    return found.problem.kind === 'missing' ? { uri, exists: false } : found;
  }
}
