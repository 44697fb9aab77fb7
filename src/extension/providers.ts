/** Language features: thin adapters from `vscode` provider calls to the core. */
import * as vscode from 'vscode';
import type * as core from '../core';
import {
  fromPosition, fromRange, toCompletionItem, toDocumentSymbol, toRange, untrustedMarkdown, toWorkspaceEdit,
} from './convert';
import { LANGUAGE_ID, type DiagnosticsManager } from './diagnostics';
import { RunbookCompletion, RunbookHover } from './runbooks';
import { toUri, type WorkspaceFiles } from './fileReader';
import { anchorLine, describeFileProblem, FROM_LAST_VALID, markdownOutline } from '../core';

export const SELECTOR: vscode.DocumentSelector = [
  { language: LANGUAGE_ID },
];

/** The reader bounded by a map's root: reads and writes for links go through it, never around it. */
export type FilesFor = (mapUri: string) => WorkspaceFiles | undefined;

/** The core's status marks as VS Code's own icons (the core writes emoji for editors without them). */
const CODICONS: [RegExp, string][] = [[/✅/g, '$(pass)'], [/❌/g, '$(error)'], [/➖/g, '$(circle-slash)']];

function withCodicons(markdown: string): vscode.MarkdownString {
  const md = untrustedMarkdown(CODICONS.reduce((text, [emoji, icon]) => text.replace(emoji, icon), markdown));
  // User text in the hover is escaped by the core (`(` and `)` too), so no `$(icon)` of its own survives.
  md.supportThemeIcons = true;
  return md;
}

export function registerLanguageFeatures(service: core.LanguageService, diagnostics: DiagnosticsManager, filesFor: FilesFor): vscode.Disposable {
  const key = (doc: vscode.TextDocument) => doc.uri.toString();
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover(doc, position) {
        const hover = service.hover(key(doc), doc.getText(), fromPosition(position));
        return hover ? new vscode.Hover(withCodicons(hover.contents), toRange(hover.range)) : undefined;
      },
    }),
    vscode.languages.registerCompletionItemProvider(SELECTOR, {
      provideCompletionItems(doc, position) {
        return service.complete(key(doc), doc.getText(), fromPosition(position)).map(toCompletionItem);
      },
    }, ':', ' ', '-', '[', ','),
    vscode.languages.registerCompletionItemProvider(SELECTOR, new RunbookCompletion(filesFor), '/', '#', ' '),
    vscode.languages.registerHoverProvider(SELECTOR, new RunbookHover(service, filesFor)),
    vscode.languages.registerDefinitionProvider(SELECTOR, {
      provideDefinition(doc, position) {
        const range = service.definition(key(doc), doc.getText(), fromPosition(position));
        return range ? new vscode.Location(doc.uri, toRange(range)) : undefined;
      },
    }),
    vscode.languages.registerReferenceProvider(SELECTOR, {
      provideReferences(doc, position, context) {
        return service.references(key(doc), doc.getText(), fromPosition(position), context.includeDeclaration)
          .map((r) => new vscode.Location(doc.uri, toRange(r)));
      },
    }),
    vscode.languages.registerDocumentHighlightProvider(SELECTOR, {
      provideDocumentHighlights(doc, position) {
        return service.highlights(key(doc), doc.getText(), fromPosition(position)).map((r) => new vscode.DocumentHighlight(toRange(r)));
      },
    }),
    vscode.languages.registerRenameProvider(SELECTOR, {
      prepareRename(doc, position) {
        const result = service.prepareRename(key(doc), doc.getText(), fromPosition(position));
        if (!result) throw new Error(vscode.l10n.t('Only ids of lanes, stages, touchpoints, sources and improvements can be renamed.'));
        return { range: toRange(result.range), placeholder: result.placeholder };
      },
      provideRenameEdits(doc, position, newName) {
        const result = service.rename(key(doc), doc.getText(), fromPosition(position), newName);
        if ('error' in result) throw new Error(result.error);
        return toWorkspaceEdit(doc.uri, result.edits);
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(SELECTOR, {
      provideDocumentSymbols(doc) {
        return service.symbols(key(doc), doc.getText()).map(toDocumentSymbol);
      },
    }, { label: 'Journey Map' }),
    vscode.languages.registerFoldingRangeProvider(SELECTOR, {
      provideFoldingRanges(doc) {
        return service.folding(key(doc), doc.getText())
          .filter((f) => f.endLine > f.startLine)
          .map((f) => new vscode.FoldingRange(f.startLine, f.endLine));
      },
    }),
    vscode.languages.registerDocumentLinkProvider(SELECTOR, new RunbookLinkProvider(service, filesFor)),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FixProvider(service, diagnostics, filesFor), {
      providedCodeActionKinds: FixProvider.kinds,
    }),
  );
}

/**
 * A fix's change to another file (a runbook heading, a new runbook) as part of its WorkspaceEdit,
 * when the target may be written: a regular file, or a new file, whose real path is inside the
 * map's root (a symbolic link or a linked folder leading out is refused, so the fix is not offered).
 */
async function addFileChange(edit: vscode.WorkspaceEdit, change: NonNullable<core.CodeFix['fileChange']>, files: WorkspaceFiles | undefined): Promise<vscode.Uri | undefined> {
  const target = await files?.writable(change.path);
  if (!target || 'problem' in target) return undefined;
  const uri = target.uri;
  if (target.exists) {
    const existing = await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined);
    if (!existing) return undefined;
    const end = existing.lineAt(existing.lineCount - 1).range.end;
    // Keep one blank line between the old end and the new heading, whatever the file ended with.
    const text = existing.getText();
    const lead = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    edit.insert(uri, end, lead + change.append.replace(/^\n+/, ''));
    return uri;
  }
  if (!change.create) return undefined;
  edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(change.append) });
  return uri;
}

/** Quick fixes: computed by the core from the diagnostic's code and data, never from its message. */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: core.LanguageService, private readonly diagnostics: DiagnosticsManager, private readonly filesFor: FilesFor) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    const published = this.diagnostics.coreDiagnostics(doc.uri);
    for (const diagnostic of context.diagnostics) {
      // A finding kept from the last version that parsed describes older text: nothing to fix here yet.
      if (diagnostic.source !== 'journeymap' || diagnostic.message.endsWith(FROM_LAST_VALID)) continue;
      const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
      // The core diagnostic (with its data) that this editor diagnostic was made from.
      const original = published.find((d) => d.code === code && toRange(d.range).isEqual(diagnostic.range))
        ?? { code, message: diagnostic.message, severity: 'warning' as const, range: fromRange(diagnostic.range) };
      for (const fix of this.service.fixes(doc.uri.toString(), doc.getText(), original)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(doc.uri, fix.edits);
        if (fix.fileChange) {
          const changed = await addFileChange(action.edit, fix.fileChange, this.filesFor(doc.uri.toString()));
          if (!changed) continue;
          // An edit to another file is shown: the file opens beside the map, where it can be read and undone.
          action.command = { title: fix.title, command: 'vscode.open', arguments: [changed, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true }] };
        }
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.isPreferred;
        actions.push(action);
      }
      // What says the file cannot be read as a map cannot be silenced: no "disable" for it.
      if (!('fatal' in original && original.fatal)) actions.push(this.disableAction(doc, diagnostic, code));
    }
    return actions;
  }

  /** `# journeymap-disable-next-line RULE` above the finding, indented like its line. */
  private disableAction(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, code: string): vscode.CodeAction {
    const line = doc.lineAt(diagnostic.range.start.line);
    const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex).replace(/- /g, '  ');
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const action = new vscode.CodeAction(vscode.l10n.t('Disable {0} for this line', code), vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.insert(doc.uri, new vscode.Position(line.lineNumber, 0), `${indent}# journeymap-disable-next-line ${code}${eol}`);
    action.diagnostics = [diagnostic];
    return action;
  }
}

/** Runbook and data links in a map, opened at the runbook heading their `#anchor` names. */
class RunbookLinkProvider implements vscode.DocumentLinkProvider<RunbookLink> {
  constructor(private readonly service: core.LanguageService, private readonly filesFor: FilesFor) {}

  provideDocumentLinks(doc: vscode.TextDocument): RunbookLink[] {
    return this.service.links(doc.uri.toString(), doc.getText()).map((link) => {
      const result = new RunbookLink(toRange(link.range), link, doc.uri);
      result.tooltip = link.kind === 'runbook' ? vscode.l10n.t('Open the runbook')
        : link.kind === 'baseline' ? vscode.l10n.t('Open the baseline map (the current state)') : vscode.l10n.t('Open the data file');
      return result;
    });
  }

  /**
   * The target is checked, and the anchor becomes a line, only when the link is followed, so
   * listing links reads no files. A link whose file is not a readable file inside the root (a
   * symbolic link out, a named pipe) is not opened.
   */
  async resolveDocumentLink(link: RunbookLink): Promise<RunbookLink> {
    const files = this.filesFor(link.map.toString());
    const read = files ? await files.readFile(link.core.target) : undefined;
    if (!read || ('problem' in read && read.problem.kind !== 'missing')) {
      throw new Error(vscode.l10n.t('{0} {1}: it is not opened.', link.core.target, read && 'problem' in read ? describeFileProblem(read.problem) : vscode.l10n.t('is outside the workspace')));
    }
    let target = toUri(link.core.target);
    const line = link.core.anchor && 'text' in read ? anchorLine(markdownOutline(read.text), link.core.anchor) : undefined;
    if (line !== undefined) target = target.with({ fragment: `L${line + 1}` });
    link.target = target;
    return link;
  }
}

class RunbookLink extends vscode.DocumentLink {
  constructor(range: vscode.Range, readonly core: core.DocumentLink, readonly map: vscode.Uri) {
    super(range);
  }
}
