import { deadEndSpan } from '../format';
import type { Rule } from './rule';
import { keySpan } from './util';

export const MAX_STAGES = 12;
export const MAX_TOUCHPOINTS = 80;

export const flowRules: Rule[] = [
  {
    name: 'empty-stage', group: 'flow', severity: 'warning', summary: 'A stage with no touchpoints.',
    check({ map, report }) {
      for (const stage of map.stages) {
        if (stage.touchpoints.length) continue;
        report(stage.id?.span ?? stage.span, `The stage \`${stage.name?.value ?? stage.id?.value ?? ''}\` has no touchpoints: add what happens here, or remove it.`);
      }
    },
  },
  {
    name: 'unused-lane', group: 'flow', severity: 'info', summary: 'A lane no touchpoint uses.',
    check({ map, report }) {
      const used = new Set(map.touchpoints.map((tp) => tp.lane?.value));
      for (const lane of map.lanes) {
        if (!lane.id || used.has(lane.id.value)) continue;
        report(lane.id.span, `No touchpoint is in the lane \`${lane.id.value}\`: add its touchpoints or remove the lane.`);
      }
    },
  },
  {
    name: 'dead-end', group: 'flow', severity: 'warning', summary: 'An explicit `next: []` before the last touchpoint.',
    check({ map, report }) {
      const last = map.touchpoints.length - 1;
      for (const tp of map.touchpoints) {
        if (!tp.next || tp.next.length || tp.index === last) continue;
        report(deadEndSpan(tp), `The journey stops at \`${tp.id?.value ?? tp.name?.value ?? 'this touchpoint'}\` (\`next: []\`) before its end: the customer hits a wall with no next step. Map what they do next, or fix the dead end.`);
      }
    },
  },
  {
    name: 'loop', group: 'flow', severity: 'info', summary: 'A `next` that goes back: the customer repeats a step.',
    check({ map, report }) {
      const indexById = new Map<string, number>();
      for (const tp of map.touchpoints) if (tp.id && !indexById.has(tp.id.value)) indexById.set(tp.id.value, tp.index);
      for (const tp of map.touchpoints) {
        for (const ref of tp.next ?? []) {
          const target = indexById.get(ref.value);
          if (target === undefined || target > tp.index) continue;
          report(ref.span, `The flow goes back from \`${tp.id?.value ?? ''}\` to \`${ref.value}\`: the customer repeats a step. Loops like this are where repeat contacts come from.`);
        }
      }
    },
  },
  {
    name: 'overcomplicated', group: 'flow', severity: 'info', summary: 'More than 12 stages or 80 touchpoints.',
    check({ doc, map, report }) {
      if (map.stages.length > MAX_STAGES) {
        report(keySpan(doc, 'stages'), `${map.stages.length} stages is more than ${MAX_STAGES}: a spaghetti map is too complex to act on. Split it into one map per scenario.`);
      } else if (map.touchpoints.length > MAX_TOUCHPOINTS) {
        report(keySpan(doc, 'stages'), `${map.touchpoints.length} touchpoints is more than ${MAX_TOUCHPOINTS}: a spaghetti map is too complex to act on. Split it into one map per scenario.`);
      }
    },
  },
];
