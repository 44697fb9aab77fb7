/**
 * Minimal text edits shared by quick fixes and commands. They insert or replace only the text that
 * must change, with the file's own indentation and line breaks, so comments and formatting stay.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode, type YAMLMap } from 'yaml';
import { parseYaml, type JourneyDocument } from '../parse';
import type { Span } from '../format';
import type { TextEdit } from '../base';

export function replaceSpan(doc: JourneyDocument, span: Span, newText: string): TextEdit {
  return { range: doc.lines.range(span[0], span[1]), newText };
}

export function insertAt(doc: JourneyDocument, offset: number, newText: string): TextEdit {
  return { range: doc.lines.range(offset, offset), newText };
}

/** Inserts whole lines after the line that holds `offset`, each prefixed by `indent`. */
export function insertLinesAfter(doc: JourneyDocument, offset: number, indent: string, lines: string[]): TextEdit {
  const line = doc.lines.positionAt(offset).line;
  const end = doc.lines.lineEnd(line);
  const eol = doc.lines.eol;
  return insertAt(doc, end, lines.map((l) => eol + indent + l).join(''));
}

/** The column of the key starting at `offset`, as spaces: sibling keys share it. */
export function indentOf(doc: JourneyDocument, offset: number): string {
  return ' '.repeat(doc.lines.positionAt(offset).character);
}

/** The last line of a node's value, skipping trailing blank lines the YAML range may include. */
export function lastContentOffset(doc: JourneyDocument, end: number): number {
  let offset = end;
  while (offset > 0 && /\s/.test(doc.text[offset - 1])) offset--;
  return offset;
}

function yamlNode(doc: JourneyDocument, path: string[]): YamlNode | undefined {
  const node = doc.yaml?.getIn(path, true) as YamlNode | undefined;
  return node ?? undefined;
}

/** What Mark Reviewed Today does to a map: the edits, or why it leaves the map as it is. */
export type ReviewEdits = { edits: TextEdit[] } | { refused: string };

/**
 * Sets `review.last` to today, adding it (or the whole `review` block) where missing. The result
 * is checked by parsing it: the edit is offered only when the map still parses and then says
 * `review.last` is today; otherwise it is refused with what to fix by hand.
 */
export function markReviewedEdits(doc: JourneyDocument, today: string): ReviewEdits {
  const proposal = proposeReviewEdits(doc, today);
  if ('refused' in proposal || !proposal.edits.length) return proposal;
  const after = parseYaml(applyTextEdits(doc, proposal.edits));
  const brokeSyntax = after.errors.length > 0 && !(doc.yaml?.errors.length);
  if (brokeSyntax || String(after.getIn(['review', 'last'])) !== today) {
    return { refused: 'The map\'s `review:` is written in a way this command cannot update safely. Set `review: { last: ' + today + ', every: quarter }` by hand.' };
  }
  return proposal;
}

function proposeReviewEdits(doc: JourneyDocument, today: string): ReviewEdits {
  const review = yamlNode(doc, ['review']);
  const reviewKey = doc.keys.find((k) => k.shape === 'map' && k.field === 'review');
  if (review && isMap(review) && review.range) {
    const map = review as YAMLMap;
    const last = map.items.find((pair) => isScalar(pair.key) && pair.key.value === 'last');
    const lastKey = last?.key as YamlNode | undefined;
    const lastValue = last?.value as YamlNode | null | undefined;
    if (lastValue && isScalar(lastValue) && lastValue.range && lastValue.value !== null) {
      if (lastValue.value === today) return { edits: [] };
      return { edits: [replaceSpan(doc, [lastValue.range[0], lastValue.range[1]], today)] };
    }
    if (last && lastKey?.range) {
      if (lastValue && !isScalar(lastValue)) return { refused: '`review.last` holds a list or a mapping, not a date: write the date (`last: YYYY-MM-DD`) first.' };
      // `last:` with no value: the date goes after its colon.
      const colon = doc.text.indexOf(':', lastKey.range[1]);
      return colon < 0 ? { refused: '`review.last` could not be located.' } : { edits: [insertAt(doc, colon + 1, ` ${today}`)] };
    }
    if (map.flow) {
      // `review: { every: quarter }`: insert right after the brace.
      const brace = doc.text.indexOf('{', review.range[0]);
      return { edits: [insertAt(doc, brace + 1, map.items.length ? ` last: ${today},` : ` last: ${today} `)] };
    }
    const firstKey = map.items[0]?.key as YamlNode | undefined;
    if (firstKey?.range) return { edits: [insertBefore(doc, firstKey.range[0], `last: ${today}`)] };
  }
  if (review && !(isScalar(review) && (review.value === null || review.value === ''))) {
    // Text or a list under `review:`: replacing it would lose what the team wrote.
    return { refused: `\`review:\` holds ${isSeq(review) ? 'a list' : 'text'}, not \`last:\` and \`every:\`. Rewrite it as \`review: { last: ${today}, every: quarter }\` (keep your notes in a comment).` };
  }
  if (reviewKey) {
    // `review:` with an empty value: replace whatever follows the key on its line.
    const lineEnd = doc.lines.lineEnd(doc.lines.positionAt(reviewKey.span[0]).line);
    const eol = doc.lines.eol;
    const indent = indentOf(doc, reviewKey.span[0]);
    return { edits: [{ range: doc.lines.range(reviewKey.span[1], lineEnd), newText: `:${eol}${indent}  last: ${today}${eol}${indent}  every: quarter` }] };
  }
  return { edits: [insertTopLevel(doc, ['review:', `  last: ${today}`, '  every: quarter'])] };
}

/** The document's text with non-overlapping edits applied. */
export function applyTextEdits(doc: JourneyDocument, edits: readonly TextEdit[]): string {
  const spans = edits.map((e) => ({ start: doc.lines.offsetAt(e.range.start), end: doc.lines.offsetAt(e.range.end), text: e.newText }));
  spans.sort((a, b) => b.start - a.start);
  let text = doc.text;
  for (const span of spans) text = text.slice(0, span.start) + span.text + text.slice(span.end);
  return text;
}

/**
 * Whether edits keep a map that parses parsing (a fix must never turn a valid file into one the
 * parser rejects). A map that does not parse yet may be edited: its fixes are what makes it parse.
 */
export function keepsYamlValid(doc: JourneyDocument, edits: readonly TextEdit[]): boolean {
  if (!edits.length || !doc.yaml || doc.yaml.errors.length) return true;
  return parseYaml(applyTextEdits(doc, edits)).errors.length === 0;
}

/** Inserts a line before the key at `offset`, with that key's indentation. */
function insertBefore(doc: JourneyDocument, offset: number, line: string): TextEdit {
  const pos = doc.lines.positionAt(offset);
  return { range: { start: pos, end: pos }, newText: `${line}${doc.lines.eol}${' '.repeat(pos.character)}` };
}

const HEADER_KEYS = ['journeymap', 'title', 'persona', 'scenario', 'goal', 'owner', 'review'];

/** Inserts top-level lines after the header fields (before lanes, stages...), or at the end. */
export function insertTopLevel(doc: JourneyDocument, lines: string[]): TextEdit {
  const root = doc.yaml?.contents;
  let after: number | undefined;
  if (root && isMap(root)) {
    for (const pair of root.items) {
      const key = pair.key as YamlNode | undefined;
      if (!key || !isScalar(key) || !HEADER_KEYS.includes(String(key.value))) continue;
      const value = pair.value as YamlNode | null;
      const end = value?.range ? value.range[1] : key.range?.[1];
      if (end !== undefined) after = Math.max(after ?? 0, lastContentOffset(doc, end));
    }
  }
  if (after === undefined) {
    const eol = doc.lines.eol;
    const atEnd = doc.text.length === 0 || /[\r\n]$/.test(doc.text) ? '' : eol;
    return insertAt(doc, doc.text.length, atEnd + lines.join(eol) + eol);
  }
  return insertLinesAfter(doc, after, '', lines);
}
