/**
 * The public surface of the core for the adapters (extension, CLI, webview, language server,
 * benchmarks), named export by export. The diagram has its own entry, `core/diagram`.
 *
 * The core is grouped in rooms, each with an index.ts that names its public exports, and may
 * import only the rooms below it (enforced by test/architecture.test.ts; see CONTRIBUTING.md):
 *   base -> format -> files -> parse -> evidence -> rules -> language,  and beside rules: diff (then
 *   diagram) and portfolio.
 */
export type {
  CompletionItem, CompletionKind, Diagnostic, DiagnosticData, DocumentSymbol, Finding, FoldingRange, Hover, Location, Position, Range,
  Severity, SeveritySetting, Span, SymbolKind, TextEdit, Today,
} from './base';
export { LineIndex, quoteShort } from './base';
export {
  FORMAT_VERSION, formatDuration, formatIsoDate, IMPROVEMENT_STATUSES, formatQuantityAmount, isValidId, journeyMapSchema, LANE_KINDS, METRIC_CATALOGUE, metricInfo, parseIsoDate,
  parseQuantity, SHAPES, STATUS_WORDS, NO_DIRECTION_HINT, describeFeels, type LaneKind, type MetricInfo, type MetricStatus, type Quantity, type UnitKind,
} from './format';
export type * from './format/model';
export {
  anchorLine, describeFileProblem, isInsideRoot, markdownAnchors, markdownHeadings, markdownOutline, markdownSection, relativePath, resolveLink, slugify, splitAnchor,
  type FileProblem, type FileRead, type FileReader, type FileStat, type MarkdownHeading, type MarkdownOutline,
} from './files';
export { DEFAULT_MAX_SIZE, parseJourney, tooLargeMessage, unreadableMapDiagnostic, type JourneyDocument, type ParseOptions } from './parse';
export {
  describeSignal, evaluateMetric, evaluateSignal, layoutOf, metricSql, reviewState, SQL_DIALECTS, STALE_DAYS, TicketAggregator,
  type MetricEvaluation, type ReviewState, type SignalEvaluation, type SignalState, type SqlDialect,
} from './evidence';
export { RULES, ruleByName, type RuleInfo } from './rules';
export {
  carryOverFindings, FROM_LAST_VALID, getLanguageService, hypothesisSentence, validateSync, type CodeFix, type DocumentLink, type LanguageService, type LanguageServiceOptions,
  type RenameResult, type ReviewEdits, type StageSummary,
} from './language';
export {
  diffJourneys, diffSummary, diffToMarkdown, diffToText, escapeMarkdown, hasChanges, type DiffSide, type JourneyDiff,
} from './diff';
export {
  briefSummary, DUE_SOON_DAYS, groupMaps, improvementBoard, reviewSummary, summarizeMap,
  type Grouping, type ImprovementSummary, type MapGroup, type MapSummary, type MetricMiss, type ReviewStatus,
} from './portfolio';
