/**
 * File access inside a workspace root on a real file system, for the CLI and the desktop
 * extension. The core has already checked a link as text; here the file system has its say:
 *  - real paths: the path and the root are resolved through every symbolic link (`realpath`)
 *    and the real path must lie inside the real root, for reads and for writes alike;
 *  - regular files only: the file is opened non-blocking and checked with `fstat` on the open
 *    handle before a byte is read, so a named pipe (FIFO) or a device is refused instead of
 *    blocking a thread, and a file swapped after the check is still the one checked;
 *  - sizes: checked on the handle before the file is read whole.
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { describeFileProblem, type FileProblem, type FileRead, type FileReader, type FileStat } from '../core/files';
import { handleSource, isXlsxPath, readCsvStream, readXlsxRecords } from './csvRecords';

/** Runbooks and maps are read whole; past this they are refused (maps are limited to 5 M characters). */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

/** Converts an OS path to the '/'-separated form the core resolves links in. */
export function toCorePath(osPath: string): string {
  return path.resolve(osPath).split(path.sep).join('/');
}

export function fromCorePath(corePath: string): string {
  return process.platform === 'win32' ? corePath.split('/').join(path.sep) : corePath;
}

export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** What kind of non-regular file a stat describes. */
export function notAFile(stat: Stats): FileProblem | undefined {
  if (stat.isFile()) return undefined;
  const what = stat.isDirectory() ? 'folder' : stat.isFIFO() ? 'fifo' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'device' : stat.isSocket() ? 'socket' : 'other';
  return { kind: 'not-a-file', what };
}

function errnoProblem(error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'ELOOP') return { kind: 'unreadable', detail: 'a loop of symbolic links' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'unreadable', detail: 'permission denied' };
  if (code === 'EISDIR') return { kind: 'not-a-file', what: 'folder' };
  return { kind: 'unreadable', detail: code ?? String(error) };
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** Opens a regular file for reading without blocking on pipes or devices, or says why not. */
async function openRegular(real: string, limit: number): Promise<{ handle: fs.FileHandle; stat: Stats } | { problem: FileProblem }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(real, constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    return { problem: errnoProblem(error) };
  }
  try {
    const stat = await handle.stat();
    const problem = notAFile(stat) ?? (stat.size > limit ? { kind: 'too-large', size: stat.size, limit } as const : undefined);
    if (problem) {
      await handle.close();
      return { problem };
    }
    return { handle, stat };
  } catch (error) {
    await handle.close().catch(() => undefined);
    return { problem: errnoProblem(error) };
  }
}

/**
 * The text of a regular file of at most `limit` bytes, checked on the open handle; no root check
 * (for files the user names, such as the maps given to the CLI; links go through RootedFiles).
 */
export async function readRegularFile(osPath: string, limit: number): Promise<FileRead> {
  const opened = await openRegular(osPath, limit);
  if ('problem' in opened) return opened;
  try {
    return { text: decodeUtf8(await opened.handle.readFile()), version: versionOf(opened.stat) };
  } catch (error) {
    return { problem: errnoProblem(error) };
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}

/** A file's text, with bytes that are not UTF-8 shown as U+FFFD (which the rules then report). */
export function decodeUtf8(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function versionOf(stat: Stats): string {
  return `${stat.mtimeMs}:${stat.size}`;
}

/**
 * The files of one workspace root. Every path is resolved through its symbolic links and must stay
 * inside the root's own real path; the answer says why not otherwise, and nothing is read then.
 */
export class RootedFiles implements FileReader {
  private realRoot: Promise<string> | undefined;

  constructor(readonly root: string, private readonly maxTextBytes = MAX_TEXT_BYTES) {}

  private rootReal(): Promise<string> {
    this.realRoot ??= fs.realpath(this.root).catch(() => path.resolve(this.root));
    return this.realRoot;
  }

  /** The real path of an existing file inside the root, or why it may not be used. */
  async realPath(osPath: string): Promise<{ real: string } | { problem: FileProblem }> {
    let real: string;
    try {
      real = await fs.realpath(osPath);
    } catch (error) {
      const problem = errnoProblem(error);
      // A path that does not exist is only "missing" when it would lie inside the root: a caller
      // that serves something else for a missing file (an editor's unsaved text) must not be
      // told an outside path is merely missing.
      return problem.kind === 'missing' && !isInside(path.resolve(this.root), path.resolve(osPath)) ? { problem: { kind: 'outside' } } : { problem };
    }
    return isInside(await this.rootReal(), real) ? { real } : { problem: { kind: 'outside' } };
  }

  /**
   * A real path inside the root, spelt from the root as it was given (when the root itself sits
   * behind a symbolic link, `/tmp` or a linked home folder): the name an editor has the file under.
   */
  async asGiven(real: string): Promise<string> {
    return path.join(path.resolve(this.root), path.relative(await this.rootReal(), real));
  }

  /**
   * Where a file may be written (created or appended to): an existing file must be a regular file
   * whose real path is inside the root; a new file's nearest existing folder must be inside it.
   */
  async writable(osPath: string): Promise<{ real: string; exists: boolean } | { problem: FileProblem }> {
    const found = await this.realPath(osPath);
    if ('real' in found) {
      const stat = await fs.stat(found.real).catch((error: unknown) => error as Error);
      if (stat instanceof Error) return { problem: errnoProblem(stat) };
      const problem = notAFile(stat);
      return problem ? { problem } : { real: found.real, exists: true };
    }
    if (found.problem.kind !== 'missing') return found;
    // Is it a dangling symbolic link? Writing through it would create its target, wherever that is.
    const link = await fs.lstat(osPath).catch(() => undefined);
    if (link?.isSymbolicLink()) return { problem: { kind: 'outside' } };
    let folder = path.dirname(path.resolve(osPath));
    for (;;) {
      const real = await fs.realpath(folder).catch(() => undefined);
      if (real !== undefined) {
        if (!isInside(await this.rootReal(), real)) return { problem: { kind: 'outside' } };
        return { real: path.join(real, path.relative(folder, path.resolve(osPath))), exists: false };
      }
      const parent = path.dirname(folder);
      if (parent === folder) return { problem: { kind: 'missing' } };
      folder = parent;
    }
  }

  async stat(corePath: string): Promise<FileStat> {
    const found = await this.realPath(fromCorePath(corePath));
    if ('problem' in found) return found;
    try {
      const stat = await fs.stat(found.real);
      const problem = notAFile(stat);
      return problem ? { problem } : { version: versionOf(stat) };
    } catch (error) {
      return { problem: errnoProblem(error) };
    }
  }

  async readFile(corePath: string): Promise<FileRead> {
    const found = await this.realPath(fromCorePath(corePath));
    if ('problem' in found) return found;
    return readRegularFile(found.real, this.maxTextBytes);
  }

  async readRecords(corePath: string, onRecord: (record: string[]) => void): Promise<void> {
    const found = await this.realPath(fromCorePath(corePath));
    if ('problem' in found) throw { message: `the file ${describeFileProblem(found.problem)}` };
    const opened = await openRegular(found.real, Number.MAX_SAFE_INTEGER);
    if ('problem' in opened) throw { message: `the file ${describeFileProblem(opened.problem)}` };
    if (isXlsxPath(corePath)) {
      // An Excel workbook is read in two streamed passes from the handle that was checked.
      try {
        await readXlsxRecords(handleSource(opened.handle), onRecord);
      } finally {
        await opened.handle.close().catch(() => undefined);
      }
      return;
    }
    // The stream reads from the handle that was checked, and closes it when done.
    await readCsvStream(opened.handle.createReadStream(), onRecord);
  }
}

