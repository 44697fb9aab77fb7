/**
 * Parses a journey map: YAML text in, a typed model with source spans out, plus the structural
 * findings (syntax, unknown keys, missing fields, invalid values). It never throws on bad input.
 */
import type { Document } from 'yaml';
import { LineIndex, type Finding, type Span } from '../base';
import { emptyMap, type Definition, type JourneyMap, type KeyOccurrence, type Reference } from '../format';
import { ModelBuilder } from './builder';
import { rememberParse } from './incremental';
import { DEFAULT_MAX_SIZE, MAX_BLOCK_DEPTH, MAX_FLOW_DEPTH, parseYaml, tooDeepAt, tooLargeMessage } from './guards';
import { MAX_SYNTAX_ERRORS, spanOfError, unclosedBracketAt, unclosedQuoteAt, yamlMessage } from './yamlMessages';

export type { Finding } from '../base';

export interface ParseOptions {
  /** Files larger than this many characters are not parsed (default 5,000,000). */
  maxSize?: number;
}

export interface JourneyDocument {
  text: string;
  lines: LineIndex;
  map: JourneyMap;
  findings: Finding[];
  /** Id definitions and references, each sorted by position. */
  definitions: Definition[];
  references: Reference[];
  /** Keys, sorted by position. */
  keys: KeyOccurrence[];
  /** The parsed YAML document, when the text could be parsed. */
  yaml?: Document.Parsed;
}

export function parseJourney(text: string, options: ParseOptions = {}): JourneyDocument {
  const result: JourneyDocument = {
    text, lines: new LineIndex(text), map: emptyMap(), findings: [], definitions: [], references: [], keys: [],
  };
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (text.length > maxSize) {
    result.findings.push({ code: 'file-too-large', span: [0, 0], message: tooLargeMessage(text.length, maxSize, 'characters'), fatal: true });
    return result;
  }
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    // The YAML parser recurses per level: past a few hundred it overflows the stack, and a second
    // overflow in the same process can abort Node itself. A map needs a handful of levels.
    result.findings.push({
      code: 'yaml-syntax', span: [deep, deep + 1], fatal: true,
      message: `The YAML is nested too deeply here (more than ${MAX_FLOW_DEPTH} brackets or ${MAX_BLOCK_DEPTH} levels), so it was not read. A journey map needs only a few levels.`,
    });
    return result;
  }
  let yaml: Document.Parsed;
  try {
    yaml = parseYaml(text);
  } catch (error) {
    // The YAML parser recurses per nesting level; pathological nesting overflows the stack.
    const tooDeep = error instanceof RangeError;
    result.findings.push({
      code: 'yaml-syntax', span: [0, Math.min(text.length, 1)], fatal: true,
      message: tooDeep ? 'The YAML is nested too deeply to be read. A journey map needs only a few levels.' : `The YAML could not be read: ${String(error)}`,
    });
    return result;
  }
  result.yaml = yaml;
  // After the first syntax error the parser's later errors are mostly echoes of it (one stray `]`
  // yields a thousand): report the first few and count the rest.
  for (const error of yaml.errors.slice(0, MAX_SYNTAX_ERRORS)) {
    // An unclosed quote or `[` is noticed on a later line; the mistake is where it opened.
    const opened = error.code === 'MISSING_CHAR' && /quote/i.test(error.message) ? unclosedQuoteAt(text, error.pos[0])
      : /^Flow sequence in block collection/.test(error.message) ? unclosedBracketAt(text, error.pos[0]) : undefined;
    const span = opened !== undefined ? spanOfError([opened, opened + 1], text) : spanOfError(error.pos, text);
    result.findings.push({ code: 'yaml-syntax', span, message: yamlMessage(error.message), fatal: true });
  }
  if (yaml.errors.length > MAX_SYNTAX_ERRORS) {
    const firstLine = result.lines.positionAt(yaml.errors[0].pos[0]).line + 1;
    const rest = yaml.errors.length - MAX_SYNTAX_ERRORS;
    result.findings.push({
      code: 'yaml-syntax', span: spanOfError(yaml.errors[MAX_SYNTAX_ERRORS].pos, text), fatal: true,
      message: `${rest.toLocaleString('en-US')} more YAML error${rest === 1 ? '' : 's'} from here on, most likely caused by the first one (line ${firstLine}): fix that and check again.`,
    });
  }
  for (const warning of yaml.warnings) {
    result.findings.push({ code: 'yaml-syntax', severity: 'warning', span: spanOfError(warning.pos, text), message: yamlMessage(warning.message) });
  }
  const builder = new ModelBuilder(result, yaml);
  builder.build();
  // The builder records a mapping's keys before its children's: sort so lookups can binary-search.
  sortByStart(result.keys);
  sortByStart(result.definitions);
  sortByStart(result.references);
  rememberParse(result, builder.touchpointMarks, builder.suggestBudget.cells);
  return result;
}

/** Sorts by span start, skipping the sort when the walk already produced document order. */
/** Sorts by start in place, when a linear check finds the list out of order (the walk mostly is in order). */
export function sortByStart<T extends { span: Span }>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) {
    if (items[i].span[0] < items[i - 1].span[0]) return items.sort((a, b) => a.span[0] - b.span[0]);
  }
  return items;
}
