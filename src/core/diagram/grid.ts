/**
 * The grid: stages as columns, lanes as rows, each touchpoint in its lane x stage cell. Cell sizes
 * come from the cards they hold (up to DIMENSIONS.maxSlots side by side, then further rows), so
 * cards never overlap; then the bands from top to bottom (title, stage headers, the emotion curve,
 * the lanes, the legend) and each card's position.
 */
import type { JourneyMap } from '../format';
import { DIMENSIONS } from './dimensions';
import { normalizeSpace, wrapText } from './textMetrics';
import type { Card, CurvePoint, EmotionCurve, LaneBand, StageColumn } from './types';

export interface Grid {
  stages: StageColumn[];
  subtitleLines: string[];
  gridX: number;
  gridRight: number;
  gridTop: number;
  gridBottom: number;
  width: number;
  height: number;
  legendY: number;
  curve?: EmotionCurve;
  visibilityY?: number;
}

/** Cards per cell in document order: each card's slot and row, the slots per stage, the rows' heights. */
function assignSlots(cards: Card[], laneCount: number, stageCount: number) {
  const M = DIMENSIONS;
  const cells: Card[][] = new Array(laneCount * stageCount);
  for (const card of cards) (cells[card.laneIndex * stageCount + card.stageIndex] ??= []).push(card);
  const slotsPerStage = new Array<number>(stageCount).fill(1);
  for (let s = 0; s < stageCount; s++) {
    for (let l = 0; l < laneCount; l++) {
      const n = cells[l * stageCount + s]?.length ?? 0;
      if (n > slotsPerStage[s]) slotsPerStage[s] = Math.min(n, M.maxSlots);
    }
  }
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
  return { slotsPerStage, cellRowHeights, laneContent };
}

function stageColumns(map: JourneyMap, slotsPerStage: number[], gridX: number, lineOf: (offset: number) => number): StageColumn[] {
  const M = DIMENSIONS;
  const stages: StageColumn[] = [];
  let x = gridX;
  map.stages.forEach((st, s) => {
    const slots = slotsPerStage[s];
    const width = 2 * M.columnPadding + slots * M.cardWidth + (slots - 1) * M.slotGap;
    const name = normalizeSpace(st.name?.value ?? st.id?.value ?? `Stage ${s + 1}`);
    stages.push({
      key: st.id?.value ?? `#stage${s}`, id: st.id?.value, name, index: s, line: lineOf(st.span[0]),
      labelLines: wrapText(name, width - 20, M.stageHeaderSize, 2, true), slots, touchpointCount: st.touchpoints.length,
      x, y: 0, width, height: 0,
    });
    x += width;
  });
  return stages;
}

function subtitle(map: JourneyMap, width: number): string[] {
  const parts = [
    map.personas[0] ? `Persona: ${normalizeSpace(map.personas[0].value)}` : '',
    map.scenario ? `Scenario: ${normalizeSpace(map.scenario.value)}` : '',
    map.goal ? `Goal: ${normalizeSpace(map.goal.value)}` : '',
  ].filter(Boolean);
  return wrapText(parts.join('  ·  '), Math.max(400, width - 2 * DIMENSIONS.margin), DIMENSIONS.subtitleSize, 3);
}

/** The emotion curve's points: the customer cards with `feels`, left to right. */
function curvePoints(cards: Card[], curve: EmotionCurve): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (const card of cards) {
    if (!card.customer || card.feels === undefined || !Number.isFinite(card.feels)) continue;
    const feels = Math.max(-3, Math.min(3, card.feels));
    points.push({ key: card.key, feels: card.feels, line: card.line, name: card.name, x: card.x + card.width / 2, y: curve.zeroY - feels * curve.unit });
  }
  return points.sort((a, b) => a.x - b.x || a.y - b.y);
}

export function placeGrid(map: JourneyMap, lanes: LaneBand[], cards: Card[], lineOf: (offset: number) => number): Grid {
  const M = DIMENSIONS;
  const stageCount = map.stages.length;
  const { slotsPerStage, cellRowHeights, laneContent } = assignSlots(cards, lanes.length, stageCount);
  const gridX = M.margin + M.labelWidth;
  const stages = stageColumns(map, slotsPerStage, gridX, lineOf);
  const last = stages[stages.length - 1];
  const gridRight = Math.max(last ? last.x + last.width : gridX, gridX + 240);
  const width = gridRight + M.margin;

  // Bands from top to bottom: title and subtitle, stage headers, the curve, the lanes, the legend.
  const subtitleLines = subtitle(map, width);
  let y = M.margin + M.titleSize + 6 + subtitleLines.length * 17 + 14;
  const headerLines = Math.max(1, ...stages.map((st) => st.labelLines.length));
  for (const st of stages) st.y = y;
  y += 14 + headerLines * 16 + 18;
  let curve: EmotionCurve | undefined;
  if (lanes.some((l) => l.kind === 'customer' && !l.synthetic)) {
    curve = { x: gridX, y, width: gridRight - gridX, height: M.curveHeight, points: [], zeroY: y + M.curveHeight / 2, unit: (M.curveHeight - 44) / 6 };
    y += M.curveHeight;
  }
  const gridTop = y;
  lanes.forEach((band, l) => {
    const labelHeight = band.labelLines.length * 16 + (band.team ? 14 : 0) + 16;
    band.x = M.margin;
    band.y = y;
    band.width = gridRight - M.margin;
    band.height = Math.max(laneContent[l], labelHeight, 44) + 2 * M.lanePadding;
    y += band.height;
  });
  const gridBottom = Math.max(y, gridTop + 40);
  for (const st of stages) st.height = gridBottom - st.y;
  const legendY = gridBottom + 16;
  // The legend (about 1,330 px wide) wraps onto more rows on narrow maps.
  const legendRows = Math.ceil(1330 / Math.max(300, width - 2 * M.margin - 150));
  const height = legendY + M.legendHeight + (legendRows - 1) * 22 + M.margin;

  for (const card of cards) {
    const lane = lanes[card.laneIndex];
    const rows = cellRowHeights[card.laneIndex * stageCount + card.stageIndex];
    let top = lane.y + M.lanePadding;
    for (let r = 0; r < card.row; r++) top += rows[r] + M.rowGap;
    card.x = stages[card.stageIndex].x + M.columnPadding + card.slot * (M.cardWidth + M.slotGap);
    card.y = top;
    card.stageKey = stages[card.stageIndex]?.key ?? '';
  }
  if (curve) curve.points = curvePoints(cards, curve);
  // The line of visibility: above the first lane the customer does not see, when one they see is above it.
  const firstHidden = lanes.findIndex((l) => !l.visible);
  const visibilityY = firstHidden > 0 && lanes.slice(0, firstHidden).some((l) => l.visible) ? lanes[firstHidden].y : undefined;
  return { stages, subtitleLines, gridX, gridRight, gridTop, gridBottom, width, height, legendY, curve, visibilityY };
}
