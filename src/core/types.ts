/**
 * Plain data types shared by every part of the core. Positions are zero-based, like VS Code's and
 * LSP's; adapters translate (the CLI prints one-based lines and columns).
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A severity a user may configure for a rule: a real severity or `off`. */
export type SeveritySetting = Severity | 'off';

export interface Diagnostic {
  /** The rule name, stable across versions; see docs/rules.md. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Machine-readable facts for quick fixes, keyed by the rule (never parsed from the message). */
  data?: DiagnosticData;
}

export interface DiagnosticData {
  /** `unknown-key` / `unknown-reference`: the closest valid spelling. */
  suggestion?: string;
  /** `missing-field`: the missing key and the offset where a new line for it belongs. */
  field?: string;
  /** `runbook-anchor-missing`: the resolved runbook path and the anchor asked for. */
  path?: string;
  anchor?: string;
  /** `hypothesis-incomplete`: the missing hypothesis parts. */
  missing?: string[];
  /** `metric-without-target`: the metric name. */
  metric?: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Location {
  uri: string;
  range: Range;
}

export interface Hover {
  /** Markdown. Built from file content, so adapters must not mark it trusted. */
  contents: string;
  range: Range;
}

export type CompletionKind = 'property' | 'value' | 'reference' | 'metric' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text to insert; defaults to the label. */
  insertText?: string;
  /** True when insertText uses snippet syntax ($1, ${1:placeholder}). */
  snippet?: boolean;
  /** The range the completion replaces (the word under the cursor). */
  range: Range;
  sortText?: string;
}

export type SymbolKind = 'map' | 'stage' | 'touchpoint' | 'lane' | 'handoff' | 'improvement' | 'source' | 'group';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole item. */
  range: Range;
  /** The part to select and reveal: the id or the name. */
  selectionRange: Range;
  children: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
}

/**
 * Why a file a map links to was not read. Adapters say what they found; the core words it
 * (`describeFileProblem`), so the CLI and the editors report the same thing the same way.
 */
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
