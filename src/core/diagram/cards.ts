/** Cards: what each touchpoint shows (title, channel, feels, pains, metrics) and how tall it is. */
import { evaluateMetric } from '../evidence';
import { formatIsoDate, formatQuantityAmount, type JourneyMap, type Metric, type Touchpoint } from '../format';
import { DIMENSIONS } from './dimensions';
import { hypothesis } from './hypothesis';
import { ellipsize, normalizeSpace, textWidth, wrapText } from './textMetrics';
import type { Card, ImprovementItem, LaneBand, MetricBadge } from './types';

const INNER_WIDTH = DIMENSIONS.cardWidth - 2 * DIMENSIONS.cardPadding;

/** The improvements as items for the matrix, and the improvement keys per touchpoint id. */
export function improvementItems(map: JourneyMap, lineOf: (offset: number) => number): { items: ImprovementItem[]; byTouchpoint: Map<string, string[]> } {
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
    };
  });
  return { items, byTouchpoint };
}

/** A metric as a card shows it: its figures always, its name as far as it fits. */
function metricBadge(m: Metric): MetricBadge {
  const M = DIMENSIONS;
  const evaluation = evaluateMetric(m);
  // A value computed from the ticket export (set by validation) wins over a typed one.
  const quantity = m.computed?.value ?? m.value?.value;
  const value = quantity ? quantity.text || formatQuantityAmount(quantity.kind, quantity.amount, quantity.scale) : undefined;
  const target = m.target?.value.text;
  const figures = `${value ?? '—'}${target ? ` / ${target}` : ''}`;
  const room = INNER_WIDTH - 14 - textWidth(` ${figures}`, M.smallSize);
  const label = room > 30 ? `${ellipsize(m.name.value, room, M.smallSize)} ${figures}` : ellipsize(`${m.name.value} ${figures}`, INNER_WIDTH - 14, M.smallSize);
  return {
    name: m.name.value, value, target, status: evaluation.status, better: evaluation.better, gap: evaluation.gap,
    source: m.source?.value ?? m.from?.value, asOf: m.asOf ? formatIsoDate(m.asOf.value) : undefined, label,
    computed: m.from ? { rows: m.computed?.n, problem: m.computed?.problem } : undefined,
  };
}

/** The card of a touchpoint in its lane, sized to its content, not yet placed. */
export function buildCard(t: Touchpoint, key: string, lane: LaneBand, context: { last: boolean; improvements: string[]; line: number }): Card {
  const M = DIMENSIONS;
  const id = t.id?.value;
  const name = normalizeSpace(t.name?.value ?? id ?? `Touchpoint ${t.index + 1}`);
  const pains = t.pains.map((p) => normalizeSpace(p.value)).filter((p) => p.length > 0);
  const painLines: string[] = [];
  for (const pain of pains.slice(0, M.maxPainLines)) painLines.push(ellipsize(pain, INNER_WIDTH - 14, M.smallSize));
  if (pains.length > M.maxPainLines) painLines[M.maxPainLines - 1] = ellipsize(`${pains.length - M.maxPainLines + 1} more pains…`, INNER_WIDTH - 14, M.smallSize);
  const metrics = t.metrics.map(metricBadge);
  const metricRows = Math.min(metrics.length, M.maxMetricRows);
  const titleLines = wrapText(name, INNER_WIDTH, M.fontSize, M.maxTitleLines, true);
  const height = M.cardHeaderHeight + titleLines.length * M.lineHeight + 6
    + (painLines.length ? painLines.length * M.smallLineHeight + 4 : 0)
    + (metricRows ? metricRows * (M.smallLineHeight + 3) + 4 : 0) + M.cardPadding;
  return {
    key, id, index: t.index, laneKey: lane.key, stageKey: '', laneIndex: lane.index, stageIndex: t.stage.index,
    slot: 0, row: 0, line: context.line, name, titleLines,
    channel: t.channel ? normalizeSpace(t.channel.value) : undefined,
    channelLabel: t.channel ? ellipsize(normalizeSpace(t.channel.value).toUpperCase(), INNER_WIDTH - (t.feels ? 30 : 4) - 8, M.smallSize, true) : undefined,
    does: t.does?.value, thinks: t.thinks?.value,
    feels: t.feels?.value, pains, painLines, metrics, metricRows, runbook: t.runbook?.value,
    // As the dead-end rule sees it: `next: []` on the last touchpoint is where the journey ends.
    deadEnd: t.next !== undefined && t.next.length === 0 && !context.last,
    improvements: context.improvements, customer: lane.kind === 'customer' && !lane.synthetic,
    x: 0, y: 0, width: M.cardWidth, height: Math.ceil(height),
  };
}
