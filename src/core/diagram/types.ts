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
  /** Unique key (the lane id, or a synthetic key for touchpoints without a known lane). */
  key: string;
  id?: string;
  name: string;
  kind: LaneKind;
  team?: string;
  index: number;
  line: number;
  /** The lane's name wrapped to the label column. */
  labelLines: string[];
  /** True when the lane sits above the line of visibility (customer or frontstage). */
  visible: boolean;
  synthetic?: boolean;
}

export interface StageColumn extends Rect {
  key: string;
  id?: string;
  name: string;
  index: number;
  line: number;
  labelLines: string[];
  /** Number of card slots side by side in this column. */
  slots: number;
  touchpointCount: number;
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
  /** One short line for the card. */
  label: string;
  /** Set when the value is computed from a ticket export (`from:`): the rows it used, or why it is missing. */
  computed?: { rows?: number; problem?: string };
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
  /** Position inside the lane x stage cell: column slot and row. */
  slot: number;
  row: number;
  line: number;
  name: string;
  titleLines: string[];
  channel?: string;
  /** The channel as drawn in the card's header (upper case, shortened). */
  channelLabel?: string;
  does?: string;
  thinks?: string;
  feels?: number;
  pains: string[];
  /** Pain lines as drawn on the card (first pains, shortened). */
  painLines: string[];
  metrics: MetricBadge[];
  /** Metric badges drawn on the card (the rest are in the tooltip). */
  metricRows: number;
  runbook?: string;
  /** `next: []`: an explicit dead end. */
  deadEnd: boolean;
  /** Improvement ids that target this touchpoint. */
  improvements: string[];
  customer: boolean;
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
  /** Red: silent (does not notify the customer) or waits longer than its SLA. */
  alert: boolean;
  label: string;
  labelAt: Point;
  labelWidth: number;
  points: Point[];
  line: number;
  note?: string;
}

export interface CurvePoint extends Point {
  key: string;
  feels: number;
  line: number;
  name: string;
}

export interface EmotionCurve extends Rect {
  points: CurvePoint[];
  /** y of feels = 0. */
  zeroY: number;
  /** Pixels per feels unit. */
  unit: number;
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
}

export interface Layout {
  width: number;
  height: number;
  title: string;
  subtitleLines: string[];
  /** The grid's outer box (lanes x stages, without the label column). */
  grid: Rect;
  labelWidth: number;
  lanes: LaneBand[];
  /** Every lane of the map, drawn or filtered out, for the lane filter. */
  allLanes: { key: string; name: string; kind: LaneKind; hidden: boolean }[];
  stages: StageColumn[];
  cards: Card[];
  flows: FlowEdge[];
  handoffs: HandoffEdge[];
  /** y of the line of visibility, when there are lanes on both sides of it. */
  visibilityY?: number;
  curve?: EmotionCurve;
  improvements: ImprovementItem[];
  legendY: number;
  /** Which router drew the edges. */
  router: 'grid' | 'elk';
}
