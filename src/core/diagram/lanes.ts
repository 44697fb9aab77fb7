/**
 * Lanes as rows, in blueprint order (customer, frontstage, backstage, system; file order within a
 * kind), so the line of visibility can be drawn between the frontstage and the backstage lanes.
 */
import type { JourneyMap, LaneKind, Touchpoint } from '../format';
import { DIMENSIONS } from './dimensions';
import { normalizeSpace, wrapText } from './textMetrics';
import type { LaneBand, Layout } from './types';

const VISIBLE_KINDS: ReadonlySet<LaneKind> = new Set(['customer', 'frontstage']);
const LANE_KINDS: ReadonlySet<string> = new Set(['customer', 'frontstage', 'backstage', 'system']);
const KIND_ORDER: Record<LaneKind, number> = { customer: 0, frontstage: 1, backstage: 2, system: 3 };

export interface LaneRows {
  /** The rows drawn, top to bottom. */
  lanes: LaneBand[];
  /** Every lane, hidden ones included, for the preview's lane filter. */
  allLanes: Layout['allLanes'];
  /** The row a touchpoint is drawn in, or undefined when its lane is hidden. */
  laneFor(t: Touchpoint): LaneBand | undefined;
}

function kindOf(raw: string | undefined): LaneKind {
  return raw && LANE_KINDS.has(raw) ? raw as LaneKind : 'frontstage';
}

export function layoutLanes(map: JourneyMap, hidden: ReadonlySet<string>, lineOf: (offset: number) => number): LaneRows {
  const lanes: LaneBand[] = [];
  const laneByRef = new Map<string, LaneBand>();
  const allLanes: Layout['allLanes'] = [];
  const seenLaneIds = new Set<string>();
  const hiddenLaneIds = new Set<string>();
  // Keys in file order (a repeated id keeps the first), then rows in blueprint order.
  const laneRows = map.lanes.map((lane, i) => {
    const id = lane.id?.value;
    const key = id && !seenLaneIds.has(id) ? id : `#lane${i}`;
    if (id) seenLaneIds.add(id);
    return { lane, i, key, rank: KIND_ORDER[kindOf(lane.kind?.value)] };
  }).sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const { lane, i, key } of laneRows) {
    const id = lane.id?.value;
    const kind = kindOf(lane.kind?.value);
    const name = normalizeSpace(lane.name?.value ?? id ?? `Lane ${i + 1}`);
    allLanes.push({ key, name, kind, hidden: hidden.has(key) });
    if (hidden.has(key)) {
      if (id) hiddenLaneIds.add(id);
      continue;
    }
    const band: LaneBand = {
      key, id, name, kind, team: lane.team?.value, index: lanes.length, line: lineOf(lane.span[0]),
      labelLines: wrapText(name, DIMENSIONS.labelWidth - 24, DIMENSIONS.laneLabelSize, 3, true), visible: VISIBLE_KINDS.has(kind),
      x: 0, y: 0, width: 0, height: 0,
    };
    lanes.push(band);
    if (id && !laneByRef.has(id)) laneByRef.set(id, band);
  }
  let unassigned: LaneBand | undefined;
  const laneFor = (t: Touchpoint): LaneBand | undefined => {
    const ref = t.lane?.value;
    const found = ref !== undefined ? laneByRef.get(ref) : undefined;
    if (found) return found;
    if (ref !== undefined && hiddenLaneIds.has(ref)) return undefined;
    if (hidden.has('#unassigned')) {
      if (!allLanes.some((l) => l.key === '#unassigned')) allLanes.push({ key: '#unassigned', name: 'No lane', kind: 'backstage', hidden: true });
      return undefined;
    }
    if (!unassigned) {
      unassigned = {
        key: '#unassigned', name: 'No lane', kind: 'backstage', index: lanes.length, line: lineOf(t.span[0]),
        labelLines: ['No lane'], visible: false, synthetic: true, x: 0, y: 0, width: 0, height: 0,
      };
      lanes.push(unassigned);
      allLanes.push({ key: '#unassigned', name: 'No lane', kind: 'backstage', hidden: false });
    }
    return unassigned;
  };
  return { lanes, allLanes, laneFor };
}
