/**
 * The language server in Node (`journeymap lsp --stdio`, and `dist/server.js` for an editor that
 * starts it as a Node module): the host gives it the rooted file reader the CLI uses (real paths,
 * regular files, sizes; docs/security.md), file URIs and the local date.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { fromCorePath, RootedFiles, toCorePath } from '../node/files';
import type { HostFiles, ServerHost } from './host';
import { SKIPPED_FOLDERS } from './protocol';
import { createServer } from './server';

/** More maps than this under one root are not listed: the workspace scan stays bounded. */
const MAX_MAPS = 20_000;
const SKIPPED = new Set(SKIPPED_FOLDERS);

function isCorePath(value: string): boolean {
  return value.startsWith('/') || /^[A-Za-z]:\//.test(value);
}

/** docs/rules.md beside the installed package (dist/ or out/src/server/ below it), as a file URI. */
function rulesDoc(): string | undefined {
  for (const up of [['..'], ['..', '..', '..']]) {
    const file = path.join(__dirname, ...up, 'docs', 'rules.md');
    if (existsSync(file)) return pathToFileURL(file).href;
  }
  return undefined;
}

async function listMaps(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (found.length >= MAX_MAPS) return;
      // Folders are entered as they are, never through a symbolic link (it could lead out of the root).
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) await walk(path.join(folder, entry.name));
      } else if (/\.journey\.ya?ml$/i.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) {
        found.push(toCorePath(path.join(folder, entry.name)));
      }
    }
  };
  await walk(fromCorePath(root));
  return found.sort();
}

export function nodeHost(): ServerHost {
  const files = new Map<string, HostFiles>();
  const docs = rulesDoc();
  return {
    toCore: (uri) => {
      if (!uri.startsWith('file:')) return uri;
      try { return toCorePath(fileURLToPath(uri)); } catch { return uri; }
    },
    toUri: (corePath) => (isCorePath(corePath) ? pathToFileURL(fromCorePath(corePath)).href : corePath),
    isFile: isCorePath,
    files: (root) => {
      let rooted = files.get(root);
      if (!rooted) {
        const reader = new RootedFiles(fromCorePath(root));
        rooted = {
          readFile: (corePath) => reader.readFile(corePath),
          stat: (corePath) => reader.stat(corePath),
          readRecords: (corePath, onRecord) => reader.readRecords(corePath, onRecord),
          writable: async (corePath) => {
            const target = await reader.writable(fromCorePath(corePath));
            // The checked real path, named under the root as the editor has it open.
            return 'problem' in target ? target : { exists: target.exists, real: toCorePath(await reader.asGiven(target.real)) };
          },
        };
        files.set(root, rooted);
      }
      return rooted;
    },
    listMaps,
    today: () => {
      const now = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    },
    ruleDocs: docs ? (rule) => `${docs}#${rule}` : undefined,
  };
}

/**
 * Starts the server on the transport named in the process's arguments (`--stdio`, `--node-ipc`,
 * `--socket=PORT`, `--pipe=NAME`, as `journeymap lsp` and VS Code's client pass them). On stdio,
 * `console` goes to the client's log instead of stdout, and the server exits when stdin closes.
 */
export function startNodeServer(): Connection {
  // Checking maps can wait a little; the editor the user types in cannot: on a busy machine the
  // server gives way to it (and to the editor's extension host) for the processor.
  try { os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL); } catch { /* not permitted here: run at normal priority */ }
  const connection = createConnection(ProposedFeatures.all);
  createServer(connection, nodeHost());
  return connection;
}
