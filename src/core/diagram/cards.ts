/** Cards: what each touchpoint shows (title, channel, feels, pains, metrics) and how tall it is. */
import { describeSignal, evaluateMetric, evaluateSignal } from '../evidence';
import { formatIsoDate, formatQuantityAmount, hypothesis, type JourneyMap, type Metric, type Touchpoint } from '../format';
import { DIMENSIONS } from './dimensions';
import { ellipsize, normalizeSpace, wrapText, type TextMeasure } from './textMetrics';
import type { Card, ImprovementItem, LaneBand, MetricBadge, PainLine } from './types';

const INNER_WIDTH = DIMENSIONS.cardWidth - 2 * DIMENSIONS.cardPadding;
/** Text after a pain's or a metric's marker starts this far in. */
const MARKED_WIDTH = INNER_WIDTH - 14;

export interface CardContext {
  measure: TextMeasure;
  detail: 'compact' | 'full';
  /** The period of each source, for computed metrics (`2026-07-01–2026-09-30`). */
  periods: Map<string, string>;
}

/** The improvements as items for the matrix, and the improvement keys per touchpoint id; signals judged on `today` when given. */
export function improvementItems(map: JourneyMap, lineOf: (offset: number) => number, today?: number): { items: ImprovementItem[]; byTouchpoint: Map<string, string[]> } {
  const byTouchpoint = new Map<string, string[]>();
  const items = map.improvements.map((imp, i): ImprovementItem => {
    const key = imp.id?.value ?? `#improvement${i}`;
    const forIds = imp.for.map((f) => f.value);
    for (const target of forIds) {
      const list = byTouchpoint.get(target) ?? [];
      list.push(key);
      byTouchpoint.set(target, list);
    }
    return {
      key, id: imp.id?.value, index: i, line: lineOf(imp.span[0]), sentence: hypothesis(imp.experiment?.value, imp.outcome?.value, imp.signal?.value),
      experiment: imp.experiment?.value, outcome: imp.outcome?.value, signal: imp.signal?.value, impact: imp.impact?.value,
      effort: imp.effort?.value, owner: imp.owner?.value, due: imp.due ? formatIsoDate(imp.due.value) : undefined,
      status: imp.status?.value, for: forIds,
      ...signalOf(imp, map, today),
    };
  });
  return { items, byTouchpoint };
}

/** A structured signal's standing, in the words hovers use ("not yet met: 22%, target 26.4% by 2027-02-28"). */
function signalOf(imp: JourneyMap['improvements'][number], map: JourneyMap, today: number | undefined): Pick<ImprovementItem, 'signalStatus'> {
  const evaluation = today === undefined ? undefined : evaluateSignal(imp, map, today);
  return evaluation ? { signalStatus: describeSignal(evaluation) } : {};
}

/** Compact: one line, the figures always, the name as far as it fits. */
function compactMetricLine(name: string, figures: string, measure: TextMeasure): string {
  const size = DIMENSIONS.smallSize;
  const room = MARKED_WIDTH - measure.width(` ${figures}`, size);
  return room > 30 ? `${ellipsize(measure, name, room, size)} ${figures}` : ellipsize(measure, `${name} ${figures}`, MARKED_WIDTH, size);
}

/** Full: the whole name, wrapped, and the figures kept together after it (on a line of their own if need be). */
function fullMetricLines(name: string, figures: string, measure: TextMeasure): string[] {
  const size = DIMENSIONS.smallSize;
  const lines = wrapText(measure, name, MARKED_WIDTH, size, 4);
  const last = lines.length - 1;
  if (last >= 0 && measure.width(`${lines[last]} ${figures}`, size) <= MARKED_WIDTH) lines[last] = `${lines[last]} ${figures}`;
  else lines.push(ellipsize(measure, figures, MARKED_WIDTH, size));
  return lines;
}

/** A metric as a card shows it: its figures always, its name as far as it fits. */
function metricBadge(m: Metric, ctx: CardContext): MetricBadge {
  const M = DIMENSIONS;
  const evaluation = evaluateMetric(m);
  // A value computed from the ticket export (set by validation) wins over a typed one.
  const quantity = m.computed?.value ?? m.value?.value;
  const value = quantity ? quantity.text || formatQuantityAmount(quantity.kind, quantity.amount, quantity.scale) : undefined;
  const target = m.target?.value.text;
  const figures = `${value ?? '—'}${target ? ` / ${target}` : ''}`;
  const lines = ctx.detail === 'full' ? fullMetricLines(m.name.value, figures, ctx.measure) : [compactMetricLine(m.name.value, figures, ctx.measure)];
  const period = m.from ? ctx.periods.get(m.from.value) : undefined;
  const computed = m.from ? { rows: m.computed?.n, problem: m.computed?.problem, period } : undefined;
  let noteLines: string[] = [];
  if (ctx.detail === 'full' && computed) {
    const facts = computed.problem ? ['not computed'] : [`n ${(computed.rows ?? 0).toLocaleString('en-US')}`, ...(period ? [period] : [])];
    noteLines = wrapText(ctx.measure, `computed from ${m.from!.value} · ${facts.join(' · ')}`, MARKED_WIDTH, M.smallSize - 1, 3);
  }
  return {
    name: m.name.value, value, target, status: evaluation.status, better: evaluation.better, gap: evaluation.gap,
    source: m.source?.value ?? m.from?.value, asOf: m.asOf ? formatIsoDate(m.asOf.value) : undefined, lines, computed, noteLines,
  };
}

/** The pains as drawn: compact, the first two shortened; full, every pain wrapped in full. */
function painLines(pains: string[], ctx: CardContext): PainLine[] {
  const M = DIMENSIONS;
  if (ctx.detail === 'full') {
    return pains.flatMap((pain) => wrapText(ctx.measure, pain, MARKED_WIDTH, M.smallSize).map((text, i) => ({ text, marked: i === 0 })));
  }
  const lines = pains.slice(0, M.maxPainLines).map((pain) => ellipsize(ctx.measure, pain, MARKED_WIDTH, M.smallSize));
  if (pains.length > M.maxPainLines) lines[M.maxPainLines - 1] = ellipsize(ctx.measure, `${pains.length - M.maxPainLines + 1} more pains…`, MARKED_WIDTH, M.smallSize);
  return lines.map((text) => ({ text, marked: true }));
}

/** The line at a card's foot naming the improvements planned for it. */
function improvementLabel(ids: string[], ctx: CardContext): string | undefined {
  if (!ids.length) return undefined;
  // The ids when they fit (the improvements section below says what each is), else how many.
  const named = `↑ ${ids.map((id) => (id.startsWith('#') ? 'improvement' : id)).join(', ')}`;
  if (ctx.measure.width(named, DIMENSIONS.smallSize, true) <= INNER_WIDTH) return named;
  return ellipsize(ctx.measure, `↑ ${ids.length} improvement${ids.length === 1 ? '' : 's'}`, INNER_WIDTH, DIMENSIONS.smallSize, true);
}

/** The channel as the card's header shows it: upper case, shortened to the room left by the feels badge and `reserve` (a compare tag). */
export function channelLabel(channel: string, feels: boolean, measure: TextMeasure, reserve = 0): string {
  return ellipsize(measure, channel.toUpperCase(), INNER_WIDTH - (feels ? 30 : 4) - reserve, DIMENSIONS.smallSize - 0.5, true);
}

/** The card's height for its content, as cardSvg draws it. */
export function cardHeight(card: Pick<Card, 'titleLines' | 'painLines' | 'metricRows' | 'metrics' | 'improvementLabel'>): number {
  const M = DIMENSIONS;
  const shown = card.metrics.slice(0, card.metricRows);
  const metricsHeight = shown.reduce((h, m) => h + m.lines.length * M.smallLineHeight + 3 + m.noteLines.length * (M.smallLineHeight - 1), 0);
  return Math.ceil(M.cardHeaderHeight + card.titleLines.length * M.lineHeight + 6
    + (card.painLines.length ? card.painLines.length * M.smallLineHeight + 4 : 0)
    + (card.metricRows ? metricsHeight + 4 : 0)
    + (card.improvementLabel ? 18 : 0) + M.cardPadding);
}

/** The card of a touchpoint in its lane, sized to its content, not yet placed. */
export function buildCard(t: Touchpoint, key: string, lane: LaneBand, context: { last: boolean; improvements: string[]; line: number; endLine: number }, ctx: CardContext): Card {
  const M = DIMENSIONS;
  const id = t.id?.value;
  const name = normalizeSpace(t.name?.value ?? id ?? `Touchpoint ${t.index + 1}`);
  const pains = t.pains.map((p) => normalizeSpace(p.value)).filter((p) => p.length > 0);
  const metrics = t.metrics.map((m) => metricBadge(m, ctx));
  const card: Card = {
    key, id, index: t.index, laneKey: lane.key, stageKey: '', laneIndex: lane.index, stageIndex: t.stage.index,
    column: 0, line: context.line, endLine: context.endLine, name, titleLines: wrapText(ctx.measure, name, INNER_WIDTH, M.fontSize, M.maxTitleLines, true),
    channel: t.channel ? normalizeSpace(t.channel.value) : undefined,
    channelLabel: t.channel ? channelLabel(normalizeSpace(t.channel.value), t.feels !== undefined, ctx.measure) : undefined,
    does: t.does?.value, thinks: t.thinks?.value,
    feels: t.feels?.value, pains, painLines: painLines(pains, ctx), metrics,
    metricRows: ctx.detail === 'full' ? metrics.length : Math.min(metrics.length, M.maxMetricRows), runbook: t.runbook?.value,
    // As the dead-end rule sees it: `next: []` on the last touchpoint is where the journey ends.
    deadEnd: t.next !== undefined && t.next.length === 0 && !context.last,
    improvements: context.improvements, improvementLabel: improvementLabel(context.improvements, ctx), customer: lane.kind === 'customer' && !lane.problem,
    x: 0, y: 0, width: M.cardWidth, height: 0,
  };
  card.height = cardHeight(card);
  return card;
}
