/**
 * Where the cursor is, for completion. The file being typed is usually not valid YAML, so the
 * context (the key path from the root, e.g. [stages, 0, touchpoints, 2, metrics], what is typed,
 * the keys already present) is read from the text by indentation, walking upward from the cursor
 * line; the parsed model is not needed here. Linear in the lines walked, with indentation cached
 * per document.
 */
import type { Position } from '../base';
import type { JourneyDocument } from '../parse';

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
