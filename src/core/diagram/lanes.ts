/**
 * Lanes as rows, in blueprint order: customer, frontstage, backstage, system (file order within a
 * kind), so the line of visibility falls between the lanes the customer sees and the ones they do
 * not. Touchpoints whose lane id is not defined get an error row at the top, one per id, never
 * mistaken for a backstage lane. Headers wrap the lane's name and team to the header column.
 */
import { LANE_KINDS, type JourneyMap, type LaneKind, type Touchpoint } from '../format';
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

export function layoutLanes(map: JourneyMap, hidden: ReadonlySet<string>, lineOf: (offset: number) => number, measure: TextMeasure): LaneRows {
  const lanes: LaneBand[] = [];
  const laneByRef = new Map<string, LaneBand>();
  const allLanes: Layout['allLanes'] = [];
  const seenLaneIds = new Set<string>();
  const hiddenLaneIds = new Set<string>();
  const known = new Set(map.lanes.map((l) => l.id?.value).filter((id): id is string => !!id));

  // Rows for touchpoints whose lane is missing or unknown, at the top, one per reference.
  const problemRows = new Map<string, LaneBand>();
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
  }).sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const { lane, i, key } of rows) {
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
  return { lanes, allLanes, laneFor };
}
