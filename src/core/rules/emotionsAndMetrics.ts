import { metricInfo, type JourneyMap, type Touchpoint } from '../format';
import type { Rule } from './rule';
import { written } from './util';

function customerLanes(map: JourneyMap): Set<string> {
  return new Set(map.lanes.filter((l) => l.kind?.value === 'customer' && l.id).map((l) => l.id!.value));
}

function anchorOf(tp: Touchpoint) {
  return tp.id?.span ?? tp.span;
}

export const emotionsAndMetricsRules: Rule[] = [
  {
    name: 'missing-emotion', group: 'emotions-and-metrics', severity: 'info', summary: 'A customer touchpoint without `feels`.',
    check({ doc, map, report }) {
      const customers = customerLanes(map);
      for (const tp of map.touchpoints) {
        if (tp.feels || !tp.lane || !customers.has(tp.lane.value) || written(doc, tp.span, 'touchpoint', 'feels')) continue;
        report(anchorOf(tp), 'How does the customer feel here? Add `feels:` from -3 to +3 so the emotion curve shows this moment.');
      }
    },
  },
  {
    name: 'missing-metric', group: 'emotions-and-metrics', severity: 'info', summary: 'A touchpoint with no metric.',
    check({ map, report }) {
      for (const tp of map.touchpoints) {
        if (tp.metrics.length) continue;
        report(anchorOf(tp), 'This touchpoint measures nothing: add the metric most likely to reveal friction here (for example fcr, first_response_time, deflection_rate).');
      }
    },
  },
  {
    name: 'metric-without-target', group: 'emotions-and-metrics', severity: 'info', summary: 'A metric with a value but no target.',
    check({ doc, map, report }) {
      for (const tp of map.touchpoints) {
        for (const m of tp.metrics) {
          const value = m.computed?.value ?? m.value?.value;
          if (!value || m.target || written(doc, m.span, 'metric', 'target')) continue;
          report(m.name.span, `\`${m.name.value}\` has no target, so nobody can tell whether ${value.text} is good: add \`target:\` to it.`, { metric: m.name.value });
        }
      }
    },
  },
  {
    name: 'unknown-metric', group: 'emotions-and-metrics', severity: 'warning', summary: 'A metric outside the catalogue without `better`.',
    check({ map, report }) {
      for (const tp of map.touchpoints) {
        for (const m of tp.metrics) {
          if (metricInfo(m.name.value) || m.better) continue;
          report(m.name.span, `\`${m.name.value}\` is not a known metric, so its direction is unknown: add \`better: higher\` or \`better: lower\`, or use a catalogue name such as fcr, mttr, csat, ces, reopen_rate.`);
        }
      }
    },
  },
  {
    name: 'unexplained-low', group: 'emotions-and-metrics', severity: 'info', summary: 'A strongly negative `feels` with no pain listed.',
    check({ map, report }) {
      for (const tp of map.touchpoints) {
        if (!tp.feels || tp.feels.value > -2 || tp.pains.length) continue;
        report(tp.feels.span, `The customer feels ${tp.feels.value} here but no pain explains why: add \`pains:\` with what goes wrong.`);
      }
    },
  },
];
