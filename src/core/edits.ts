/**
 * Minimal text edits shared by quick fixes and commands. They insert or replace only the text that
 * must change, with the file's own indentation and line breaks, so comments and formatting stay.
 */
import { isMap, isScalar, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { JourneyDocument } from './document';
import type { Span } from './model';
import type { TextEdit } from './types';

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

/** Sets `review.last` to today, adding it (or the whole `review` block) where missing. */
export function markReviewedEdits(doc: JourneyDocument, today: string): TextEdit[] {
  const lastNode = yamlNode(doc, ['review', 'last']);
  if (lastNode && isScalar(lastNode) && lastNode.range) {
    if (lastNode.value === today) return [];
    return [replaceSpan(doc, [lastNode.range[0], lastNode.range[1]], today)];
  }
  const review = yamlNode(doc, ['review']);
  const reviewKey = doc.keys.find((k) => k.shape === 'map' && k.field === 'review');
  if (review && isMap(review) && review.range) {
    const map = review as YAMLMap;
    if (map.flow) {
      // `review: { every: quarter }`: insert right after the brace.
      const brace = doc.text.indexOf('{', review.range[0]);
      return [insertAt(doc, brace + 1, map.items.length ? ` last: ${today},` : ` last: ${today} `)];
    }
    const firstKey = map.items[0]?.key as YamlNode | undefined;
    if (firstKey?.range) return [insertBefore(doc, firstKey.range[0], `last: ${today}`)];
  }
  if (reviewKey) {
    // `review:` with an empty or scalar value: replace whatever follows the key on its line.
    const lineEnd = doc.lines.lineEnd(doc.lines.positionAt(reviewKey.span[0]).line);
    const eol = doc.lines.eol;
    const indent = indentOf(doc, reviewKey.span[0]);
    return [{ range: doc.lines.range(reviewKey.span[1], lineEnd), newText: `:${eol}${indent}  last: ${today}${eol}${indent}  every: quarter` }];
  }
  return [insertTopLevel(doc, ['review:', `  last: ${today}`, '  every: quarter'])];
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
    const atEnd = doc.text.length === 0 || /\n$/.test(doc.text) ? '' : eol;
    return insertAt(doc, doc.text.length, atEnd + lines.join(eol) + eol);
  }
  return insertLinesAfter(doc, after, '', lines);
}
