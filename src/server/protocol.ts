/**
 * The language server's requests where LSP has no method, shared by the server and its clients
 * (the VS Code extension, editors' plugins). Plain JSON over the same connection; every one takes
 * the map's `textDocument` (an open document: the server answers from the editor's text).
 */
import type { DocumentSymbol, TextDocumentIdentifier, WorkspaceEdit } from 'vscode-languageserver';
import type { Diagnostic, MapSummary, RuleInfo } from '../core';
import type { Layout } from '../core/diagram';

/** `journeymap/markReviewed`: the edit that sets `review.last` to today (applied by the client). */
export const MARK_REVIEWED = 'journeymap/markReviewed';
export interface MarkReviewedParams { textDocument: TextDocumentIdentifier }
/** The edit (none when already reviewed today), or why the map cannot be updated safely. */
export type MarkReviewedResult = { edit: WorkspaceEdit } | { refused: string };

/**
 * `journeymap/layout`: the swimlane diagram's layout (the core's `Layout`), for a preview, drawn
 * from the map as checked (computed metrics from its exports filled in), with the count of its
 * errors; `layout` is null when the map has no lanes or no stages to draw.
 */
export const LAYOUT = 'journeymap/layout';
export interface LayoutParams {
  textDocument: TextDocumentIdentifier;
  /** Lane ids to leave out (the preview's lane filter). */
  hiddenLanes?: string[];
  /** `compact` (the preview, the default) or `full` (every pain and metric, improvements, footer). */
  detail?: 'compact' | 'full';
  /**
   * The page's own font widths (the core's `pageMeasure` table: family, regular and bold widths
   * per range); without it, or when implausible, the embedded DejaVu Sans widths.
   */
  font?: { family: string; regular: number[]; bold: number[] };
  /**
   * Compare mode: the other side of the map (an earlier version's text, or its baseline's), drawn
   * into the same picture (added, removed and changed cards). `uri` is where that text lives when
   * it is another file (a baseline), so its links resolve from there; by default the map's own.
   */
  compare?: { text: string; label: string; uri?: string };
}
export interface LayoutResult { layout: Layout | null; errors: number }

/** `journeymap/render`: the diagram as a standalone SVG, like `journeymap render`. */
export const RENDER = 'journeymap/render';
export interface RenderParams {
  textDocument: TextDocumentIdentifier;
  theme?: 'light' | 'dark';
  detail?: 'compact' | 'full';
  /** Lane ids to leave out (the preview's lane filter, for an export of what it shows). */
  hiddenLanes?: string[];
}
export interface RenderResult { svg: string }

/** `journeymap/summary`: the map at a glance (the core's `MapSummary`: review state, findings, misses). */
export const SUMMARY = 'journeymap/summary';
export interface SummaryParams { textDocument: TextDocumentIdentifier }

/**
 * `journeymap/documentSymbols`: the outline `textDocument/documentSymbol` gives, packed. VS Code asks
 * for the outline after every pause in typing (breadcrumbs, sticky scroll, the Outline view); a
 * 1,000-touchpoint map's outline is 1,364 symbols, 383 KB as LSP objects, which the extension host
 * must read in one task. Packed it is about a third of that, and numbers and strings are quicker to
 * read than an object per range. Symbols in pre-order (a symbol, then its children); `numbers` holds
 * `SYMBOL_STRIDE` per symbol: LSP symbol kind, child count, range (start line, start character, end
 * line, end character), selection range (the same four). `details[i]` is '' for none.
 */
export const DOCUMENT_SYMBOLS = 'journeymap/documentSymbols';
export interface DocumentSymbolsParams { textDocument: TextDocumentIdentifier }
export interface PackedSymbols { names: string[]; details: string[]; numbers: number[] }
export const SYMBOL_STRIDE = 10;

export function packSymbols(symbols: readonly DocumentSymbol[]): PackedSymbols {
  const packed: PackedSymbols = { names: [], details: [], numbers: [] };
  const add = (symbol: DocumentSymbol): void => {
    const { range: r, selectionRange: s } = symbol;
    packed.names.push(symbol.name);
    packed.details.push(symbol.detail ?? '');
    packed.numbers.push(symbol.kind, symbol.children?.length ?? 0, r.start.line, r.start.character, r.end.line, r.end.character,
      s.start.line, s.start.character, s.end.line, s.end.character);
    for (const child of symbol.children ?? []) add(child);
  };
  for (const symbol of symbols) add(symbol);
  return packed;
}

/** What `unpackSymbols` makes of one symbol: the caller's own type (VS Code's `DocumentSymbol`, say). */
export type SymbolMaker<T> = (name: string, detail: string, kind: number, range: number[], selection: number[], children: T[]) => T;

/** The symbols `packSymbols` packed, rebuilt by `make`, children first; throws on a packing that does not add up. */
export function unpackSymbols<T>(packed: PackedSymbols, make: SymbolMaker<T>): T[] {
  const { names, details, numbers } = packed;
  if (numbers.length !== names.length * SYMBOL_STRIDE || details.length !== names.length) throw new Error('The packed outline does not add up.');
  let next = 0;
  const read = (): T => {
    const i = next++;
    if (i >= names.length) throw new Error('The packed outline does not add up.');
    const at = i * SYMBOL_STRIDE;
    const children: T[] = [];
    for (let c = 0; c < numbers[at + 1]; c++) children.push(read());
    return make(names[i], details[i], numbers[at], numbers.slice(at + 2, at + 6), numbers.slice(at + 6, at + 10), children);
  };
  const roots: T[] = [];
  while (next < names.length) roots.push(read());
  return roots;
}

/** `journeymap/rules` (no parameters): every rule, its group, default severity and one-line summary (docs/rules.md has the rest). */
export const RULES_LIST = 'journeymap/rules';
export type RulesResult = RuleInfo[];

/**
 * `workspace/executeCommand` commands the server runs itself (for editors without the extension):
 * `journeymap.lsp.markReviewed` with the map's uri asks the client to apply the edit
 * (`workspace/applyEdit`). Named apart from the extension's own `journeymap.*` commands, which a
 * VS Code client would otherwise register twice.
 */
export const COMMAND_MARK_REVIEWED = 'journeymap.lsp.markReviewed';

/**
 * Commands the server's code lenses name, run by the client: VS Code's extension opens the preview
 * (`journeymap.openPreviewToSide`, argument: the map's uri) and shows references
 * (`journeymap.showReferences`, arguments: uri, position, locations). Other editors show the lens
 * text; running it is up to the editor.
 */
export const LENS_OPEN_PREVIEW = 'journeymap.openPreviewToSide';
export const LENS_SHOW_REFERENCES = 'journeymap.showReferences';

/**
 * What the server keeps in a diagnostic's `data`, so a code action finds the core diagnostic it
 * was made from (its machine-readable facts) without re-validating.
 */
export interface DiagnosticPayload {
  code: string;
  data?: Record<string, unknown>;
  fatal?: true;
}

/**
 * `journeymap/validated` (server -> client notification): a map's findings were just published.
 * For clients with views of their own (the VS Code extension's Journey Maps view, status bar):
 * the map at a glance from the very parse and findings published, so the client never parses.
 * `summary` is absent when the file was not read (refused, gone); then `diagnostics` holds the
 * core finding that says why (the findings themselves are in publishDiagnostics: a large map's
 * hundreds of findings are not sent twice).
 */
export const VALIDATED = 'journeymap/validated';
export interface ValidatedParams {
  uri: string;
  /** The open document's version validated; absent for a closed file read from disk. */
  version?: number;
  /** Without a summary: the finding that says why the map was not read (empty when it was cleared). */
  diagnostics: Diagnostic[];
  /** A brief summary (the core's `briefSummary`): the worst few misses, `missCount` for all. */
  summary?: MapSummary;
}

/**
 * `journeymap/validateWorkspace` (client -> server request): validates every map of the workspace
 * again (closed ones from disk), reporting work-done progress; cancellable. Answers how many maps
 * were found and the totals over everything published.
 */
export const VALIDATE_WORKSPACE = 'journeymap/validateWorkspace';
export interface ValidateWorkspaceResult { maps: number; files: number; errors: number; warnings: number; infos: number }

/** `journeymap/scanned` (server -> client notification): the workspace scan after start finished. */
export const SCANNED = 'journeymap/scanned';
export interface ScannedParams { maps: number }

/**
 * Files through the client (server -> client requests), for a server without a file system of its
 * own: the web worker of the VS Code web extension. The client answers through its own rooted
 * reader (the same checks: decoded, normalised, real path inside `root`, regular file, size), so
 * the server never sees a byte the client would not read itself. `root` and `uri` are URIs.
 */
export const FILES_READ = 'journeymap/files/read';
export const FILES_STAT = 'journeymap/files/stat';
export const FILES_WRITABLE = 'journeymap/files/writable';
export const FILES_LIST_MAPS = 'journeymap/files/listMaps';
export interface FileParams { root: string; uri: string }
export interface ListMapsParams { root: string }
/** Folders `listMaps` never enters (every host), nor the server when a new folder is reported. */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git'];
/** `journeymap/files/records`: an export's rows (CSV, TSV, .xlsx) read by the client, as arrays of cells. */
export const FILES_RECORDS = 'journeymap/files/records';
