/**
 * The extension as a client of the Journey Map language server (src/server): every map feature
 * (findings, hover, completion, navigation, rename, outline, folding, quick fixes, links, CodeLens
 * on maps and on the runbooks they link to) is answered by the server, which runs in its own Node
 * process on the desktop and in a web worker in the web extension. The extension host only
 * translates: it never parses a map while the user types, so a large map cannot hold it.
 *
 * What VS Code needs beyond LSP is translated here: rule codes link to the rendered rule docs, a
 * quick fix that writes another file opens it beside the map, and the server's lens commands.
 */
import * as vscode from 'vscode';
import {
  DidChangeWatchedFilesNotification, DocumentSymbolRequest, type BaseLanguageClient, type LanguageClientOptions, type Location, type Middleware, type Position, type Protocol2CodeConverter,
} from 'vscode-languageclient';
import type * as NodeClient from './clientNode';
import type * as WebClient from './clientWeb';
import { LANGUAGE_ID } from './diagnostics';
import { FileEventBatch } from './fileEvents';
import type { WorkspaceFiles } from './fileReader';
import { log } from './log';
import { DOCUMENT_SYMBOLS, LENS_SHOW_REFERENCES, unpackSymbols, type DocumentSymbolsParams, type PackedSymbols } from '../server/protocol';
import { withCodicons } from './providers';

// `process.env.JOURNEYMAP_WEB` is defined per bundle, so esbuild keeps only the `require` that
// bundle can run (the Node client would pull child_process into the web bundle).
/* eslint-disable @typescript-eslint/no-require-imports */
const nodeClient: typeof NodeClient | undefined = process.env.JOURNEYMAP_WEB === '1' ? undefined : require('./clientNode');
const webClient: typeof WebClient | undefined = process.env.JOURNEYMAP_WEB === '1' ? require('./clientWeb') : undefined;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Maps by language and by name (a map opened as plain YAML still gets its features), and runbooks for their lenses. */
const DOCUMENT_SELECTOR = [
  { language: LANGUAGE_ID },
  { pattern: '**/*.journey.{yaml,yml}' },
  { language: 'markdown' },
];

export function createClient(
  context: vscode.ExtensionContext, ruleDocs: (rule: string) => vscode.Uri, filesFor: (uri: string) => WorkspaceFiles | undefined,
): BaseLanguageClient {
  const options: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // No `synchronize`: the server reads `journeymap.*` through workspace/configuration and
    // registers for changes itself (with it as well, every settings change re-checked twice).
    // Push diagnostics, with a `journeymap/validated` notification after each (the views read it);
    // an unchanged list of findings is then not published again (src/server/diagnostics.ts).
    initializationOptions: { diagnosticMode: 'push', validatedNotifications: true },
    outputChannel: log(),
    // Hovers and completion details carry text from the map: never trusted, never HTML (docs/security.md).
    markdown: { isTrusted: false, supportHtml: false },
    middleware: { ...middleware(ruleDocs, () => client), workspace: { didChangeWatchedFile: (event) => fileEvents.add(event) } },
  };
  const client = nodeClient
    ? nodeClient.createNodeClient(context, options)
    : webClient!.createWebClient(context, options, filesFor);
  const fileEvents = new FileEventBatch(
    (changes) => client.sendNotification(DidChangeWatchedFilesNotification.type, { changes }),
    (error) => log().error(`Sending file events to the language server failed: ${String(error)}`),
  );
  return client;
}

function middleware(ruleDocs: (rule: string) => vscode.Uri, client: () => BaseLanguageClient): Middleware {
  return {
    // The Problems panel's rule links open the rendered, read-only rule docs at the rule.
    handleDiagnostics: (uri, diagnostics, next) => {
      for (const d of diagnostics) {
        const rule = typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
        if (rule) d.code = { value: rule, target: ruleDocs(rule) };
      }
      next(uri, diagnostics);
    },
    provideHover: async (document, position, token, next) => {
      const hover = await next(document, position, token);
      return hover ? withCodicons(hover) : hover;
    },
    provideCodeLenses: async (document, token, next) => {
      const lenses = await next(document, token);
      for (const lens of lenses ?? []) {
        if (lens.command?.command === LENS_SHOW_REFERENCES) lens.command = asShowReferences(lens.command, client().protocol2CodeConverter);
      }
      return lenses;
    },
    // The outline packed (src/server/protocol.ts): VS Code asks for it after every pause in typing,
    // and a large map's outline as LSP objects would hold the extension host to read it.
    provideDocumentSymbols: async (document, token) => {
      const params: DocumentSymbolsParams = { textDocument: { uri: client().code2ProtocolConverter.asUri(document.uri) } };
      try {
        const packed = await client().sendRequest<PackedSymbols>(DOCUMENT_SYMBOLS, params, token);
        return token.isCancellationRequested ? undefined : unpackSymbols(packed, asVscodeSymbol);
      } catch (error) {
        // As the client's own providers do: a cancelled or outdated request answers nothing, the rest is thrown.
        return client().handleFailedRequest(DocumentSymbolRequest.type, token, error, undefined);
      }
    },
    // A fix that also writes another file (a runbook heading, a new runbook) opens it beside the
    // map once applied, where the change can be read and undone.
    provideCodeActions: async (document, range, context, token, next) => {
      const actions = await next(document, range, context, token);
      for (const action of actions ?? []) {
        if (!(action instanceof vscode.CodeAction) || !action.edit || action.command) continue;
        const other = action.edit.entries().map(([uri]) => uri).find((uri) => uri.toString() !== document.uri.toString());
        if (other) action.command = { title: action.title, command: 'vscode.open', arguments: [other, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true }] };
      }
      return actions;
    },
  };
}

/**
 * The server's "used by N touchpoints" lens names a command of its own (src/server/protocol.ts)
 * with LSP arguments (uri, position, locations); VS Code's references peek takes its own types.
 */
function asShowReferences(command: vscode.Command, convert: Protocol2CodeConverter): vscode.Command {
  const [uri, position, locations] = (command.arguments ?? []) as [unknown, Position, Location[]];
  if (typeof uri !== 'string' || !Array.isArray(locations)) return command;
  return { ...command, command: 'editor.action.showReferences', arguments: [vscode.Uri.parse(uri), convert.asPosition(position), locations.map((l) => convert.asLocation(l))] };
}

/** A symbol of the packed outline as VS Code's own. */
function asVscodeSymbol(name: string, detail: string, kind: number, range: number[], selection: number[], children: vscode.DocumentSymbol[]): vscode.DocumentSymbol {
  // LSP numbers symbol kinds from 1, VS Code from 0.
  const symbol = new vscode.DocumentSymbol(name, detail, (kind - 1) as vscode.SymbolKind,
    new vscode.Range(range[0], range[1], range[2], range[3]), new vscode.Range(selection[0], selection[1], selection[2], selection[3]));
  symbol.children = children;
  return symbol;
}

/** Starts the client; a server that cannot start is logged and said once, and the rest of the extension keeps working. */
export async function startClient(client: BaseLanguageClient): Promise<boolean> {
  try {
    await client.start();
    return true;
  } catch (error) {
    log().appendLine(`The Journey Map language server did not start: ${(error as Error).stack ?? String(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Journey Map: the language server did not start, so maps are not checked. The details are in the Journey Map log.'));
    return false;
  }
}
