/**
 * Validation: parse findings plus every rule's findings, with severities from settings, minus
 * findings silenced by `# journeymap-disable-next-line RULE` comments. Links are resolved first,
 * through the injected reader, so the rules themselves stay synchronous and pure.
 */
import { isMap } from 'yaml';
import { computeMetrics, type TicketCache } from './computed';
import type { JourneyDocument } from './document';
import { markdownHeadings } from './markdown';
import type { Span } from './model';
import { resolveLink, splitAnchor } from './paths';
import { RULES, ruleByName } from './rules';
import type { LinkFacts, RuleContext } from './rules/rule';
import type { Diagnostic, DiagnosticData, FileReader, Severity, SeveritySetting } from './types';
import { closest } from './suggest';
import { parseIsoDate } from './values';

export interface ValidateOptions {
  uri: string;
  /** Computed-metric summaries per export version, kept by the language service. */
  ticketCache?: TicketCache;
  today: string;
  rules?: Record<string, SeveritySetting>;
  fileReader?: FileReader;
  workspaceRoot?: string;
}

interface RawFinding {
  code: string;
  span: Span;
  message: string;
  data?: DiagnosticData;
  severity?: Severity;
}

export async function validate(doc: JourneyDocument, options: ValidateOptions): Promise<Diagnostic[]> {
  const [links] = await Promise.all([
    resolveLinks(doc, options),
    computeMetrics(doc, options.uri, options.fileReader, options.workspaceRoot, options.ticketCache ?? new Map()),
  ]);
  return collectDiagnostics(doc, options, links);
}

/** Validation without file access: link rules are skipped. Synchronous, for hot paths and workers. */
export function validateSync(doc: JourneyDocument, options: Omit<ValidateOptions, 'fileReader'>): Diagnostic[] {
  return collectDiagnostics(doc, options, { runbooks: new Map(), sources: new Map(), checked: false });
}

function collectDiagnostics(doc: JourneyDocument, options: ValidateOptions, links: LinkFacts): Diagnostic[] {
  // A YAML syntax error leaves a partial tree: one stray tab turns the lines after it into other
  // keys, so the model's and the rules' findings would call fields unknown or missing that are
  // there. Like a compiler, say what stops the parse and check the rest once it parses.
  const syntaxBroken = !!doc.yaml && doc.yaml.errors.length > 0;
  const findings: RawFinding[] = syntaxBroken ? doc.findings.filter((f) => f.code === 'yaml-syntax') : [...doc.findings];
  const today = parseIsoDate(options.today) ?? Math.floor(Date.now() / 86400000);
  // Map-level rules only make sense once the file is a mapping; otherwise they would add noise
  // to the one finding that matters (empty file, a list at the root...).
  const unreadable = !doc.yaml || !isMap(doc.yaml.contents);
  if (syntaxBroken) {
    const first = findings.findIndex((f) => f.code === 'yaml-syntax' && f.severity === undefined);
    if (first >= 0) findings[first] = { ...findings[first], message: `${findings[first].message} The other checks run once the YAML is valid.` };
  }
  if (!unreadable && !syntaxBroken) {
    for (const rule of RULES) {
      if (!rule.check || options.rules?.[rule.name] === 'off') continue;
      const context: RuleContext = {
        doc, map: doc.map, today, todayIso: options.today, links,
        report: (span, message, data) => findings.push({ code: rule.name, span, message, data }),
      };
      rule.check(context);
    }
  }
  const silenced = disabledLines(doc);
  // A misspelt rule name would silence nothing, quietly: say so on the comment.
  for (const unknown of silenced.unknown) {
    const guess = closest(unknown.name, RULES.map((r) => r.name));
    findings.push({
      code: 'invalid-value', severity: 'warning', span: unknown.span,
      message: `\`${unknown.name}\` is not a journeymap rule, so this comment silences nothing.${guess ? ` Did you mean \`${guess}\`?` : ' The rules are listed in docs/rules.md.'}`,
      ...(guess ? { data: { suggestion: guess } } : {}),
    });
  }
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    const setting = options.rules?.[finding.code];
    if (setting === 'off') continue;
    const severity = setting ?? finding.severity ?? ruleByName(finding.code)?.severity ?? 'error';
    const range = doc.lines.range(finding.span[0], finding.span[1]);
    const silencedRules = silenced.lines.get(range.start.line);
    if (silencedRules && (silencedRules.has('*') || silencedRules.has(finding.code))) continue;
    const diagnostic: Diagnostic = { code: finding.code, severity, message: finding.message, range };
    if (finding.data) diagnostic.data = finding.data;
    diagnostics.push(diagnostic);
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return diagnostics;
}

const DISABLE = 'journeymap-disable-next-line';

/**
 * Lines (zero-based) silenced by a disable comment on the line before, with the rules named, and
 * the names in those comments that are not rules.
 */
function disabledLines(doc: JourneyDocument): { lines: Map<number, Set<string>>; unknown: { name: string; span: Span }[] } {
  const lines = new Map<number, Set<string>>();
  const unknown: { name: string; span: Span }[] = [];
  if (!doc.text.includes(DISABLE)) return { lines, unknown };
  const index = doc.lines;
  for (let i = 0; i < index.lineCount; i++) {
    const match = /#\s*journeymap-disable-next-line\b(.*)$/.exec(index.lineText(i));
    if (!match) continue;
    // The finding is on the next line that holds YAML content, skipping further comment lines.
    let target = i + 1;
    while (target < index.lineCount && /^\s*(#.*)?$/.test(index.lineText(target))) target++;
    const set = lines.get(target) ?? new Set<string>();
    const namesAt = index.lineStart(i) + match.index + match[0].length - match[1].length;
    let named = 0;
    for (const word of match[1].matchAll(/[^\s,]+/g)) {
      // A second `#` starts a note about why (`# journeymap-disable-next-line loop # it is wanted`).
      if (word[0].startsWith('#')) break;
      named++;
      set.add(word[0]);
      if (!ruleByName(word[0])) unknown.push({ name: word[0], span: [namesAt + word.index!, namesAt + word.index! + word[0].length] });
    }
    if (!named) set.add('*');
    lines.set(target, set);
  }
  return { lines, unknown };
}

async function resolveLinks(doc: JourneyDocument, options: ValidateOptions): Promise<LinkFacts> {
  const facts: LinkFacts = { runbooks: new Map(), sources: new Map(), checked: !!options.fileReader };
  const reader = options.fileReader;
  const jobs: Promise<void>[] = [];
  const classify = (link: string): { path?: string; outside?: string } => resolveLink(options.uri, link, options.workspaceRoot);
  for (const tp of doc.map.touchpoints) {
    if (!tp.runbook) continue;
    const file = splitAnchor(tp.runbook.value).file;
    if (!file || facts.runbooks.has(file)) continue;
    const { path, outside } = classify(file);
    const fact: { exists: boolean; outside?: string; slugs?: Set<string>; path?: string } = { exists: false, outside, path };
    facts.runbooks.set(file, fact);
    if (path && reader) {
      jobs.push(reader.readFile(path).then((text) => {
        if (text === undefined) return;
        fact.exists = true;
        fact.slugs = new Set(markdownHeadings(text).map((h) => h.slug));
      }, () => undefined));
    }
  }
  for (const source of doc.map.sources) {
    if (!source.path || facts.sources.has(source.path.value)) continue;
    const { path, outside } = classify(source.path.value);
    const fact: { exists: boolean; outside?: string; path?: string } = { exists: false, outside, path };
    facts.sources.set(source.path.value, fact);
    if (path && reader) jobs.push(reader.exists(path).then((exists) => void (fact.exists = exists), () => undefined));
  }
  await Promise.all(jobs);
  return facts;
}
