/**
 * The words every feature uses for the same facts, so that hover, completion, the preview, the
 * SVG, CodeLens and the CLI say the same thing: the `feels` scale, what each lane kind means, what
 * a reference names, and a metric's status against its target.
 */
import type { LaneKind, RefKind } from './shapes';

/** `feels`, from -3 to +3: the word, then what a customer at that level is like. */
export const FEELS_SCALE: Readonly<Record<number, { word: string; meaning: string }>> = {
  [-3]: { word: 'very negative', meaning: 'angry, desperate, about to give up or churn' },
  [-2]: { word: 'negative', meaning: 'frustrated, anxious, losing trust' },
  [-1]: { word: 'slightly negative', meaning: 'uneasy, impatient, mildly annoyed' },
  0: { word: 'neutral', meaning: 'neither troubled nor reassured' },
  1: { word: 'slightly positive', meaning: 'reassured' },
  2: { word: 'positive', meaning: 'relieved, confident, well looked after' },
  3: { word: 'very positive', meaning: 'delighted' },
};

/** "negative: frustrated, anxious, losing trust", for a `feels` value. */
export function describeFeels(value: number): string {
  const level = FEELS_SCALE[value];
  return level ? `${level.word}: ${level.meaning}` : String(value);
}

/** What a lane of each kind holds, for completion, hovers and the legend. */
export const LANE_KIND_WORDS: Readonly<Record<LaneKind, string>> = {
  customer: 'The persona: the person on the journey.',
  frontstage: 'People the customer sees and talks to (service desk, chat agents).',
  backstage: 'Teams behind the line of visibility (tier 2, IAM, engineering).',
  system: 'Systems and tools (portal, ticketing, identity provider).',
};

/** The noun for what a reference of each kind names. */
export const REF_WORDS: Readonly<Record<RefKind, string>> = {
  lane: 'lane', stage: 'stage', touchpoint: 'touchpoint', source: 'source', improvement: 'improvement',
};

/** A metric's status against its target. */
export type MetricStatus = 'meets' | 'misses' | 'no-target' | 'no-value' | 'no-direction';

export const STATUS_WORDS: Readonly<Record<MetricStatus, string>> = {
  meets: 'meets target', misses: 'misses target', 'no-target': 'no target', 'no-value': 'no value',
  'no-direction': 'direction unknown',
};

/** What to do about a metric whose direction is unknown (a custom metric with a target but no `better:`). */
export const NO_DIRECTION_HINT = 'add `better: higher` or `better: lower` to say which way is good';
