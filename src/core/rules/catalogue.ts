/** The rule catalogue, in the order of docs/rules.md. */
import { bothSidesRules } from './bothSides';
import { emotionsAndMetricsRules } from './emotionsAndMetrics';
import { evidenceRules } from './evidence';
import { flowRules } from './flow';
import { linkRules } from './links';
import { liveDataRules } from './liveData';
import { linkToActionRules } from './linkToAction';
import { livingRules } from './living';
import type { Rule } from './rule';
import { structureRules } from './structure';
import { suspiciousTextRule } from './suspiciousText';

export const RULES: readonly Rule[] = [
  ...structureRules,
  suspiciousTextRule,
  ...linkRules,
  ...livingRules,
  ...evidenceRules,
  ...bothSidesRules,
  ...emotionsAndMetricsRules,
  ...flowRules,
  ...linkToActionRules,
  ...liveDataRules,
];

const byName = new Map(RULES.map((r) => [r.name, r]));

export function ruleByName(name: string): Rule | undefined {
  return byName.get(name);
}

