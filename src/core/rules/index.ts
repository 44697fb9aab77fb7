/**
 * The rules room: the rule catalogue (in the order of docs/rules.md, where each rule's name is its
 * anchor and its tests' subject), grouped by the journey-mapping failure each guards against, and
 * the facts a rule sees. It imports base, format, files, parse and evidence.
 */
export { RULES, ruleByName } from './catalogue';
export type { BaselineFact, LinkFacts, Rule, RuleContext, RuleGroup, RuleInfo, RunbookFact, SourceFact } from './rule';
