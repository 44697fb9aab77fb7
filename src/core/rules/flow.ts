import { closest, SuggestBudget } from '../base';
import { deadEndSpan } from '../format';
import type { Rule } from './rule';
import { keySpan, writtenWrong } from './util';

export const MAX_STAGES = 12;
export const MAX_TOUCHPOINTS = 80;

export const flowRules: Rule[] = [
  {
    name: 'empty-stage', group: 'flow', severity: 'warning', summary: 'A stage with no touchpoints.',
    check({ doc, map, report }) {
      for (const stage of map.stages) {
        if (stage.touchpoints.length || writtenWrong(doc, stage.span, 'stage', 'touchpoints')) continue;
        report(stage.id?.span ?? stage.span, `The stage \`${stage.name?.value ?? stage.id?.value ?? ''}\` has no touchpoints: add what happens here, or remove it.`);
      }
    },
  },
  {
    name: 'unused-lane', group: 'flow', severity: 'info', summary: 'A lane no touchpoint uses.',
    check({ map, report }) {
      const used = new Set(map.touchpoints.map((tp) => tp.lane?.value));
      const ids = map.lanes.filter((l) => l.id).map((l) => l.id!.value);
      // A lane a mistyped reference was meant for is used: unknown-reference already says so (one mistake, one finding).
      const budget = new SuggestBudget();
      for (const ref of [...used]) {
        const meant = ref !== undefined && !ids.includes(ref) ? closest(ref, ids, budget) : undefined;
        if (meant) used.add(meant);
      }
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
    name: 'loop', group: 'flow', severity: 'info', summary: 'A `next` that goes back: a step is repeated.',
    check({ map, report }) {
      const indexById = new Map<string, number>();
      for (const tp of map.touchpoints) if (tp.id && !indexById.has(tp.id.value)) indexById.set(tp.id.value, tp.index);
      const kindOf = new Map(map.lanes.filter((l) => l.id).map((l) => [l.id!.value, l.kind?.value]));
      for (const tp of map.touchpoints) {
        for (const ref of tp.next ?? []) {
          const target = indexById.get(ref.value);
          if (target === undefined || target > tp.index) continue;
          // Who repeats the step: the customer when a customer lane is in the loop, else the teams behind it.
          const lanes = [tp.lane?.value, map.touchpoints[target].lane?.value];
          const customer = lanes.some((lane) => lane !== undefined && kindOf.get(lane) === 'customer');
          const visible = lanes.some((lane) => lane !== undefined && kindOf.get(lane) === 'frontstage');
          const who = customer
            ? 'the customer repeats a step. Loops like this are where repeat contacts come from.'
            : `the ${visible ? 'front line' : 'teams behind the line of visibility'} repeat${visible ? 's' : ''} a step (rework). Loops like this are where resolution time goes.`;
          report(ref.span, `The flow goes back from \`${tp.id?.value ?? ''}\` to \`${ref.value}\`: ${who}`);
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
