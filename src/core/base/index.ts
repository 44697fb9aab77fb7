/**
 * The base room: plain data and helpers that know nothing of journey maps. Positions, ranges and
 * the result types of the language features (in LSP's shapes), offsets to positions, did-you-mean
 * and quoting. Every other room may import it; it imports none.
 */
export type {
  CompletionItem, CompletionKind, Diagnostic, DiagnosticData, DocumentSymbol, Finding, FoldingRange, Hover, Location, Position, Range,
  Severity, SeveritySetting, Span, SymbolKind, TextEdit, Today,
} from './types';
export { containsPosition, LineIndex } from './lineIndex';
export { MAX_QUOTE, quoteShort } from './quote';
export { boundedDistance, closest, editDistance, MAX_WORD, SuggestBudget } from './suggest';
