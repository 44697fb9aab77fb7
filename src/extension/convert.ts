/** Conversions between the core's plain data (zero-based positions) and the `vscode` API types. */
import * as vscode from 'vscode';
import type * as core from '../core';

export function toPosition(p: core.Position): vscode.Position {
  return new vscode.Position(Math.max(0, p.line), Math.max(0, p.character));
}

export function toRange(r: core.Range): vscode.Range {
  return new vscode.Range(toPosition(r.start), toPosition(r.end));
}

export function fromPosition(p: vscode.Position): core.Position {
  return { line: p.line, character: p.character };
}

export function fromRange(r: vscode.Range): core.Range {
  return { start: fromPosition(r.start), end: fromPosition(r.end) };
}

export function toSeverity(s: core.Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    default: return vscode.DiagnosticSeverity.Information;
  }
}

export function toTextEdit(e: core.TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toRange(e.range), e.newText);
}

export function toWorkspaceEdit(uri: vscode.Uri, edits: readonly core.TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toRange(e.range), e.newText);
  return edit;
}

/**
 * Markdown from the core is built from file content, so it is never trusted: no command links,
 * no HTML, no theme icons expanded from the user's text.
 */
export function untrustedMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

const COMPLETION_KINDS: Record<core.CompletionKind, vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
  reference: vscode.CompletionItemKind.Reference,
  metric: vscode.CompletionItemKind.Unit,
  snippet: vscode.CompletionItemKind.Snippet,
};

export function toCompletionItem(item: core.CompletionItem): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, COMPLETION_KINDS[item.kind] ?? vscode.CompletionItemKind.Text);
  const text = item.insertText ?? item.label;
  result.insertText = item.snippet ? new vscode.SnippetString(text) : text;
  result.range = toRange(item.range);
  if (item.detail) result.detail = item.detail;
  if (item.documentation) result.documentation = untrustedMarkdown(item.documentation);
  if (item.sortText) result.sortText = item.sortText;
  if (item.retrigger) result.command = { command: 'editor.action.triggerSuggest', title: 'Suggest' };
  return result;
}

const SYMBOL_KINDS: Record<core.SymbolKind, vscode.SymbolKind> = {
  map: vscode.SymbolKind.File,
  stage: vscode.SymbolKind.Module,
  touchpoint: vscode.SymbolKind.Event,
  lane: vscode.SymbolKind.Field,
  handoff: vscode.SymbolKind.Operator,
  improvement: vscode.SymbolKind.Interface,
  source: vscode.SymbolKind.Constant,
  group: vscode.SymbolKind.Namespace,
};

export function toDocumentSymbol(symbol: core.DocumentSymbol): vscode.DocumentSymbol {
  const range = toRange(symbol.range);
  let selection = toRange(symbol.selectionRange);
  // VS Code rejects a selection range outside the full range; never let one bad symbol break the Outline.
  if (!range.contains(selection)) selection = new vscode.Range(range.start, range.start);
  const result = new vscode.DocumentSymbol(
    symbol.name || '(unnamed)', symbol.detail ?? '', SYMBOL_KINDS[symbol.kind] ?? vscode.SymbolKind.Object, range, selection,
  );
  result.children = symbol.children.map(toDocumentSymbol);
  return result;
}
