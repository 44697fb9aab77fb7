/**
 * Whether an improvement's structured signal (`signal: { metric, at, target, by }`) is met: the
 * metric at the touchpoint, computed from its export when it is or else as typed, against the
 * signal's target in the metric's direction, and missed once `by` has passed unmet. Shared by
 * hovers, rules, `journeymap metrics` and the diff.
 */
import { formatIsoDate, impossibleQuantity, magnitude, metricInfo, type Improvement, type JourneyMap, type Metric, type Touchpoint } from '../format';
import { metricDirection, shownValue } from './status';

export type SignalState = 'met' | 'not-yet' | 'missed' | 'unknown';

/** Why a signal cannot be judged, when its state is `unknown`. */
export type SignalUnknown = 'no-touchpoint' | 'no-metric' | 'no-value' | 'no-target' | 'other-unit' | 'no-direction';

export interface SignalEvaluation {
  state: SignalState;
  /** The figure the signal is judged on, as written or computed ("72%"). */
  value?: string;
  /** The sample size, when the figure was computed from a ticket export. */
  n?: number;
  /** Whether the figure was computed from a ticket export (else it is the typed value). */
  computed?: boolean;
  /** The signal's target as written ("80%"). */
  target?: string;
  /** The signal's deadline, in days since the epoch. */
  by?: number;
  better?: 'higher' | 'lower';
  /** For `unknown`: why. */
  why?: SignalUnknown;
  touchpoint?: Touchpoint;
  metric?: Metric;
}

/**
 * The state of an improvement's structured signal on `today` (days since the epoch), or undefined
 * when the improvement has no structured signal. A signal met stays met after `by`; one not met
 * is `not-yet` until `by` has passed, then `missed`. A signal whose figure is unknown stays
 * `unknown`, even after `by`: nothing says it was missed.
 */
export function evaluateSignal(improvement: Improvement, map: JourneyMap, today: number): SignalEvaluation | undefined {
  const check = improvement.signalCheck;
  if (!check) return undefined;
  const base: SignalEvaluation = { state: 'unknown' };
  if (check.target) base.target = check.target.value.text;
  if (check.by) base.by = check.by.value;
  const touchpoint = check.at && map.touchpoints.find((tp) => tp.id?.value === check.at!.value);
  if (!touchpoint) return { ...base, why: 'no-touchpoint' };
  const metric = check.metric && touchpoint.metrics.find((m) => m.name.value === check.metric!.value);
  if (!metric) return { ...base, touchpoint, why: 'no-metric' };
  const found: SignalEvaluation = { ...base, touchpoint, metric };
  const better = metricDirection(metric);
  if (better) found.better = better;
  const value = shownValue(metric);
  if (value) {
    found.value = value.text;
    if (metric.computed?.value) {
      found.computed = true;
      found.n = metric.computed.n;
    }
  }
  const target = check.target?.value;
  const share = !!metricInfo(metric.name.value)?.units.includes('percent');
  if (!value || impossibleQuantity(value, share)) return { ...found, why: 'no-value' };
  if (!target || impossibleQuantity(target, share)) return { ...found, why: 'no-target' };
  if (value.kind !== target.kind) return { ...found, why: 'other-unit' };
  if (!better) return { ...found, why: 'no-direction' };
  const diff = magnitude(value) - magnitude(target);
  const met = better === 'higher' ? diff >= 0 : diff <= 0;
  if (met) return { ...found, state: 'met' };
  return { ...found, state: check.by && check.by.value < today ? 'missed' : 'not-yet' };
}

const UNKNOWN_WHY: Record<SignalUnknown, string> = {
  'no-touchpoint': 'no touchpoint has the id it names in `at`',
  'no-metric': 'the touchpoint has no such metric',
  'no-value': 'the metric has no value yet',
  'no-target': 'the signal has no target',
  'other-unit': 'the target is not in the metric\'s unit',
  'no-direction': 'which way is better is unknown: add `better:` to the metric',
};

/**
 * A signal's state in words, as plain text (hovers escape it): "met: 82% (computed, n 311),
 * target 80% by 2027-03-31", "not yet met: 72% (computed, n 311), target 80% by 2027-03-31",
 * "missed: 72%, target 80% was due 2027-03-31", "not known: the metric has no value yet".
 */
export function describeSignal(evaluation: SignalEvaluation): string {
  const by = evaluation.by !== undefined ? formatIsoDate(evaluation.by) : undefined;
  const figure = evaluation.value === undefined ? ''
    : `${evaluation.value}${evaluation.computed ? ` (computed, n ${evaluation.n?.toLocaleString('en-US')})` : ''}`;
  const target = evaluation.target === undefined ? '' : `target ${evaluation.target}`;
  switch (evaluation.state) {
    case 'met':
      return `met: ${figure}, ${target}${by ? ` by ${by}` : ''}`;
    case 'not-yet':
      return `not yet met: ${figure}, ${target}${by ? ` by ${by}` : ''}`;
    case 'missed':
      return `missed after ${by}: ${figure}, ${target}`;
    case 'unknown':
      return `not known: ${UNKNOWN_WHY[evaluation.why ?? 'no-value']}`;
  }
}
