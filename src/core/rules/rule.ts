import type { JourneyDocument } from '../parse';
import type { JourneyMap, Span } from '../format';
import type { DiagnosticData, Severity } from '../base';
import type { FileProblem } from '../files';

export type RuleGroup =
  | 'structure' | 'links' | 'living-document' | 'real-not-ideal' | 'both-sides' | 'emotions-and-metrics' | 'flow' | 'link-to-action';

export interface RuleInfo {
  name: string;
  group: RuleGroup;
  severity: Severity;
  /** One line: what the rule finds. */
  summary: string;
  /**
   * The rule says the file could not be read at all: it is always an error and cannot be switched
   * off, downgraded or silenced (a file that does not parse must fail CI).
   */
  fixed?: true;
}

/** A runbook link, resolved and read before the rules run. */
export interface RunbookFact {
  /** The resolved path, when the link text stays inside the workspace. */
  path?: string;
  /** Why the link text itself is not followed (a URL, an absolute path, `..` above the root). */
  outside?: string;
  /** Why the file was not read, as the reader found it (missing, a symbolic link out, a folder...). */
  problem?: FileProblem;
  /** The anchors the runbook defines (heading slugs, HTML anchors), lower-cased. */
  anchors?: Set<string>;
  /** The heading slugs in document order, for messages. */
  slugs?: string[];
  /** Whether the text holds U+FFFD: bytes that were not UTF-8 when it was read. */
  notUtf8?: boolean;
}

/** A source's data file, resolved and checked (not read) before the rules run. */
export interface SourceFact {
  path?: string;
  outside?: string;
  problem?: FileProblem;
}

/** A future map's `baseline:`, resolved and read before the rules run. */
export interface BaselineFact {
  path?: string;
  outside?: string;
  problem?: FileProblem;
  /** Why the file, though read, is not a journey map (YAML that does not parse, a list at the root...): a sentence with its line. */
  notAMap?: string;
  /** The baseline's `state:` as written, when read. */
  state?: string;
  /** The baseline's touchpoint ids, when read. */
  touchpoints?: Set<string>;
}

/** What links point at, resolved before the rules run (rules themselves stay synchronous). */
export interface LinkFacts {
  runbooks: Map<string, RunbookFact>;
  sources: Map<string, SourceFact>;
  /** The map's `baseline:`, when it has one and it was resolved. */
  baseline?: BaselineFact;
  /** False when no reader was given: the rules about files say nothing then. */
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
