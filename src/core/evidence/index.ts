/**
 * The evidence room: what the map's numbers are measured against. Metrics computed from ticket
 * exports (a one-pass aggregator over records the adapters stream in, cached per export version),
 * and the judgements shared by rules, hovers, CodeLens and the preview: a metric against its
 * target, an improvement's structured signal against its target and date, a review against its
 * cadence. It imports base, format, files and parse.
 */
export { clockOf, computeMetrics, layoutOf, type TicketCache } from './computed';
export {
  DEFAULT_REVIEW_DAYS, evaluateMetric, metricDirection, reviewState, shownValue, STALE_DAYS, type MetricEvaluation, type ReviewState,
} from './status';
export { describeSignal, evaluateSignal, type SignalEvaluation, type SignalState, type SignalUnknown } from './signal';
export {
  COMPUTABLE, defaultStat, queryKey, slaSpecOf, TicketAggregator, type DurationStat, type ExportLayout, type TicketQuery, type TicketSummary,
} from './tickets';
export { DateReader, formatHint, parseDateTime } from './dates';
export { BusinessClock } from './businessTime';
export { metricSql, SQL_DIALECTS, type EmittedSql, type SqlDialect, type SqlSource } from './sql';
