/**
 * What changed in a journey between two versions of a map, in the map's own terms: matched by id
 * (a touchpoint whose id changed but whose content did not is a rename), never by line. Plain,
 * JSON-serialisable data: `journeymap diff --format json` prints it as is, the text and Markdown
 * reports and the preview's compare mode read it.
 *
 * Order alone is not a change: stages, lanes, touchpoints, metrics, pains, handoffs and
 * improvements are matched by id (or content), so moving a block in the file reports nothing.
 */
import type { Severity } from '../base';
import type { MetricStatus } from '../format';

/** A touchpoint as the diff names it. `line` is 0-based in the side it comes from. */
export interface TouchpointRef {
  id: string;
  name?: string;
  lane?: string;
  stage?: string;
  line: number;
}

/** A lane or a stage as the diff names it. */
export interface LaneRef {
  id: string;
  name?: string;
  line: number;
}

/** A lane or stage whose display name changed. */
export interface NameChange {
  id: string;
  before?: string;
  after?: string;
}

export interface StageRef {
  id: string;
  name?: string;
  line: number;
}

/** An id that changed while what it names did not (same content, or the same name). */
export interface Rename {
  from: string;
  to: string;
  /** The new side's touchpoint (or stage). */
  after: TouchpointRef;
}

/** A touchpoint now in another lane or stage. */
export interface Move {
  touchpoint: TouchpointRef;
  lane?: { before?: string; after?: string };
  stage?: { before?: string; after?: string };
}

/** A field of a touchpoint that changed (name, channel, does, thinks, runbook; `next` as its ids joined with ", "). */
export interface FieldChange {
  touchpoint: TouchpointRef;
  field: 'name' | 'channel' | 'does' | 'thinks' | 'runbook' | 'next';
  before?: string;
  after?: string;
}

export interface FeelsChange {
  touchpoint: TouchpointRef;
  before?: number;
  after?: number;
}

export interface PainsChange {
  touchpoint: TouchpointRef;
  added: string[];
  removed: string[];
}

/** A metric's figures on one side: the value shown (computed when it is), target, status. */
export interface MetricSide {
  value?: string;
  target?: string;
  status: MetricStatus;
  /** Set when the value was computed from a ticket export: the sample size. */
  computed?: { n: number };
  source?: string;
}

export interface MetricChange {
  touchpoint: TouchpointRef;
  metric: string;
  change: 'added' | 'removed' | 'changed';
  before?: MetricSide;
  after?: MetricSide;
}

export interface HandoffSide {
  sla?: string;
  wait?: string;
  notifiesCustomer?: boolean;
  line: number;
}

export interface HandoffChange {
  /** Touchpoint ids on the new side (renamed ids already followed). */
  from: string;
  to: string;
  change: 'added' | 'removed' | 'changed';
  before?: HandoffSide;
  after?: HandoffSide;
}

export interface ImprovementSide {
  status?: string;
  /** A structured signal judged on this side's figures (when the diff was given a date). */
  signal?: { state: 'met' | 'not-yet' | 'missed' | 'unknown'; value?: string; n?: number };
  owner?: string;
  due?: string;
  for: string[];
  line: number;
}

export interface ImprovementChange {
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** What changed, for 'changed': status, owner, due, signal (its state or figure), for, hypothesis, id. */
  fields: string[];
  before?: ImprovementSide;
  after?: ImprovementSide;
}

/** A finding as the diff compares it: by rule and message, not by line (lines move). */
export interface DiffFinding {
  code: string;
  severity: Severity;
  message: string;
  line: number;
}

/** The average `feels` of the customer lanes' touchpoints in a stage, on each side. */
export interface CurvePoint {
  stage: string;
  before?: number;
  after?: number;
}

export interface JourneyDiff {
  /** `added`/`removed`: the map exists on one side only. `unchanged`: nothing in the map changed. */
  status: 'changed' | 'unchanged' | 'added' | 'removed';
  title: { before?: string; after?: string };
  /**
   * The sides that could not be read as a map (a YAML error, too large, not a mapping): nothing
   * is compared then (an empty model would read as every touchpoint removed), only findings.
   */
  unreadable: ('before' | 'after')[];
  /** Top-level fields (title, persona, scenario, goal, owner, review, state, baseline) whose value changed. */
  header: { field: string; before?: string; after?: string }[];
  /** `renamed`: a new id; `edited`: the same id with a new display name. */
  lanes: { added: LaneRef[]; removed: LaneRef[]; renamed: { from: string; to: string; after: LaneRef }[]; edited: NameChange[] };
  stages: { added: StageRef[]; removed: StageRef[]; renamed: { from: string; to: string; after: StageRef }[]; edited: NameChange[] };
  touchpoints: { added: TouchpointRef[]; removed: TouchpointRef[]; renamed: Rename[]; moved: Move[]; edited: FieldChange[] };
  feels: FeelsChange[];
  pains: PainsChange[];
  metrics: MetricChange[];
  handoffs: HandoffChange[];
  improvements: ImprovementChange[];
  findings: { introduced: DiffFinding[]; fixed: DiffFinding[] };
  curve: CurvePoint[];
}
