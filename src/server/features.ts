/**
 * The language features: each request answered by the core service of the document's root, its
 * result translated to LSP. Like the VS Code extension's providers, never a rule of its own.
 */
import {
  CodeActionKind, ErrorCodes, MarkupKind, ResponseError,
  type CodeAction, type CodeLens, type Connection, type Diagnostic as LspDiagnostic, type DocumentLink, type Hover, type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { anchorLine, describeFileProblem, FROM_LAST_VALID, markdownHeadings, markdownOutline, markdownSection, type CodeFix } from '../core';
import {
  clampRange, fromDiagnostic, sameRange, SOURCE, stageLensTitle, toCompletionItem, toDocumentSymbol, toSymbolInformation, type CompletionOptions,
} from './convert';
import { isMapKey, type Diagnostics } from './diagnostics';
import { EditBuilder, type EditSupport } from './edits';
import type { HostFiles, ServerHost } from './host';
import { LENS_OPEN_PREVIEW, LENS_SHOW_REFERENCES } from './protocol';
import type { Scope, Workspace } from './workspace';

/** Lines of a runbook section shown in a hover over its link. */
const SECTION_LINES = 18;

export interface ClientSupport {
  completion: CompletionOptions;
  hierarchicalSymbols: boolean;
  hoverMarkdown: boolean;
  edits: EditSupport;
}

export interface OpenMap {
  doc: TextDocument;
  key: string;
  text: string;
  scope: Scope;
}

export class Features {
  constructor(
    private readonly host: ServerHost,
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly diagnostics: Diagnostics,
    private readonly client: ClientSupport,
  ) {}

  /** An open map by its uri: a request for anything else is answered with nothing. */
  async open(uri: string): Promise<OpenMap | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const key = this.host.toCore(uri);
    if (doc.languageId !== 'journeymap' && !isMapKey(key)) return undefined;
    return { doc, key, text: doc.getText(), scope: await this.workspace.scope(key) };
  }

  register(connection: Connection): void {
    connection.onHover(async ({ textDocument, position }) => {
      const map = await this.open(textDocument.uri);
      return map ? this.hover(map, position) : null;
    });
    connection.onCompletion(async ({ textDocument, position }) => {
      const map = await this.open(textDocument.uri);
      return map ? map.scope.service.complete(map.key, map.text, position).map((i) => toCompletionItem(i, this.client.completion)) : [];
    });
    connection.onDefinition(async ({ textDocument, position }) => {
      const map = await this.open(textDocument.uri);
      const range = map?.scope.service.definition(map.key, map.text, position);
      return range ? { uri: textDocument.uri, range: clampRange(range) } : null;
    });
    connection.onReferences(async ({ textDocument, position, context }) => {
      const map = await this.open(textDocument.uri);
      return map ? map.scope.service.references(map.key, map.text, position, context.includeDeclaration).map((r) => ({ uri: textDocument.uri, range: clampRange(r) })) : [];
    });
    connection.onDocumentHighlight(async ({ textDocument, position }) => {
      const map = await this.open(textDocument.uri);
      return map ? map.scope.service.highlights(map.key, map.text, position).map((r) => ({ range: clampRange(r) })) : [];
    });
    connection.onPrepareRename(async ({ textDocument, position }) => {
      const map = await this.open(textDocument.uri);
      const result = map?.scope.service.prepareRename(map.key, map.text, position);
      if (!result) throw new ResponseError(ErrorCodes.InvalidRequest, 'Only ids of lanes, stages, touchpoints, sources and improvements can be renamed.');
      return { range: clampRange(result.range), placeholder: result.placeholder };
    });
    connection.onRenameRequest(async ({ textDocument, position, newName }) => {
      const map = await this.open(textDocument.uri);
      if (!map) return null;
      const result = map.scope.service.rename(map.key, map.text, position, newName);
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
      return new EditBuilder(this.client.edits).edit(textDocument.uri, map.doc.version, result.edits).build();
    });
    connection.onDocumentSymbol(async ({ textDocument }) => {
      const map = await this.open(textDocument.uri);
      if (!map) return [];
      const symbols = map.scope.service.symbols(map.key, map.text);
      return this.client.hierarchicalSymbols ? symbols.map(toDocumentSymbol) : toSymbolInformation(textDocument.uri, symbols);
    });
    connection.onFoldingRanges(async ({ textDocument }) => {
      const map = await this.open(textDocument.uri);
      return map ? map.scope.service.folding(map.key, map.text).filter((f) => f.endLine > f.startLine).map((f) => ({ startLine: f.startLine, endLine: f.endLine })) : [];
    });
    connection.onCodeAction(async ({ textDocument, context }) => {
      const map = await this.open(textDocument.uri);
      if (!map || (context.only && !context.only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k === CodeActionKind.QuickFix))) return [];
      return this.codeActions(map, context.diagnostics);
    });
    connection.onDocumentLinks(async ({ textDocument }) => {
      const map = await this.open(textDocument.uri);
      return map ? this.links(map) : [];
    });
    connection.onDocumentLinkResolve((link) => this.resolveLink(link));
    connection.onCodeLens(async ({ textDocument }) => this.codeLenses(textDocument.uri));
  }

  private async hover(map: OpenMap, position: { line: number; character: number }): Promise<Hover | null> {
    const hover = map.scope.service.hover(map.key, map.text, position);
    const parts: string[] = hover ? [hover.contents] : [];
    let range = hover?.range;
    // Over a runbook link: the section it names, as text (a code block: nothing in it is rendered or followed).
    const inside = (r: { start: typeof position; end: typeof position }) => (r.start.line < position.line || (r.start.line === position.line && r.start.character <= position.character))
      && (position.line < r.end.line || (position.line === r.end.line && position.character <= r.end.character));
    const link = map.scope.service.links(map.key, map.text).find((l) => l.kind === 'runbook' && inside(l.range));
    const read = link && map.scope.files ? await map.scope.files.readFile(link.target) : undefined;
    const section = read && 'text' in read ? markdownSection(read.text, link!.anchor, SECTION_LINES) : undefined;
    if (link && section !== undefined) {
      const fence = '`'.repeat(Math.max(3, ...[...section.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      parts.push(`${link.target.slice(map.scope.root.length + 1) || link.target}\n\n${fence}markdown\n${section}\n${fence}`);
      range ??= link.range;
    }
    if (!parts.length || !range) return null;
    const value = parts.join('\n\n---\n\n');
    return { contents: this.client.hoverMarkdown ? { kind: MarkupKind.Markdown, value } : value, range: clampRange(range) };
  }

  /** Quick fixes for the map's diagnostics in the request, computed from each one's code and data. */
  private async codeActions(map: OpenMap, diagnostics: LspDiagnostic[]): Promise<CodeAction[]> {
    const actions: CodeAction[] = [];
    const published = this.diagnostics.coreDiagnostics(map.key);
    for (const diagnostic of diagnostics) {
      // A finding kept from the last version that parsed describes older text: nothing to fix here yet.
      if (diagnostic.source !== SOURCE || diagnostic.message.endsWith(FROM_LAST_VALID)) continue;
      const given = fromDiagnostic(diagnostic);
      // The server's own finding, never the client's copy of it: a fix may write the file its data
      // names, and that name must come from this server's validation, not from the request.
      const own = published.find((d) => d.code === given.code && sameRange(clampRange(d.range), diagnostic.range));
      const original = own ?? { ...given, data: undefined };
      for (const fix of map.scope.service.fixes(map.key, map.text, original)) {
        const edit = await this.fixEdit(map, fix);
        if (!edit) continue;
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: edit.build() });
      }
      // What says the file cannot be read as a map cannot be silenced: no "disable" for it.
      if (!original.fatal) actions.push(this.disableAction(map, diagnostic, original.code));
    }
    return actions;
  }

  /** The fix's edits to the map and, for a fix that changes another file, that change too (or none). */
  private async fixEdit(map: OpenMap, fix: CodeFix): Promise<EditBuilder | undefined> {
    const builder = new EditBuilder(this.client.edits).edit(map.doc.uri, map.doc.version, fix.edits);
    if (!fix.fileChange) return builder;
    const change = fix.fileChange;
    const files: HostFiles | undefined = map.scope.files;
    const target = await files?.writable(change.path);
    if (!files || !target || 'problem' in target) return undefined;
    // The checked real path, so the client's edit does not follow a symbolic link made since.
    const uri = this.host.toUri(target.real);
    if (!target.exists) {
      if (!change.create || !builder.canCreate) return undefined;
      return builder.createFile(uri, change.append);
    }
    const open = this.documents.get(uri);
    const read = open ? { text: open.getText() } : await files.readFile(target.real);
    if (!('text' in read)) return undefined;
    const text = read.text;
    const lines = text.split(/\r\n|\r|\n/);
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    // Keep one blank line between the old end and the new heading, whatever the file ended with.
    const lead = text.length === 0 ? '' : /(\r?\n){2}$/.test(text) ? '' : /\r?\n$/.test(text) ? '\n' : '\n\n';
    return builder.edit(uri, open ? open.version : null, [{ range: { start: end, end }, newText: lead + change.append.replace(/^\n+/, '') }]);
  }

  /** `# journeymap-disable-next-line RULE` above the finding, indented like its line. */
  private disableAction(map: OpenMap, diagnostic: LspDiagnostic, code: string): CodeAction {
    const line = map.doc.getText({ start: { line: diagnostic.range.start.line, character: 0 }, end: { line: diagnostic.range.start.line + 1, character: 0 } });
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const eol = map.text.includes('\r\n') ? '\r\n' : '\n';
    const at = { line: diagnostic.range.start.line, character: 0 };
    const edit = new EditBuilder(this.client.edits).edit(map.doc.uri, map.doc.version, [{ range: { start: at, end: at }, newText: `${indent}# journeymap-disable-next-line ${code}${eol}` }]);
    return { title: `Disable ${code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit.build() };
  }

  /**
   * The map's links; the target is checked, and an anchor becomes a line, only when a link is
   * followed. A link carries only its map's key: the map's own links, found again by range when the
   * link is followed, say where it goes (a large map has a thousand links, sent after every pause in typing).
   */
  private links(map: OpenMap): DocumentLink[] {
    return map.scope.service.links(map.key, map.text).map((link) => ({
      range: clampRange(link.range),
      tooltip: link.kind === 'runbook' ? 'Open the runbook' : link.kind === 'baseline' ? 'Open the baseline map (the current state)' : 'Open the data file',
      data: map.key,
    }));
  }

  private async resolveLink(link: DocumentLink): Promise<DocumentLink> {
    const key = link.data;
    if (typeof key !== 'string') return link;
    // The link comes back from the client: it is followed only to where that open map's link at that range goes.
    const map = this.documents.all().find((d) => this.host.toCore(d.uri) === key);
    const scope = map && await this.workspace.scope(key);
    const own = scope && link.range && scope.service.links(key, map.getText()).find((l) => sameRange(clampRange(l.range), link.range));
    if (!scope || !own) throw new ResponseError(ErrorCodes.InvalidRequest, 'This link is not one of an open map\'s links (the map may have changed since): it is not opened.');
    const { files } = scope;
    const read = files ? await files.readFile(own.target) : undefined;
    if (!read || ('problem' in read && read.problem.kind !== 'missing')) {
      throw new ResponseError(ErrorCodes.InvalidRequest, `${own.target} ${read && 'problem' in read ? describeFileProblem(read.problem) : 'is outside the workspace'}: it is not opened.`);
    }
    const line = own.anchor && 'text' in read ? anchorLine(markdownOutline(read.text), own.anchor) : undefined;
    return { ...link, target: this.host.toUri(own.target) + (line === undefined ? '' : `#L${line + 1}`) };
  }

  /** Above each stage of a map, its summary; above each runbook heading that maps link to, "used by". */
  private async codeLenses(uri: string): Promise<CodeLens[]> {
    const doc = this.documents.get(uri);
    if (!doc) return [];
    const key = this.host.toCore(uri);
    const scope = await this.workspace.scope(key);
    if (!scope.settings.codeLens) return [];
    if (doc.languageId === 'journeymap' || isMapKey(key)) {
      return scope.service.stageSummaries(key, doc.getText()).map((s) => {
        const at = clampRange(s.range).start;
        return { range: { start: at, end: at }, command: { title: stageLensTitle(s), command: LENS_OPEN_PREVIEW, arguments: [uri] } };
      });
    }
    if (doc.languageId !== 'markdown' && !/\.md$/i.test(key)) return [];
    const uses = this.workspace.linksTo(key);
    const byAnchor = new Map<string, typeof uses>();
    for (const use of uses) byAnchor.set(use.anchor ?? '', [...(byAnchor.get(use.anchor ?? '') ?? []), use]);
    const lenses: CodeLens[] = [];
    const lens = (line: number, used: typeof uses, what: string) => {
      const position = { line, character: 0 };
      const title = used.length === 1 ? `used by 1 touchpoint${what}` : `used by ${used.length} touchpoints${what}`;
      const locations = used.map((u) => ({ uri: this.host.toUri(u.map), range: clampRange(u.range) }));
      lenses.push({ range: { start: position, end: position }, command: { title, command: LENS_SHOW_REFERENCES, arguments: [uri, position, locations] } });
    };
    const whole = byAnchor.get('');
    if (whole) lens(0, whole, ' (whole runbook)');
    for (const heading of markdownHeadings(doc.getText())) {
      const used = byAnchor.get(heading.slug);
      if (used) lens(heading.line, used, '');
    }
    return lenses;
  }
}
