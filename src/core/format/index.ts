/**
 * The format room: the journey map format, version 1, as data. Shapes and fields (from which the
 * parser, completion, key hovers and the JSON Schema are derived), the typed model, value syntax
 * (percentages, durations, ratings, dates), the metric catalogue, the ticket-export columns and
 * the words every feature uses for the same facts. It imports only the base room.
 */
export {
  childShape, DURATION_STATS, FORMAT_VERSION, ID_PATTERN, IMPROVEMENT_STATUSES, isValidId, LANE_KINDS, LEVELS, MAP_STATES, SHAPES, SOURCE_KINDS,
  type FieldSpec, type LaneKind, type MapState, type RefKind, type ShapeName, type ShapeSpec, type ValueType,
} from './shapes';
export type * from './model';
export { emptyMap } from './model';
export {
  CADENCES, clockSeconds, formatCadence, formatDuration, formatSlaSpec, handoffTimes, formatIsoDate, formatPeriod, formatQuantityAmount, impossibleQuantity, magnitude, isBusinessDuration, parseCadence, parseClockDuration, parseDuration, parseInterval,
  parseIsoDate, parseQuantity, type ClockDuration, type DurationUnit, type Quantity, type UnitKind,
} from './values';
export { METRIC_CATALOGUE, metricInfo, suggestMetrics, type MetricInfo } from './catalogue';
export { COLUMN_PRESETS, TICKET_COLUMNS, type ColumnPreset, type TicketColumn } from './ticketColumns';
export { describeCalendar, parseHours, parseWeekdays, WEEKDAYS, type Calendar } from './calendar';
export { journeyMapSchema } from './schema';
export { gerund, hypothesis } from './hypothesis';
export { describeFeels, FEELS_SCALE, LANE_KIND_WORDS, NO_DIRECTION_HINT, REF_WORDS, STATUS_WORDS, type MetricStatus } from './words';
export { deadEndSpan, silentHandoffSpan, slaExceededSpan } from './findingSpans';
