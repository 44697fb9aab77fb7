/**
 * Parses a journey map: YAML text in, a typed model with source spans out, plus the structural
 * findings (syntax, unknown keys, missing fields, invalid values). It never throws on bad input.
 */
import {
  parseDocument, isAlias, isMap, isScalar, isSeq, isPair,
  type Document, type Node as YamlNode, type Pair, type YAMLMap, type Scalar,
} from 'yaml';
import { FORMAT_VERSION, SHAPES, type FieldSpec, type RefKind, type ShapeName } from './format';
import {
  emptyMap, type Definition, type Handoff, type Improvement, type JourneyMap, type KeyOccurrence, type Lane,
  type LaneKind, type Located, type Metric, type Reference, type Review, type Source, type Span, type Stage, type Touchpoint,
} from './model';
import { LineIndex } from './text';
import type { Diagnostic, DiagnosticData, FileProblem, Severity } from './types';
import { describeFileProblem } from './paths';
import { closest, SuggestBudget } from './suggest';
import { quoteShort } from './quote';
import { parseCadence, parseDuration, parseInterval, parseIsoDate, parseQuantity, type Quantity } from './values';
import { metricInfo } from './metrics';
import { TICKET_COLUMNS } from './tickets';

/** A finding from parsing, before severities from settings are applied. */
export interface Finding {
  code: string;
  span: Span;
  message: string;
  data?: DiagnosticData;
  /** Overrides the rule's default severity (a YAML warning under `yaml-syntax`, say). */
  severity?: Severity;
}

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

export const DEFAULT_MAX_SIZE = 5_000_000;

/**
 * The finding for a map the adapter refused before reading it (too large, a symbolic link out of
 * the workspace, not a regular file, no permission), or undefined when it simply does not exist.
 */
export function unreadableMapDiagnostic(problem: FileProblem): Diagnostic | undefined {
  const start = { line: 0, character: 0 };
  const at = { start, end: start };
  switch (problem.kind) {
    case 'missing':
      return undefined;
    case 'too-large':
      return { code: 'file-too-large', severity: 'error', message: tooLargeMessage(problem.size, problem.limit, 'bytes'), range: at };
    case 'outside':
      return { code: 'link-outside-workspace', severity: 'warning', message: `This map ${describeFileProblem(problem)}: it was not read.`, range: at };
    default:
      return { code: 'file-unreadable', severity: 'error', message: `This file ${describeFileProblem(problem)}: it was not checked.`, range: at };
  }
}

/** Why a map was not checked: its size, the limit, and what to do. For adapters that refuse a file before reading it too. */
export function tooLargeMessage(size: number, limit: number, unit: 'characters' | 'bytes'): string {
  return `The file has ${size.toLocaleString('en-US')} ${unit}, over the ${limit.toLocaleString('en-US')} limit: it was not checked. Split it into one map per scenario.`;
}
const MAX_ALIAS_RESOLUTIONS = 1000;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function parseJourney(text: string, options: ParseOptions = {}): JourneyDocument {
  const result: JourneyDocument = {
    text, lines: new LineIndex(text), map: emptyMap(), findings: [], definitions: [], references: [], keys: [],
  };
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (text.length > maxSize) {
    result.findings.push({ code: 'file-too-large', span: [0, 0], message: tooLargeMessage(text.length, maxSize, 'characters') });
    return result;
  }
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    // The YAML parser recurses per level: past a few hundred it overflows the stack, and a second
    // overflow in the same process can abort Node itself. A map needs a handful of levels.
    result.findings.push({
      code: 'yaml-syntax', span: [deep, deep + 1],
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
      code: 'yaml-syntax', span: [0, Math.min(text.length, 1)],
      message: tooDeep ? 'The YAML is nested too deeply to be read. A journey map needs only a few levels.' : `The YAML could not be read: ${String(error)}`,
    });
    return result;
  }
  result.yaml = yaml;
  // After the first syntax error the parser's later errors are mostly echoes of it (one stray `]`
  // yields a thousand): report the first few and count the rest.
  for (const error of yaml.errors.slice(0, MAX_SYNTAX_ERRORS)) {
    result.findings.push({ code: 'yaml-syntax', span: spanOfError(error.pos, text), message: yamlMessage(error.message) });
  }
  if (yaml.errors.length > MAX_SYNTAX_ERRORS) {
    const firstLine = result.lines.positionAt(yaml.errors[0].pos[0]).line + 1;
    const rest = yaml.errors.length - MAX_SYNTAX_ERRORS;
    result.findings.push({
      code: 'yaml-syntax', span: spanOfError(yaml.errors[MAX_SYNTAX_ERRORS].pos, text),
      message: `${rest.toLocaleString('en-US')} more YAML error${rest === 1 ? '' : 's'} from here on, most likely caused by the first one (line ${firstLine}): fix that and check again.`,
    });
  }
  for (const warning of yaml.warnings) {
    result.findings.push({ code: 'yaml-syntax', severity: 'warning', span: spanOfError(warning.pos, text), message: yamlMessage(warning.message) });
  }
  new ModelBuilder(result, yaml).build();
  // The builder records a mapping's keys before its children's: sort so lookups can binary-search.
  sortByStart(result.keys);
  sortByStart(result.definitions);
  sortByStart(result.references);
  return result;
}

/**
 * The YAML parse every part of the core uses, so a check after an edit sees what validation sees.
 * Duplicate keys are found by the model walk with a Set: the parser's own check is quadratic. The
 * YAML parser does not take a lone CR (classic Mac) as a line break; a LF in its place keeps every
 * offset, so the findings still point into the text as written.
 */
export function parseYaml(text: string): Document.Parsed {
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return parseDocument(source, { prettyErrors: false, uniqueKeys: false, strict: true, keepSourceTokens: false });
}

/** Sorts by span start, skipping the sort when the walk already produced document order. */
function sortByStart(items: { span: Span }[]): void {
  for (let i = 1; i < items.length; i++) {
    if (items[i].span[0] < items[i - 1].span[0]) {
      items.sort((a, b) => a.span[0] - b.span[0]);
      return;
    }
  }
}

const MAX_FLOW_DEPTH = 64;
/** Syntax errors reported one by one; the rest are counted in one more finding. */
const MAX_SYNTAX_ERRORS = 5;
const MAX_BLOCK_DEPTH = 100;

/**
 * The offset where nesting first exceeds the limits, or undefined. Flow nesting counts `[`/`{`
 * outside quotes and comments; block nesting counts the open indentation levels plus the compact
 * `- ` / `? ` markers that start a line. Both are cheap, linear scans.
 */
function tooDeepAt(text: string): number | undefined {
  if (text.length < MAX_FLOW_DEPTH * 2) return undefined;
  let depth = 0;
  let quote = 0;
  const indents: number[] = [];
  let lineStart = true;
  /** The last character on this line that is not a space, or -1 at the start of a line. */
  let before = -1;
  for (let i = 0; i < text.length; i++) {
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (text.charCodeAt(j) === 32) j++;
      const first = text.charCodeAt(j);
      if (j < text.length && first !== 10 && first !== 13 && first !== 35 && depth === 0) {
        const indent = j - i;
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let markers = 0;
        while ((text.charCodeAt(j) === 45 || text.charCodeAt(j) === 63) && text.charCodeAt(j + 1) === 32) {
          markers++;
          j += 2;
          while (text.charCodeAt(j) === 32) j++;
        }
        if (indents.length + markers > MAX_BLOCK_DEPTH) return i;
      }
    }
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      before = -1;
    }
    if (quote) {
      if (c === quote || c === 10) quote = 0; // an unclosed quote ends with the line, for this scan
      continue;
    }
    // A quote opens a quoted scalar only where a scalar starts (`[a'b` is the plain scalar a'b).
    if ((c === 34 || c === 39) && startsScalar(before)) quote = c;
    else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
    if (c > 32) before = c;
  }
  return undefined;
}

/** Whether a scalar may start after this character: line start, `[`, `{`, `,`, `:`, `-`, `?`. */
function startsScalar(before: number): boolean {
  return before === -1 || before === 91 || before === 123 || before === 44 || before === 58 || before === 45 || before === 63;
}

function spanOfError(pos: [number, number], text: string): Span {
  const start = Math.min(pos[0], text.length);
  const end = Math.max(start, Math.min(pos[1], text.length));
  return [start, end === start && start < text.length ? start + 1 : end];
}

function yamlMessage(message: string): string {
  const first = message.split('\n')[0].trim().replace(/ at line \d+, column \d+:?$/, '');
  if (first.startsWith('Source contains multiple documents')) {
    return 'This file holds more than one YAML document (separated by `---`): a journey map file holds one map. Move the others to their own files.';
  }
  if (/tab/i.test(first) && /indent/i.test(first)) return `${first}. Indent with spaces, not tabs.`;
  const hint = YAML_HINTS.find(([pattern]) => pattern.test(first))?.[1];
  return hint ? `${first}. ${hint}` : first;
}

/** `4h30m` is not a duration here; say what it is in one unit (`, such as 4.5h for 4h30m`). */
function compoundHint(value: unknown): string {
  const m = typeof value === 'string' ? /^\s*(\d+)\s*([dhm])\s*(\d+)\s*([hms])\s*$/i.exec(value) : null;
  if (!m) return '';
  const unit: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };
  const first = m[2].toLowerCase();
  const seconds = Number(m[1]) * unit[first] + Number(m[3]) * unit[m[4].toLowerCase()];
  const amount = Math.round((seconds / unit[first]) * 100) / 100;
  return `, in one unit: ${amount}${first} for ${value}`;
}

/** What the parser's most common complaints mean in a journey map, and what to do. */
const YAML_HINTS: [RegExp, string][] = [
  [/^Unexpected scalar at node end/, 'Text follows a closing quote: quote the whole value (\'"Approval pending" for two days\') or drop the quotes.'],
  [/^Nested mappings are not allowed in compact mappings/, 'A `: ` inside a value starts another key: put the whole value in quotes (`name: "Calls the desk: from mobile"`), or check this line\'s indentation.'],
  [/^Implicit keys need to be on a single line/, 'Check the indentation: this line is indented differently from the keys around it.'],
  [/^All mapping items must start at the same column/, 'Line this key up with the keys above it.'],
  [/^Missing closing "?quote/, 'Close the quote at the end of the value.'],
  [/^Flow sequence in block collection must be sufficiently indented and end with a \]/, 'Close the list with `]` on the same line, or write one `- item` per line.'],
];

/** The typed value a field holds, read once and checked against its spec. */
type FieldValues = Map<string, { pair: Pair; key: Scalar; keySpan: Span; value: YamlNode | null }>;

class ModelBuilder {
  private aliasBudget = MAX_ALIAS_RESOLUTIONS;
  private aliasReported = false;
  private readonly suggestBudget = new SuggestBudget();

  constructor(private readonly doc: JourneyDocument, private readonly yaml: Document.Parsed) {}

  build(): void {
    const root = this.yaml.contents;
    const map = this.doc.map;
    map.span = [0, this.doc.text.length];
    if (root === null || root === undefined || (isScalar(root) && (root.value === null || root.value === ''))) {
      if (this.doc.findings.length === 0) {
        this.report('missing-field', [0, 0], 'The file is empty. A journey map starts with `journeymap: 1`, then title, persona, scenario, lanes and stages.', { field: 'journeymap' });
      }
      return;
    }
    if (!isMap(root)) {
      this.report('invalid-value', nodeSpan(root, this.doc.text), `A journey map is a YAML mapping of keys (journeymap, title, persona...), not ${describe(root)}.`);
      return;
    }
    const fields = this.readFields(root, 'map');
    this.requireFields(fields, 'map', [0, 0]);

    const version = fields.get('journeymap');
    if (version?.value) {
      const value = isScalar(version.value) ? version.value.value : undefined;
      map.version = { value, span: nodeSpan(version.value, this.doc.text), keySpan: version.keySpan };
      if (value !== FORMAT_VERSION && String(value) !== String(FORMAT_VERSION)) {
        this.report('unsupported-version', map.version.span, `This extension reads format version ${FORMAT_VERSION}; the file says \`${String(value)}\`. Set \`journeymap: ${FORMAT_VERSION}\` or update the extension.`);
      }
    }
    map.title = this.text(fields, 'title');
    map.scenario = this.text(fields, 'scenario');
    map.goal = this.text(fields, 'goal');
    map.owner = this.text(fields, 'owner');
    const persona = fields.get('persona');
    if (persona) {
      map.personaKeySpan = persona.keySpan;
      map.personas = this.texts(persona.value, persona.keySpan);
    }
    map.review = this.review(fields.get('review'));
    map.sources = this.list(fields, 'sources', 'source', (f, span) => this.source(f, span));
    map.sourcesKeySpan = fields.get('sources')?.keySpan;
    map.lanes = this.list(fields, 'lanes', 'lane', (f, span, i) => this.lane(f, span, i));
    map.stages = this.list(fields, 'stages', 'stage', (f, span, i) => this.stage(f, span, i));
    map.handoffs = this.list(fields, 'handoffs', 'handoff', (f, span, i) => this.handoff(f, span, i));
    map.improvements = this.list(fields, 'improvements', 'improvement', (f, span, i) => this.improvement(f, span, i));
    map.improvementsKeySpan = fields.get('improvements')?.keySpan;
  }

  // ---- shapes --------------------------------------------------------------------------------

  private review(entry: FieldEntry | undefined): Review | undefined {
    if (!entry?.value || !isMap(this.resolve(entry.value))) return undefined;
    const node = this.resolve(entry.value) as YAMLMap;
    const fields = this.readFields(node, 'review');
    const review: Review = { span: nodeSpan(node, this.doc.text), keySpan: entry.keySpan, triggers: [] };
    const last = fields.get('last');
    if (last?.value) {
      const day = parseIsoDate(scalarValue(last.value));
      if (day !== undefined) review.last = { value: day, span: nodeSpan(last.value, this.doc.text), keySpan: last.keySpan };
    }
    const every = fields.get('every');
    if (every?.value) {
      const days = parseCadence(scalarValue(every.value));
      if (days !== undefined) review.every = { value: days, span: nodeSpan(every.value, this.doc.text), keySpan: every.keySpan };
    }
    const triggers = fields.get('triggers');
    if (triggers) review.triggers = this.texts(triggers.value, triggers.keySpan);
    return review;
  }

  private source(fields: FieldValues, span: Span): Source {
    const source: Source = { span };
    source.id = this.define(fields, 'source');
    source.kind = this.text(fields, 'kind');
    source.path = this.text(fields, 'path');
    const period = fields.get('period');
    if (period?.value) {
      const interval = parseInterval(scalarValue(period.value));
      if (interval) source.period = { value: interval, span: nodeSpan(period.value, this.doc.text), keySpan: period.keySpan };
    }
    const columns = this.dictionary(fields.get('columns'), Object.keys(TICKET_COLUMNS), 'a ticket-export column');
    if (columns) source.columns = { ...columns, value: Object.fromEntries(Object.entries(columns.value).map(([k, v]) => [k, v[0]])) };
    return source;
  }

  private lane(fields: FieldValues, span: Span, index: number): Lane {
    return {
      span, index,
      id: this.define(fields, 'lane'),
      name: this.text(fields, 'name'),
      kind: this.text(fields, 'kind') as Located<LaneKind> | undefined,
      team: this.text(fields, 'team'),
    };
  }

  private stage(fields: FieldValues, span: Span, index: number): Stage {
    const stage: Stage = { span, index, touchpoints: [] };
    stage.id = this.define(fields, 'stage');
    stage.name = this.text(fields, 'name');
    stage.touchpointsKeySpan = fields.get('touchpoints')?.keySpan;
    stage.touchpoints = this.list(fields, 'touchpoints', 'touchpoint', (f, s) => this.touchpoint(f, s, stage));
    return stage;
  }

  private touchpoint(fields: FieldValues, span: Span, stage: Stage): Touchpoint {
    const map = this.doc.map;
    const tp: Touchpoint = { span, stage, index: map.touchpoints.length, pains: [], metrics: [] };
    map.touchpoints.push(tp);
    tp.id = this.define(fields, 'touchpoint');
    tp.lane = this.reference(fields, 'lane', 'lane');
    tp.name = this.text(fields, 'name');
    tp.channel = this.text(fields, 'channel');
    tp.does = this.text(fields, 'does');
    tp.thinks = this.text(fields, 'thinks');
    const feels = fields.get('feels');
    if (feels?.value) {
      const value = scalarValue(feels.value);
      if (typeof value === 'number' && Number.isInteger(value) && value >= -3 && value <= 3) {
        tp.feels = { value, span: nodeSpan(feels.value, this.doc.text), keySpan: feels.keySpan };
      }
    }
    const pains = fields.get('pains');
    if (pains) tp.pains = this.texts(pains.value, pains.keySpan);
    const next = fields.get('next');
    if (next?.value && !(isScalar(next.value) && next.value.value === null)) {
      // A bare `next:` is half-typed, not an explicit dead end (`next: []`).
      tp.nextKeySpan = next.keySpan;
      tp.next = this.references(next.value, 'touchpoint');
    }
    tp.runbook = this.text(fields, 'runbook');
    const metrics = fields.get('metrics');
    if (metrics?.value) {
      tp.metricsKeySpan = metrics.keySpan;
      tp.metrics = this.metrics(this.resolve(metrics.value));
    }
    return tp;
  }

  private metrics(node: YamlNode): Metric[] {
    if (!isMap(node)) return [];
    const metrics: Metric[] = [];
    const seen = {};
    for (let i = 0; i < node.items.length; i++) {
      const pair = node.items[i];
      if (this.duplicateKey(pair, i, node.items, seen)) continue;
      const key = pair.key;
      if (!isScalar(key)) {
        this.report('invalid-value', nodeSpan(key as YamlNode, this.doc.text), 'A metric name must be plain text such as `fcr` or `time_to_resolution`.');
        continue;
      }
      const name = String(key.value);
      const keySpan = nodeSpan(key, this.doc.text);
      const valueNode = pair.value ? this.resolve(pair.value as YamlNode) : null;
      const metric: Metric = {
        span: [keySpan[0], valueNode ? nodeSpan(valueNode, this.doc.text)[1] : keySpan[1]],
        name: { value: name, span: keySpan }, shorthand: !isMap(valueNode),
      };
      if (valueNode === null || isScalar(valueNode)) {
        if (valueNode && valueNode.value !== null) metric.value = this.quantity(valueNode, name, 'value');
      } else if (isMap(valueNode)) {
        const fields = this.readFields(valueNode, 'metric');
        const better = this.text(fields, 'better');
        if (better) metric.better = better as Located<'higher' | 'lower'>;
        for (const part of ['value', 'target'] as const) {
          const entry = fields.get(part);
          if (entry?.value && isScalar(entry.value)) metric[part] = this.quantity(entry.value, name, part, entry.keySpan);
        }
        metric.source = this.reference(fields, 'source', 'source');
        const asOf = fields.get('as_of');
        if (asOf?.value) {
          const day = parseIsoDate(scalarValue(asOf.value));
          if (day !== undefined) metric.asOf = { value: day, span: nodeSpan(asOf.value, this.doc.text), keySpan: asOf.keySpan };
        }
        metric.note = this.text(fields, 'note');
        metric.from = this.reference(fields, 'from', 'source');
        metric.where = this.dictionary(fields.get('where'));
        const sla = fields.get('sla');
        const slaSeconds = sla?.value ? parseDuration(String(scalarValue(sla.value) ?? '')) : undefined;
        if (sla?.value && slaSeconds !== undefined) metric.sla = { value: slaSeconds, span: nodeSpan(sla.value, this.doc.text), keySpan: sla.keySpan };
        const tolerance = fields.get('tolerance');
        if (tolerance?.value && isScalar(tolerance.value)) metric.tolerance = this.quantity(tolerance.value, name, 'tolerance', tolerance.keySpan);
        if (metric.value && metric.target && metric.value.value.kind !== metric.target.value.kind) {
          this.report('invalid-value', metric.target.span, `The target \`${metric.target.value.text}\` is a ${metric.target.value.kind} but the value \`${metric.value.value.text}\` is a ${metric.value.value.kind}: write both in the same unit.`);
          metric.target = undefined;
        }
      } else {
        this.report('invalid-value', nodeSpan(valueNode, this.doc.text), `Metric \`${name}\` needs a value (\`${name}: 64%\`) or a mapping (\`${name}: { value: 64%, target: 80% }\`), not ${describe(valueNode)}.`);
      }
      metrics.push(metric);
    }
    return metrics;
  }

  private quantity(node: Scalar, metric: string, part: string, keySpan?: Span): Located<Quantity> | undefined {
    const info = metricInfo(metric);
    const quantity = parseQuantity(node.value, info?.units);
    const span = nodeSpan(node, this.doc.text);
    if (!quantity) {
      this.report('invalid-value', span, `\`${quoteShort(String(node.value))}\` is not a metric ${part}. Write a percentage (18% or 0.18), a duration (45s, 35m, 4h, 2d, 1w${compoundHint(node.value)}), a rating (4.2/5) or a number.`);
      return undefined;
    }
    if (info && !info.units.includes(quantity.kind)) {
      this.report('invalid-value', span, `${info.fullName} (\`${metric}\`) is measured as a ${info.units.join(' or ')}, but \`${quantity.text}\` is a ${quantity.kind}.`);
      return undefined;
    }
    return { value: quantity, span, keySpan };
  }

  private handoff(fields: FieldValues, span: Span, index: number): Handoff {
    const handoff: Handoff = { span, index };
    handoff.from = this.reference(fields, 'from', 'touchpoint');
    handoff.to = this.reference(fields, 'to', 'touchpoint');
    for (const part of ['sla', 'wait'] as const) {
      const entry = fields.get(part);
      const seconds = entry?.value ? parseDuration(String(scalarValue(entry.value) ?? '')) : undefined;
      if (entry?.value && seconds !== undefined) handoff[part] = { value: seconds, span: nodeSpan(entry.value, this.doc.text), keySpan: entry.keySpan };
    }
    const notifies = fields.get('notifies_customer');
    if (notifies?.value && typeof scalarValue(notifies.value) === 'boolean') {
      handoff.notifiesCustomer = { value: scalarValue(notifies.value) as boolean, span: nodeSpan(notifies.value, this.doc.text), keySpan: notifies.keySpan };
    }
    handoff.note = this.text(fields, 'note');
    return handoff;
  }

  private improvement(fields: FieldValues, span: Span, index: number): Improvement {
    const imp: Improvement = { span, index, for: [] };
    imp.id = this.define(fields, 'improvement');
    const targets = fields.get('for');
    if (targets) {
      imp.forKeySpan = targets.keySpan;
      imp.for = this.references(targets.value, 'touchpoint');
    }
    for (const part of ['experiment', 'outcome', 'signal', 'impact', 'effort', 'owner', 'status'] as const) {
      imp[part] = this.text(fields, part);
    }
    const due = fields.get('due');
    if (due?.value) {
      const day = parseIsoDate(scalarValue(due.value));
      if (day !== undefined) imp.due = { value: day, span: nodeSpan(due.value, this.doc.text), keySpan: due.keySpan };
    }
    return imp;
  }

  // ---- generic reading and checking ----------------------------------------------------------

  /** Reads a mapping's keys, reporting unknown keys and values that do not fit their spec. */
  private readFields(node: YAMLMap, shape: ShapeName): FieldValues {
    const spec = SHAPES[shape];
    const fields: FieldValues = new Map();
    const seen = {};
    for (let i = 0; i < node.items.length; i++) {
      const pair = node.items[i];
      if (this.duplicateKey(pair, i, node.items, seen)) continue;
      if (!isScalar(pair.key)) {
        const span = pair.key ? nodeSpan(pair.key as YamlNode, this.doc.text) : nodeSpan(node, this.doc.text);
        this.report('invalid-value', span, 'Keys must be plain words such as `title` or `lanes`, not a list or a mapping.');
        continue;
      }
      const key = pair.key;
      const name = String(key.value);
      const keySpan = nodeSpan(key, this.doc.text);
      if (name === '<<') {
        this.report('invalid-value', keySpan, 'YAML merge keys (`<<`) are not supported in journey maps: write the fields out, so every value has one place in the file.');
        continue;
      }
      const field = spec.fields[name];
      if (!field) {
        const suggestion = closest(name, Object.keys(spec.fields), this.suggestBudget);
        this.report('unknown-key', keySpan,
          `\`${quoteShort(name)}\` is not a field of a ${shape === 'map' ? 'journey map' : shape}.` +
          (suggestion ? ` Did you mean \`${suggestion}\`?` : ` Known fields: ${Object.keys(spec.fields).join(', ')}.`),
          suggestion ? { suggestion } : undefined);
        continue;
      }
      this.doc.keys.push({ span: keySpan, shape, field: name });
      const raw = pair.value === null || pair.value === undefined ? null : pair.value as YamlNode;
      const value = raw === null ? null : this.resolve(raw);
      fields.set(name, { pair, key, keySpan, value });
      // A value reached through an alias is reported where the alias is used, not at its anchor.
      const unresolvedAlias = raw !== null && this.unresolved.has(raw);
      if (value !== null && !unresolvedAlias && !(isScalar(value) && value.value === null)) this.checkValue(name, field, value, raw !== null && isAlias(raw) ? raw : undefined);
    }
    return fields;
  }

  private requireFields(fields: FieldValues, shape: ShapeName, at: Span): void {
    for (const [name, field] of Object.entries(SHAPES[shape].fields)) {
      if (!field.required) continue;
      const entry = fields.get(name);
      if (!entry) {
        this.report('missing-field', at, `Missing required field \`${name}\`: ${field.description}`, { field: name });
      } else if (entry.value === null || (isScalar(entry.value) && (entry.value.value === null || entry.value.value === ''))) {
        this.report('missing-field', entry.keySpan, `\`${name}\` is empty: ${field.description}`, { field: name });
      }
    }
  }

  private checkValue(name: string, field: FieldSpec, node: YamlNode, usedAt?: YamlNode): void {
    const span = nodeSpan(usedAt ?? node, this.doc.text);
    const t = field.type;
    const bad = (message: string, data?: DiagnosticData) => this.report('invalid-value', span, message, data);
    const scalar = isScalar(node) ? node.value : undefined;
    switch (t.type) {
      case 'text': case 'ref':
        if (field.listFinding && isSeq(node)) return;
        if (!isScalar(node)) bad(`\`${name}\` should be plain text, not ${describe(node)}.`);
        else if (scalar !== null && typeof scalar === 'object') bad(`\`${name}\` should be plain text.`);
        return;
      case 'id':
        if (!isScalar(node) || !ID_RE.test(String(scalar))) bad(`\`${shown(scalar, node)}\` is not a valid id: use ASCII letters (a-z, A-Z), digits, \`-\`, \`_\` and \`.\`, starting with a letter or digit${/[^\x00-\x7f]/.test(String(scalar)) ? ' (put accented or other scripts in `name:`, which takes any text)' : ''}.`);
        return;
      case 'version':
        if (!isScalar(node) || typeof scalar !== 'number') bad(`\`journeymap\` is the format version, a number: \`journeymap: ${FORMAT_VERSION}\`.`);
        return;
      case 'enum':
        if (!isScalar(node) || !t.values.includes(String(scalar))) {
          const suggestion = closest(String(scalar ?? ''), t.values, this.suggestBudget);
          bad(`\`${shown(scalar, node)}\` is not a valid ${name}. Use one of: ${t.values.join(', ')}.`, suggestion ? { suggestion } : undefined);
        }
        return;
      case 'date':
        if (parseIsoDate(scalar) === undefined) bad(`\`${shown(scalar, node)}\` is not a date. Write an ISO date such as 2026-09-30.`);
        return;
      case 'interval':
        if (parseInterval(scalar) === undefined) bad(`\`${shown(scalar, node)}\` is not a period. Write an ISO interval such as 2026-07-01/2026-09-30 (start before end).`);
        return;
      case 'cadence':
        if (parseCadence(scalar) === undefined) {
          const guess = typeof scalar === 'string' ? closest(scalar.replace(/ly$/, ''), ['month', 'quarter', 'half-year', 'year'], this.suggestBudget) : undefined;
          bad(`\`${shown(scalar, node)}\` is not a review cadence.${guess ? ` Did you mean \`${guess}\`?` : ''} Use month, quarter, half-year, year or a number of days such as 45d.`, guess ? { suggestion: guess } : undefined);
        }
        return;
      case 'feels':
        if (typeof scalar !== 'number' || !Number.isInteger(scalar) || scalar < -3 || scalar > 3) {
          const quoted = typeof scalar === 'string' && /^[+-]?\d+$/.test(scalar.trim());
          bad(quoted
            ? `\`feels\` is a number, but \`"${scalar}"\` is written as text: remove the quotes.`
            : `\`feels\` is a whole number from -3 (very negative) to +3 (very positive), not \`${shown(scalar, node)}\`.`);
        }
        return;
      case 'boolean':
        if (typeof scalar !== 'boolean') bad(`\`${name}\` is true or false, not \`${shown(scalar, node)}\`.`);
        return;
      case 'duration':
        if (typeof scalar !== 'string' || parseDuration(scalar) === undefined) {
          bad(`\`${shown(scalar, node)}\` is not a duration. Write a number and a unit: 45s, 35m, 4h, 2d or 1w${compoundHint(scalar)}.`);
        }
        return;
      case 'texts': case 'refs':
        if (isSeq(node)) {
          for (const item of node.items) {
            const resolved = this.resolve(item as YamlNode);
            if (!isScalar(resolved)) this.report('invalid-value', nodeSpan(resolved, this.doc.text), `Each entry of \`${name}\` should be plain text, not ${describe(resolved)}.`);
          }
        } else if (!isScalar(node)) bad(`\`${name}\` should be a list such as [a, b], not ${describe(node)}.`);
        return;
      case 'object': case 'metrics': case 'dictionary':
        if (!isMap(node)) bad(`\`${name}\` should be a mapping of keys, not ${describe(node)}.`);
        return;
      case 'list':
        if (!isSeq(node)) bad(`\`${name}\` should be a list of entries, each starting with \`- \`, not ${describe(node)}.`);
        return;
      case 'quantity':
        return; // checked against the metric's unit where the metric is read
    }
  }

  private list<T>(fields: FieldValues, name: string, shape: ShapeName, build: (fields: FieldValues, span: Span, index: number) => T): T[] {
    const entry = fields.get(name);
    if (!entry?.value || !isSeq(entry.value)) return [];
    const items: T[] = [];
    for (const raw of entry.value.items) {
      const item = this.resolve(raw as YamlNode);
      const span = nodeSpan(item, this.doc.text);
      if (!isMap(item)) {
        if (!(isScalar(item) && item.value === null)) {
          this.report('invalid-value', span, `Each entry of \`${name}\` should be a mapping with ${Object.keys(SHAPES[shape].fields).slice(0, 3).join(', ')}..., not ${describe(item)}.`);
        }
        continue;
      }
      const itemFields = this.readFields(item, shape);
      this.requireFields(itemFields, shape, firstKeySpan(item, this.doc.text) ?? span);
      items.push(build(itemFields, span, items.length));
    }
    return items;
  }

  /**
   * A mapping of names to a value or a list of values. With `known`, unknown names are reported
   * (with a suggestion) as `unknown-key`.
   */
  private dictionary(entry: FieldEntry | undefined, known?: string[], what?: string): Located<Record<string, string[]>> | undefined {
    if (!entry?.value || !isMap(entry.value)) return undefined;
    const value: Record<string, string[]> = {};
    const seen = {};
    const items = entry.value.items;
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      if (this.duplicateKey(pair, i, items, seen) || !isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const keySpan = nodeSpan(pair.key, this.doc.text);
      if (known && !known.includes(name)) {
        const suggestion = closest(name, known, this.suggestBudget);
        this.report('unknown-key', keySpan, `\`${quoteShort(name)}\` is not ${what}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ` Use one of: ${known.join(', ')}.`}`, suggestion ? { suggestion } : undefined);
        continue;
      }
      const values = this.texts(pair.value ? this.resolve(pair.value as YamlNode) : null).map((t) => t.value);
      if (!values.length) {
        this.report('invalid-value', keySpan, `\`${quoteShort(name)}\` needs a value.`);
        continue;
      }
      value[name] = values;
    }
    return { value, span: nodeSpan(entry.value, this.doc.text), keySpan: entry.keySpan };
  }

  private text(fields: FieldValues, name: string): Located<string> | undefined {
    const entry = fields.get(name);
    if (!entry?.value || !isScalar(entry.value) || entry.value.value === null) return undefined;
    const value = entry.value.value;
    if (typeof value === 'object') return undefined;
    return { value: String(value), span: nodeSpan(entry.value, this.doc.text), keySpan: entry.keySpan };
  }

  /** A list of plain texts; a single scalar counts as a list of one. */
  private texts(node: YamlNode | null, keySpan?: Span): Located<string>[] {
    if (!node) return [];
    const items = isSeq(node) ? node.items.map((i) => this.resolve(i as YamlNode)) : [node];
    const out: Located<string>[] = [];
    for (const item of items) {
      if (isScalar(item) && item.value !== null && typeof item.value !== 'object') {
        out.push({ value: String(item.value), span: nodeSpan(item, this.doc.text), keySpan });
      }
    }
    return out;
  }

  private define(fields: FieldValues, kind: RefKind): Located<string> | undefined {
    const id = this.text(fields, 'id');
    if (id && ID_RE.test(id.value)) this.doc.definitions.push({ kind, name: id.value, span: id.span });
    return id;
  }

  private reference(fields: FieldValues, name: string, kind: RefKind): Located<string> | undefined {
    const ref = this.text(fields, name);
    if (ref) this.doc.references.push({ kind, name: ref.value, span: ref.span });
    return ref;
  }

  private references(node: YamlNode | null, kind: RefKind): Located<string>[] {
    const refs = this.texts(node);
    for (const ref of refs) this.doc.references.push({ kind, name: ref.value, span: ref.span });
    return refs;
  }

  /** Follows an alias to its anchored node, within a budget so alias bombs cannot blow up the walk. */
  private resolve(node: YamlNode): YamlNode {
    if (!isAlias(node)) return node;
    if (this.aliasBudget-- <= 0) {
      if (!this.aliasReported) {
        this.aliasReported = true;
        this.report('yaml-syntax', nodeSpan(node, this.doc.text), `The file uses more than ${MAX_ALIAS_RESOLUTIONS} aliases (*name): the rest were not followed. Write the values out.`);
      }
      return emptyScalar(node);
    }
    const target = node.resolve(this.yaml);
    if (!target && !this.unresolved.has(node)) {
      this.unresolved.add(node);
      this.report('yaml-syntax', nodeSpan(node, this.doc.text), `\`*${quoteShort(node.source)}\` refers to no anchor: define \`&${quoteShort(node.source)}\` on a value above it, or write the value out.`);
    }
    return target ?? emptyScalar(node);
  }

  private readonly unresolved = new Set<YamlNode>();

  /**
   * Reports a key already seen in the same mapping (YAML would keep only one of the two). Small
   * mappings, nearly all of them, are checked by a scan of the keys before; big ones use a Set.
   */
  private duplicateKey(pair: Pair, index: number, items: readonly Pair[], seen: { set?: Set<string> }): boolean {
    if (!isScalar(pair.key)) return false;
    const name = String(pair.key.value);
    let duplicate = false;
    if (items.length <= 16) {
      for (let i = 0; i < index && !duplicate; i++) {
        const other = items[i].key;
        duplicate = isScalar(other) && String(other.value) === name;
      }
    } else {
      seen.set ??= new Set();
      duplicate = seen.set.has(name);
      seen.set.add(name);
    }
    if (!duplicate) return false;
    this.report('yaml-syntax', nodeSpan(pair.key, this.doc.text), `\`${quoteShort(name)}\` appears twice in this mapping, and YAML keeps only one value: remove or rename one of them.`);
    return true;
  }

  private report(code: string, span: Span, message: string, data?: DiagnosticData): void {
    this.doc.findings.push({ code, span, message, data });
  }
}

type FieldEntry = FieldValues extends Map<string, infer V> ? V : never;

function scalarValue(node: YamlNode): unknown {
  return isScalar(node) ? node.value : undefined;
}

function nodeSpan(node: YamlNode | { range?: [number, number, number] | null }, text: string): Span {
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range) return [0, 0];
  return [Math.min(range[0], text.length), Math.min(range[1], text.length)];
}

function firstKeySpan(node: YAMLMap, text: string): Span | undefined {
  const first = node.items[0];
  return first && isPair(first) && first.key ? nodeSpan(first.key as YamlNode, text) : undefined;
}

function emptyScalar(node: YamlNode): YamlNode {
  return { range: node.range, value: null } as unknown as YamlNode;
}

/** A scalar as a message quotes it, or what the node is when it is not a scalar. */
function shown(scalar: unknown, node: YamlNode): string {
  return scalar === null || scalar === undefined ? describe(node) : quoteShort(String(scalar));
}

function describe(node: YamlNode): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'an empty value' : typeof node.value === 'object' ? 'a value' : `\`${quoteShort(String(node.value))}\``;
  return 'that';
}
