import { metricInfo, formatQuantityAmount, magnitude, type Metric } from '../format';
import { COMPUTABLE } from '../evidence';
import type { Rule } from './rule';

/** Default drift tolerance: 5 percentage points for shares, 10% of the computed value otherwise. */
function tolerance(metric: Metric): number {
  const computed = metric.computed!.value!;
  if (metric.tolerance && metric.tolerance.value.kind === computed.kind) return Math.abs(magnitude(metric.tolerance.value));
  return computed.kind === 'percent' ? 0.05 : Math.abs(magnitude(computed)) * 0.1;
}

export const liveDataRules: Rule[] = [
  {
    name: 'source-unreadable', group: 'links', severity: 'error', summary: 'A ticket export cannot be read (malformed CSV, unmapped column).',
    check({ map, report }) {
      for (const source of map.sources) {
        const problem = source.export?.problem;
        if (!problem || !source.path) continue;
        const where = problem.line ? ` (line ${problem.line}${problem.column ? `, column ${problem.column}` : ''})` : '';
        report(source.path.span, `\`${source.path.value}\` cannot be read${where}: ${problem.message}`);
      }
    },
  },
  {
    name: 'metric-not-computed', group: 'emotions-and-metrics', severity: 'warning', summary: 'A metric with `from:` whose value could not be computed from the export.',
    check({ map, report }) {
      for (const tp of map.touchpoints) {
        for (const m of tp.metrics) {
          if (!m.from) continue;
          // An unknown source is an unknown-reference; a known one needs a file to compute from.
          const sources = map.sources.filter((s) => s.id?.value === m.from!.value);
          if (!COMPUTABLE[m.name.value]) {
            report(m.from.span, `\`${m.name.value}\` cannot be computed from a ticket export. Computable: ${Object.keys(COMPUTABLE).join(', ')}. Type its value instead.`);
          } else if (m.computed?.problem) {
            report(m.from.span, `\`${m.name.value}\` could not be computed from \`${m.from.value}\`: ${m.computed.problem}`);
          } else if (sources.length && !sources.some((s) => s.path?.value.trim())) {
            report(m.from.span, `\`${m.name.value}\` cannot be computed: the source \`${m.from.value}\` has no \`path\` to a ticket export, so there is nothing to compute from. Add the export's \`path:\` to the source, or type the value instead.`);
          }
        }
      }
    },
  },
  {
    name: 'metric-drift', group: 'emotions-and-metrics', severity: 'warning', summary: 'A typed value differs from the one computed from live data.',
    check({ map, report }) {
      for (const tp of map.touchpoints) {
        for (const m of tp.metrics) {
          const computed = m.computed?.value;
          const typed = m.value?.value;
          if (!computed || !typed || typed.kind !== computed.kind) continue;
          const diff = Math.abs(magnitude(typed) - magnitude(computed));
          if (diff <= tolerance(m) + 1e-9) continue;
          const name = metricInfo(m.name.value)?.fullName ?? m.name.value;
          report(m.value!.span, `${name} is typed as ${typed.text} but the export gives ${computed.text} (n=${m.computed!.n}), off by ${computed.kind === 'percent' ? `${Math.round(diff * 1000) / 10} points` : formatQuantityAmount(computed.kind, computed.kind === 'rating' ? Math.abs(typed.amount - computed.amount) : diff)}: update the value, or drop it and let the export speak.`);
        }
      }
    },
  },
];
