/**
 * The service-blueprint layout: a journey map in, absolute geometry out. Pure and deterministic
 * (the same map gives the same picture), linear in the touchpoints but for the edges' lookups.
 *  - lanes are rows in blueprint order (./lanes), stages are columns left to right;
 *  - within a stage, cards stand in sequence columns by their order in the flow (./sequence);
 *  - cards are sized to their content with real text widths (./cards, ./textMetrics);
 *  - edges run through the free channels and gutters between cards (./router), handoff labels are
 *    placed clear of cards, other labels and the line of visibility (./labels);
 *  - each customer lane gets its own emotion curve (./grid), the legend lists what is drawn, and
 *    in full detail the picture carries the improvements and a footer (./legend).
 */
import type { LineIndex } from '../base';
import { deadEndSpan, formatPeriod, type JourneyMap, type Touchpoint } from '../format';
import { disableComments, isSilenced } from '../parse';
import { buildCard, improvementItems, type CardContext } from './cards';
import { beforeCurves, compareSummary, ghostCards, ghostPredecessors, markCards, planCompare, type CompareOptions, type ComparePlan } from './compare';
import { DIMENSIONS } from './dimensions';
import { flowEdges, flowPairs, handoffEdges, type FlowPair } from './edges';
import { placeGrid, type Grid } from './grid';
import { LabelPlacer } from './labels';
import { layoutLanes } from './lanes';
import { blockHeight, fullDetailBlocks, layoutLegend } from './legend';
import { GridRouter } from './router';
import { assignColumns, type Predecessors } from './sequence';
import { ellipsize, EMBEDDED_MEASURE, normalizeSpace, type TextMeasure } from './textMetrics';
import type { Card, FlowEdge, HandoffEdge, ImprovementItem, LaneBand, Layout, StageStub } from './types';

/** The widest the text below the picture runs: longer lines are hard to read. */
const TEXT_BLOCK_WIDTH = 1000;

export interface LayoutSource {
  map: JourneyMap;
  /** The text's lines: offsets to lines for click-to-reveal, and the team's disable comments. */
  lines: LineIndex;
}

export interface LayoutOptions {
  /** Lane keys (ids) to leave out: the preview's lane filter. Their touchpoints are not drawn. */
  hiddenLanes?: readonly string[];
  /** How text is measured: the embedded DejaVu Sans widths, or the preview page's own font. */
  measure?: TextMeasure;
  /**
   * `compact` (the preview: pains and metrics shortened, the rest in tooltips) or `full` (a file:
   * every pain and metric, computed metrics' sample and period, the improvements and a footer).
   */
  detail?: 'compact' | 'full';
  /**
   * The stages to draw, by index in the map (a picture of some stages): edges to the others end at
   * the picture's edge with the other stage's name, and full detail lists only the improvements
   * for the touchpoints shown.
   */
  stages?: readonly number[];
  /**
   * Compare mode: the picture marked against another version of the map (`label`, e.g. `HEAD~1`):
   * new and changed cards marked, removed touchpoints as ghosts in place, the other side's curve.
   */
  compare?: CompareOptions;
  /**
   * Days since the epoch: structured improvement signals are judged on this day (met, not yet
   * met, missed) and the improvements say so. Without it they are listed as written.
   */
  today?: number;
}

/** Forward flow steps and handoffs into each card: what it may not stand left of. */
function predecessors(pairs: FlowPair[], map: JourneyMap, cardById: Map<string, Card>): Predecessors {
  const preds: Predecessors = new Map();
  const add = (from: Card, to: Card) => {
    if (to.index <= from.index) return; // a loop: drawn back, never a reason to move right
    const list = preds.get(to.key) ?? [];
    list.push(from);
    preds.set(to.key, list);
  };
  for (const { from, to } of pairs) add(from, to);
  for (const h of map.handoffs) {
    const from = h.from && cardById.get(h.from.value);
    const to = h.to && cardById.get(h.to.value);
    if (from && to && from !== to) add(from, to);
  }
  return preds;
}

function periods(map: JourneyMap): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of map.sources) if (s.id && s.period) out.set(s.id.value, formatPeriod(s.period.value));
  return out;
}

export function layoutJourney(source: LayoutSource, options: LayoutOptions = {}): Layout {
  const { map } = source;
  const measure = options.measure ?? EMBEDDED_MEASURE;
  const detail = options.detail ?? 'compact';
  const lineOf = (offset: number): number => source.lines.positionAt(offset).line;
  const comments = disableComments(source.lines);
  const cardContext: CardContext = { measure, detail, periods: periods(map) };
  const plan = options.compare ? planCompare(map, options.compare) : undefined;
  const { lanes, allLanes, laneFor, laneByKey } = layoutLanes(map, new Set(options.hiddenLanes ?? []), lineOf, measure, plan?.ghostLanes);
  const { items: improvements, byTouchpoint } = improvementItems(map, lineOf, options.today);
  const wanted = options.stages ? new Set(options.stages) : undefined;
  // In compare mode, ghost stages (gone since the other side) stand where they stood.
  const gridMap: JourneyMap = plan ? { ...map, stages: plan.stages } : map;
  const stagesShown = (plan?.stageOrder ?? map.stages.map((_, i) => i)).filter((i) => !wanted || wanted.has(i));
  const shown = new Set(stagesShown);

  const cards: Card[] = [];
  const cardById = new Map<string, Card>();
  const cardByIndex = new Map<number, Card>();
  const drawn: Touchpoint[] = [];
  for (const t of map.touchpoints) {
    const lane = laneFor(t);
    if (!lane) continue;
    drawn.push(t);
    const id = t.id?.value;
    const key = id && !cardById.has(id) ? id : `#${t.index}`;
    const card = buildCard(t, key, lane, {
      last: t.index === map.touchpoints.length - 1, improvements: id ? byTouchpoint.get(id) ?? [] : [], line: lineOf(t.span[0]), endLine: lineOf(Math.max(t.span[0], t.span[1] - 1)),
    }, cardContext);
    if (card.deadEnd) card.deadEndAccepted = isSilenced(comments, lineOf(deadEndSpan(t)[0]), 'dead-end');
    cards.push(card);
    cardByIndex.set(t.index, card);
    if (id && !cardById.has(id)) cardById.set(id, card);
  }

  const allPairs = flowPairs(drawn, cardByIndex, cardById);
  const preds = predecessors(allPairs, map, cardById);
  const placed = plan ? withGhosts(plan, cards, preds, cardByIndex, laneByKey, cardContext) : cards;
  const widths = assignColumns(placed, preds, gridMap.stages.length);
  const localColumn = new Map(placed.map((c) => [c, c.column]));
  const inPicture = placed.filter((c) => shown.has(c.stageIndex));
  const inside = (c: Card) => shown.has(c.stageIndex);
  const pairs = allPairs.filter((p) => inside(p.from) && inside(p.to));
  const pictureCards = new Map([...cardById].filter(([, c]) => inside(c)));

  // Place, route and label; where labels found no room, grow those gutters and do it again.
  const gutterExtra = new Array<number>(lanes.length + 1).fill(0);
  let minGridWidth = 0;
  for (let attempt = 0; ; attempt++) {
    const grid = placeGrid({ map: gridMap, lanes, cards: inPicture, stagesShown, widths, localColumn, gutterExtra, minGridWidth, lineOf, measure, removedStages: plan?.removedStages });
    const vis = grid.visibilityY;
    const router = new GridRouter(grid.gutters, grid.gridX, inPicture, vis === undefined ? undefined : lanes.findIndex((l) => l.y === vis));
    // Labels keep a clear band around the line of visibility.
    const labels = new LabelPlacer((g) => router.gutterY(g), vis === undefined ? [] : [{ x: grid.gridX, y: vis - 6, width: grid.gridRight - grid.gridX, height: 12 }], { left: grid.gridX + 2, right: grid.gridRight - 2 });
    const { handoffs, carried } = handoffEdges(map, pictureCards, pairs, { router, labels, measure, lineOf, comments });
    const flows = flowEdges(pairs, carried, router);
    const stubs = stageStubs(allPairs.filter((p) => inside(p.from) !== inside(p.to)), gridMap, router, labels, grid.gridRight, measure);
    if ((labels.crowded.size || labels.tooWide) && attempt < MAX_GUTTER_GROWTH) {
      for (const g of labels.crowded) gutterExtra[g] += DIMENSIONS.labelHeight + 4;
      // A picture narrower than a label (one stage, one column): widen the grid to hold it.
      if (labels.tooWide) minGridWidth = Math.max(minGridWidth, labels.tooWide + 16);
      continue;
    }
    return finish({ map, measure, detail, grid, cards: inPicture, flows, handoffs, stubs, improvements, wanted: wanted !== undefined, lanes, allLanes, plan });
  }
}

/** Compare mode: marks the new and changed cards, and adds the ghosts of the removed touchpoints in time order. */
function withGhosts(plan: ComparePlan, cards: Card[], preds: Predecessors, cardByIndex: Map<number, Card>, laneByKey: (key: string) => LaneBand | undefined, ctx: CardContext): Card[] {
  markCards(plan, cards, ctx.measure);
  const ghosts = ghostCards(plan, laneByKey, ctx);
  ghostPredecessors(plan, preds, ghosts, cardByIndex);
  // Document order, which sequence columns need: a ghost stands just after the card that preceded it.
  return [...cards, ...ghosts].sort((a, b) => a.index - b.index);
}

/** How many times the layout grows crowded gutters before it accepts a label that overlaps. */
const MAX_GUTTER_GROWTH = 6;

interface Finished {
  map: JourneyMap;
  measure: TextMeasure;
  detail: 'compact' | 'full';
  grid: Grid;
  cards: Card[];
  flows: FlowEdge[];
  handoffs: HandoffEdge[];
  stubs: StageStub[];
  improvements: ImprovementItem[];
  /** True for a picture of some stages. */
  wanted: boolean;
  lanes: LaneBand[];
  allLanes: Layout['allLanes'];
  plan?: ComparePlan;
}

/** The legend, the full-detail blocks and the picture's size, around a placed grid. */
function finish({ map, measure, detail, grid, cards, flows, handoffs, stubs, improvements, wanted, lanes, allLanes, plan }: Finished): Layout {
  const M = DIMENSIONS;
  const vis = grid.visibilityY;
  const legendY = grid.gridBottom + 16;
  const before = plan && grid.curveBand ? beforeCurves(plan, cards, lanes, grid.curveBand, grid.curves, measure) : undefined;
  const legend = layoutLegend({ cards, flows, handoffs, lanes, curves: grid.curves, visibility: vis !== undefined, beforeCurves: before, compareLabel: plan?.label }, M.margin, legendY, grid.width - 2 * M.margin, measure);
  const shownIds = new Set(cards.map((c) => c.id));
  const listed = wanted ? improvements.filter((imp) => imp.for.some((id) => shownIds.has(id))) : improvements;
  const blocks = detail === 'full' ? fullDetailBlocks(map, listed, M.margin, legendY + legend.height + 12, Math.min(TEXT_BLOCK_WIDTH, grid.width - 2 * M.margin), measure) : [];
  const bottom = blocks.length ? Math.max(...blocks.map((b) => b.y + blockHeight(b))) : legendY + legend.height;
  const title = normalizeSpace(map.title?.value ?? 'Untitled journey map');
  return {
    width: Math.ceil(grid.width), height: Math.ceil(bottom + M.margin), title,
    titleLine: ellipsize(measure, title, Math.max(80, grid.width - 2 * M.margin), M.titleSize, true),
    subtitleLines: grid.subtitleLines, grid: { x: grid.gridX, y: grid.gridTop, width: grid.gridRight - grid.gridX, height: grid.gridBottom - grid.gridTop },
    labelWidth: M.labelWidth, fontFamily: measure.family, detail, lanes, allLanes, stages: grid.stages, cards, flows, handoffs, stubs,
    visibilityY: vis, curveBand: grid.curveBand, curves: grid.curves, improvements, legendY, legend: legend.entries, blocks, router: 'grid',
    ...(plan ? { compare: compareSummary(plan, cards), beforeCurves: before ?? [] } : {}),
  };
}

/** Where the flow leaves the picture or comes into it from a stage left out. */
function stageStubs(pairs: FlowPair[], map: JourneyMap, router: GridRouter, labels: LabelPlacer, gridRight: number, measure: TextMeasure): StageStub[] {
  return pairs.map(({ from, to }, i) => {
    // Only the cards in the picture were placed (their stage key is set).
    const out = from.stageKey !== '';
    const card = out ? from : to;
    const other = out ? to : from;
    const stageName = normalizeSpace(map.stages[other.stageIndex]?.name?.value ?? map.stages[other.stageIndex]?.id?.value ?? 'another stage');
    const label = out ? `to ${stageName} →` : `← from ${stageName}`;
    const route = router.stub(card, out ? 'out' : 'in', gridRight);
    const width = Math.ceil(measure.width(label, DIMENSIONS.smallSize, true) + 16);
    return { key: `stub${i}`, card: card.key, stage: map.stages[other.stageIndex]?.id?.value ?? '', direction: out ? 'out' as const : 'in' as const, points: route.points, label, labelBox: labels.place(width, route.slots) };
  });
}
