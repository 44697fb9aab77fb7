/**
 * Files as they were at a git revision, for `journeymap diff --base REV`: the map, and the
 * runbooks and ticket exports it links to, read with git itself (never a shell, never a checkout).
 * The same guarantees as the working tree's reader: a path must stay inside the workspace root;
 * a symbolic link stored in the revision is followed only while its target stays inside; folders,
 * submodules and files over the size limit are refused by what the tree says before a byte is read.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileProblem, FileRead, FileReader, FileStat } from '../core';
import { readExportBuffer } from './csvRecords';
import { decodeUtf8, fromCorePath, isInside, MAX_TEXT_BYTES } from './files';

/** Why git could not be asked (not a repository, an unknown revision, git missing): said to the user as is. */
export class GitError extends Error {}

/** Links followed through stored symbolic links before giving up (a loop, or a very long chain). */
const MAX_LINK_HOPS = 8;
/** Ticket exports may be larger than runbooks; the same bound as the working tree's streaming reader would allow. */
const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size?: number;
}

/** Runs git with arguments (no shell), in `cwd`, with literal pathspecs; resolves stdout as bytes. */
function git(cwd: string, args: string[], maxBuffer = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer, env: { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_TERMINAL_PROMPT: '0' } }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: stderr.toString('utf8') }));
      else resolve(stdout);
    });
  });
}

export class GitRevision {
  private constructor(readonly top: string, readonly commit: string, readonly name: string) {}

  /** The repository around `cwd` and the commit `revision` names; a GitError says why not. */
  static async open(cwd: string, revision: string): Promise<GitRevision> {
    // A revision that starts with "-" would be read by git as an option: it is refused, never passed.
    // eslint-disable-next-line no-control-regex
    if (!revision || revision.startsWith('-') || /[\u0000-\u001f]/.test(revision)) throw new GitError(`"${revision}" is not a git revision.`);
    let top: string;
    try {
      top = (await git(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new GitError('--base needs git, and git was not found on the PATH.');
      throw new GitError(`--base compares with a git revision, and ${cwd} is not inside a git repository.`);
    }
    try {
      const commit = (await git(top, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])).toString('utf8').trim();
      return new GitRevision(await fs.realpath(top).catch(() => top), commit, revision);
    } catch {
      throw new GitError(`unknown revision "${revision}": git cannot find a commit by that name in ${top}.`);
    }
  }

  /** `osPath` relative to the repository, '/'-separated, or undefined when it is outside. */
  relative(osPath: string): string | undefined {
    const absolute = path.resolve(osPath);
    if (!isInside(this.top, absolute)) return undefined;
    return path.relative(this.top, absolute).split(path.sep).join('/');
  }

  /** What the revision's tree holds at a repository-relative path. */
  async entry(relative: string): Promise<TreeEntry | undefined> {
    const out = (await git(this.top, ['ls-tree', '-l', '-z', this.commit, '--', relative])).toString('utf8');
    const record = out.split('\0').find((r) => r.endsWith(`\t${relative}`));
    if (!record) return undefined;
    const [meta] = record.split('\t');
    const [mode, type, object, size] = meta.split(/\s+/);
    return { mode, type, object, size: size === '-' ? undefined : Number(size) };
  }

  /** The repository-relative paths of journey maps under `relative` ('' for all) at the revision. */
  async mapsUnder(relative: string, isMap: (name: string) => boolean, skip: ReadonlySet<string>): Promise<string[]> {
    const args = ['ls-tree', '-r', '-z', '--name-only', this.commit];
    if (relative) args.push('--', relative);
    const out = (await git(this.top, args)).toString('utf8');
    return out.split('\0').filter((p) => p && isMap(p) && !p.split('/').slice(0, -1).some((dir) => skip.has(dir)));
  }

  /** The bytes of a blob, refused past `limit`. */
  async blob(entry: TreeEntry, limit: number): Promise<Buffer | FileProblem> {
    if (entry.size !== undefined && entry.size > limit) return { kind: 'too-large', size: entry.size, limit };
    return git(this.top, ['cat-file', 'blob', entry.object], limit + 1024);
  }

  /**
   * The file at `osPath` in the revision (stored symbolic links followed while they stay inside
   * `root`), or why it was not read.
   */
  async resolve(osPath: string, root: string): Promise<{ entry: TreeEntry } | { problem: FileProblem }> {
    let current = path.resolve(osPath);
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const relative = this.relative(current);
      if (relative === undefined || !isInside(root, current)) return { problem: { kind: 'outside' } };
      const entry = await this.entry(relative).catch(() => undefined);
      if (!entry) return { problem: { kind: 'missing' } };
      if (entry.type === 'tree') return { problem: { kind: 'not-a-file', what: 'folder' } };
      if (entry.type !== 'blob') return { problem: { kind: 'not-a-file', what: 'other' } }; // a submodule
      if (entry.mode !== '120000') return { entry };
      const target = await this.blob(entry, 4096);
      if (!Buffer.isBuffer(target)) return { problem: target };
      current = path.resolve(path.dirname(current), target.toString('utf8'));
    }
    return { problem: { kind: 'unreadable', detail: 'a loop of symbolic links' } };
  }
}

/** The core's FileReader over a revision: what a map linked to as it was at that commit. */
export class RevisionFiles implements FileReader {
  /** A commit never changes: each path is looked up once (validation asks stat, then read). */
  private readonly resolved = new Map<string, ReturnType<GitRevision['resolve']>>();

  constructor(private readonly revision: GitRevision, private readonly root: string) {}

  private resolve(corePath: string): ReturnType<GitRevision['resolve']> {
    let found = this.resolved.get(corePath);
    if (!found) this.resolved.set(corePath, found = this.revision.resolve(fromCorePath(corePath), this.root));
    return found;
  }

  async readFile(corePath: string): Promise<FileRead> {
    const found = await this.resolve(corePath);
    if ('problem' in found) return found;
    const bytes = await this.revision.blob(found.entry, MAX_TEXT_BYTES).catch((error: Error) => ({ kind: 'unreadable', detail: error.message } as FileProblem));
    if (!Buffer.isBuffer(bytes)) return { problem: bytes };
    return { text: decodeUtf8(bytes), version: found.entry.object };
  }

  async stat(corePath: string): Promise<FileStat> {
    const found = await this.resolve(corePath);
    return 'problem' in found ? found : { version: found.entry.object };
  }

  async readRecords(corePath: string, onRecord: (record: string[]) => void): Promise<void> {
    const found = await this.resolve(corePath);
    if ('problem' in found) throw { message: `the export ${found.problem.kind === 'missing' ? 'does not exist' : 'cannot be read'} at ${this.revision.name}` };
    const bytes = await this.revision.blob(found.entry, MAX_EXPORT_BYTES);
    if (!Buffer.isBuffer(bytes)) throw { message: `the export is over the ${MAX_EXPORT_BYTES / 1048576} MB limit at ${this.revision.name}` };
    await readExportBuffer(bytes, corePath, onRecord);
  }
}
