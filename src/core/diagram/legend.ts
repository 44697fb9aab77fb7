/**
 * The legend: one entry for every kind of mark this picture draws (and none for marks it does
 * not), laid out in rows below the grid; and, in full detail, the text blocks below it: the
 * improvements as sentences with owner, due date and status, and a footer with the map's owner,
 * review and sources, so an exported picture stands alone.
 */
import { formatCadence, formatIsoDate, formatPeriod, type JourneyMap } from '../format';
import { DIMENSIONS } from './dimensions';
import { normalizeSpace, wrapText, type TextMeasure } from './textMetrics';
import type { Card, EmotionCurve, FlowEdge, HandoffEdge, ImprovementItem, LaneBand, LegendEntry, LegendMark, TextBlock } from './types';

/** Width of a legend entry's mark, before its text. */
export const LEGEND_MARK_WIDTH = 32;

export interface Drawn {
  cards: Card[];
  flows: FlowEdge[];
  handoffs: HandoffEdge[];
  lanes: LaneBand[];
  curves: EmotionCurve[];
  visibility: boolean;
  /** Compare mode: the other side's curves, and its name. */
  beforeCurves?: EmotionCurve[];
  compareLabel?: string;
}

/** The marks drawn, in the legend's order, with their words. */
function marksOf(d: Drawn): { mark: LegendMark; label: string; style?: number }[] {
  const marks: { mark: LegendMark; label: string; style?: number }[] = [];
  const add = (present: boolean, mark: LegendMark, label: string) => { if (present) marks.push({ mark, label }); };
  const metrics = d.cards.flatMap((c) => c.metrics.slice(0, c.metricRows));
  add(d.flows.some((f) => f.kind === 'flow'), 'flow', 'flow: the next step');
  add(d.flows.some((f) => f.kind === 'loop'), 'loop', 'loop: the customer repeats a step');
  add(d.handoffs.some((h) => !h.alert && !h.accepted.length), 'handoff', 'handoff between teams (SLA, observed wait)');
  add(d.handoffs.some((h) => h.alert), 'handoff-alert', 'handoff that is silent or over its SLA');
  add(d.handoffs.some((h) => !h.alert && h.accepted.length > 0), 'handoff-accepted', 'silent or late handoff the team accepted');
  add(d.cards.some((c) => c.deadEnd && !c.deadEndAccepted), 'dead-end', 'dead end: the journey stops');
  add(d.cards.some((c) => c.deadEnd && c.deadEndAccepted), 'dead-end-accepted', 'end the team accepted');
  add(d.cards.some((c) => c.painLines.length > 0), 'pain', 'pain point (red border: the touchpoint has pains)');
  add(d.cards.some((c) => c.feels !== undefined), 'feels', 'feels, from −3 to +3');
  add(metrics.some((m) => m.status === 'meets'), 'meets', 'meets target');
  add(metrics.some((m) => m.status === 'misses'), 'misses', 'misses target');
  add(metrics.some((m) => m.status === 'no-target' || m.status === 'no-value' || m.status === 'no-direction'), 'no-target', 'no target, no value or direction unknown');
  add(metrics.some((m) => m.computed), 'computed', 'computed from a ticket export');
  add(d.cards.some((c) => c.improvements.length > 0), 'improvement', 'improvement planned for this touchpoint');
  add(d.visibility, 'visibility', 'line of visibility: the customer does not see below it');
  for (const curve of d.curves) marks.push({ mark: 'curve', label: `emotion: ${curve.laneName}`, style: curve.style });
  add(d.lanes.some((l) => l.problem), 'unknown-lane', 'touchpoints in a lane that is not defined');
  if (d.compareLabel !== undefined) compareMarks(d, d.compareLabel, marks);
  return marks;
}

/** Compare mode's marks: new, changed and removed cards, and the other side's curves. */
function compareMarks(d: Drawn, label: string, marks: { mark: LegendMark; label: string; style?: number }[]): void {
  const has = (kind: string) => d.cards.some((c) => c.compare?.kind === kind);
  if (has('added')) marks.push({ mark: 'compare-added', label: `new since ${label}` });
  if (has('changed')) marks.push({ mark: 'compare-changed', label: `changed since ${label} (hover: before → after)` });
  if (has('removed')) marks.push({ mark: 'compare-removed', label: `removed since ${label}, where it stood` });
  for (const curve of d.beforeCurves ?? []) {
    marks.push({ mark: 'curve-before', label: `emotion at ${label}${(d.beforeCurves ?? []).length > 1 ? `: ${curve.laneName}` : ''}`, style: curve.style });
  }
}

/** The legend's entries placed in rows from (x, y), within `width`; returns them and the height used. */
export function layoutLegend(d: Drawn, x: number, y: number, width: number, measure: TextMeasure): { entries: LegendEntry[]; height: number } {
  const M = DIMENSIONS;
  const entries: LegendEntry[] = [];
  let cx = x;
  let cy = y + 12;
  for (const { mark, label, style } of marksOf(d)) {
    const w = LEGEND_MARK_WIDTH + Math.ceil(measure.width(label, M.smallSize)) + 22;
    if (cx > x && cx + w > x + width) { cx = x; cy += M.legendRowHeight; }
    entries.push({ mark, label, x: cx, y: cy, ...(style !== undefined ? { style } : {}) });
    cx += w;
  }
  return { entries, height: entries.length ? cy - y + M.legendRowHeight : 0 };
}

const STATUS_ORDER = ['in-progress', 'planned', 'idea', 'done', 'dropped'];
/** How far the lines an improvement wraps onto, and its facts, are indented. */
const ITEM_INDENT = 16;

/** Full detail: the improvements, each a sentence with its owner, due date, status and touchpoints. */
function improvementsBlock(items: ImprovementItem[], x: number, y: number, width: number, measure: TextMeasure): TextBlock | undefined {
  if (!items.length) return undefined;
  const M = DIMENSIONS;
  const lines: TextBlock['lines'] = [{ text: 'Improvements', style: 'heading' }];
  const sorted = [...items].sort((a, b) => STATUS_ORDER.indexOf(a.status ?? 'idea') - STATUS_ORDER.indexOf(b.status ?? 'idea') || a.index - b.index);
  for (const imp of sorted) {
    const facts = [
      imp.status ?? 'idea', imp.owner ? `owner ${imp.owner}` : 'no owner', imp.due ? `due ${imp.due}` : 'no due date', imp.for.length ? `for ${imp.for.join(', ')}` : '',
      imp.signalStatus ? `signal ${imp.signalStatus}` : '',
    ].filter(Boolean);
    wrapText(measure, `${imp.id ?? `Improvement ${imp.index + 1}`}: ${imp.sentence}`, width, M.fontSize)
      .forEach((text, i) => lines.push({ text, style: 'text', line: imp.line, ...(i ? { indent: ITEM_INDENT } : {}) }));
    for (const text of wrapText(measure, facts.map(normalizeSpace).join(' · '), width - ITEM_INDENT, M.smallSize)) lines.push({ text, style: 'muted', indent: ITEM_INDENT, line: imp.line });
  }
  return { key: 'improvements', x, y, lines };
}

/** Full detail: who owns the map, when it was reviewed, and what evidence it rests on. */
function footerBlock(map: JourneyMap, x: number, y: number, width: number, measure: TextMeasure): TextBlock {
  const M = DIMENSIONS;
  const review = map.review?.last ? `last reviewed ${formatIsoDate(map.review.last.value)}` : 'never reviewed';
  const sources = map.sources.map((s) => {
    const period = s.period ? `, ${formatPeriod(s.period.value)}` : '';
    return `${s.id?.value ?? '?'} (${s.kind?.value ?? 'source'}${period})`;
  });
  const text = [
    `Owner: ${map.owner ? normalizeSpace(map.owner.value) : 'none named'}`,
    `Review: ${review}${map.review?.every ? `, every ${formatCadence(map.review.every.value)}` : ''}`,
    `Sources: ${sources.length ? sources.join('; ') : 'none'}`,
  ].join('  ·  ');
  return { key: 'footer', x, y, lines: wrapText(measure, text, width, M.smallSize).map((line) => ({ text: line, style: 'muted' as const })) };
}

/** Height a block takes when drawn. */
export function blockHeight(block: TextBlock): number {
  return block.lines.reduce((h, l) => h + (l.style === 'heading' ? 22 : l.style === 'text' ? DIMENSIONS.lineHeight + 1 : DIMENSIONS.smallLineHeight + 2), 0) + 10;
}

export function fullDetailBlocks(map: JourneyMap, items: ImprovementItem[], x: number, y: number, width: number, measure: TextMeasure): TextBlock[] {
  const blocks: TextBlock[] = [];
  let top = y;
  const improvements = improvementsBlock(items, x, top, width, measure);
  if (improvements) {
    blocks.push(improvements);
    top += blockHeight(improvements) + 8;
  }
  blocks.push(footerBlock(map, x, top, width, measure));
  return blocks;
}
