/**
 * Requests where LSP has no method (protocol.ts names them), and the one command the server runs
 * itself: Mark Reviewed, applied through `workspace/applyEdit` for editors without the extension.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { diffJourneys, parseIsoDate, RULES, summarizeMap, type Diagnostic, type JourneyDiff, type JourneyDocument } from '../core';
import { layoutJourney, LIGHT_THEME, DARK_THEME, pageMeasure, renderSvg, EMBEDDED_MEASURE, type LayoutOptions } from '../core/diagram';
import type { Diagnostics } from './diagnostics';
import { EditBuilder, type EditSupport } from './edits';
import type { Features, OpenMap } from './features';
import { toDocumentSymbol } from './convert';
import {
  COMMAND_MARK_REVIEWED, DOCUMENT_SYMBOLS, LAYOUT, MARK_REVIEWED, packSymbols, RENDER, RULES_LIST, SUMMARY,
  type DocumentSymbolsParams, type LayoutParams, type LayoutResult, type PackedSymbols, type RulesResult, type MarkReviewedParams, type MarkReviewedResult, type RenderParams, type RenderResult, type SummaryParams,
} from './protocol';

export function registerCustomRequests(
  connection: Connection, features: Features, diagnostics: Diagnostics, edits: EditSupport, today: () => string, toCore: (uri: string) => string,
): void {
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

  /**
   * A text as checked: validation fills in the metrics computed from the exports, which the cards
   * show, on the very parse it is given. The parse is taken first: the service keeps one parse per
   * key, and a request for another version of the map while this one awaits its files would leave
   * a parse taken afterwards without them. A check that throws still draws the map as written.
   */
  const checked = async (service: OpenMap['scope']['service'], key: string, text: string): Promise<{ doc: JourneyDocument; diagnostics: Diagnostic[] }> => {
    const doc = service.parse(key, text);
    try {
      return { doc, diagnostics: await service.validate(key, text) };
    } catch (error) {
      connection.console.error(`Checking ${key} for its picture failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return { doc, diagnostics: [] };
    }
  };
  /** The last diff drawn: a redraw for a lane toggle or a typing pause that changed neither side does not diff again. */
  let lastDiff: { before: JourneyDocument; after: JourneyDocument; day: number; findings: string; diff: JourneyDiff } | undefined;
  /** Per map in compare mode, the key its other side is kept under: forgotten when the map is drawn alone again. */
  const compareKeys = new Map<string, string>();
  /**
   * Compare mode's other side, checked as the map is (its computed metrics too) under a key of its
   * own beside the map (beside its own file, for a baseline, whose links resolve from there), so it
   * never takes the parse of the map or of an open baseline.
   */
  const compared = async (map: OpenMap, after: { doc: JourneyDocument; diagnostics: Diagnostic[] }, other: NonNullable<LayoutParams['compare']>, day: number): Promise<LayoutOptions['compare']> => {
    const key = `${other.uri ? toCore(other.uri) : map.key}#before`;
    const previous = compareKeys.get(map.key);
    if (previous && previous !== key) map.scope.service.forget(previous);
    compareKeys.set(map.key, key);
    const { doc: before, diagnostics } = await checked(map.scope.service, key, other.text);
    // Findings can change with the same text (a runbook edited): they are part of the key.
    const findings = [...diagnostics, ...after.diagnostics].map((d) => `${d.code}\u0000${d.message}`).join('\n');
    const memo = lastDiff;
    const diff = memo && memo.before === before && memo.after === after.doc && memo.day === day && memo.findings === findings
      ? memo.diff
      : diffJourneys({ doc: before, diagnostics }, after, { today: day });
    lastDiff = { before, after: after.doc, day, findings, diff };
    return { before: before.map, diff, label: other.label };
  };

  /** A map drawn alone again lets its other side go. */
  const leaveCompare = (map: OpenMap): void => {
    const key = compareKeys.get(map.key);
    if (!key) return;
    map.scope.service.forget(key);
    compareKeys.delete(map.key);
    lastDiff = undefined;
  };

  connection.onRequest(LAYOUT, async (params: LayoutParams): Promise<LayoutResult> => {
    const map = await open(params?.textDocument?.uri);
    if (!params.compare) leaveCompare(map);
    const after = await checked(map.scope.service, map.key, map.text);
    const errors = after.diagnostics.filter((d) => d.severity === 'error').length;
    if (!after.doc.map.lanes.length || !after.doc.map.stages.length) return { layout: null, errors };
    const measure = params.font ? pageMeasure(params.font.family, params.font.regular, params.font.bold) : undefined;
    const day = dayOf(map.scope.settings.today ?? today());
    const compare = params.compare ? await compared(map, after, params.compare, day) : undefined;
    const layout = layoutJourney(after.doc, { hiddenLanes: params.hiddenLanes, detail: params.detail, measure: measure ?? EMBEDDED_MEASURE, compare, today: day });
    return { layout, errors };
  });

  connection.onRequest(RENDER, async (params: RenderParams): Promise<RenderResult> => {
    const map = await open(params?.textDocument?.uri);
    const { doc } = await checked(map.scope.service, map.key, map.text);
    if (!doc.map.lanes.length || !doc.map.stages.length) throw new ResponseError(ErrorCodes.InvalidRequest, 'The map has no lanes or stages to draw.');
    const layout = layoutJourney(doc, { detail: params.detail ?? 'full', hiddenLanes: params.hiddenLanes, today: dayOf(map.scope.settings.today ?? today()) });
    return { svg: renderSvg(layout, { theme: params.theme === 'dark' ? DARK_THEME : LIGHT_THEME }) };
  });

  // Like documentSymbol: a document that is not a map (a runbook the lenses follow) has no outline from here.
  connection.onRequest(DOCUMENT_SYMBOLS, async (params: DocumentSymbolsParams): Promise<PackedSymbols> => {
    const uri = params?.textDocument?.uri;
    const map = uri ? await features.open(uri) : undefined;
    return packSymbols(map ? map.scope.service.symbols(map.key, map.text).map(toDocumentSymbol) : []);
  });

  connection.onRequest(RULES_LIST, (): RulesResult => RULES.map(({ name, group, severity, summary, fixed }) => ({ name, group, severity, summary, ...(fixed ? { fixed } : {}) })));

  connection.onRequest(SUMMARY, async (params: SummaryParams) => {
    const map = await open(params?.textDocument?.uri);
    const found = diagnostics.coreDiagnostics(map.key);
    const { doc, diagnostics: own } = await checked(map.scope.service, map.key, map.text);
    return summarizeMap(map.key, doc, found.length ? found : own, dayOf(map.scope.settings.today ?? today()));
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
