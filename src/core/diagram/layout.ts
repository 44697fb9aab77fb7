/**
 * The swimlane layout: a journey map in, absolute geometry out. Pure and deterministic (the same
 * map gives the same picture): lanes are rows (./lanes), stages are columns, each touchpoint sits
 * in its lane x stage cell in document order (./grid). Cell sizes are computed from the cards they
 * hold (./cards), so cards never overlap; edges are routed orthogonally through the free channels
 * between card slots and the gutters between lanes (./router, ./edges), so they never cross a card.
 *
 * Runs in linear time in the number of touchpoints (plus the edges' channel lookups).
 */
import type { LineIndex } from '../base';
import type { JourneyMap, Touchpoint } from '../format';
import { buildCard, improvementItems } from './cards';
import { flowEdges, handoffEdges } from './edges';
import { placeGrid } from './grid';
import { layoutLanes } from './lanes';
import { GridRouter } from './router';
import { DIMENSIONS } from './dimensions';
import { normalizeSpace } from './textMetrics';
import type { Card, Layout } from './types';

export interface LayoutSource {
  map: JourneyMap;
  /** Maps offsets to lines, for click-to-reveal. */
  lines: Pick<LineIndex, 'positionAt'>;
}

export interface LayoutOptions {
  /** Lane keys (ids) to leave out: the preview's lane filter. Their touchpoints are not drawn. */
  hiddenLanes?: readonly string[];
}

export function layoutJourney(source: LayoutSource, options: LayoutOptions = {}): Layout {
  const { map } = source;
  const lineOf = (offset: number): number => source.lines.positionAt(offset).line;
  const { lanes, allLanes, laneFor } = layoutLanes(map, new Set(options.hiddenLanes ?? []), lineOf);
  const { items: improvements, byTouchpoint } = improvementItems(map, lineOf);

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
      last: t.index === map.touchpoints.length - 1, improvements: id ? byTouchpoint.get(id) ?? [] : [], line: lineOf(t.span[0]),
    });
    cards.push(card);
    cardByIndex.set(t.index, card);
    if (id && !cardById.has(id)) cardById.set(id, card);
  }

  const grid = placeGrid(map, lanes, cards, lineOf);
  const router = new GridRouter(lanes, grid.stages, grid.gridTop, grid.gridBottom);
  return {
    width: Math.ceil(grid.width), height: Math.ceil(grid.height), title: titleOf(map), subtitleLines: grid.subtitleLines,
    grid: { x: grid.gridX, y: grid.gridTop, width: grid.gridRight - grid.gridX, height: grid.gridBottom - grid.gridTop },
    labelWidth: DIMENSIONS.labelWidth, lanes, allLanes, stages: grid.stages, cards,
    flows: flowEdges(drawn, cardByIndex, cardById, router), handoffs: handoffEdges(map, cardById, router, lineOf),
    visibilityY: grid.visibilityY, curve: grid.curve, improvements, legendY: grid.legendY, router: 'grid',
  };
}

function titleOf(map: JourneyMap): string {
  return normalizeSpace(map.title?.value ?? 'Untitled journey map');
}
