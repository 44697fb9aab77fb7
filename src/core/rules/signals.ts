/** Structured success signals (`signal: { metric, at, target, by }`): what they name, and whether they were met. */
import { closest, quoteShort } from '../base';
import { formatIsoDate } from '../format';
import { evaluateSignal } from '../evidence';
import type { Rule } from './rule';

/** Metric names listed in a message when the one named is missing. */
const LISTED_METRICS = 6;

export const signalRules: Rule[] = [
  {
    name: 'signal-unknown-metric', group: 'link-to-action', severity: 'warning', summary: 'A structured signal names a metric its touchpoint (`at:`) does not measure.',
    check({ map, report }) {
      for (const imp of map.improvements) {
        const check = imp.signalCheck;
        if (!check?.metric || !check.at) continue;
        // A touchpoint that does not exist is an unknown-reference, with its did-you-mean.
        const tp = map.touchpoints.find((t) => t.id?.value === check.at!.value);
        if (!tp || tp.metrics.some((m) => m.name.value === check.metric!.value)) continue;
        const names = tp.metrics.map((m) => m.name.value);
        const guess = closest(check.metric.value, names);
        const elsewhere = map.touchpoints.find((t) => t.metrics.some((m) => m.name.value === check.metric!.value))?.id?.value;
        const listed = names.slice(0, LISTED_METRICS).map((n) => `\`${quoteShort(n)}\``).join(', ');
        report(check.metric.span,
          `The touchpoint \`${quoteShort(check.at.value)}\` has no metric \`${quoteShort(check.metric.value)}\`, so the signal cannot be checked.` +
          (guess ? ` Did you mean \`${guess}\`?` : '') +
          (elsewhere ? ` \`${quoteShort(check.metric.value)}\` is measured at \`${quoteShort(elsewhere)}\`: name it in \`at:\`.` : '') +
          (!guess && !elsewhere ? (listed ? ` Its metrics: ${listed}${names.length > LISTED_METRICS ? ` and ${names.length - LISTED_METRICS} more` : ''}.` : ` It measures nothing yet: add \`${quoteShort(check.metric.value)}\` to its \`metrics:\`.`) : ''),
        guess ? { suggestion: guess } : undefined);
      }
    },
  },
  {
    name: 'signal-missed-but-done', group: 'link-to-action', severity: 'warning', summary: 'An improvement marked `done` whose structured signal passed its `by` date unmet.',
    check({ map, today, report }) {
      for (const imp of map.improvements) {
        if (imp.status?.value !== 'done') continue;
        const evaluation = evaluateSignal(imp, map, today);
        if (evaluation?.state !== 'missed') continue;
        const check = imp.signalCheck!;
        report(imp.status.span,
          `This improvement is \`done\`, but its signal was not met by ${formatIsoDate(evaluation.by!)}: \`${quoteShort(check.metric!.value)}\` at \`${quoteShort(check.at!.value)}\` is ${evaluation.value}${evaluation.computed ? ` (computed, n ${evaluation.n})` : ''} against the target ${evaluation.target}. ` +
          'The experiment did not prove itself: set `status: dropped` and record what was learned, or reopen it (`in-progress`) with a new `by:`.');
      }
    },
  },
];
