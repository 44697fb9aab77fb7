/**
 * Requests where LSP has no method (protocol.ts names them), and the one command the server runs
 * itself: Mark Reviewed, applied through `workspace/applyEdit` for editors without the extension.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { parseIsoDate, summarizeMap } from '../core';
import { layoutJourney, LIGHT_THEME, DARK_THEME, pageMeasure, renderSvg, EMBEDDED_MEASURE } from '../core/diagram';
import type { Diagnostics } from './diagnostics';
import { EditBuilder, type EditSupport } from './edits';
import type { Features, OpenMap } from './features';
import { toDocumentSymbol } from './convert';
import {
  COMMAND_MARK_REVIEWED, DOCUMENT_SYMBOLS, LAYOUT, MARK_REVIEWED, packSymbols, RENDER, SUMMARY,
  type DocumentSymbolsParams, type LayoutParams, type PackedSymbols, type MarkReviewedParams, type MarkReviewedResult, type RenderParams, type RenderResult, type SummaryParams,
} from './protocol';

export function registerCustomRequests(connection: Connection, features: Features, diagnostics: Diagnostics, edits: EditSupport, today: () => string): void {
  const open = async (uri: string | undefined): Promise<OpenMap> => {
    const map = uri ? await features.open(uri) : undefined;
    if (!map) throw new ResponseError(ErrorCodes.InvalidParams, `${uri ?? 'The document'} is not a journey map open in the language server.`);
    return map;
  };
  const markReviewed = async (uri: string | undefined): Promise<MarkReviewedResult> => {
    const map = await open(uri);
    const result = map.scope.service.markReviewed(map.key, map.text);
    if ('refused' in result) return result;
    return { edit: new EditBuilder(edits).edit(map.doc.uri, map.doc.version, result.edits).build() };
  };

  connection.onRequest(MARK_REVIEWED, (params: MarkReviewedParams) => markReviewed(params?.textDocument?.uri));

  connection.onRequest(LAYOUT, async (params: LayoutParams) => {
    const map = await open(params?.textDocument?.uri);
    const measure = params.font ? pageMeasure(params.font.family, params.font.regular, params.font.bold) : undefined;
    return layoutJourney(map.scope.service.parse(map.key, map.text), {
      hiddenLanes: params.hiddenLanes, detail: params.detail, measure: measure ?? EMBEDDED_MEASURE, today: dayOf(map.scope.settings.today ?? today()),
    });
  });

  connection.onRequest(RENDER, async (params: RenderParams): Promise<RenderResult> => {
    const map = await open(params?.textDocument?.uri);
    const layout = layoutJourney(map.scope.service.parse(map.key, map.text), { detail: params.detail ?? 'full', today: dayOf(map.scope.settings.today ?? today()) });
    return { svg: renderSvg(layout, { theme: params.theme === 'dark' ? DARK_THEME : LIGHT_THEME }) };
  });

  // Like documentSymbol: a document that is not a map (a runbook the lenses follow) has no outline from here.
  connection.onRequest(DOCUMENT_SYMBOLS, async (params: DocumentSymbolsParams): Promise<PackedSymbols> => {
    const uri = params?.textDocument?.uri;
    const map = uri ? await features.open(uri) : undefined;
    return packSymbols(map ? map.scope.service.symbols(map.key, map.text).map(toDocumentSymbol) : []);
  });

  connection.onRequest(SUMMARY, async (params: SummaryParams) => {
    const map = await open(params?.textDocument?.uri);
    const found = diagnostics.coreDiagnostics(map.key);
    const shown = found.length ? found : await map.scope.service.validate(map.key, map.text);
    return summarizeMap(map.key, map.scope.service.parse(map.key, map.text), shown, dayOf(map.scope.settings.today ?? today()));
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== COMMAND_MARK_REVIEWED) throw new ResponseError(ErrorCodes.InvalidRequest, `Unknown command ${command}.`);
    const uri = typeof args?.[0] === 'string' ? args[0] : (args?.[0] as { uri?: string } | undefined)?.uri;
    const result = await markReviewed(uri);
    if ('refused' in result) {
      void connection.window.showWarningMessage(result.refused);
      return result;
    }
    const applied = await connection.workspace.applyEdit({ label: 'Mark Reviewed Today', edit: result.edit });
    return { applied: applied.applied };
  });
}

function dayOf(iso: string): number {
  const day = parseIsoDate(iso);
  if (day === undefined) throw new ResponseError(ErrorCodes.InternalError, `The clock gave "${iso}", not a date (YYYY-MM-DD).`);
  return day;
}
