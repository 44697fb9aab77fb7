/**
 * The swimlane layout: a journey map in, absolute geometry out. Pure and deterministic (the same
 * map gives the same picture): lanes are rows in file order, stages are columns, each touchpoint
 * sits in its lane x stage cell in document order. Cell sizes are computed from the cards they
 * hold, so cards never overlap; edges are routed orthogonally through the free channels between
 * card slots and the gutters between lanes, so they never cross a card either.
 *
 * Runs in linear time in the number of touchpoints (plus the edges' channel lookups).
 */
import type { JourneyMap, Lane, LaneKind, Touchpoint } from './model';
import type { LineIndex } from './text';
import { evaluateMetric } from './status';
import { formatDuration, formatIsoDate, formatQuantityAmount } from './values';
import { ellipsize, normalizeSpace, textWidth, wrapText } from './layout/text';
import type {
  Card, CurvePoint, EmotionCurve, FlowEdge, HandoffEdge, ImprovementItem, LaneBand, Layout, MetricBadge, Point, StageColumn,
} from './layout/types';

export * from './layout/types';
export { textWidth, wrapText, ellipsize } from './layout/text';

/** Sizes in pixels. Exported so the renderer draws with the numbers the layout measured with. */
export const METRICS = {
  margin: 24,
  titleSize: 20,
  subtitleSize: 12.5,
  labelWidth: 168,
  stageHeaderSize: 13,
  laneLabelSize: 13,
  fontSize: 12,
  smallSize: 10.5,
  lineHeight: 15,
  smallLineHeight: 13,
  cardWidth: 188,
  cardPadding: 10,
  cardHeaderHeight: 22,
  /** Horizontal gap between card slots in a column (a routing channel). */
  slotGap: 32,
  /** Vertical gap between card rows inside one cell. */
  rowGap: 18,
  /** Padding inside a column on each side (two of them make the channel between columns). */
  columnPadding: 30,
  /** Padding inside a lane above and below its cards (two of them make the gutter between lanes). */
  lanePadding: 24,
  curveHeight: 120,
  legendHeight: 34,
  maxTitleLines: 4,
  maxPainLines: 2,
  maxMetricRows: 4,
  maxSlots: 3,
  trackSpacing: 5,
} as const;

/** The y offset of a card's flow ports (in and out), from the card's top. */
export const FLOW_PORT_DY = 16;
/** The y offset of a card's handoff ports from the card's bottom. */
export const HANDOFF_PORT_DY = 12;

export interface LayoutSource {
  map: JourneyMap;
  /** Maps offsets to lines, for click-to-reveal. */
  lines: Pick<LineIndex, 'positionAt'>;
}

export interface LayoutOptions {
  /** Lane keys (ids) to leave out: the preview's lane filter. Their touchpoints are not drawn. */
  hiddenLanes?: readonly string[];
}

const VISIBLE_KINDS: ReadonlySet<LaneKind> = new Set(['customer', 'frontstage']);
const LANE_KINDS: ReadonlySet<string> = new Set(['customer', 'frontstage', 'backstage', 'system']);
const KIND_ORDER: Record<LaneKind, number> = { customer: 0, frontstage: 1, backstage: 2, system: 3 };

export function layoutJourney(source: LayoutSource, options: LayoutOptions = {}): Layout {
  const { map } = source;
  const M = METRICS;
  const lineOf = (offset: number): number => source.lines.positionAt(offset).line;

  // ---- lanes (rows: customer, frontstage, backstage, system; file order within a kind) ------------
  const lanes: LaneBand[] = [];
  const laneByRef = new Map<string, LaneBand>();
  const hidden = new Set(options.hiddenLanes ?? []);
  const allLanes: { key: string; name: string; kind: LaneKind; hidden: boolean }[] = [];
  const seenLaneIds = new Set<string>();
  const hiddenLaneIds = new Set<string>();
  // Keys in file order (a repeated id keeps the first), then rows in blueprint order: the line of
  // visibility can only be drawn right when every frontstage lane sits above every backstage one.
  const laneRows = map.lanes.map((lane: Lane, i) => {
    const id = lane.id?.value;
    const key = id && !seenLaneIds.has(id) ? id : `#lane${i}`;
    if (id) seenLaneIds.add(id);
    const rawKind = lane.kind?.value;
    const rank = KIND_ORDER[rawKind && LANE_KINDS.has(rawKind) ? rawKind : 'frontstage'];
    return { lane, i, key, rank };
  }).sort((a, b) => a.rank - b.rank || a.i - b.i);
  laneRows.forEach(({ lane, i, key }) => {
    const id = lane.id?.value;
    allLanes.push({ key, name: normalizeSpace(lane.name?.value ?? id ?? `Lane ${i + 1}`), kind: (lane.kind?.value && LANE_KINDS.has(lane.kind.value) ? lane.kind.value : 'frontstage'), hidden: hidden.has(key) });
    if (hidden.has(key)) {
      if (id) hiddenLaneIds.add(id);
      return;
    }
    const rawKind = lane.kind?.value;
    const kind: LaneKind = rawKind && LANE_KINDS.has(rawKind) ? rawKind : 'frontstage';
    const name = normalizeSpace(lane.name?.value ?? id ?? `Lane ${i + 1}`);
    const band: LaneBand = {
      key, id, name, kind, team: lane.team?.value, index: lanes.length, line: lineOf(lane.span[0]),
      labelLines: wrapText(name, M.labelWidth - 24, M.laneLabelSize, 3, true), visible: VISIBLE_KINDS.has(kind),
      x: 0, y: 0, width: 0, height: 0,
    };
    lanes.push(band);
    if (id && !laneByRef.has(id)) laneByRef.set(id, band);
  });
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

  // ---- improvements per touchpoint ----------------------------------------------------------------
  const improvementsFor = new Map<string, string[]>();
  const improvements: ImprovementItem[] = map.improvements.map((imp, i) => {
    const key = imp.id?.value ?? `#improvement${i}`;
    const forIds = imp.for.map((f) => f.value);
    for (const target of forIds) {
      const list = improvementsFor.get(target) ?? [];
      list.push(key);
      improvementsFor.set(target, list);
    }
    return {
      key, id: imp.id?.value, index: i, line: lineOf(imp.span[0]), sentence: hypothesis(imp.experiment?.value, imp.outcome?.value, imp.signal?.value),
      experiment: imp.experiment?.value, outcome: imp.outcome?.value, signal: imp.signal?.value, impact: imp.impact?.value,
      effort: imp.effort?.value, owner: imp.owner?.value, due: imp.due ? formatIsoDate(imp.due.value) : undefined,
      status: imp.status?.value, for: forIds,
    };
  });

  // ---- cards (content and size) ------------------------------------------------------------------
  const cards: Card[] = [];
  const cardById = new Map<string, Card>();
  const cardByIndex = new Map<number, Card>();
  const innerWidth = M.cardWidth - 2 * M.cardPadding;
  const drawn: Touchpoint[] = [];
  for (const t of map.touchpoints) {
    const lane = laneFor(t);
    if (!lane) continue;
    drawn.push(t);
    const id = t.id?.value;
    const key = id && !cardById.has(id) ? id : `#${t.index}`;
    const name = normalizeSpace(t.name?.value ?? id ?? `Touchpoint ${t.index + 1}`);
    const pains = t.pains.map((p) => normalizeSpace(p.value)).filter((p) => p.length > 0);
    const painLines: string[] = [];
    for (const pain of pains.slice(0, M.maxPainLines)) painLines.push(ellipsize(pain, innerWidth - 14, M.smallSize));
    if (pains.length > M.maxPainLines) painLines[M.maxPainLines - 1] = ellipsize(`${pains.length - M.maxPainLines + 1} more pains…`, innerWidth - 14, M.smallSize);
    const metrics = t.metrics.map((m): MetricBadge => {
      const evaluation = evaluateMetric(m);
      // A value computed from the ticket export (set by validation) wins over a typed one.
      const quantity = m.computed?.value ?? m.value?.value;
      const value = quantity ? quantity.text || formatQuantityAmount(quantity.kind, quantity.amount, quantity.scale) : undefined;
      const target = m.target?.value.text;
      // The figures always show; a long metric name gives way.
      const figures = `${value ?? '—'}${target ? ` / ${target}` : ''}`;
      const room = innerWidth - 14 - textWidth(` ${figures}`, M.smallSize);
      const label = room > 30 ? `${ellipsize(m.name.value, room, M.smallSize)} ${figures}` : ellipsize(`${m.name.value} ${figures}`, innerWidth - 14, M.smallSize);
      return {
        name: m.name.value, value, target, status: evaluation.status, better: evaluation.better, gap: evaluation.gap,
        source: m.source?.value ?? m.from?.value, asOf: m.asOf ? formatIsoDate(m.asOf.value) : undefined, label,
        computed: m.from ? { rows: m.computed?.n, problem: m.computed?.problem } : undefined,
      };
    });
    const metricRows = Math.min(metrics.length, M.maxMetricRows);
    const titleLines = wrapText(name, innerWidth, M.fontSize, M.maxTitleLines, true);
    const height = M.cardHeaderHeight + titleLines.length * M.lineHeight + 6
      + (painLines.length ? painLines.length * M.smallLineHeight + 4 : 0)
      + (metricRows ? metricRows * (M.smallLineHeight + 3) + 4 : 0) + M.cardPadding;
    const card: Card = {
      key, id, index: t.index, laneKey: lane.key, stageKey: '', laneIndex: lane.index, stageIndex: t.stage.index,
      slot: 0, row: 0, line: lineOf(t.span[0]), name, titleLines,
      channel: t.channel ? normalizeSpace(t.channel.value) : undefined,
      channelLabel: t.channel ? ellipsize(normalizeSpace(t.channel.value).toUpperCase(), innerWidth - (t.feels ? 30 : 4) - 8, M.smallSize, true) : undefined, does: t.does?.value, thinks: t.thinks?.value,
      feels: t.feels?.value, pains, painLines, metrics, metricRows, runbook: t.runbook?.value,
      // As the dead-end rule sees it: `next: []` on the last touchpoint is where the journey ends.
      deadEnd: t.next !== undefined && t.next.length === 0 && t.index !== map.touchpoints.length - 1,
      improvements: id ? improvementsFor.get(id) ?? [] : [], customer: lane.kind === 'customer' && !lane.synthetic,
      x: 0, y: 0, width: M.cardWidth, height: Math.ceil(height),
    };
    cards.push(card);
    cardByIndex.set(t.index, card);
    if (id && !cardById.has(id)) cardById.set(id, card);
  }

  // ---- cells: lane x stage -> cards in document order ------------------------------------------
  const stageCount = map.stages.length;
  const laneCount = lanes.length;
  const cells: Card[][] = new Array(laneCount * stageCount);
  for (const card of cards) {
    const c = card.laneIndex * stageCount + card.stageIndex;
    (cells[c] ??= []).push(card);
  }
  // Slots per column: up to maxSlots cards side by side, then further rows.
  const slotsPerStage = new Array<number>(stageCount).fill(1);
  for (let s = 0; s < stageCount; s++) {
    for (let l = 0; l < laneCount; l++) {
      const n = cells[l * stageCount + s]?.length ?? 0;
      if (n > slotsPerStage[s]) slotsPerStage[s] = Math.min(n, M.maxSlots);
    }
  }
  // Row heights per cell and lane heights.
  const cellRowHeights: number[][] = new Array(laneCount * stageCount);
  const laneContent = new Array<number>(laneCount).fill(0);
  for (let l = 0; l < laneCount; l++) {
    for (let s = 0; s < stageCount; s++) {
      const cell = cells[l * stageCount + s];
      if (!cell) continue;
      const slots = slotsPerStage[s];
      const rows: number[] = [];
      cell.forEach((card, i) => {
        card.slot = i % slots;
        card.row = Math.floor(i / slots);
        rows[card.row] = Math.max(rows[card.row] ?? 0, card.height);
      });
      cellRowHeights[l * stageCount + s] = rows;
      const total = rows.reduce((a, b) => a + b, 0) + (rows.length - 1) * M.rowGap;
      if (total > laneContent[l]) laneContent[l] = total;
    }
  }

  // ---- columns -------------------------------------------------------------------------------------
  const titleText = normalizeSpace(map.title?.value ?? 'Untitled journey map');
  const gridX = M.margin + M.labelWidth;
  const stages: StageColumn[] = [];
  let x = gridX;
  for (let s = 0; s < stageCount; s++) {
    const st = map.stages[s];
    const slots = slotsPerStage[s];
    const width = 2 * M.columnPadding + slots * M.cardWidth + (slots - 1) * M.slotGap;
    const name = normalizeSpace(st.name?.value ?? st.id?.value ?? `Stage ${s + 1}`);
    stages.push({
      key: st.id?.value ?? `#stage${s}`, id: st.id?.value, name, index: s, line: lineOf(st.span[0]),
      labelLines: wrapText(name, width - 20, M.stageHeaderSize, 2, true), slots, touchpointCount: st.touchpoints.length,
      x, y: 0, width, height: 0,
    });
    x += width;
  }
  const gridRight = Math.max(x, gridX + 240);
  const width = gridRight + M.margin;

  // ---- vertical bands --------------------------------------------------------------------------
  const subtitleParts = [
    map.personas[0] ? `Persona: ${normalizeSpace(map.personas[0].value)}` : '',
    map.scenario ? `Scenario: ${normalizeSpace(map.scenario.value)}` : '',
    map.goal ? `Goal: ${normalizeSpace(map.goal.value)}` : '',
  ].filter(Boolean);
  const subtitleLines = wrapText(subtitleParts.join('  ·  '), Math.max(400, width - 2 * M.margin), M.subtitleSize, 3);
  let y = M.margin + M.titleSize + 6 + subtitleLines.length * 17 + 14;
  const headerLines = Math.max(1, ...stages.map((st) => st.labelLines.length));
  const headerHeight = 14 + headerLines * 16 + 18;
  for (const st of stages) st.y = y;
  y += headerHeight;

  const customerLanes = lanes.some((l) => l.kind === 'customer' && !l.synthetic);
  let curve: EmotionCurve | undefined;
  if (customerLanes) {
    curve = { x: gridX, y, width: gridRight - gridX, height: M.curveHeight, points: [], zeroY: y + M.curveHeight / 2, unit: (M.curveHeight - 44) / 6 };
    y += M.curveHeight;
  }
  const gridTop = y;
  for (let l = 0; l < laneCount; l++) {
    const band = lanes[l];
    const labelHeight = band.labelLines.length * 16 + (band.team ? 14 : 0) + 16;
    const content = Math.max(laneContent[l], labelHeight, 44);
    band.x = M.margin;
    band.y = y;
    band.width = gridRight - M.margin;
    band.height = content + 2 * M.lanePadding;
    y += band.height;
  }
  const gridBottom = Math.max(y, gridTop + 40);
  for (const st of stages) st.height = gridBottom - st.y;
  const legendY = gridBottom + 16;
  // The legend (about 1,330 px wide) wraps onto more rows on narrow maps.
  const legendRows = Math.ceil(1330 / Math.max(300, width - 2 * M.margin - 150));
  const height = legendY + M.legendHeight + (legendRows - 1) * 22 + M.margin;

  // ---- card positions --------------------------------------------------------------------------
  const slotX = (s: number, slot: number): number => stages[s].x + M.columnPadding + slot * (M.cardWidth + M.slotGap);
  for (const card of cards) {
    const lane = lanes[card.laneIndex];
    const rows = cellRowHeights[card.laneIndex * stageCount + card.stageIndex];
    let top = lane.y + M.lanePadding;
    for (let r = 0; r < card.row; r++) top += rows[r] + M.rowGap;
    card.x = slotX(card.stageIndex, card.slot);
    card.y = top;
    card.stageKey = stages[card.stageIndex]?.key ?? '';
  }

  // ---- line of visibility ------------------------------------------------------------------------
  let visibilityY: number | undefined;
  const firstHidden = lanes.findIndex((l) => !l.visible);
  if (firstHidden > 0 && lanes.slice(0, firstHidden).some((l) => l.visible)) visibilityY = lanes[firstHidden].y;

  // ---- emotion curve --------------------------------------------------------------------------------
  if (curve) {
    const points: CurvePoint[] = [];
    for (const card of cards) {
      if (!card.customer || card.feels === undefined || !Number.isFinite(card.feels)) continue;
      const feels = Math.max(-3, Math.min(3, card.feels));
      points.push({ key: card.key, feels: card.feels, line: card.line, name: card.name, x: card.x + card.width / 2, y: curve.zeroY - feels * curve.unit });
    }
    points.sort((a, b) => a.x - b.x || a.y - b.y);
    curve.points = points;
  }

  // ---- edges -----------------------------------------------------------------------------------------
  const router = new GridRouter(lanes, stages, gridTop, gridBottom);
  const flows: FlowEdge[] = [];
  const flowKeys = new Set<string>();
  for (let d = 0; d < drawn.length; d++) {
    const t = drawn[d];
    const from = cardByIndex.get(t.index)!;
    const targets: { card: Card; implicit: boolean }[] = [];
    if (t.next) {
      for (const ref of t.next) {
        const target = cardById.get(ref.value);
        if (target) targets.push({ card: target, implicit: false });
      }
    } else {
      const following = d + 1 < drawn.length ? cardByIndex.get(drawn[d + 1].index) : undefined;
      if (following) targets.push({ card: following, implicit: true });
    }
    for (const { card: to, implicit } of targets) {
      const key = `${from.key}->${to.key}`;
      if (flowKeys.has(key)) continue;
      flowKeys.add(key);
      const kind = to.index <= from.index ? 'loop' : 'flow';
      const points = kind === 'loop' ? router.loop(from, to) : router.flow(from, to);
      flows.push({ key, from: from.key, to: to.key, kind, implicit, points, line: from.line });
    }
  }

  const handoffs: HandoffEdge[] = [];
  map.handoffs.forEach((h, i) => {
    const from = h.from ? cardById.get(h.from.value) : undefined;
    const to = h.to ? cardById.get(h.to.value) : undefined;
    if (!from || !to || from === to) return;
    const sla = h.sla ? formatDuration(h.sla.value) : undefined;
    const wait = h.wait ? formatDuration(h.wait.value) : undefined;
    const notifies = h.notifiesCustomer?.value === true;
    const overSla = h.sla !== undefined && h.wait !== undefined && h.wait.value > h.sla.value;
    const parts = [sla ? `SLA ${sla}` : 'no SLA', wait ? `wait ${wait}` : '', notifies ? '' : 'silent'].filter(Boolean);
    const label = parts.join(' · ');
    const { points, labelAt } = router.handoff(from, to);
    handoffs.push({
      key: `handoff${i}`, index: i, from: from.key, to: to.key, sla, wait, notifiesCustomer: notifies, overSla,
      alert: !notifies || overSla, label, labelAt, labelWidth: Math.ceil(textWidth(label, M.smallSize) + 14), points,
      line: lineOf(h.span[0]), note: h.note?.value,
    });
  });

  return {
    width: Math.ceil(width), height: Math.ceil(height), title: titleText, subtitleLines,
    grid: { x: gridX, y: gridTop, width: gridRight - gridX, height: gridBottom - gridTop }, labelWidth: M.labelWidth,
    lanes, allLanes, stages, cards, flows, handoffs, visibilityY, curve, improvements, legendY, router: 'grid',
  };
}

/** "We believe [experiment] will result in [outcome]. We will know we succeeded when [signal]." */
export function hypothesis(experiment?: string, outcome?: string, signal?: string): string {
  const clean = (s: string | undefined, fallback: string) => (s ? normalizeSpace(s).replace(/[.\s]+$/, '') : fallback);
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  return `We believe ${lower(clean(experiment, '[experiment missing]'))} will result in ${lower(clean(outcome, '[outcome missing]'))}. `
    + `We will know we succeeded when ${lower(clean(signal, '[signal missing]'))}.`;
}

/**
 * Routes edges through space no card occupies: the vertical channels between card slots (the same
 * x in every lane, because slots are per column) and the horizontal gutters between lanes. Each
 * channel and gutter hands out tracks so parallel edges do not sit on top of each other.
 */
class GridRouter {
  private readonly tracks = new Map<string, number>();

  constructor(
    private readonly lanes: LaneBand[],
    private readonly stages: StageColumn[],
    private readonly gridTop: number,
    private readonly gridBottom: number,
  ) {}

  /** Alternating offsets around a channel's centre: 0, +s, -s, +2s, -2s... within its width. */
  private track(key: string, halfWidth: number): number {
    const n = this.tracks.get(key) ?? 0;
    this.tracks.set(key, n + 1);
    const s = METRICS.trackSpacing;
    const max = Math.max(0, Math.floor((halfWidth - 6) / s));
    const capacity = 2 * max + 1;
    const k = n % capacity;
    return k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * s;
  }

  /** The x of the channel right of a card's slot, with its key and half width. */
  private rightChannel(card: Card): { key: string; x: number; half: number } {
    const st = this.stages[card.stageIndex];
    if (card.slot === st.slots - 1) return { key: `c${card.stageIndex + 1}`, x: st.x + st.width, half: METRICS.columnPadding };
    return { key: `s${card.stageIndex}.${card.slot}`, x: card.x + card.width + METRICS.slotGap / 2, half: METRICS.slotGap / 2 };
  }

  private leftChannel(card: Card): { key: string; x: number; half: number } {
    const st = this.stages[card.stageIndex];
    if (card.slot === 0) return { key: `c${card.stageIndex}`, x: st.x, half: METRICS.columnPadding };
    return { key: `s${card.stageIndex}.${card.slot - 1}`, x: card.x - METRICS.slotGap / 2, half: METRICS.slotGap / 2 };
  }

  /** The y of the gutter above lane g (g = lanes.length: below the last lane). */
  private gutter(g: number): { key: string; y: number; half: number } {
    const P = METRICS.lanePadding;
    if (g <= 0) return { key: 'g0', y: this.gridTop + P / 2, half: P / 2 };
    if (g >= this.lanes.length) return { key: `g${this.lanes.length}`, y: this.gridBottom - P / 2, half: P / 2 };
    return { key: `g${g}`, y: this.lanes[g].y, half: P };
  }

  flow(from: Card, to: Card): Point[] {
    const ay = from.y + FLOW_PORT_DY;
    const by = to.y + FLOW_PORT_DY;
    const out = this.rightChannel(from);
    const into = this.leftChannel(to);
    if (out.key === into.key) {
      if (ay === by) return [{ x: from.x + from.width, y: ay }, { x: to.x, y: by }];
      const xc = out.x + this.track(out.key, out.half);
      return [{ x: from.x + from.width, y: ay }, { x: xc, y: ay }, { x: xc, y: by }, { x: to.x, y: by }];
    }
    const g = to.laneIndex < from.laneIndex ? this.gutter(from.laneIndex) : this.gutter(from.laneIndex + 1);
    return this.viaGutter(from, to, ay, by, out, into, g);
  }

  loop(from: Card, to: Card): Point[] {
    const ay = from.y + FLOW_PORT_DY;
    const by = to.y + FLOW_PORT_DY;
    const out = this.rightChannel(from);
    const into = this.leftChannel(to);
    // Backward edges go round through the gutter above the higher of the two lanes.
    const g = this.gutter(Math.min(from.laneIndex, to.laneIndex));
    return this.viaGutter(from, to, ay, by, out, into, g);
  }

  handoff(from: Card, to: Card): { points: Point[]; labelAt: Point } {
    const ay = from.y + from.height - HANDOFF_PORT_DY;
    const by = to.y + to.height - HANDOFF_PORT_DY;
    const out = this.rightChannel(from);
    const into = this.leftChannel(to);
    // Always through a gutter: its full width is free, so the label never covers a card.
    const g = to.laneIndex > from.laneIndex ? this.gutter(from.laneIndex + 1)
      : to.laneIndex < from.laneIndex ? this.gutter(from.laneIndex) : this.gutter(from.laneIndex + 1);
    const points = this.viaGutter(from, to, ay, by, out, into, g);
    const gy = points[2].y;
    return { points, labelAt: { x: (points[2].x + points[3].x) / 2, y: gy } };
  }

  private viaGutter(
    from: Card, to: Card, ay: number, by: number,
    out: { key: string; x: number; half: number }, into: { key: string; x: number; half: number },
    g: { key: string; y: number; half: number },
  ): Point[] {
    const xa = out.x + this.track(out.key, out.half);
    const xb = out.key === into.key ? xa : into.x + this.track(into.key, into.half);
    const gy = g.y + this.track(g.key, g.half);
    return [
      { x: from.x + from.width, y: ay }, { x: xa, y: ay }, { x: xa, y: gy },
      { x: xb, y: gy }, { x: xb, y: by }, { x: to.x, y: by },
    ];
  }
}
