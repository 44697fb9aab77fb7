/**
 * The edges between cards: the flow (`next:`, else the next touchpoint in the file) and the
 * handoffs. A handoff that is also the flow's next step is drawn once, as the handoff (one arrow
 * says both). A silent or over-SLA handoff is red unless the team accepted it with a disable
 * comment on the line the finding is reported on: then it is drawn as a fact ("silent, accepted").
 */
import { handoffTimes, silentHandoffSpan, slaExceededSpan, type Handoff, type JourneyMap, type Touchpoint } from '../format';
import { isSilenced, type DisableComments } from '../parse';
import { DIMENSIONS } from './dimensions';
import type { LabelPlacer } from './labels';
import type { GridRouter } from './router';
import type { TextMeasure } from './textMetrics';
import type { Card, FlowEdge, HandoffEdge } from './types';

export interface FlowPair {
  from: Card;
  to: Card;
  implicit: boolean;
}

/** The flow's steps between drawn touchpoints, each once; document order for a touchpoint without `next`. */
export function flowPairs(drawn: Touchpoint[], cardByIndex: Map<number, Card>, cardById: Map<string, Card>): FlowPair[] {
  const pairs: FlowPair[] = [];
  const seen = new Set<string>();
  drawn.forEach((t, d) => {
    const from = cardByIndex.get(t.index)!;
    const targets: { card: Card; implicit: boolean }[] = [];
    if (t.next) {
      for (const ref of t.next) {
        const target = cardById.get(ref.value);
        if (target && target !== from) targets.push({ card: target, implicit: false });
      }
    } else {
      const following = d + 1 < drawn.length ? cardByIndex.get(drawn[d + 1].index) : undefined;
      if (following) targets.push({ card: following, implicit: true });
    }
    for (const { card: to, implicit } of targets) {
      const key = `${from.key}->${to.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({ from, to, implicit });
    }
  });
  return pairs;
}

/** What the team accepted of a handoff's findings: a disable comment on the line the rule reports on. */
function accepted(h: Handoff, silent: boolean, overSla: boolean, lineOf: (offset: number) => number, comments: DisableComments): string[] {
  const out: string[] = [];
  if (silent && isSilenced(comments, lineOf(silentHandoffSpan(h)[0]), 'silent-handoff')) out.push('silent');
  const late = slaExceededSpan(h);
  if (overSla && late && isSilenced(comments, lineOf(late[0]), 'sla-exceeded')) out.push('over SLA');
  return out;
}

/**
 * A handoff's label: its SLA and observed wait, `silent` when the customer is not told, and what
 * the team accepted said as a fact (`silent, accepted`, `over SLA, accepted`, `silent, over SLA: accepted`).
 */
function handoffLabel(sla: string | undefined, wait: string | undefined, silent: boolean, accepted: string[]): string {
  const open = silent && !accepted.includes('silent') ? ['silent'] : [];
  const facts = accepted.length ? [`${accepted.join(', ')}${accepted.length > 1 ? ':' : ','} accepted`] : [];
  return [sla ? `SLA ${sla}` : 'no SLA', wait ? `wait ${wait}` : '', ...open, ...facts].filter(Boolean).join(' · ');
}

export interface EdgeContext {
  router: GridRouter;
  labels: LabelPlacer;
  measure: TextMeasure;
  lineOf: (offset: number) => number;
  comments: DisableComments;
}

/** Handoff edges (routed, labelled), and the flow pairs they carry. */
export function handoffEdges(map: JourneyMap, cardById: Map<string, Card>, flows: FlowPair[], ctx: EdgeContext): { handoffs: HandoffEdge[]; carried: Set<string> } {
  const handoffs: HandoffEdge[] = [];
  const flowKeys = new Set(flows.map((f) => `${f.from.key}->${f.to.key}`));
  const carried = new Set<string>();
  map.handoffs.forEach((h, i) => {
    const from = h.from ? cardById.get(h.from.value) : undefined;
    const to = h.to ? cardById.get(h.to.value) : undefined;
    if (!from || !to || from === to) return;
    const { sla, wait } = handoffTimes(h);
    const notifies = h.notifiesCustomer?.value === true;
    const overSla = h.sla !== undefined && h.wait !== undefined && h.wait.value > h.sla.value;
    const ok = accepted(h, !notifies, overSla, ctx.lineOf, ctx.comments);
    const label = handoffLabel(sla, wait, !notifies, ok);
    const key = `${from.key}->${to.key}`;
    const carriesFlow = flowKeys.has(key) && !carried.has(key);
    if (carriesFlow) carried.add(key);
    const route = ctx.router.route(from, to);
    const width = Math.ceil(ctx.measure.width(label, DIMENSIONS.smallSize, true) + 16);
    handoffs.push({
      key: `handoff${i}`, index: i, from: from.key, to: to.key, sla, wait, notifiesCustomer: notifies, overSla,
      alert: (!notifies && !ok.includes('silent')) || (overSla && !ok.includes('over SLA')), accepted: ok, carriesFlow,
      label, labelBox: ctx.labels.place(width, route.slots), points: route.points, line: ctx.lineOf(h.span[0]), note: h.note?.value,
    });
  });
  return { handoffs, carried };
}

/** Flow edges for the pairs no handoff carries; an edge to an earlier touchpoint is a loop. */
export function flowEdges(pairs: FlowPair[], carried: Set<string>, router: GridRouter): FlowEdge[] {
  const flows: FlowEdge[] = [];
  for (const { from, to, implicit } of pairs) {
    const key = `${from.key}->${to.key}`;
    if (carried.has(key)) continue;
    const kind = to.index <= from.index ? 'loop' : 'flow';
    flows.push({ key, from: from.key, to: to.key, kind, implicit, points: router.route(from, to).points, line: from.line });
  }
  return flows;
}
