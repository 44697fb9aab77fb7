import type { JourneyDocument } from '../document';
import type { JourneyMap, Span } from '../model';
import type { DiagnosticData, Severity } from '../types';

export type RuleGroup =
  | 'structure' | 'links' | 'living-document' | 'real-not-ideal' | 'both-sides' | 'emotions-and-metrics' | 'flow' | 'link-to-action';

export interface RuleInfo {
  name: string;
  group: RuleGroup;
  severity: Severity;
  /** One line: what the rule finds. */
  summary: string;
}

/** What a link points at, resolved before the rules run (rules themselves stay synchronous). */
export interface LinkFacts {
  /** `exists` is false when the file is missing; `outside` when it was not followed at all. */
  runbooks: Map<string, { exists: boolean; outside?: string; slugs?: Set<string>; path?: string }>;
  sources: Map<string, { exists: boolean; outside?: string; path?: string }>;
  checked: boolean;
}

export interface RuleContext {
  doc: JourneyDocument;
  map: JourneyMap;
  /** Days since the epoch. */
  today: number;
  todayIso: string;
  links: LinkFacts;
  report(span: Span, message: string, data?: DiagnosticData): void;
}

export interface Rule extends RuleInfo {
  /** Absent for rules reported by the parser (syntax and structure). */
  check?(context: RuleContext): void;
}
