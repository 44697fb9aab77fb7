/**
 * Go to definition, find references, highlights and rename for ids (lanes, stages, touchpoints,
 * sources, improvements). The id under the cursor is found with a binary search over an index of
 * every definition and reference, built once per parsed document.
 */
import type { JourneyDocument } from '../parse';
import { isValidId, type RefKind, type Span } from '../format';
import type { Position, Range, TextEdit } from '../base';

export type RenameResult = { edits: TextEdit[] } | { error: string };


const KIND_NAMES: Record<RefKind, string> = {
  lane: 'lane', stage: 'stage', touchpoint: 'touchpoint', source: 'source', improvement: 'improvement',
};

/** One place an id occurs: where it is defined or used. `idSpan` is the id text without quotes. */
export interface Occurrence {
  kind: RefKind;
  name: string;
  /** The scalar's span as parsed (with quotes, if any). */
  span: Span;
  /** The span of the id text itself, for edits and highlights. */
  idSpan: Span;
  isDefinition: boolean;
}

interface NavigationIndex {
  /** Every occurrence, sorted by start offset. */
  sorted: Occurrence[];
  /** Occurrences by kind and name, in document order. */
  byName: Map<string, Occurrence[]>;
}

const indexes = new WeakMap<JourneyDocument, NavigationIndex>();

function keyOf(kind: RefKind, name: string): string {
  return `${kind}\u0000${name}`;
}

function indexOf(doc: JourneyDocument): NavigationIndex {
  let index = indexes.get(doc);
  if (index) return index;
  const all: Occurrence[] = [];
  for (const d of doc.definitions) all.push(occurrence(doc.text, d.kind, d.name, d.span, true));
  for (const r of doc.references) all.push(occurrence(doc.text, r.kind, r.name, r.span, false));
  all.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || Number(b.isDefinition) - Number(a.isDefinition));
  // An alias (`lane: *x`) points at its anchor's scalar: one place, listed once.
  const sorted: Occurrence[] = [];
  for (const occ of all) {
    const last = sorted[sorted.length - 1];
    if (!last || last.span[0] !== occ.span[0] || last.span[1] !== occ.span[1]) sorted.push(occ);
  }
  const byName = new Map<string, Occurrence[]>();
  for (const occ of sorted) {
    const key = keyOf(occ.kind, occ.name);
    const list = byName.get(key);
    if (list) list.push(occ);
    else byName.set(key, [occ]);
  }
  index = { sorted, byName };
  indexes.set(doc, index);
  return index;
}

function occurrence(text: string, kind: RefKind, name: string, span: Span, isDefinition: boolean): Occurrence {
  return { kind, name, span, idSpan: idSpanOf(text, span, name), isDefinition };
}

/**
 * The span of the id text inside a scalar's span: inside the quotes of a quoted scalar, without
 * surrounding white space, and narrowed to the name when the scalar holds more (a block scalar).
 */
export function idSpanOf(text: string, span: Span, name: string): Span {
  let start = Math.max(0, Math.min(span[0], text.length));
  let end = Math.max(start, Math.min(span[1], text.length));
  // The common case first: a plain scalar that is exactly the id.
  if (end - start === name.length && text.startsWith(name, start)) return [start, end];
  const open = text.charCodeAt(start);
  if ((open === 34 /* " */ || open === 39 /* ' */) && end - start >= 2 && text.charCodeAt(end - 1) === open) {
    start++;
    end--;
  }
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  if (end - start !== name.length || !text.startsWith(name, start)) {
    const at = text.slice(start, end).indexOf(name);
    if (at >= 0) return [start + at, start + at + name.length];
  }
  return [start, end];
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** The occurrence whose scalar contains the offset (both ends inclusive, so a cursor just after an id counts). */
export function occurrenceAt(doc: JourneyDocument, offset: number): Occurrence | undefined {
  const { sorted } = indexOf(doc);
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].span[0] <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  // Spans never overlap, but a cursor between two adjacent scalars touches both: prefer the later one.
  for (let i = found; i >= 0 && i >= found - 1; i--) {
    const occ = sorted[i];
    if (occ.span[0] <= offset && offset <= occ.span[1]) return occ;
  }
  return undefined;
}

function atPosition(doc: JourneyDocument, position: Position): Occurrence | undefined {
  if (!position || !Number.isFinite(position.line) || !Number.isFinite(position.character)) return undefined;
  return occurrenceAt(doc, doc.lines.offsetAt(position));
}

function related(doc: JourneyDocument, occ: Occurrence): Occurrence[] {
  return indexOf(doc).byName.get(keyOf(occ.kind, occ.name)) ?? [];
}

function rangeOf(doc: JourneyDocument, occ: Occurrence): Range {
  return doc.lines.range(occ.idSpan[0], occ.idSpan[1]);
}

/** From an id reference (or a definition) to the definition's id; the first one when duplicated. */
export function findDefinition(doc: JourneyDocument, position: Position): Range | undefined {
  const occ = atPosition(doc, position);
  if (!occ) return undefined;
  const definition = related(doc, occ).find((o) => o.isDefinition);
  return definition ? rangeOf(doc, definition) : undefined;
}

/** Every reference to the id under the cursor, in document order, with its definitions if asked. */
export function findReferences(doc: JourneyDocument, position: Position, includeDeclaration: boolean): Range[] {
  const occ = atPosition(doc, position);
  if (!occ) return [];
  return related(doc, occ).filter((o) => includeDeclaration || !o.isDefinition).map((o) => rangeOf(doc, o));
}

/** The definition and every reference of the id under the cursor. */
export function documentHighlights(doc: JourneyDocument, position: Position): Range[] {
  const occ = atPosition(doc, position);
  if (!occ) return [];
  return related(doc, occ).map((o) => rangeOf(doc, o));
}

export function prepareRename(doc: JourneyDocument, position: Position): { range: Range; placeholder: string } | undefined {
  const occ = atPosition(doc, position);
  if (!occ) return undefined;
  return { range: rangeOf(doc, occ), placeholder: occ.name };
}

/** Renames the id under the cursor: its definition and every reference of the same kind. */
export function doRename(doc: JourneyDocument, position: Position, newName: string): RenameResult {
  const occ = atPosition(doc, position);
  if (!occ) return { error: 'Place the cursor on an id or on a reference to one to rename it.' };
  const name = typeof newName === 'string' ? newName.trim() : '';
  if (!isValidId(name)) {
    return { error: `\`${name}\` is not a valid id: use letters, digits, \`-\`, \`_\` and \`.\`, starting with a letter or digit.` };
  }
  if (name === occ.name) return { edits: [] };
  const clash = indexOf(doc).byName.get(keyOf(occ.kind, name))?.some((o) => o.isDefinition);
  if (clash) return { error: `Another ${KIND_NAMES[occ.kind]} already has the id \`${name}\`.` };
  const edits = related(doc, occ).map((o) => ({ range: rangeOf(doc, o), newText: name }));
  return { edits };
}
