/** File access for the CLI: Node's file system behind the core's FileReader interface. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileReader } from '../core';
import { fileVersion, readCsvRecords } from '../node/csvRecords';

/** Converts an OS path to the '/'-separated form the core resolves links in. */
export function toCorePath(osPath: string): string {
  return path.resolve(osPath).split(path.sep).join('/');
}

export function fromCorePath(corePath: string): string {
  return process.platform === 'win32' ? corePath.split('/').join(path.sep) : corePath;
}

export const nodeFileReader: FileReader = {
  async readFile(corePath) {
    try {
      const stat = await fs.stat(fromCorePath(corePath));
      if (!stat.isFile() || stat.size > 20_000_000) return undefined;
      return await fs.readFile(fromCorePath(corePath), 'utf8');
    } catch {
      return undefined;
    }
  },
  async exists(corePath) {
    try {
      return (await fs.stat(fromCorePath(corePath))).isFile();
    } catch {
      return false;
    }
  },
  readRecords: (corePath, onRecord) => readCsvRecords(fromCorePath(corePath), onRecord),
  version: (corePath) => fileVersion(fromCorePath(corePath)),
};

const MAP_RE = /\.journey\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out']);

/** Expands files and folders into map files (folders are searched for *.journey.yaml|yml). */
export async function findMapFiles(inputs: string[], cwd: string): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
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
  return { files: [...new Set(files)], missing };
}
