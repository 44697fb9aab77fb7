/**
 * Validation: parse findings plus every rule's findings, with severities from settings, minus
 * findings silenced by `# journeymap-disable-next-line RULE` comments. Links are resolved first,
 * through the injected reader, so the rules themselves stay synchronous and pure.
 */
import { isMap } from 'yaml';
import { closest, quoteShort, SuggestBudget, type Diagnostic, type Finding, type SeveritySetting, type Today } from '../base';
import { computeMetrics, type TicketCache } from '../evidence';
import { inAFolder, markdownAnchors, markdownOutline, resolveLink, splitAnchor, type FileProblem, type FileReader } from '../files';
import { disableComments, isSilenced, parseJourney, type JourneyDocument } from '../parse';
import { RULES, ruleByName, type BaselineFact, type LinkFacts, type RuleContext, type RunbookFact, type SourceFact } from '../rules';

export interface ValidateOptions {
  uri: string;
  /** Computed-metric summaries per export version, kept by the language service. */
  ticketCache?: TicketCache;
  /** Runbook anchors per file version, kept by the language service. */
  runbookCache?: RunbookCache;
  /** A future map's baseline, read per file version, kept by the language service. */
  baselineCache?: BaselineCache;
  today: Today;
  rules?: Record<string, SeveritySetting>;
  fileReader?: FileReader;
  workspaceRoot?: string;
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
  const findings: Finding[] = syntaxBroken ? doc.findings.filter((f) => f.code === 'yaml-syntax') : [...doc.findings];
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
        doc, map: doc.map, today: options.today.day, todayIso: options.today.iso, links,
        report: (span, message, data) => findings.push({ code: rule.name, span, message, data }),
      };
      rule.check(context);
    }
  }
  const silenced = disableComments(doc.lines);
  const unknownNames = silenced.names.filter((n) => !ruleByName(n.name));
  // A misspelt rule name would silence nothing, quietly: say so on the comment.
  const budget = new SuggestBudget();
  for (const unknown of unknownNames) {
    const guess = closest(unknown.name, RULES.map((r) => r.name), budget);
    findings.push({
      code: 'invalid-value', severity: 'warning', span: unknown.span,
      message: `\`${quoteShort(unknown.name)}\` is not a journeymap rule, so this comment silences nothing.${guess ? ` Did you mean \`${guess}\`?` : ' The rules are listed in docs/rules.md.'}`,
      ...(guess ? { data: { suggestion: guess } } : {}),
    });
  }
  // A comment naming a rule that cannot be silenced silences nothing: say so on the comment.
  for (const named of silenced.names) {
    if (!ruleByName(named.name)?.fixed) continue;
    findings.push({
      code: 'invalid-value', severity: 'warning', span: named.span,
      message: `\`${named.name}\` cannot be silenced: a file that cannot be read as a map always fails. Fix the file instead.`,
    });
  }
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    // What says the file could not be read as a map is always an error, never switched off or silenced.
    const fatal = finding.fatal || (ruleByName(finding.code)?.fixed && finding.severity === undefined);
    const setting = fatal ? undefined : options.rules?.[finding.code];
    if (setting === 'off') continue;
    const severity = fatal ? 'error' : setting ?? finding.severity ?? ruleByName(finding.code)?.severity ?? 'error';
    const range = doc.lines.range(finding.span[0], finding.span[1]);
    if (!fatal && isSilenced(silenced, range.start.line, finding.code)) continue;
    const diagnostic: Diagnostic = { code: finding.code, severity, message: finding.message, range };
    if (fatal) diagnostic.fatal = true;
    if (finding.data) diagnostic.data = finding.data;
    diagnostics.push(diagnostic);
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return diagnostics;
}

/** Runbook outlines per resolved path, kept while the file's version stays the same. */
export type RunbookCache = Map<string, { version: string; fact: Pick<RunbookFact, 'anchors' | 'slugs' | 'notUtf8'> }>;
const RUNBOOK_CACHE_SIZE = 256;

async function resolveLinks(doc: JourneyDocument, options: ValidateOptions): Promise<LinkFacts> {
  // A map in no folder (an unsaved editor) has nothing its links are relative to: they wait until it is saved.
  const facts: LinkFacts = { runbooks: new Map(), sources: new Map(), checked: !!options.fileReader && inAFolder(options.uri) };
  if (!inAFolder(options.uri)) return facts;
  const reader = options.fileReader;
  const jobs: Promise<void>[] = [];
  const classify = (link: string): { path?: string; outside?: string } => resolveLink(options.uri, link, options.workspaceRoot);
  for (const tp of doc.map.touchpoints) {
    if (!tp.runbook) continue;
    const file = splitAnchor(tp.runbook.value).file;
    if (!file || facts.runbooks.has(file)) continue;
    const fact: RunbookFact = classify(file);
    facts.runbooks.set(file, fact);
    if (fact.path && reader) jobs.push(readRunbook(reader, fact.path, fact, options.runbookCache));
  }
  for (const source of doc.map.sources) {
    if (!source.path || facts.sources.has(source.path.value)) continue;
    const fact: SourceFact = classify(source.path.value);
    facts.sources.set(source.path.value, fact);
    if (fact.path && reader) {
      jobs.push(reader.stat(fact.path).then((stat) => {
        if ('problem' in stat) fact.problem = stat.problem;
      }));
    }
  }
  const baseline = doc.map.baseline?.value.trim();
  if (baseline) {
    const fact: BaselineFact = classify(baseline);
    facts.baseline = fact;
    if (fact.path && reader) jobs.push(readBaseline(reader, fact.path, fact, options.baselineCache));
  }
  await Promise.all(jobs);
  return facts;
}

/**
 * Reads a linked file and digests it into `fact`, from the cache while the file's version is
 * unchanged: a runbook or baseline linked by many maps is parsed once per change, not once per
 * validation of each map. The cache keeps `size` files, the oldest read dropped first.
 */
async function readCached<F extends object>(
  reader: FileReader, path: string, fact: F & { problem?: FileProblem }, cache: Map<string, { version: string; fact: F }> | undefined, size: number, digest: (text: string) => F,
): Promise<void> {
  const stat = await reader.stat(path);
  if ('problem' in stat) {
    fact.problem = stat.problem;
    return;
  }
  const cached = cache?.get(path);
  if (cached && cached.version === stat.version) {
    Object.assign(fact, cached.fact);
    return;
  }
  const read = await reader.readFile(path);
  if ('problem' in read) {
    fact.problem = read.problem;
    return;
  }
  const found = digest(read.text);
  Object.assign(fact, found);
  if (cache) {
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(path, { version: read.version ?? stat.version, fact: found });
  }
}

/** A runbook's anchors and heading slugs (and whether it is valid UTF-8). */
function readRunbook(reader: FileReader, path: string, fact: RunbookFact, cache: RunbookCache | undefined): Promise<void> {
  return readCached(reader, path, fact, cache, RUNBOOK_CACHE_SIZE, (text) => {
    const outline = markdownOutline(text);
    return { anchors: markdownAnchors(outline), slugs: outline.headings.map((h) => h.slug), notUtf8: text.includes('\uFFFD') };
  });
}

/** A baseline map's state and touchpoint ids per resolved path, kept while the file's version stays the same. */
export type BaselineCache = Map<string, { version: string; fact: Pick<BaselineFact, 'notAMap' | 'state' | 'touchpoints'> }>;
const BASELINE_CACHE_SIZE = 64;

/**
 * Reads a future map's baseline: whether it is a journey map, the state it says and its
 * touchpoint ids (which the future map's improvements may name); typing in the future map does
 * not parse it again.
 */
function readBaseline(reader: FileReader, path: string, fact: BaselineFact, cache: BaselineCache | undefined): Promise<void> {
  return readCached(reader, path, fact, cache, BASELINE_CACHE_SIZE, (text) => baselineFacts(parseJourney(text)));
}

function baselineFacts(baseline: JourneyDocument): Pick<BaselineFact, 'notAMap' | 'state' | 'touchpoints'> {
  const fatal = baseline.findings.find((f) => f.fatal);
  if (fatal || !baseline.yaml || !isMap(baseline.yaml.contents)) {
    const line = fatal ? baseline.lines.positionAt(fatal.span[0]).line + 1 : 1;
    return { notAMap: `Line ${line}: ${fatal?.message ?? 'the file is not a YAML mapping of keys.'}` };
  }
  // The state as written, even when it is not a valid one (`state: futur`): the message quotes it.
  const raw = baseline.yaml.contents.get('state');
  const state = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
  const touchpoints = new Set(baseline.map.touchpoints.flatMap((tp) => (tp.id ? [tp.id.value] : [])));
  return { ...(state !== undefined ? { state } : {}), touchpoints };
}
