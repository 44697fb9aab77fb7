/** The typed journey map model. Every value keeps the source span it came from. */
import type { Span } from '../base';
import type { LaneKind, MapState, RefKind, ShapeName } from './shapes';
import type { Calendar } from './calendar';
import type { ClockDuration, Quantity } from './values';

export type { Span } from '../base';
export type { LaneKind } from './shapes';

/** A metric computed from a ticket export: its value and sample, or why there is none. */
export interface ComputedValue {
  value?: Quantity;
  /** The sample size: the rows the value was computed over. */
  n: number;
  /** Why no value could be computed. */
  problem?: string;
  /** Which clock and statistic the figure uses, in words, for hovers: "p90, wall-clock". */
  clock?: string;
}

/** A problem in the file itself, with its one-based position when known. */
export interface CsvProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface Located<T> {
  value: T;
  /** The value's span. */
  span: Span;
  /** The span of the key the value belongs to, when it has one. */
  keySpan?: Span;
}

export interface Review {
  span: Span;
  keySpan: Span;
  /** Days since the epoch. */
  last?: Located<number>;
  /** Cadence in days (default quarter). */
  every?: Located<number>;
  triggers: Located<string>[];
}

/** An SLA: one duration for every ticket (`all`), or one per priority value (`{ P1: 4h, P2: 2bd }`). */
export interface SlaSpec {
  all?: ClockDuration;
  /** Priority value as written -> duration; matched case-insensitively against the priority column. */
  byPriority?: Record<string, ClockDuration>;
}

export interface Source {
  span: Span;
  id?: Located<string>;
  kind?: Located<string>;
  path?: Located<string>;
  period?: Located<{ start: number; end: number }>;
  /**
   * Ticket-export column mapping: logical column (or a short name for `where:`) -> header name, as
   * written; a preset's names fill in the logical columns not written.
   */
  columns?: Located<Record<string, string>>;
  /** `columns: jira` or `columns: { preset: jira, ... }`: a known preset name. */
  preset?: Located<string>;
  /** `date_format:` in Unicode tokens (`dd/MMM/yy h:mm a`). */
  dateFormat?: Located<string>;
  /** `timezone:`, an IANA name the runtime knows. */
  timezone?: Located<string>;
  calendar?: Located<Calendar>;
  /** Set by validation when the export was read. */
  export?: { rows: number; oldest?: number; newest?: number; problem?: CsvProblem };
}

export interface Lane {
  span: Span;
  index: number;
  id?: Located<string>;
  name?: Located<string>;
  kind?: Located<LaneKind>;
  team?: Located<string>;
}

export interface Stage {
  span: Span;
  index: number;
  id?: Located<string>;
  name?: Located<string>;
  /** The `touchpoints:` key, when present. */
  touchpointsKeySpan?: Span;
  touchpoints: Touchpoint[];
}

export interface Metric {
  span: Span;
  name: Located<string>;
  /** True for the `name: value` shorthand. */
  shorthand: boolean;
  value?: Located<Quantity>;
  target?: Located<Quantity>;
  source?: Located<string>;
  asOf?: Located<number>;
  better?: Located<'higher' | 'lower'>;
  note?: Located<string>;
  /** Compute the value from this source's ticket export. */
  from?: Located<string>;
  where?: Located<Record<string, string[]>>;
  /** For sla_breach_rate: the SLA, on either clock, or per priority. */
  sla?: Located<SlaSpec>;
  /** For a computed duration: which statistic (default: the catalogue's, mean for mttr, else p50). */
  stat?: Located<'p50' | 'p90' | 'p95' | 'mean'>;
  tolerance?: Located<Quantity>;
  /** Set by validation when `from` could be computed (or why not). */
  computed?: ComputedValue;
}

export interface Touchpoint {
  span: Span;
  /** Position in document order across all stages. */
  index: number;
  stage: Stage;
  id?: Located<string>;
  lane?: Located<string>;
  name?: Located<string>;
  channel?: Located<string>;
  does?: Located<string>;
  thinks?: Located<string>;
  feels?: Located<number>;
  pains: Located<string>[];
  /** Undefined when `next` is absent (flow follows document order); [] is an explicit dead end. */
  next?: Located<string>[];
  nextKeySpan?: Span;
  runbook?: Located<string>;
  metrics: Metric[];
  metricsKeySpan?: Span;
}

export interface Handoff {
  span: Span;
  index: number;
  from?: Located<string>;
  to?: Located<string>;
  /** Seconds, for a wall-clock SLA written as one duration (`4h`); business or per-priority SLAs are in slaSpec only. */
  sla?: Located<number>;
  wait?: Located<number>;
  /** The SLA and the wait as written, on their clocks, or per priority. */
  slaSpec?: Located<SlaSpec>;
  waitSpec?: Located<SlaSpec>;
  notifiesCustomer?: Located<boolean>;
  note?: Located<string>;
}

export interface Improvement {
  span: Span;
  index: number;
  id?: Located<string>;
  for: Located<string>[];
  forKeySpan?: Span;
  experiment?: Located<string>;
  outcome?: Located<string>;
  /**
   * The success signal as a sentence: as written, or for a structured signal one made from its
   * parts ("fcr at desk-verify reaches 80% by 2027-03-31"), so every reader of the hypothesis has one.
   */
  signal?: Located<string>;
  /** A structured signal (`signal: { metric, at, target, by }`), which evidence can check. */
  signalCheck?: SignalCheck;
  impact?: Located<string>;
  effort?: Located<string>;
  owner?: Located<string>;
  due?: Located<number>;
  status?: Located<string>;
}

/** `signal: { metric: fcr, at: desk-verify, target: 80%, by: 2027-03-31 }`. */
export interface SignalCheck {
  /** The mapping's span. */
  span: Span;
  keySpan: Span;
  metric?: Located<string>;
  /** A touchpoint id. */
  at?: Located<string>;
  target?: Located<Quantity>;
  /** Days since the epoch. */
  by?: Located<number>;
}

export interface JourneyMap {
  span: Span;
  version?: Located<unknown>;
  title?: Located<string>;
  /** Every persona written; more than one is a `multiple-personas` finding. */
  personas: Located<string>[];
  personaKeySpan?: Span;
  scenario?: Located<string>;
  goal?: Located<string>;
  owner?: Located<string>;
  /** `state: current | future`, when said. */
  state?: Located<MapState>;
  /** For a future map: the path of its current-state map, as written. */
  baseline?: Located<string>;
  review?: Review;
  /** The business calendar business durations count in (a source may have its own). */
  calendar?: Located<Calendar>;
  sources: Source[];
  sourcesKeySpan?: Span;
  lanes: Lane[];
  stages: Stage[];
  /** All touchpoints in document order. */
  touchpoints: Touchpoint[];
  handoffs: Handoff[];
  improvements: Improvement[];
  improvementsKeySpan?: Span;
}

/** A place where an id is defined. */
export interface Definition {
  kind: RefKind;
  name: string;
  span: Span;
}

/** A place where an id is used. */
export interface Reference {
  kind: RefKind;
  name: string;
  span: Span;
}

/** A key in the file, with the shape it belongs to: for key hovers and completion context. */
export interface KeyOccurrence {
  span: Span;
  shape: ShapeName;
  field: string;
  /** The value was reported as invalid: rules about the field stay quiet (one mistake, one finding). */
  invalid?: true;
}

export function emptyMap(): JourneyMap {
  return { span: [0, 0], personas: [], sources: [], lanes: [], stages: [], touchpoints: [], handoffs: [], improvements: [] };
}
