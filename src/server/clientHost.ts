/**
 * The language server's host where it has no file system of its own (a web worker, worker.ts):
 * every file is asked of the client (`journeymap/files/*`, protocol.ts), which reads it through its
 * own rooted reader (root checks, regular files, sizes, open editors' unsaved text) and answers
 * what it found. The core's keys are the documents' URIs themselves; links resolve between URIs.
 *
 * The client is trusted to read, not to answer well-formed: an answer of the wrong shape, an error
 * or a client gone becomes a FileProblem (or, for records, the rejection FileReader describes),
 * never an exception in the server.
 */
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { FileProblem, FileRead, FileStat } from '../core';
import type { HostFiles, ServerHost } from './host';
import {
  FILES_LIST_MAPS, FILES_READ, FILES_RECORDS, FILES_STAT, FILES_WRITABLE, type FileParams, type ListMapsParams,
} from './protocol';

/** Schemes whose URIs name no file a map could link to or be read from (an unsaved editor, a diff's side, a notebook cell, output). */
const NOT_FILES = new Set(['untitled', 'git', 'vscode-notebook-cell', 'output', 'vscode-scm', 'walkThrough', 'walkThroughSnippet'].map((s) => s.toLowerCase()));
/** `scheme://authority/path` or `scheme:/path`: a hierarchical URI (no query or fragment: those name a view, not a file). */
const HIERARCHICAL = /^([A-Za-z][A-Za-z0-9+.-]*):\/[^?#]*$/;

/** All the host needs of the connection: to send the client requests. */
type Requests = Pick<Connection, 'sendRequest'>;

/**
 * A URI with each path segment percent-encoded one way (`encodeURIComponent` of the decoded
 * segment), the way the core writes a link's target: the URI VS Code sends for a document
 * (`a%281%29.md`) and the target of a link to it (`a(1).md` resolved) are then the same key.
 */
function canonical(uri: string): string {
  if (!HIERARCHICAL.test(uri)) return uri;
  const authority = uri.indexOf('://');
  const pathStart = authority > 0 ? uri.indexOf('/', authority + 3) : uri.indexOf(':') + 1;
  if (pathStart < 0) return uri;
  const segments = uri.slice(pathStart).split('/').map((segment) => {
    try { return encodeURIComponent(decodeURIComponent(segment)); } catch { return segment; }
  });
  return uri.slice(0, pathStart) + segments.join('/');
}

export function isFileUri(uri: string): boolean {
  const match = HIERARCHICAL.exec(uri);
  return match !== null && !NOT_FILES.has(match[1].toLowerCase());
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return message ? `the editor did not answer: ${message}` : 'the editor did not answer';
}

const KINDS = new Set(['missing', 'outside', 'not-a-file', 'too-large', 'unreadable']);
const WHATS = new Set(['folder', 'fifo', 'device', 'socket', 'other']);

/** A FileProblem as the client sent it, checked field by field; anything else is `unreadable`. */
function asProblem(value: unknown): FileProblem {
  const p = (value ?? {}) as Record<string, unknown>;
  if (typeof p.kind === 'string' && KINDS.has(p.kind)) {
    if (p.kind === 'missing' || p.kind === 'outside') return { kind: p.kind };
    if (p.kind === 'not-a-file' && typeof p.what === 'string' && WHATS.has(p.what)) return { kind: 'not-a-file', what: p.what as 'folder' };
    if (p.kind === 'too-large' && typeof p.size === 'number' && typeof p.limit === 'number') return { kind: 'too-large', size: p.size, limit: p.limit };
    if (p.kind === 'unreadable' && typeof p.detail === 'string') return { kind: 'unreadable', detail: p.detail };
  }
  return { kind: 'unreadable', detail: 'the editor\'s answer was not understood' };
}

function hasProblem(value: unknown): value is { problem: unknown } {
  return typeof value === 'object' && value !== null && 'problem' in value;
}

function asRead(value: unknown): FileRead {
  if (hasProblem(value)) return { problem: asProblem(value.problem) };
  const r = (value ?? {}) as Record<string, unknown>;
  if (typeof r.text !== 'string') return { problem: asProblem(undefined) };
  return typeof r.version === 'string' ? { text: r.text, version: r.version } : { text: r.text };
}

function asStat(value: unknown): FileStat {
  if (hasProblem(value)) return { problem: asProblem(value.problem) };
  const s = (value ?? {}) as Record<string, unknown>;
  return typeof s.version === 'string' ? { version: s.version } : { problem: asProblem(undefined) };
}

type Writable = Awaited<ReturnType<HostFiles['writable']>>;

function asWritable(value: unknown): Writable {
  if (hasProblem(value)) return { problem: asProblem(value.problem) };
  const w = (value ?? {}) as Record<string, unknown>;
  // The place to write is always a file URI (the edit names it); anything else is refused.
  return typeof w.exists === 'boolean' && typeof w.real === 'string' && isFileUri(w.real)
    ? { exists: w.exists, real: canonical(w.real) }
    : { problem: asProblem(undefined) };
}

/** The rejection FileReader.readRecords describes: `{ message, line?, column? }`. */
function recordsProblem(error: unknown): { message: string; line?: number; column?: number } {
  // The client's reader refused the file or found it malformed: its words, and where.
  if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed) {
    const data = (error.data ?? {}) as Record<string, unknown>;
    const at = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined);
    return { message: error.message, line: at(data.line), column: at(data.column) };
  }
  return { message: `the file cannot be read (${describe(error)})` };
}

/** The files of one root, asked of the client. */
function clientFiles(connection: Requests, root: string): HostFiles {
  const ask = async <T>(method: string, uri: string, check: (value: unknown) => T): Promise<T | { problem: FileProblem }> => {
    try {
      return check(await connection.sendRequest(method, { root, uri } satisfies FileParams));
    } catch (error) {
      return { problem: { kind: 'unreadable', detail: describe(error) } };
    }
  };
  return {
    readFile: (uri) => ask(FILES_READ, uri, asRead),
    stat: (uri) => ask(FILES_STAT, uri, asStat),
    writable: (uri) => ask(FILES_WRITABLE, uri, asWritable),
    readRecords: async (uri, onRecord) => {
      let rows: unknown;
      try {
        rows = await connection.sendRequest(FILES_RECORDS, { root, uri } satisfies FileParams);
      } catch (error) {
        throw recordsProblem(error);
      }
      if (!Array.isArray(rows)) throw recordsProblem(undefined);
      for (const row of rows) {
        if (!Array.isArray(row)) throw { message: 'the file cannot be read (the editor\'s answer was not understood)' };
        onRecord(row.map((cell) => (typeof cell === 'string' ? cell : String(cell ?? ''))));
      }
    },
  };
}

/** Today's local date, YYYY-MM-DD. */
function localDate(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The host of a server that reads through its client. `ruleDocs` is left out: the client links
 * rule codes to its own rendered docs.
 */
export function clientHost(connection: Requests): ServerHost {
  const files = new Map<string, HostFiles>();
  return {
    toCore: canonical,
    toUri: (key) => key,
    isFile: isFileUri,
    files: (root) => {
      if (!isFileUri(root)) return undefined;
      let rooted = files.get(root);
      if (!rooted) {
        rooted = clientFiles(connection, root);
        files.set(root, rooted);
      }
      return rooted;
    },
    listMaps: async (root) => {
      try {
        const found: unknown = await connection.sendRequest(FILES_LIST_MAPS, { root } satisfies ListMapsParams);
        return Array.isArray(found) ? found.filter((u): u is string => typeof u === 'string' && isFileUri(u)).map(canonical).sort() : [];
      } catch {
        return [];
      }
    },
    today: localDate,
    ruleDocs: undefined,
    // The extension host answers through its WorkspaceFiles, where an open editor's text wins.
    filesShowOpenDocuments: true,
  };
}
