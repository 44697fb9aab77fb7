/**
 * What the language server needs from where it runs (Node over stdio, a web worker): file access
 * bounded by a root, the conversion between document URIs and the core's paths, the local date,
 * and listing the maps of a workspace folder. The server itself (server.ts) uses no Node API.
 */
import type { FileProblem, FileReader } from '../core';

/** The files of one root: every read and write goes through it (see docs/security.md). */
export interface HostFiles extends FileReader {
  /**
   * Where a quick fix may write (append or create): a regular file or a new file inside the root,
   * as its real path (symbolic links resolved), which is what the edit must name.
   */
  writable(corePath: string): Promise<{ exists: boolean; real: string } | { problem: FileProblem }>;
}

export interface ServerHost {
  /** The core's key for a document: a '/'-separated path for `file:` URIs, the URI itself otherwise. */
  toCore(uri: string): string;
  /** The URI of a core path (a link's target) or a core key. */
  toUri(corePath: string): string;
  /** Whether a core key names a file on disk (and so has a folder and a root). */
  isFile(corePath: string): boolean;
  /** File access bounded by `root` (a core path); undefined where there is no file system. */
  files(root: string): HostFiles | undefined;
  /** The maps (`*.journey.yaml`, `*.journey.yml`) under a root, as core paths, skipping node_modules and .git. */
  listMaps(root: string): Promise<string[]>;
  /** Today's local date, YYYY-MM-DD (the `journeymap.today` setting overrides it). */
  today(): string;
  /**
   * True when `files` already answer with the editor's open documents (a client that reads for the
   * server sees its own unsaved text); else the server lays the open documents it holds over them.
   */
  filesShowOpenDocuments?: boolean;
  /** Where a rule is documented (a diagnostic's code description), if known. */
  ruleDocs?(rule: string): string | undefined;
}
