/** The rule catalogue, in the order of docs/rules.md. */
import { baselineRules } from './baseline';
import { bothSidesRules } from './bothSides';
import { emotionsAndMetricsRules } from './emotionsAndMetrics';
import { evidenceRules } from './evidence';
import { flowRules } from './flow';
import { linkRules } from './links';
import { liveDataRules } from './liveData';
import { linkToActionRules } from './linkToAction';
import { livingRules } from './living';
import { signalRules } from './signals';
import type { Rule } from './rule';
import { structureRules } from './structure';
import { suspiciousTextRule } from './suspiciousText';

export const RULES: readonly Rule[] = [
  ...structureRules,
  suspiciousTextRule,
  ...linkRules,
  ...baselineRules,
  ...livingRules,
  ...evidenceRules,
  ...bothSidesRules,
  ...emotionsAndMetricsRules,
  ...flowRules,
  ...linkToActionRules,
  ...signalRules,
  ...liveDataRules,
];

const byName = new Map(RULES.map((r) => [r.name, r]));

export function ruleByName(name: string): Rule | undefined {
  return byName.get(name);
}

