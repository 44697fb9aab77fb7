/**
 * Completion: keys, values, ids, metrics and snippets for the cursor's context (read from the text
 * by ./completionContext, since the file being typed is usually not valid YAML); the parsed model
 * only supplies the ids to offer.
 *
 * Snippets with several lines are written relative to the cursor line's leading white space, the
 * way VS Code inserts them (it prefixes each following line with that line's indentation).
 */
import type { CompletionItem, Position, Range } from '../base';
import { CADENCES, describeFeels, FEELS_SCALE, LANE_KIND_WORDS, METRIC_CATALOGUE, SHAPES, type FieldSpec, type RefKind, type ShapeName } from '../format';
import type { JourneyDocument } from '../parse';
import { completionContext, type CompletionContext, type PathSegment } from './completionContext';

export { completionContext, type CompletionContext } from './completionContext';

/** The `feels` values, -3 to +3, in the order completion offers them. */
const FEELS_VALUES = [-3, -2, -1, 0, 1, 2, 3] as const;

const ENUM_DOCS: Record<string, string> = {
  ...LANE_KIND_WORDS,
  assumption: 'A guess still to be validated with real data.',
  higher: 'Higher values are better.',
  lower: 'Lower values are better.',
};

const CADENCE_DOCS: Record<string, string> = {
  month: 'Every 30 days.', quarter: 'Every 91 days (the default).', 'half-year': 'Every 182 days.', year: 'Every 365 days.',
};

/** Fields filled in by the snippet for a new list entry or object, beyond the required ones. */
const SNIPPET_FIELDS: Partial<Record<ShapeName, readonly string[]>> = {
  source: ['id', 'kind', 'period'],
  lane: ['id', 'name', 'kind'],
  stage: ['id', 'name'],
  touchpoint: ['id', 'lane', 'name', 'feels'],
  handoff: ['from', 'to', 'sla', 'notifies_customer'],
  improvement: ['id', 'for', 'experiment', 'outcome', 'signal', 'owner', 'due'],
  review: ['last', 'every'],
};

export function doComplete(doc: JourneyDocument, position: Position): CompletionItem[] {
  try {
    const ctx = completionContext(doc, position);
    return ctx ? itemsFor(doc, ctx) : [];
  } catch {
    // Completion is a convenience: a context it cannot read offers nothing rather than failing.
    return [];
  }
}

// ---- what the path points at ----------------------------------------------------------------------

type Target =
  | { t: 'shape'; shape: ShapeName }
  | { t: 'list'; shape: ShapeName }
  | { t: 'metrics' }
  | { t: 'scalars'; field: FieldSpec }
  | { t: 'item'; field: FieldSpec }
  | { t: 'scalar'; field: FieldSpec };

function resolve(path: readonly PathSegment[]): Target | undefined {
  let target: Target = { t: 'shape', shape: 'map' };
  for (const seg of path) {
    switch (target.t) {
      case 'shape': {
        if (typeof seg !== 'string') return undefined;
        const field = Object.prototype.hasOwnProperty.call(SHAPES[target.shape].fields, seg) ? SHAPES[target.shape].fields[seg] : undefined;
        if (!field) return undefined;
        target = fieldTarget(field);
        break;
      }
      case 'list':
        if (typeof seg !== 'number') return undefined;
        target = { t: 'shape', shape: target.shape };
        break;
      case 'metrics':
        if (typeof seg !== 'string') return undefined;
        target = { t: 'shape', shape: 'metric' };
        break;
      case 'scalars':
        if (typeof seg !== 'number') return undefined;
        target = { t: 'item', field: target.field };
        break;
      default:
        return undefined;
    }
  }
  return target;
}

function fieldTarget(field: FieldSpec): Target {
  const t = field.type;
  // A sentence or a mapping (`signal:`): inside the mapping, its keys.
  if (t.type === 'object' || t.type === 'text-or-object') return { t: 'shape', shape: t.shape };
  if (t.type === 'list') return { t: 'list', shape: t.shape };
  if (t.type === 'metrics') return { t: 'metrics' };
  if (t.type === 'refs' || t.type === 'texts') return { t: 'scalars', field };
  return { t: 'scalar', field };
}

// ---- items ------------------------------------------------------------------------------------------

function itemsFor(doc: JourneyDocument, ctx: CompletionContext): CompletionItem[] {
  const range = doc.lines.range(ctx.wordStart, ctx.wordEnd);
  const target = resolve(ctx.path);
  if (!target) return [];
  if (ctx.slot === 'value') {
    if (target.t !== 'shape' || ctx.key === undefined) return [];
    const fields = SHAPES[target.shape].fields;
    const field = Object.prototype.hasOwnProperty.call(fields, ctx.key) ? fields[ctx.key] : undefined;
    const items = field ? valueItems(doc, field, range, ctx) : [];
    // Right after `key:` with no space yet: `lane:admin` would be one plain scalar, so add the space.
    if (doc.text[ctx.wordStart - 1] === ':') {
      for (const item of items) item.insertText = ` ${item.insertText ?? item.label}`;
    }
    return items;
  }
  switch (target.t) {
    case 'shape': {
      const items = keyItems(target.shape, ctx, range);
      if (ctx.path.length === 0 && ctx.present.size === 0) items.unshift(skeletonItem(range));
      return items;
    }
    case 'metrics':
      return metricItems(ctx, range);
    case 'list':
      return ctx.colonFollows ? [] : newEntryItems(target.shape, ctx, range);
    case 'item':
    case 'scalars':
      return valueItems(doc, target.field, range, ctx);
    default:
      return [];
  }
}

function keyItems(shape: ShapeName, ctx: CompletionContext, range: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  const fields = Object.entries(SHAPES[shape].fields);
  fields.forEach(([name, field], i) => {
    if (ctx.present.has(name)) return;
    const item: CompletionItem = {
      label: name, kind: 'property', detail: typeSummary(field), documentation: field.description, range,
      sortText: `${field.required ? '0' : '1'}${String(i).padStart(2, '0')}`,
    };
    if (ctx.colonFollows) {
      item.insertText = name;
    } else {
      const snippet = keySnippet(name, field, ctx.relativeIndent);
      item.insertText = snippet.text;
      if (snippet.snippet) item.snippet = true;
      // `lane: ` then the lane ids: the list opens again by itself.
      if (field.type.type === 'ref') item.retrigger = true;
    }
    items.push(item);
  });
  return items;
}

/** Under a list key, at the items' indentation but before any `- `: a new entry, or one key of it. */
function newEntryItems(shape: ShapeName, ctx: CompletionContext, range: Range): CompletionItem[] {
  const stops = new Tabstops();
  const inner = ' '.repeat(ctx.relativeIndent + 2);
  const items: CompletionItem[] = [{
    label: `- new ${shape}`, kind: 'snippet', detail: `A new ${shape} entry`, documentation: SHAPES[shape].description,
    insertText: shapeLines(shape, '- ', inner, stops), snippet: true, range, sortText: '000',
  }];
  Object.entries(SHAPES[shape].fields).forEach(([name, field], i) => {
    const snippet = keySnippet(name, field, ctx.relativeIndent + 2);
    items.push({
      label: `- ${name}`, kind: 'property', detail: typeSummary(field), documentation: field.description, range,
      insertText: `- ${snippet.text}`, snippet: snippet.snippet || undefined,
      sortText: `${field.required ? '0' : '1'}${String(i).padStart(2, '0')}`,
    });
  });
  for (const item of items) if (item.snippet === undefined) delete item.snippet;
  return items;
}

/** Example figures per unit, for a new metric's body. */
const UNIT_EXAMPLES: Record<string, { value: string; target: string }> = {
  percent: { value: '64%', target: '80%' }, duration: { value: '6h', target: '4h' }, rating: { value: '4.1/5', target: '4.5/5' }, number: { value: '3', target: '5' },
};

function metricItems(ctx: CompletionContext, range: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const info of METRIC_CATALOGUE.values()) {
    if (ctx.present.has(info.name)) continue;
    // The metric with its body: value and target in the metric's own unit, to overwrite.
    const example = UNIT_EXAMPLES[info.units[0]];
    const stops = new Tabstops();
    items.push({
      label: info.name, kind: 'metric', detail: info.fullName,
      documentation: `**${info.fullName}**: ${info.definition}\n\n${info.reveals}\n\nMeasured as ${info.units.join(' or ')}; ${info.better} is better.`,
      insertText: ctx.colonFollows ? info.name : `${info.name}: { value: ${stops.placeholder(example.value)}, target: ${stops.placeholder(example.target)} }`,
      ...(ctx.colonFollows ? {} : { snippet: true }), range,
    });
  }
  return items;
}

function valueItems(doc: JourneyDocument, field: FieldSpec, range: Range, ctx: CompletionContext): CompletionItem[] {
  const t = field.type;
  const plain = (values: readonly string[], docs: Record<string, string> = {}, detail?: string): CompletionItem[] =>
    values.map((value, i) => {
      const item: CompletionItem = { label: value, kind: 'value', range, sortText: String(i).padStart(2, '0') };
      if (detail) item.detail = detail;
      if (docs[value]) item.documentation = docs[value];
      return item;
    });
  switch (t.type) {
    case 'enum': return plain(t.values, ENUM_DOCS);
    case 'cadence': return [
      ...plain(CADENCES, CADENCE_DOCS),
      { label: '30d', kind: 'value', range, sortText: '99', detail: 'every N days', documentation: 'A cadence in days: any whole number followed by `d`.' },
    ];
    case 'boolean': return plain(['true', 'false']);
    case 'version': return plain(['1'], { 1: 'Format version 1.' });
    case 'feels': return FEELS_VALUES.map((value, i) => ({
      label: String(value), kind: 'value' as const, detail: FEELS_SCALE[value].word, documentation: `${describeFeels(value)}.`, range, sortText: String(i),
    }));
    case 'ref': case 'refs': return idItems(doc, t.target, range, new Set(ctx.listed));
    default: return field === SHAPES.signal.fields.metric ? measuredMetricItems(doc, range) : [];
  }
}

/** For a structured signal's `metric:`: the metrics the map measures, with where. */
function measuredMetricItems(doc: JourneyDocument, range: Range): CompletionItem[] {
  const where = new Map<string, string[]>();
  for (const tp of doc.map.touchpoints) {
    for (const metric of tp.metrics) {
      const at = where.get(metric.name.value) ?? [];
      if (tp.id) at.push(tp.id.value);
      where.set(metric.name.value, at);
    }
  }
  return [...where].map(([name, at], i) => ({
    label: name, kind: 'metric' as const, range, sortText: String(i).padStart(4, '0'),
    ...(at.length ? { detail: `at ${at.slice(0, 3).join(', ')}${at.length > 3 ? ` and ${at.length - 3} more` : ''}` } : {}),
  }));
}

function idItems(doc: JourneyDocument, kind: RefKind, range: Range, exclude: Set<string>): CompletionItem[] {
  const details = new Map<string, { detail?: string; documentation?: string }>();
  const map = doc.map;
  if (kind === 'lane') {
    for (const lane of map.lanes) if (lane.id) details.set(lane.id.value, { detail: [lane.name?.value, lane.kind?.value].filter(Boolean).join(' · ') || undefined });
  } else if (kind === 'touchpoint') {
    for (const tp of map.touchpoints) {
      if (!tp.id || details.has(tp.id.value)) continue;
      const stage = tp.stage.name?.value ?? tp.stage.id?.value;
      details.set(tp.id.value, {
        detail: tp.name?.value,
        documentation: [stage && `Stage: ${stage}`, tp.lane && `Lane: ${tp.lane.value}`].filter(Boolean).join('\n\n') || undefined,
      });
    }
  } else if (kind === 'source') {
    for (const source of map.sources) if (source.id) details.set(source.id.value, { detail: source.kind?.value });
  }
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== kind || seen.has(def.name) || exclude.has(def.name)) continue;
    seen.add(def.name);
    const item: CompletionItem = { label: def.name, kind: 'reference', range, sortText: String(items.length).padStart(6, '0') };
    const info = details.get(def.name);
    if (info?.detail) item.detail = info.detail;
    if (info?.documentation) item.documentation = info.documentation;
    items.push(item);
  }
  return items;
}

function typeSummary(field: FieldSpec): string {
  const t = field.type;
  switch (t.type) {
    case 'enum': return t.values.join(' | ');
    case 'ref': return `${t.target} id`;
    case 'refs': return `list of ${t.target} ids`;
    case 'list': return `list of ${t.shape}s`;
    case 'object': return t.shape;
    case 'text-or-object': return `text or ${t.shape}`;
    case 'metrics': return 'metrics';
    case 'texts': return 'list of texts';
    case 'feels': return '-3 .. 3';
    case 'cadence': return `${CADENCES.join(' | ')} | <N>d`;
    case 'quantity': return 'value (18%, 4h, 4.2/5, 12)';
    default: return t.type;
  }
}

// ---- snippets ------------------------------------------------------------------------------------------

function esc(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

class Tabstops {
  private next = 1;
  placeholder(value?: string): string {
    const n = this.next++;
    return value ? `\${${n}:${esc(value)}}` : `$${n}`;
  }
  choice(values: readonly string[]): string {
    return `\${${this.next++}|${values.map((v) => v.replace(/[,|$}\\]/g, (c) => `\\${c}`)).join(',')}|}`;
  }
}

/** The value part of `key: value` in a snippet: a choice for enums, a placeholder otherwise. */
function valueSnippet(field: FieldSpec, stops: Tabstops): string {
  const t = field.type;
  if (t.type === 'enum') return stops.choice(t.values);
  if (t.type === 'cadence') return stops.choice(CADENCES);
  if (t.type === 'boolean') return stops.choice(['false', 'true']);
  if (t.type === 'refs' || t.type === 'texts') return `[${stops.placeholder()}]`;
  if (t.type === 'version') return '1';
  return stops.placeholder(field.example);
}

/** Lines `key: value` for a new entry of `shape`, the first after `first`, the others after `rest`. */
function shapeLines(shape: ShapeName, first: string, rest: string, stops: Tabstops): string {
  const fields = SHAPES[shape].fields;
  const names = SNIPPET_FIELDS[shape] ?? Object.keys(fields).filter((n) => fields[n].required);
  return names.map((name, i) => `${i === 0 ? first : rest}${name}: ${valueSnippet(fields[name], stops)}`).join('\n');
}

function keySnippet(name: string, field: FieldSpec, relativeIndent: number): { text: string; snippet: boolean } {
  const t = field.type;
  const base = ' '.repeat(relativeIndent);
  const inner = `${base}  `;
  const stops = new Tabstops();
  switch (t.type) {
    case 'list':
      return { text: `${name}:\n${shapeLines(t.shape, `${inner}- `, `${inner}  `, stops)}`, snippet: true };
    case 'object':
      return { text: `${name}:\n${shapeLines(t.shape, inner, inner, stops)}`, snippet: true };
    case 'metrics':
      return { text: `${name}:\n${inner}${stops.placeholder('fcr')}: ${stops.placeholder('64%')}`, snippet: true };
    case 'refs': case 'texts': case 'enum': case 'cadence': case 'boolean':
      return { text: `${name}: ${valueSnippet(field, stops)}`, snippet: true };
    case 'feels':
      return { text: `${name}: ${stops.choice(FEELS_VALUES.map(String))}`, snippet: true };
    case 'version':
      return { text: `${name}: 1`, snippet: false };
    default:
      return { text: `${name}: `, snippet: false };
  }
}

function skeletonItem(range: Range): CompletionItem {
  const stops = new Tabstops();
  const p = (v: string) => stops.placeholder(v);
  const text = [
    'journeymap: 1',
    `title: ${p('Admin locked out of account')}`,
    `persona: ${p('Tenant administrator')}`,
    `scenario: ${p('Locked out after three failed sign-ins')}`,
    `goal: ${p('Regain access within 30 minutes with one contact')}`,
    `owner: ${p('Service desk team lead')}`,
    'review:',
    `  last: ${p('2026-09-30')}`,
    `  every: ${stops.choice(CADENCES)}`,
    'sources:',
    `  - id: ${p('tickets-q3')}`,
    `    kind: ${stops.choice(SHAPES.source.fields.kind.type.type === 'enum' ? SHAPES.source.fields.kind.type.values : ['tickets'])}`,
    'lanes:',
    '  - id: customer',
    `    name: ${p('Customer')}`,
    '    kind: customer',
    '  - id: desk',
    `    name: ${p('Service desk')}`,
    '    kind: frontstage',
    'stages:',
    `  - id: ${p('discover')}`,
    `    name: ${p('Problem discovery')}`,
    '    touchpoints:',
    `      - id: ${p('first-touchpoint')}`,
    '        lane: customer',
    `        name: ${p('What happens')}`,
    `        feels: ${p('0')}`,
    '        pains: []',
    '$0',
  ].join('\n');
  return {
    label: 'journeymap: 1 (new map)', kind: 'snippet', detail: 'A new journey map skeleton',
    documentation: 'The required fields (journeymap, title, persona, scenario, lanes, stages) and a first stage with one touchpoint.',
    insertText: text, snippet: true, range, sortText: '000',
  };
}
