/** The edges between cards: the flow (`next:`, else the next touchpoint in the file) and the handoffs. */
import { formatDuration, type JourneyMap, type Touchpoint } from '../format';
import { DIMENSIONS } from './dimensions';
import type { GridRouter } from './router';
import { textWidth } from './textMetrics';
import type { Card, FlowEdge, HandoffEdge } from './types';

/** Flow edges between the drawn touchpoints; an edge to an earlier touchpoint is a loop. */
export function flowEdges(drawn: Touchpoint[], cardByIndex: Map<number, Card>, cardById: Map<string, Card>, router: GridRouter): FlowEdge[] {
  const flows: FlowEdge[] = [];
  const flowKeys = new Set<string>();
  drawn.forEach((t, d) => {
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
  });
  return flows;
}

/** Handoff edges, labelled with the SLA, the wait, and `silent` when the customer is not told. */
export function handoffEdges(map: JourneyMap, cardById: Map<string, Card>, router: GridRouter, lineOf: (offset: number) => number): HandoffEdge[] {
  const handoffs: HandoffEdge[] = [];
  map.handoffs.forEach((h, i) => {
    const from = h.from ? cardById.get(h.from.value) : undefined;
    const to = h.to ? cardById.get(h.to.value) : undefined;
    if (!from || !to || from === to) return;
    const sla = h.sla ? formatDuration(h.sla.value) : undefined;
    const wait = h.wait ? formatDuration(h.wait.value) : undefined;
    const notifies = h.notifiesCustomer?.value === true;
    const overSla = h.sla !== undefined && h.wait !== undefined && h.wait.value > h.sla.value;
    const label = [sla ? `SLA ${sla}` : 'no SLA', wait ? `wait ${wait}` : '', notifies ? '' : 'silent'].filter(Boolean).join(' · ');
    const { points, labelAt } = router.handoff(from, to);
    handoffs.push({
      key: `handoff${i}`, index: i, from: from.key, to: to.key, sla, wait, notifiesCustomer: notifies, overSla,
      alert: !notifies || overSla, label, labelAt, labelWidth: Math.ceil(textWidth(label, DIMENSIONS.smallSize) + 14), points,
      line: lineOf(h.span[0]), note: h.note?.value,
    });
  });
  return handoffs;
}
