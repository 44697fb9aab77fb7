/**
 * The core's file access contract. The core never touches a file system: adapters inject a
 * FileReader bounded by the workspace root, and say what they found (FileProblem); the core words
 * it once, so the CLI and the editors report the same thing the same way.
 */

/** Why a file a map links to was not read: what the adapter's reader found. */
export type FileProblem =
  | { kind: 'missing' }
  /** The path, once symbolic links are resolved, leads outside the workspace folder. */
  | { kind: 'outside' }
  | { kind: 'not-a-file'; what: 'folder' | 'fifo' | 'device' | 'socket' | 'other' }
  | { kind: 'too-large'; size: number; limit: number }
  /** Permissions, an I/O error, a loop of symbolic links: `detail` says which. */
  | { kind: 'unreadable'; detail: string };

export type FileRead = { text: string; version?: string } | { problem: FileProblem };
export type FileStat = { version: string } | { problem: FileProblem };

/**
 * Injected file access: the core never touches a file system itself. Every path the core passes
 * has already been checked against the workspace root as text; the reader checks it again where
 * only the file system can tell (symbolic links, non-regular files, sizes) before reading a byte.
 * Neither method throws.
 */
export interface FileReader {
  /** The text of a regular file inside the workspace, or why it was not read. */
  readFile(path: string): Promise<FileRead>;
  /** Whether `path` is a regular file inside the workspace, with a version token (mtime and size). */
  stat(path: string): Promise<FileStat>;
  /**
   * Streams the records of a CSV file (the header first), for metrics computed from ticket exports.
   * Rejects with `{ message, line?, column? }` (one-based) when the file is malformed.
   */
  readRecords?(path: string, onRecord: (record: string[]) => void): Promise<void>;
}

/** What a reader found, as the end of a sentence about the link: "`runbooks/x.md` is a folder, not a file". */
export function describeFileProblem(problem: FileProblem): string {
  switch (problem.kind) {
    case 'missing':
      return 'does not exist';
    case 'outside':
      return 'leads outside the workspace folder through a symbolic link';
    case 'not-a-file':
      return `is ${NOT_A_FILE[problem.what]}, not a file`;
    case 'too-large':
      return `is ${megabytes(problem.size)}, over the ${megabytes(problem.limit)} limit`;
    case 'unreadable':
      return `cannot be read (${problem.detail})`;
  }
}

const NOT_A_FILE = { folder: 'a folder', fifo: 'a named pipe (FIFO)', device: 'a device', socket: 'a socket', other: 'a special file' } as const;

function megabytes(bytes: number): string {
  const mb = bytes / 1048576;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
