/**
 * The grid: card columns left to right (each stage's sequence columns, ./sequence), lanes as rows,
 * one card per lane and column. Then the bands from top to bottom (title, stage headers, the
 * emotion curves, the lanes) and each card's position. Between two columns runs a free channel
 * and between two rows of cards a free gutter: the router uses only those, so edges never cross a
 * card.
 */
import type { JourneyMap } from '../format';
import { DIMENSIONS } from './dimensions';
import { ellipsize, normalizeSpace, wrapText, type TextMeasure } from './textMetrics';
import type { Card, CurveBand, CurvePoint, EmotionCurve, LaneBand, StageColumn } from './types';

/** Width of a curve's mark in the curve band's key, before the lane's name. */
export const CURVE_KEY_MARK = 30;

/** A gutter: the free band between two lanes' cards (above the first, below the last), its centre and half height. */
export interface Gutter {
  y: number;
  half: number;
}

export interface Grid {
  stages: StageColumn[];
  /** Gutter g lies above lane g (g = lanes.length: below the last lane). */
  gutters: Gutter[];
  subtitleLines: string[];
  gridX: number;
  gridRight: number;
  gridTop: number;
  gridBottom: number;
  width: number;
  curveBand?: CurveBand;
  curves: EmotionCurve[];
  visibilityY?: number;
}

/** The x of a global card column's left edge. */
export function columnX(gridX: number, column: number): number {
  return gridX + DIMENSIONS.columnGap + column * (DIMENSIONS.cardWidth + DIMENSIONS.columnGap);
}

function stageColumns(map: JourneyMap, included: readonly number[], widths: readonly number[], gridX: number, lineOf: (offset: number) => number, measure: TextMeasure, removed?: ReadonlyMap<number, string>): StageColumn[] {
  const M = DIMENSIONS;
  const stages: StageColumn[] = [];
  let first = 0;
  for (const s of included) {
    const st = map.stages[s];
    const columns = widths[s];
    const x = columnX(gridX, first) - M.columnGap / 2;
    const width = columns * (M.cardWidth + M.columnGap);
    const name = normalizeSpace(st.name?.value ?? st.id?.value ?? `Stage ${s + 1}`);
    const gone = removed?.get(s);
    stages.push({
      key: st.id?.value ?? `#stage${s}`, id: st.id?.value, name, index: s, line: lineOf(st.span[0]),
      labelLines: wrapText(measure, name, width - 24, M.stageHeaderSize, 2, true), firstColumn: first, columns, touchpointCount: st.touchpoints.length,
      x, y: 0, width, height: 0,
      // A ghost stage (compare mode): its line is the other side's, so it is no link.
      ...(gone !== undefined ? { key: `#removed-stage:${st.id?.value ?? s}`, id: undefined, line: -1, touchpointCount: 0, removed: ellipsize(measure, `Stage ${gone}`, width - 24, M.smallSize, true) } : {}),
    });
    first += columns;
  }
  return stages;
}

function subtitle(map: JourneyMap, width: number, measure: TextMeasure): string[] {
  const personas = map.personas.map((p) => normalizeSpace(p.value)).filter(Boolean);
  const parts = [
    personas.length ? `${personas.length > 1 ? 'Personas' : 'Persona'}: ${personas.join('; ')}` : '',
    map.scenario ? `Scenario: ${normalizeSpace(map.scenario.value)}` : '',
    map.goal ? `Goal: ${normalizeSpace(map.goal.value)}` : '',
  ].filter(Boolean);
  return wrapText(measure, parts.join('  ·  '), Math.max(400, width - 2 * DIMENSIONS.margin), DIMENSIONS.subtitleSize, 4);
}

/** Height of a lane's header text as the renderer draws it: name lines, the kind, team and problem lines. */
export function laneHeaderHeight(band: Pick<LaneBand, 'labelLines' | 'teamLines' | 'problemLines'>): number {
  return LANE_HEADER.firstBaseline + 16 * band.labelLines.length + 14 * (band.teamLines.length + band.problemLines.length) + 12;
}

/** Where the lane header's text starts (first baseline, from the lane's top). */
export const LANE_HEADER = { firstBaseline: 24 } as const;

/** One curve per customer lane with `feels`, its points left to right; numbers kept clear of each other. */
function emotionCurves(lanes: LaneBand[], cards: Card[], band: CurveBand, measure: TextMeasure): EmotionCurve[] {
  const curves: EmotionCurve[] = [];
  const customerLanes = lanes.filter((l) => l.kind === 'customer' && !l.problem);
  for (const lane of customerLanes) {
    const points: CurvePoint[] = [];
    for (const card of cards) {
      if (card.laneKey !== lane.key || card.feels === undefined || !Number.isFinite(card.feels) || card.compare?.kind === 'removed') continue;
      const feels = Math.max(-3, Math.min(3, card.feels));
      const x = card.x + card.width / 2;
      const y = band.zeroY - feels * band.unit;
      points.push({ key: card.key, feels: card.feels, line: card.line, name: card.name, x, y, labelAt: { x, y: feels >= 0 ? y - 10 : y + 17 } });
    }
    if (!points.length) continue;
    const label = ellipsize(measure, lane.name, DIMENSIONS.labelWidth - 28 - CURVE_KEY_MARK, DIMENSIONS.smallSize);
    curves.push({ laneKey: lane.key, laneName: lane.name, label, style: curves.length, points: points.sort((a, b) => a.x - b.x) });
  }
  // Two curves' numbers at one x: the second goes beside its point instead of above or below it.
  const taken: { x: number; y: number }[] = [];
  for (const curve of curves) {
    for (const p of curve.points) {
      if (taken.some((t) => Math.abs(t.x - p.labelAt.x) < 16 && Math.abs(t.y - p.labelAt.y) < 14)) p.labelAt = { x: p.x + 17, y: p.y + 4 };
      taken.push(p.labelAt);
    }
  }
  return curves;
}

export interface GridInput {
  map: JourneyMap;
  lanes: LaneBand[];
  cards: Card[];
  /** The stages drawn (all, or the ones a picture of some stages shows), in order. */
  stagesShown: readonly number[];
  /** Columns per stage index. */
  widths: readonly number[];
  /** Each card's column within its stage (./sequence). */
  localColumn: ReadonlyMap<Card, number>;
  /** Room added to gutters (index as Grid.gutters) where labels did not fit. */
  gutterExtra: readonly number[];
  /** The grid's least width (the widest label, when it is wider than the stages). */
  minGridWidth: number;
  lineOf: (offset: number) => number;
  measure: TextMeasure;
  /** Compare mode: the stages drawn as ghosts (gone since the other side), with what their header says. */
  removedStages?: ReadonlyMap<number, string>;
}

export function placeGrid({ map, lanes, cards, stagesShown, widths, localColumn, gutterExtra, minGridWidth, lineOf, measure, removedStages }: GridInput): Grid {
  const M = DIMENSIONS;
  const gridX = M.margin + M.labelWidth;
  const stages = stageColumns(map, stagesShown, widths, gridX, lineOf, measure, removedStages);
  const last = stages[stages.length - 1];
  const gridRight = Math.max(last ? last.x + last.width + M.columnGap / 2 : gridX, gridX + 240, gridX + minGridWidth);
  const width = gridRight + M.margin;
  const stageOf = new Map(stages.map((st) => [st.index, st]));

  // Bands from top to bottom: title and subtitle, stage headers, the curves, the lanes.
  const subtitleLines = subtitle(map, width, measure);
  let y = M.margin + M.titleSize + 6 + subtitleLines.length * 17 + 14;
  const headerLines = Math.max(1, ...stages.map((st) => st.labelLines.length));
  for (const st of stages) st.y = y;
  y += 14 + headerLines * 16 + 18;
  let curveBand: CurveBand | undefined;
  if (lanes.some((l) => l.kind === 'customer' && !l.problem)) {
    curveBand = { x: gridX, y, width: gridRight - gridX, height: M.curveHeight, zeroY: y + M.curveHeight / 2, unit: (M.curveHeight - 48) / 6 };
    y += M.curveHeight;
  }
  const gridTop = y;
  const rowHeight = new Array<number>(lanes.length).fill(0);
  for (const card of cards) rowHeight[card.laneIndex] = Math.max(rowHeight[card.laneIndex], card.height);
  // A lane's padding above and below its cards is half of the gutter there (and the whole of the outer ones).
  const extra = (g: number) => gutterExtra[g] ?? 0;
  const padAbove = (l: number) => M.lanePadding + (l === 0 ? extra(0) : extra(l) / 2);
  const padBelow = (l: number) => M.lanePadding + (l === lanes.length - 1 ? extra(l + 1) : extra(l + 1) / 2);
  lanes.forEach((band, l) => {
    band.x = M.margin;
    band.y = y;
    band.width = gridRight - M.margin;
    band.height = Math.max(rowHeight[l] + padAbove(l) + padBelow(l), laneHeaderHeight(band), 40 + 2 * M.lanePadding);
    y += band.height;
  });
  const gridBottom = Math.max(y, gridTop + 40);
  for (const st of stages) st.height = gridBottom - st.y;
  const gutters: Gutter[] = [];
  for (let g = 0; g <= lanes.length; g++) {
    if (g === 0) gutters.push({ y: gridTop + padAbove(0) / 2, half: padAbove(0) / 2 });
    else if (g === lanes.length) gutters.push({ y: gridBottom - padBelow(g - 1) / 2, half: padBelow(g - 1) / 2 });
    else gutters.push({ y: lanes[g].y, half: M.lanePadding + extra(g) / 2 });
  }

  for (const card of cards) {
    const stage = stageOf.get(card.stageIndex)!;
    card.column = (localColumn.get(card) ?? 0) + stage.firstColumn;
    card.x = columnX(gridX, card.column);
    card.y = lanes[card.laneIndex].y + padAbove(card.laneIndex);
    card.stageKey = stage.key;
  }
  const curves = curveBand ? emotionCurves(lanes, cards, curveBand, measure) : [];
  // The line of visibility: above the first lane the customer does not see, when one they see is above it.
  const firstHidden = lanes.findIndex((l) => !l.visible);
  const visibilityY = firstHidden > 0 && lanes.slice(0, firstHidden).some((l) => l.visible && !l.problem) ? lanes[firstHidden].y : undefined;
  return { stages, gutters, subtitleLines, gridX, gridRight, gridTop, gridBottom, width, curveBand, curves, visibilityY };
}
