/** Judgements shared by rules, hovers, CodeLens, the status bar and the preview's badges. */
import {
  formatQuantityAmount, impossibleQuantity, magnitude, metricInfo, type JourneyMap, type Metric, type MetricStatus, type Quantity,
} from '../format';

export interface MetricEvaluation {
  status: MetricStatus;
  better?: 'higher' | 'lower';
  /** How far the value is from the target, in the metric's own unit ("13 points", "2h"). */
  gap?: string;
}

/** The value a metric shows everywhere (hover, CodeLens, diagram, CLI): computed from live data when it is, else the typed one. */
export function shownValue(metric: Metric): Quantity | undefined {
  return metric.computed?.value ?? metric.value?.value;
}

export function metricDirection(metric: Metric): 'higher' | 'lower' | undefined {
  return metric.better?.value ?? metricInfo(metric.name.value)?.better;
}

export function evaluateMetric(metric: Metric): MetricEvaluation {
  const better = metricDirection(metric);
  // Values computed from live data win over typed ones: they are what the map should show.
  const value = shownValue(metric);
  const target = metric.target?.value;
  // An impossible figure (150% of tickets, 7/5) is reported by invalid-value; judging it would
  // put a green "meets" on it (-5% reopen rate).
  const share = !!metricInfo(metric.name.value)?.units.includes('percent');
  if (!value || impossibleQuantity(value, share)) return { status: 'no-value', better };
  if (!target || value.kind !== target.kind || impossibleQuantity(target, share)) return { status: 'no-target', better };
  // A custom metric with a target but no `better:`: the target is there, which way is good is not.
  if (!better) return { status: 'no-direction' };
  const diff = magnitude(value) - magnitude(target);
  const meets = better === 'higher' ? diff >= 0 : diff <= 0;
  return { status: meets ? 'meets' : 'misses', better, gap: formatGap(value, target) };
}

function formatGap(value: Quantity, target: Quantity): string {
  const diff = Math.abs(value.amount - target.amount);
  if (value.kind === 'percent') return `${Math.round(diff * 1000) / 10} points`;
  if (value.kind === 'rating' && value.scale !== target.scale) {
    return `${Math.round(Math.abs(magnitude(value) - magnitude(target)) * 1000) / 10}% of the scale`;
  }
  return formatQuantityAmount(value.kind, diff);
}

export const DEFAULT_REVIEW_DAYS = 92;
export const STALE_DAYS = 548; // 18 months: older maps describe a journey that no longer exists

export interface ReviewState {
  /** Days since the epoch of the last review, when known. */
  last?: number;
  cadenceDays: number;
  /** Days until the next review is due; negative when overdue. */
  daysLeft?: number;
  ageDays?: number;
  stale: boolean;
}

/** Where a map stands against its review cadence on `today` (days since the epoch). */
export function reviewState(map: JourneyMap, today: number): ReviewState {
  const cadenceDays = map.review?.every?.value ?? DEFAULT_REVIEW_DAYS;
  const last = map.review?.last?.value;
  if (last === undefined) return { cadenceDays, stale: false };
  const ageDays = today - last;
  return { last, cadenceDays, ageDays, daysLeft: cadenceDays - ageDays, stale: ageDays > STALE_DAYS };
}
