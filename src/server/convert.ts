/** Conversions from the core's plain data (already LSP's shapes, zero-based) to LSP's types. */
import {
  CompletionItemKind, DiagnosticSeverity, InsertTextFormat, MarkupKind, SymbolKind,
  type CompletionItem, type Diagnostic, type DocumentSymbol, type SymbolInformation,
} from 'vscode-languageserver';
import type * as core from '../core';
import type { DiagnosticPayload } from './protocol';

export const SOURCE = 'journeymap';

const SEVERITIES: Record<core.Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(d: core.Diagnostic, docs?: string): Diagnostic {
  const payload: DiagnosticPayload = { code: d.code };
  if (d.data) payload.data = { ...d.data };
  if (d.fatal) payload.fatal = true;
  const result: Diagnostic = { range: clampRange(d.range), severity: SEVERITIES[d.severity] ?? DiagnosticSeverity.Information, code: d.code, source: SOURCE, message: d.message, data: payload };
  if (docs) result.codeDescription = { href: docs };
  return result;
}

/** The core diagnostic an editor's diagnostic was made from: its `data` when the client kept it. */
export function fromDiagnostic(d: Diagnostic): core.Diagnostic {
  const payload = d.data as DiagnosticPayload | undefined;
  const code = payload?.code ?? (d.code === undefined ? '' : String(d.code));
  const severity: core.Severity = d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : 'info';
  const result: core.Diagnostic = { code, severity, message: d.message, range: d.range };
  if (payload?.data) result.data = payload.data as core.DiagnosticData;
  if (payload?.fatal) result.fatal = true;
  return result;
}

function clampPosition(p: core.Position): core.Position {
  return { line: Math.max(0, p.line), character: Math.max(0, p.character) };
}

export function clampRange(r: core.Range): core.Range {
  return { start: clampPosition(r.start), end: clampPosition(r.end) };
}

export function sameRange(a: core.Range, b: core.Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

const COMPLETION_KINDS: Record<core.CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  metric: CompletionItemKind.Unit,
  snippet: CompletionItemKind.Snippet,
};

/** Snippet syntax as plain text, for clients without snippet support: `${1:name}` becomes `name`. */
export function snippetAsText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

export interface CompletionOptions {
  snippets: boolean;
  markdown: boolean;
  /** A command the client runs to suggest again after a key whose value has suggestions. */
  retrigger?: string;
}

export function toCompletionItem(item: core.CompletionItem, options: CompletionOptions): CompletionItem {
  const text = item.insertText ?? item.label;
  const snippet = item.snippet === true && options.snippets;
  const result: CompletionItem = {
    label: item.label,
    kind: COMPLETION_KINDS[item.kind] ?? CompletionItemKind.Text,
    textEdit: { range: clampRange(item.range), newText: item.snippet && !snippet ? snippetAsText(text) : text },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (item.detail) result.detail = item.detail;
  if (item.documentation) result.documentation = options.markdown ? { kind: MarkupKind.Markdown, value: item.documentation } : item.documentation;
  if (item.sortText) result.sortText = item.sortText;
  if (item.retrigger && options.retrigger) result.command = { command: options.retrigger, title: 'Suggest' };
  return result;
}

const SYMBOL_KINDS: Record<core.SymbolKind, SymbolKind> = {
  map: SymbolKind.File,
  stage: SymbolKind.Module,
  touchpoint: SymbolKind.Event,
  lane: SymbolKind.Field,
  handoff: SymbolKind.Operator,
  improvement: SymbolKind.Interface,
  source: SymbolKind.Constant,
  group: SymbolKind.Namespace,
};

function contains(outer: core.Range, inner: core.Range): boolean {
  const before = (a: core.Position, b: core.Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export function toDocumentSymbol(symbol: core.DocumentSymbol): DocumentSymbol {
  const range = clampRange(symbol.range);
  let selectionRange = clampRange(symbol.selectionRange);
  // A selection outside the full range is invalid in LSP: never let one bad symbol break an outline.
  if (!contains(range, selectionRange)) selectionRange = { start: range.start, end: range.start };
  const result: DocumentSymbol = {
    name: symbol.name || '(unnamed)', kind: SYMBOL_KINDS[symbol.kind] ?? SymbolKind.Object, range, selectionRange,
    children: symbol.children.map(toDocumentSymbol),
  };
  if (symbol.detail) result.detail = symbol.detail;
  return result;
}

/** The outline flattened, for clients without hierarchical symbols. */
export function toSymbolInformation(uri: string, symbols: readonly core.DocumentSymbol[], container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => {
    const own: SymbolInformation = { name: s.name || '(unnamed)', kind: SYMBOL_KINDS[s.kind] ?? SymbolKind.Object, location: { uri, range: clampRange(s.range) } };
    if (container) own.containerName = container;
    return [own, ...toSymbolInformation(uri, s.children, own.name)];
  });
}

/** A stage's CodeLens title: touchpoints, average `feels`, and how its metrics stand. */
export function stageLensTitle(s: core.StageSummary): string {
  const parts = [s.touchpointCount === 1 ? '1 touchpoint' : `${s.touchpointCount} touchpoints`];
  if (s.averageFeels !== undefined) {
    const rounded = Math.round(s.averageFeels * 10) / 10;
    parts.push(`feels ${rounded > 0 ? `+${rounded}` : String(rounded)} on average`);
  }
  if (s.missingTarget.length) parts.push(`misses target: ${s.missingTarget.join(', ')}`);
  else if (s.judged && s.judged === s.metricCount) parts.push('all metrics on target');
  else if (s.judged) parts.push(`${s.judged} of ${s.metricCount} metrics on target, the rest without a value or target`);
  else if (s.metricCount) parts.push('no metric has both a value and a target yet');
  return parts.join(' · ');
}
