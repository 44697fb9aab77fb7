import { closest, quoteShort, SuggestBudget } from '../base';
import { METRIC_CATALOGUE, metricInfo, suggestMetrics, type JourneyMap, type Touchpoint } from '../format';
import type { Rule } from './rule';
import { written, writtenWrong } from './util';

function customerLanes(map: JourneyMap): Set<string> {
  return new Set(map.lanes.filter((l) => l.kind?.value === 'customer' && l.id).map((l) => l.id!.value));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
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
    check({ doc, map, report }) {
      const kinds = new Map(map.lanes.filter((l) => l.id).map((l) => [l.id!.value, l.kind?.value]));
      for (const tp of map.touchpoints) {
        if (tp.metrics.length || writtenWrong(doc, tp.span, 'touchpoint', 'metrics')) continue;
        const stage = map.stages[tp.stage.index];
        const words = [stage?.name?.value, stage?.id?.value, tp.name?.value, tp.id?.value, tp.channel?.value].filter(Boolean).join(' ');
        const fits = suggestMetrics(words, tp.lane ? kinds.get(tp.lane.value) : undefined);
        const offer = fits.length
          ? `here the catalogue suggests ${fits.map((m) => `${m.name} (${m.fullName})`).join(', ')}; ${fits[0].name} reveals ${lowerFirst(fits[0].reveals.replace(/^[^:]*:\s*/, ''))}`
          : 'add the metric most likely to reveal friction here (the catalogue in docs/format.md lists where each one says the most)';
        report(anchorOf(tp), `This touchpoint measures nothing: ${offer}`);
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
    check({ doc, map, report }) {
      const budget = new SuggestBudget();
      const names = [...METRIC_CATALOGUE.keys()];
      for (const tp of map.touchpoints) {
        for (const m of tp.metrics) {
          if (metricInfo(m.name.value) || m.better || writtenWrong(doc, m.span, 'metric', 'better')) continue;
          // `frc` is most likely `fcr` misspelt, not a custom metric.
          const guess = closest(m.name.value, names, budget);
          report(m.name.span, guess
            ? `\`${quoteShort(m.name.value)}\` is not a known metric. Did you mean \`${guess}\` (${metricInfo(guess)!.fullName})? For a metric of your own, add \`better: higher\` or \`better: lower\`.`
            : `\`${quoteShort(m.name.value)}\` is not a known metric, so its direction is unknown: add \`better: higher\` or \`better: lower\`, or use a catalogue name such as fcr, mttr, csat, ces, reopen_rate.`,
          guess ? { suggestion: guess } : undefined);
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
