/**
 * Completion. The file being typed is usually not valid YAML, so the cursor's context (the key
 * path from the root, e.g. [stages, 0, touchpoints, 2, metrics]) is derived from the text by
 * indentation, walking upward from the cursor line; the parsed model only supplies the ids to offer.
 *
 * Snippets with several lines are written relative to the cursor line's leading white space, the
 * way VS Code inserts them (it prefixes each following line with that line's indentation).
 */
import type { JourneyDocument } from './document';
import { SHAPES, type FieldSpec, type RefKind, type ShapeName } from './format';
import { METRICS } from './metrics';
import type { CompletionItem, Position, Range } from './types';
import { CADENCES } from './values';

export type PathSegment = string | number;

/** Where the cursor is, as far as the text tells. */
export interface CompletionContext {
  /** `key`: a key (or a list item) is being typed; `value`: the value of `key`. */
  slot: 'key' | 'value';
  /** Path from the root to the mapping (key slot, value slot) or list item the cursor is in. */
  path: PathSegment[];
  /** For a value slot: the key whose value is typed. */
  key?: string;
  /** Keys already present in the mapping the cursor is in (key slot). */
  present: Set<string>;
  /** Entries already written in the flow list the cursor is in (`next: [a, |]`). */
  listed: string[];
  /** Offsets of the word being typed. */
  wordStart: number;
  wordEnd: number;
  /** A key slot followed by `:` already (`la|ne: x`): insert the bare key. */
  colonFollows: boolean;
  /** Spaces between the line's indentation and the key column, for multi-line snippets. */
  relativeIndent: number;
}

const FEELS: readonly [string, string][] = [
  ['-3', 'Very negative: angry, desperate, about to give up or churn.'],
  ['-2', 'Negative: frustrated, anxious, losing trust.'],
  ['-1', 'Slightly negative: mildly annoyed or uncertain.'],
  ['0', 'Neutral.'],
  ['1', 'Slightly positive: reassured.'],
  ['2', 'Positive: confident, well looked after.'],
  ['3', 'Very positive: delighted.'],
];

const ENUM_DOCS: Record<string, string> = {
  customer: 'The persona: the person on the journey.',
  frontstage: 'People the customer sees and talks to (service desk, chat agents).',
  backstage: 'Teams behind the line of visibility (tier 2, IAM, engineering).',
  system: 'Systems and tools (portal, ticketing, identity provider).',
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

// ---- context from the text ----------------------------------------------------------------------

interface Entry {
  type: 'key' | 'dash';
  col: number;
  name: string;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},&*!|>%@`][^#]*?)[ \t]*:(?=[ \t]|$)/;
/** What may be typed where a key or a list item goes: keys, ids, a lone `-` starting an item. */
const KEY_WORD_RE = /^[A-Za-z0-9_.-]*$/;
const VALUE_WORD_CHAR = /[^\s,[\]{}"':#]/;
const KEY_WORD_CHAR = /[A-Za-z0-9_.-]/;

function unquote(key: string): string {
  const k = key.trim();
  if (k.length >= 2 && k[0] === '"' && k[k.length - 1] === '"') return k.slice(1, -1);
  if (k.length >= 2 && k[0] === "'" && k[k.length - 1] === "'") return k.slice(1, -1).replace(/''/g, "'");
  return k;
}

function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i;
}

/** Dashes and keys at the start of a line, left to right (`  - id: x` → dash@2, key id@4). */
function lineEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  let i = indentOf(text);
  for (;;) {
    if (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      entries.push({ type: 'dash', col: i, name: '' });
      i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      continue;
    }
    break;
  }
  const m = KEY_RE.exec(text.slice(i));
  if (m) entries.push({ type: 'key', col: i, name: unquote(m[1]) });
  return entries;
}

interface WalkState {
  mode: 'map' | 'seq';
  /** Map mode: the column of the mapping's keys; seq mode: the column of the list's dashes. */
  target: number;
  /** Seq mode: the index of the item the cursor is in. */
  index: number;
  path: PathSegment[];
  /** Collects the sibling keys of the cursor's mapping until the walk leaves it. */
  present?: Set<string>;
}

function apply(entry: Entry, state: WalkState): void {
  if (state.mode === 'map') {
    if (entry.type === 'key') {
      if (entry.col === state.target) state.present?.add(entry.name);
      else if (entry.col < state.target) {
        state.path.unshift(entry.name);
        state.target = entry.col;
        state.present = undefined;
      }
    } else if (entry.col < state.target) {
      // The mapping is an item of a list whose dashes are at this column.
      state.mode = 'seq';
      state.target = entry.col;
      state.index = 0;
      state.present = undefined;
    }
    return;
  }
  if (entry.type === 'dash') {
    if (entry.col === state.target) state.index++;
    else if (entry.col < state.target) {
      state.path.unshift(state.index);
      state.target = entry.col;
      state.index = 0;
    }
  } else if (entry.col <= state.target) {
    state.path.unshift(state.index);
    state.path.unshift(entry.name);
    state.mode = 'map';
    state.target = entry.col;
  }
}

/** Walks from the line above `line` to the top of the document, completing the path. */
/**
 * Each line's indentation (spaces), or -1 for a blank line, computed once per parsed document, so
 * the upward walk skips deeper lines without cutting their text out.
 */
const indentCache = new WeakMap<JourneyDocument, Int32Array>();

function lineIndents(doc: JourneyDocument): Int32Array {
  let indents = indentCache.get(doc);
  if (indents) return indents;
  indents = new Int32Array(doc.lines.lineCount);
  const text = doc.text;
  for (let l = 0; l < indents.length; l++) {
    let i = doc.lines.lineStart(l);
    const end = doc.lines.lineEnd(l);
    while (i < end && text.charCodeAt(i) === 32) i++;
    indents[l] = i === end ? -1 : i - doc.lines.lineStart(l);
  }
  indentCache.set(doc, indents);
  return indents;
}

function walkUp(doc: JourneyDocument, line: number, state: WalkState): void {
  const indents = lineIndents(doc);
  for (let l = line - 1; l >= 0; l--) {
    if (state.mode === 'map' && state.target === 0 && !state.present) break;
    if (indents[l] < 0 || indents[l] > state.target) continue;
    const text = doc.lines.lineText(l);
    const indent = indents[l];
    const first = text[indent];
    if (first === undefined || first === '#' || first === '\t') continue;
    if (indent === 0 && (text.startsWith('---') || text.startsWith('...'))) break;
    const entries = lineEntries(text);
    for (let i = entries.length - 1; i >= 0; i--) apply(entries[i], state);
  }
  if (state.mode === 'seq') state.path.unshift(state.index);
}

/** Adds the keys below the cursor that belong to the same mapping (keys at `col`). */
function collectKeysBelow(doc: JourneyDocument, line: number, col: number, present: Set<string>): void {
  const count = doc.lines.lineCount;
  for (let l = line + 1; l < count; l++) {
    const text = doc.lines.lineText(l);
    const indent = indentOf(text);
    const first = text[indent];
    if (first === undefined || first === '#') continue;
    if (indent === 0 && (text.startsWith('---') || text.startsWith('...'))) break;
    if (indent > col) continue;
    if (indent < col) break;
    if (first === '-' && (text[indent + 1] === undefined || text[indent + 1] === ' ')) continue; // a compact list under a sibling key
    const m = KEY_RE.exec(text.slice(indent));
    if (m) present.add(unquote(m[1]));
  }
}

interface FlowContext {
  path: PathSegment[];
  slot: 'key' | 'value';
  key?: string;
  present: Set<string>;
  listed: string[];
}

/**
 * Reads an unclosed flow collection (`[a, b, ` or `{ value: 1, source: `) up to the cursor.
 * Undefined when the value is not (or no longer) inside brackets.
 */
function flowContext(value: string): FlowContext | undefined {
  interface Frame { type: 'seq' | 'map'; segment?: PathSegment; index: number; items: string[]; keys: Set<string>; key?: string }
  const stack: Frame[] = [];
  let token = '';
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quote) {
      if (ch === quote) quote = '';
      else token += ch;
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(value[i - 1]))) {
      return undefined; // a comment
    } else if (ch === '[' || ch === '{') {
      const segment = top ? (top.type === 'map' ? top.key ?? token.trim() : top.index) : undefined;
      stack.push({ type: ch === '[' ? 'seq' : 'map', segment, index: 0, items: [], keys: new Set() });
      token = '';
    } else if (ch === ']' || ch === '}') {
      stack.pop();
      if (stack.length === 0) return undefined;
      token = '';
    } else if (!top) {
      token += ch;
    } else if (ch === ',') {
      if (top.type === 'seq') {
        if (token.trim()) top.items.push(token.trim());
        top.index++;
      } else {
        if (top.key === undefined && token.trim()) top.keys.add(token.trim());
        top.key = undefined;
      }
      token = '';
    } else if (ch === ':' && top.type === 'map' && top.key === undefined && (i + 1 === value.length || /[\s,\]}]/.test(value[i + 1]))) {
      top.key = token.trim();
      top.keys.add(top.key);
      token = '';
    } else {
      token += ch;
    }
  }
  if (stack.length === 0) return undefined;
  const path: PathSegment[] = [];
  for (let i = 1; i < stack.length; i++) {
    const seg = stack[i].segment;
    if (seg === undefined || seg === '') return undefined;
    path.push(seg);
  }
  const inner = stack[stack.length - 1];
  if (inner.type === 'seq') {
    path.push(inner.index);
    return { path, slot: 'key', present: new Set(), listed: inner.items };
  }
  if (inner.key !== undefined) return { path, slot: 'value', key: inner.key, present: new Set(), listed: [] };
  return { path, slot: 'key', present: inner.keys, listed: [] };
}

/** The cursor's context, or undefined where nothing can be offered (inside a comment, a text). */
export function completionContext(doc: JourneyDocument, position: Position): CompletionContext | undefined {
  const lines = doc.lines;
  const lineNo = Math.max(0, Math.min(Math.floor(Number(position?.line) || 0), lines.lineCount - 1));
  const lineText = lines.lineText(lineNo);
  const lineStart = lines.lineStart(lineNo);
  const ch = Math.max(0, Math.min(Math.floor(Number(position?.character) || 0), lineText.length));
  if (/^[ ]*\t/.test(lineText)) return undefined; // YAML forbids tabs in indentation; do not guess
  const prefix = lineText.slice(0, ch);

  const lead = /^( *)((?:-[ ]+)*)/.exec(prefix)!;
  const indent = lead[1].length;
  const keyCol = lead[0].length;
  const dashes: Entry[] = [];
  for (let i = indent; i < keyCol; i++) if (prefix[i] === '-') dashes.push({ type: 'dash', col: i, name: '' });
  const rest = prefix.slice(keyCol);

  const state: WalkState = { mode: 'map', target: keyCol, index: 0, path: [] };
  let ctx: CompletionContext;
  let flowPath: PathSegment[] = [];

  if (KEY_WORD_RE.test(rest)) {
    // A key (or a list item) is being typed.
    let end = ch;
    while (end < lineText.length && KEY_WORD_CHAR.test(lineText[end])) end++;
    const afterWord = lineText.slice(end);
    if (rest === '' && end === ch && afterWord.trim() !== '' && !afterWord.trim().startsWith('#')) return undefined;
    const present = new Set<string>();
    state.present = present;
    ctx = {
      slot: 'key', path: state.path, present, listed: [],
      wordStart: lineStart + keyCol, wordEnd: lineStart + end,
      colonFollows: /^[ \t]*:/.test(afterWord), relativeIndent: keyCol - indent,
    };
    collectKeysBelow(doc, lineNo, keyCol, present);
  } else {
    const m = KEY_RE.exec(rest);
    if (!m) return undefined;
    const key = unquote(m[1]);
    let valueStart = keyCol + m[0].length;
    while (prefix[valueStart] === ' ') valueStart++;
    const value = prefix.slice(valueStart);
    if (/(^|\s)#/.test(value)) return undefined;
    let start = ch;
    while (start > valueStart && VALUE_WORD_CHAR.test(lineText[start - 1])) start--;
    let end = ch;
    while (end < lineText.length && VALUE_WORD_CHAR.test(lineText[end])) end++;
    ctx = {
      slot: 'value', path: state.path, key, present: new Set(), listed: [],
      wordStart: lineStart + start, wordEnd: lineStart + end, colonFollows: false, relativeIndent: keyCol - indent,
    };
    if (value.startsWith('[') || value.startsWith('{')) {
      const flow = flowContext(value);
      if (flow) {
        ctx.slot = flow.slot;
        ctx.key = flow.key;
        ctx.present = flow.present;
        ctx.listed = flow.listed;
        flowPath = [key, ...flow.path];
      } else if (/[\]}]/.test(value)) {
        return undefined; // after a closed flow collection
      }
    } else if (value.startsWith('|') || value.startsWith('>')) {
      return undefined;
    }
  }

  for (let i = dashes.length - 1; i >= 0; i--) apply(dashes[i], state);
  walkUp(doc, lineNo, state);
  ctx.path = [...state.path, ...flowPath];
  return ctx;
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
  if (t.type === 'object') return { t: 'shape', shape: t.shape };
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

function metricItems(ctx: CompletionContext, range: Range): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const info of METRICS.values()) {
    if (ctx.present.has(info.name)) continue;
    items.push({
      label: info.name, kind: 'metric', detail: info.fullName,
      documentation: `**${info.fullName}**: ${info.definition}\n\n${info.reveals}\n\nMeasured as ${info.units.join(' or ')}; ${info.better} is better.`,
      insertText: ctx.colonFollows ? info.name : `${info.name}: `, range,
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
    case 'feels': return FEELS.map(([label, meaning], i) => ({
      label, kind: 'value' as const, detail: meaning.split(':')[0].replace(/\.$/, ''), documentation: meaning, range, sortText: String(i),
    }));
    case 'ref': case 'refs': return idItems(doc, t.target, range, new Set(ctx.listed));
    default: return [];
  }
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
      return { text: `${name}: ${stops.choice(FEELS.map(([v]) => v))}`, snippet: true };
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
