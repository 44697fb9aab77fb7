/** File access for the CLI: Node's file system behind the core's FileReader interface. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_SIZE, unreadableMapDiagnostic, type Diagnostic } from '../core';
import { isInside, readRegularFile } from '../node/files';

export { fromCorePath, toCorePath } from '../node/files';

/** A map's text, the finding that stands for a file refused before reading (too large, not a file...), or nothing there. */
export type MapText = { text: string } | { refused: Diagnostic } | { missing: true };

/**
 * A map's text as an editor shows it: without the UTF-8 byte-order mark, which VS Code drops too,
 * so line-1 columns in the CLI's findings match the editor's. The file must be a regular file,
 * checked on the open handle (a named pipe would block), and is refused by size before it is read.
 */
export async function readMapText(file: string): Promise<MapText> {
  const read = await readRegularFile(path.resolve(file), DEFAULT_MAX_SIZE);
  if (!('problem' in read)) return { text: read.text };
  const refused = unreadableMapDiagnostic(read.problem);
  return refused ? { refused } : { missing: true };
}

const MAP_RE = /\.journey\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

/** Expands files and folders into map files (folders are searched for *.journey.yaml|yml). */
export async function findMapFiles(inputs: string[], cwd: string): Promise<{ files: string[]; missing: string[]; unreadable: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const unreadable: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      unreadable.push(`${dir} (${(error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as NodeJS.ErrnoException).code ?? String(error)})`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile() && MAP_RE.test(entry.name)) files.push(full);
    }
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) await walk(absolute);
    else files.push(absolute);
  }
  return { files: [...new Set(files)], missing, unreadable };
}

/** The folder links are checked against, and how it was chosen (for the hint after findings). */
export interface WorkspaceRoot {
  root: string;
  why: string;
}

/**
 * The default workspace root for maps given on the command line: for each target, the git
 * repository containing it (the nearest folder upward with a `.git`), else the current folder
 * when the target is inside it, else the target's own folder (a file's folder); for several
 * targets, the nearest folder containing all of their roots.
 */
export async function defaultWorkspaceRoot(targets: string[], cwd: string): Promise<WorkspaceRoot> {
  const chosen: WorkspaceRoot[] = [];
  for (const target of targets.map((t) => path.resolve(cwd, t))) {
    let folder = target;
    try {
      if (!(await fs.stat(target)).isDirectory()) folder = path.dirname(target);
    } catch {
      folder = path.dirname(target);
    }
    const repository = await findRepositoryRoot(folder);
    if (repository) chosen.push({ root: repository, why: 'the git repository around the maps' });
    else if (isInside(path.resolve(cwd), folder)) chosen.push({ root: path.resolve(cwd), why: 'the current folder' });
    else chosen.push({ root: folder, why: "the maps' folder" });
  }
  if (!chosen.length) return { root: path.resolve(cwd), why: 'the current folder' };
  const root = chosen.map((c) => c.root).reduce(commonAncestor);
  const whys = new Set(chosen.map((c) => c.why));
  const same = chosen.every((c) => c.root === root) && whys.size === 1;
  return { root, why: same ? chosen[0].why : 'the nearest folder holding the roots of all the maps given' };
}

/**
 * The workspace root for lint, render and metrics: the folder given with `--root` (which must be a
 * folder), else the default above. The same rule in all three, so they read the same links.
 */
export async function chooseWorkspaceRoot(given: string | undefined, targets: string[], cwd: string): Promise<WorkspaceRoot | { problem: string }> {
  if (given === undefined) return defaultWorkspaceRoot(targets, cwd);
  const root = path.resolve(cwd, given);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) return { problem: `--root ${given}: ${stat ? 'is not a folder' : 'no such folder'}` };
  return { root, why: 'given with --root' };
}

/** The nearest folder upward from `start` (itself included) holding a `.git` folder or file. */
export async function findRepositoryRoot(start: string): Promise<string | undefined> {
  let dir = path.resolve(start);
  for (;;) {
    try {
      await fs.stat(path.join(dir, '.git'));
      return dir;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }
}

/** The nearest folder containing both (the file system root when they share nothing else). */
function commonAncestor(a: string, b: string): string {
  let dir = a;
  while (!isInside(dir, b)) {
    const parent = path.dirname(dir);
    if (parent === dir) return dir; // another drive on Windows: keep the first
    dir = parent;
  }
  return dir;
}
