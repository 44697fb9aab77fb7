/**
 * The laid-out picture of a journey map: plain, JSON-serialisable data with absolute coordinates
 * (pixels, origin top left). Produced by `layoutJourney`, drawn by `renderSvg`, posted to the
 * webview as is. Lines are 0-based editor lines of the item's source.
 */
import type { LaneKind, MetricStatus } from '../format';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaneBand extends Rect {
  /** Unique key (the lane id, or `#lane:<ref>` for touchpoints whose lane id is not defined). */
  key: string;
  id?: string;
  name: string;
  kind: LaneKind;
  team?: string;
  index: number;
  line: number;
  /** The lane's name wrapped to the header column. */
  labelLines: string[];
  /** The team wrapped to the header column. */
  teamLines: string[];
  /** True when the lane sits above the line of visibility (customer or frontstage). */
  visible: boolean;
  /** Set for the row of touchpoints whose lane is not defined: what is wrong, drawn as an error. */
  problem?: string;
  /** The problem wrapped to the header column. */
  problemLines: string[];
  /** Compare mode: a lane the map no longer has, drawn for the touchpoints removed from it (`removed since HEAD~1`). */
  removed?: string;
}

export interface StageColumn extends Rect {
  key: string;
  id?: string;
  name: string;
  index: number;
  line: number;
  labelLines: string[];
  /** The first global card column of the stage, and how many it spans. */
  firstColumn: number;
  columns: number;
  touchpointCount: number;
  /** Compare mode: a stage the map no longer has, drawn for the touchpoints removed from it (`removed since HEAD~1`). */
  removed?: string;
}

export interface MetricBadge {
  name: string;
  value?: string;
  target?: string;
  status: MetricStatus;
  better?: 'higher' | 'lower';
  gap?: string;
  source?: string;
  asOf?: string;
  /** The badge's lines on the card (compact: one, the name shortened to keep the figures; full: the whole name, wrapped). */
  lines: string[];
  /** Set when the value is computed from a ticket export (`from:`): the tickets it used, the period, or why it is missing. */
  computed?: { rows?: number; problem?: string; period?: string };
  /** In full detail, the lines under a computed badge (`computed from tickets · n 572 · 2026-07-01 to 2026-09-30`). */
  noteLines: string[];
}

export interface Card extends Rect {
  /** Unique key: the touchpoint id, or `#<index>` when it has none (or a duplicate id). */
  key: string;
  id?: string;
  index: number;
  laneKey: string;
  stageKey: string;
  laneIndex: number;
  stageIndex: number;
  /** The card's column, counted across the whole picture (left to right, in time order). */
  column: number;
  line: number;
  /** The touchpoint's last line in the map (its block's last character's): the editor's cursor from `line` to here highlights the card (-1 for the other side's). */
  endLine: number;
  name: string;
  titleLines: string[];
  channel?: string;
  /** The channel as drawn in the card's header (upper case, shortened). */
  channelLabel?: string;
  does?: string;
  thinks?: string;
  feels?: number;
  pains: string[];
  /** Pain lines as drawn on the card (compact: the first two, shortened; full: all, wrapped). */
  painLines: PainLine[];
  metrics: MetricBadge[];
  /** Metric badges drawn on the card (compact: the rest are in the tooltip; full: all). */
  metricRows: number;
  runbook?: string;
  /** `next: []` before the end: an explicit dead end. */
  deadEnd: boolean;
  /** The dead end is accepted by the team (a disable comment): drawn as an end, not an alarm. */
  deadEndAccepted?: boolean;
  /** Improvement ids that target this touchpoint. */
  improvements: string[];
  /** The improvements line drawn at the card's foot (`↑ 2 improvements: faster-reset, …`). */
  improvementLabel?: string;
  customer: boolean;
  /** Compare mode only: how this touchpoint changed since the other side. */
  compare?: CardCompare;
}

/**
 * A card's mark in compare mode. `removed` cards are ghosts: the touchpoint as it was on the other
 * side, drawn faded in its old lane and stage (their `line` is the other side's, so it is not a link).
 */
export interface CardCompare {
  kind: 'added' | 'changed' | 'removed';
  /** The tag drawn in the card's header (`NEW`, `CHANGED`, `REMOVED`). */
  tag: string;
  /** The tag's width, measured with the picture's font. */
  tagWidth: number;
  /** What changed, one line each, `before → after` (the tooltip lists them). */
  changes: string[];
  /** Removed: the width of each title line, for the strike-through. */
  strike?: number[];
}

/** A line of a card's pains: the first line of a pain carries the pain marker, the lines it wraps onto do not. */
export interface PainLine {
  text: string;
  marked: boolean;
}

export type FlowKind = 'flow' | 'loop';

export interface FlowEdge {
  key: string;
  from: string;
  to: string;
  kind: FlowKind;
  /** True when the edge comes from document order rather than an explicit `next`. */
  implicit: boolean;
  points: Point[];
  line: number;
}

export interface HandoffEdge {
  key: string;
  index: number;
  from: string;
  to: string;
  sla?: string;
  wait?: string;
  notifiesCustomer: boolean;
  overSla: boolean;
  /** Red: silent or over its SLA, and not accepted by the team. */
  alert: boolean;
  /** What the team accepted with a disable comment (`silent`, `over SLA`): drawn as facts. */
  accepted: string[];
  /** True when the handoff is also the flow's next step: one arrow says both. */
  carriesFlow: boolean;
  label: string;
  /** Where the label is drawn (placed clear of cards, other labels and the line of visibility). */
  labelBox: Rect;
  points: Point[];
  line: number;
  note?: string;
}

export interface CurvePoint extends Point {
  key: string;
  feels: number;
  line: number;
  name: string;
  /** Where the point's number is drawn (clear of the other curves' numbers). */
  labelAt: Point;
}

/** The band above the lanes where the emotion curves are drawn. */
export interface CurveBand extends Rect {
  /** y of feels = 0. */
  zeroY: number;
  /** Pixels per feels unit. */
  unit: number;
}

/** One customer lane's emotion curve. */
export interface EmotionCurve {
  laneKey: string;
  laneName: string;
  /** The lane's name as the curve band's key shows it (shortened to the header column). */
  label: string;
  /** Which of the curve styles it is drawn in (0: solid, 1: dashed, ...). */
  style: number;
  points: CurvePoint[];
}

export interface ImprovementItem {
  key: string;
  id?: string;
  index: number;
  line: number;
  sentence: string;
  experiment?: string;
  outcome?: string;
  signal?: string;
  impact?: string;
  effort?: string;
  owner?: string;
  due?: string;
  status?: string;
  for: string[];
  /** A structured signal judged on the layout's `today`: "met: 82% (computed, n 311), target 80% by 2027-03-31". */
  signalStatus?: string;
}

/** One entry of the legend: a mark drawn in this picture, and what it means. */
export interface LegendEntry {
  mark: LegendMark;
  label: string;
  x: number;
  y: number;
  /** For `curve`: the curve style. */
  style?: number;
}

export type LegendMark =
  | 'flow' | 'loop' | 'handoff' | 'handoff-alert' | 'handoff-accepted' | 'dead-end' | 'dead-end-accepted' | 'pain'
  | 'meets' | 'misses' | 'no-target' | 'computed' | 'feels' | 'improvement' | 'visibility' | 'curve' | 'unknown-lane'
  | 'compare-added' | 'compare-changed' | 'compare-removed' | 'curve-before';

/** A block of text lines below the picture (full detail: the improvements, the footer). */
export interface TextBlock {
  key: string;
  x: number;
  y: number;
  /** Lines as drawn, each with its style, indent in pixels (the lines an item wraps onto) and source line. */
  lines: { text: string; style: 'heading' | 'text' | 'muted'; indent?: number; line?: number }[];
}

/** Where a stage's picture continues, for a picture of some stages only (`--stage`). */
export interface StageStub {
  key: string;
  /** The card inside the picture, and the stage the other end is in. */
  card: string;
  stage: string;
  direction: 'in' | 'out';
  points: Point[];
  label: string;
  labelBox: Rect;
}

export interface Layout {
  width: number;
  height: number;
  title: string;
  /** The title as drawn: shortened to the picture's width (the SVG's `<title>` has it whole). */
  titleLine: string;
  subtitleLines: string[];
  /** The grid's outer box (lanes x stages, without the header column). */
  grid: Rect;
  labelWidth: number;
  /** The font family the text was measured for (what the SVG declares). */
  fontFamily: string;
  detail: 'compact' | 'full';
  lanes: LaneBand[];
  /** Every lane of the map, drawn or filtered out, for the lane filter. */
  allLanes: { key: string; name: string; kind: LaneKind; hidden: boolean }[];
  stages: StageColumn[];
  cards: Card[];
  flows: FlowEdge[];
  handoffs: HandoffEdge[];
  /** Edges to and from stages left out of this picture. */
  stubs: StageStub[];
  /** y of the line of visibility, when there are lanes on both sides of it. */
  visibilityY?: number;
  curveBand?: CurveBand;
  curves: EmotionCurve[];
  improvements: ImprovementItem[];
  legendY: number;
  legend: LegendEntry[];
  /** Full detail: the improvements as sentences and the footer (owner, review, sources). */
  blocks: TextBlock[];
  /** Which router drew the edges. */
  router: 'grid' | 'elk';
  /** Compare mode only: what the picture is compared with, and how many cards carry each mark. */
  compare?: { label: string; added: number; changed: number; removed: number; otherUnreadable?: true };
  /** Compare mode only: the emotion curves of the other side, at the cards' places in this picture. */
  beforeCurves?: EmotionCurve[];
}
