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

/** Today, as the adapter's clock gave it (YYYY-MM-DD) and as days since the epoch. */
export interface Today {
  iso: string;
  day: number;
}

/** Start and end offsets into a document's text. */
export type Span = readonly [number, number];

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
  /** The file could not be read as a map: an error no setting or comment silences (no "disable" fix). */
  fatal?: true;
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
  /** Ask for completion again once inserted: a key whose value has suggestions (a lane id...). */
  retrigger?: boolean;
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

/** A finding before settings are applied: offsets, not positions; no severity but an override. */
export interface Finding {
  code: string;
  span: Span;
  message: string;
  data?: DiagnosticData;
  /** Overrides the rule's default severity (a YAML warning under `yaml-syntax`, say). */
  severity?: Severity;
  /**
   * The file could not be read as a map (it does not parse, it is too large, it is not a mapping):
   * always an error, whatever the settings or disable comments say, so such a file always fails.
   */
  fatal?: true;
}
