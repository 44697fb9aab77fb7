/**
 * Lanes as rows, in blueprint order: customer, frontstage, backstage, system (file order within a
 * kind), so the line of visibility falls between the lanes the customer sees and the ones they do
 * not. Touchpoints whose lane id is not defined get an error row at the top, one per id, never
 * mistaken for a backstage lane. Headers wrap the lane's name and team to the header column.
 */
import { LANE_KINDS, type JourneyMap, type Lane, type LaneKind, type Touchpoint } from '../format';
import { DIMENSIONS } from './dimensions';
import { normalizeSpace, wrapText, type TextMeasure } from './textMetrics';
import type { LaneBand, Layout } from './types';

const VISIBLE_KINDS: ReadonlySet<LaneKind> = new Set(['customer', 'frontstage']);
const KIND_ORDER: Record<LaneKind, number> = { customer: 0, frontstage: 1, backstage: 2, system: 3 };
/** Width the header text may use: the header column less its accent bar and paddings. */
const HEADER_TEXT_WIDTH = DIMENSIONS.labelWidth - 28;

export interface LaneRows {
  /** The rows drawn, top to bottom (error rows first). */
  lanes: LaneBand[];
  /** Every lane, hidden ones included, for the preview's lane filter. */
  allLanes: Layout['allLanes'];
  /** The row a touchpoint is drawn in, or undefined when its lane is hidden. */
  laneFor(t: Touchpoint): LaneBand | undefined;
  /** Compare mode: the row drawn for a lane id of this map or a ghost lane's key, unless hidden. */
  laneByKey(key: string): LaneBand | undefined;
}

function kindOf(raw: string | undefined): LaneKind {
  return raw && (LANE_KINDS as readonly string[]).includes(raw) ? raw as LaneKind : 'frontstage';
}

function band(measure: TextMeasure, fields: Omit<LaneBand, 'labelLines' | 'teamLines' | 'problemLines' | 'x' | 'y' | 'width' | 'height'>): LaneBand {
  return {
    ...fields,
    labelLines: wrapText(measure, fields.name, HEADER_TEXT_WIDTH, DIMENSIONS.laneLabelSize, 3, true),
    teamLines: fields.team ? wrapText(measure, fields.team, HEADER_TEXT_WIDTH, DIMENSIONS.smallSize, 3) : [],
    problemLines: fields.problem ? wrapText(measure, fields.problem, HEADER_TEXT_WIDTH, DIMENSIONS.smallSize, 4) : [],
    x: 0, y: 0, width: 0, height: 0,
  };
}

/** Compare mode: a lane the map no longer has, drawn for the touchpoints removed from it. */
export interface GhostLane {
  key: string;
  name: string;
  kind: string | undefined;
  /** What the header says of it (`removed since HEAD~1`). */
  note: string;
}

export function layoutLanes(map: JourneyMap, hidden: ReadonlySet<string>, lineOf: (offset: number) => number, measure: TextMeasure, ghosts: readonly GhostLane[] = []): LaneRows {
  const lanes: LaneBand[] = [];
  const laneByRef = new Map<string, LaneBand>();
  const allLanes: Layout['allLanes'] = [];
  const seenLaneIds = new Set<string>();
  const hiddenLaneIds = new Set<string>();
  const known = new Set(map.lanes.map((l) => l.id?.value).filter((id): id is string => !!id));

  // Rows for touchpoints whose lane is missing or unknown, at the top, one per reference.
  const problemRows = new Map<string, LaneBand>();
  const ghostByKey = new Map<string, LaneBand>();
  for (const t of map.touchpoints) {
    const ref = t.lane?.value;
    if (ref !== undefined && known.has(ref)) continue;
    const key = `#lane:${ref ?? ''}`;
    if (problemRows.has(key)) continue;
    const name = ref === undefined ? 'No lane' : `Lane "${normalizeSpace(ref)}"`;
    allLanes.push({ key, name, kind: 'frontstage', hidden: hidden.has(key) });
    if (hidden.has(key)) continue;
    const problem = ref === undefined ? 'These touchpoints have no lane: give each a lane id.' : 'No lane has this id: add it under lanes, or fix the touchpoints\' lane.';
    problemRows.set(key, band(measure, { key, name, kind: 'frontstage', index: lanes.length, line: lineOf(t.span[0]), visible: true, problem }));
    lanes.push(problemRows.get(key)!);
  }

  // Keys in file order (a repeated id keeps the first), then rows in blueprint order.
  const rows = map.lanes.map((lane, i) => {
    const id = lane.id?.value;
    const key = id && !seenLaneIds.has(id) ? id : `#lane${i}`;
    if (id) seenLaneIds.add(id);
    return { lane, i, key, rank: KIND_ORDER[kindOf(lane.kind?.value)] };
  });
  const ghostRow = (ghost: GhostLane) => {
    const kind = kindOf(ghost.kind);
    allLanes.push({ key: ghost.key, name: ghost.name, kind, hidden: hidden.has(ghost.key) });
    if (hidden.has(ghost.key)) return;
    const row = band(measure, { key: ghost.key, name: ghost.name, kind, team: ghost.note, index: lanes.length, line: -1, visible: VISIBLE_KINDS.has(kind), removed: ghost.note });
    lanes.push(row);
    ghostByKey.set(ghost.key, row);
  };
  // Ghost lanes (compare mode) stand after the map's own lanes of their kind.
  const ghostRows = ghosts.map((ghost, g) => ({ ghost, i: map.lanes.length + g, key: ghost.key, rank: KIND_ORDER[kindOf(ghost.kind)] }));
  const ordered: ({ lane: Lane; i: number; key: string; rank: number } | (typeof ghostRows)[number])[] = [...rows, ...ghostRows];
  for (const entry of ordered.sort((a, b) => a.rank - b.rank || a.i - b.i)) {
    if ('ghost' in entry) {
      ghostRow(entry.ghost);
      continue;
    }
    const { lane, i, key } = entry;
    const id = lane.id?.value;
    const kind = kindOf(lane.kind?.value);
    const name = normalizeSpace(lane.name?.value ?? id ?? `Lane ${i + 1}`);
    allLanes.push({ key, name, kind, hidden: hidden.has(key) });
    if (hidden.has(key)) {
      if (id) hiddenLaneIds.add(id);
      continue;
    }
    const row = band(measure, { key, id, name, kind, team: lane.team ? normalizeSpace(lane.team.value) : undefined, index: lanes.length, line: lineOf(lane.span[0]), visible: VISIBLE_KINDS.has(kind) });
    lanes.push(row);
    if (id && !laneByRef.has(id)) laneByRef.set(id, row);
  }
  const laneFor = (t: Touchpoint): LaneBand | undefined => {
    const ref = t.lane?.value;
    if (ref !== undefined && hiddenLaneIds.has(ref)) return undefined;
    return (ref !== undefined ? laneByRef.get(ref) : undefined) ?? problemRows.get(`#lane:${ref ?? ''}`);
  };
  return { lanes, allLanes, laneFor, laneByKey: (key) => laneByRef.get(key) ?? ghostByKey.get(key) };
}
