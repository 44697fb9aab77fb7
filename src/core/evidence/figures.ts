/** A computed figure as the map writes it: shares as percentages, durations in the largest readable unit. */
import type { Quantity } from '../format';
import type { Samples } from './samples';
import type { DurationStat } from './tickets';

export const STAT_QUANTILE: Record<Exclude<DurationStat, 'mean'>, number> = { p50: 0.5, p90: 0.9, p95: 0.95 };

export function statOf(samples: Samples, stat: DurationStat): number | undefined {
  return stat === 'mean' ? samples.mean() : samples.quantile(STAT_QUANTILE[stat]);
}

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function percent(fraction: number): Quantity {
  return { kind: 'percent', amount: round(fraction, 4), text: `${round(fraction * 100, 1)}%` };
}

export function duration(seconds: number): Quantity {
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
  const [size, unit] = units.find(([s]) => seconds >= s * (s === 86400 ? 2 : 1)) ?? [1, 's'];
  return { kind: 'duration', amount: Math.round(seconds), text: `${round(seconds / size, 1)}${unit}` };
}
