/**
 * Outline (document symbols) and folding ranges. Symbols come from the typed model, so a
 * half-typed file shows whatever parsed; folding walks the YAML node tree.
 */
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { JourneyDocument } from '../parse';
import { handoffTimes, type Span } from '../format';
import type { DocumentSymbol, FoldingRange, SymbolKind } from '../base';

// ---- document symbols ----------------------------------------------------------------------------

export function documentSymbols(doc: JourneyDocument): DocumentSymbol[] {
  const map = doc.map;
  const out: DocumentSymbol[] = [];
  const make = (name: string, kind: SymbolKind, span: Span, selection: Span | undefined, detail?: string, children: DocumentSymbol[] = []): DocumentSymbol =>
    symbol(doc, name, kind, span, selection, detail, children);

  const stages = map.stages.map((stage) => {
    const touchpoints = stage.touchpoints.map((tp, i) => make(
      tp.name?.value || tp.id?.value || `touchpoint ${i + 1}`, 'touchpoint', tp.span, tp.id?.span ?? tp.name?.span,
      joinDetail(tp.lane?.value, tp.name?.value ? tp.id?.value : undefined),
    ));
    return make(
      stage.name?.value || stage.id?.value || `stage ${stage.index + 1}`, 'stage', stage.span, stage.id?.span ?? stage.name?.span,
      stage.name?.value ? stage.id?.value : undefined, touchpoints,
    );
  });
  pushGroup(doc, out, 'Stages', 'stages', stages);

  const lanes = map.lanes.map((lane) => make(
    lane.name?.value || lane.id?.value || `lane ${lane.index + 1}`, 'lane', lane.span, lane.id?.span ?? lane.name?.span,
    joinDetail(lane.kind?.value, lane.name?.value ? lane.id?.value : undefined),
  ));
  pushGroup(doc, out, 'Lanes', 'lanes', lanes);

  const handoffs = map.handoffs.map((h) => {
    const times = handoffTimes(h);
    const sla = times.sla && `SLA ${times.sla}`;
    const wait = times.wait && `wait ${times.wait}`;
    return make(
      `${h.from?.value ?? '?'} → ${h.to?.value ?? '?'}`, 'handoff', h.span, h.from?.span ?? h.to?.span, joinDetail(sla, wait, ', '),
    );
  });
  pushGroup(doc, out, 'Handoffs', 'handoffs', handoffs);

  const improvements = map.improvements.map((imp) => make(
    imp.id?.value || `improvement ${imp.index + 1}`, 'improvement', imp.span, imp.id?.span, imp.experiment?.value ?? imp.status?.value,
  ));
  pushGroup(doc, out, 'Improvements', 'improvements', improvements);

  const sources = map.sources.map((source, i) => make(
    source.id?.value || `source ${i + 1}`, 'source', source.span, source.id?.span, source.kind?.value,
  ));
  pushGroup(doc, out, 'Sources', 'sources', sources);
  return out;
}

/** Adds a group for a top-level section when its key is in the file or it has items. */
function pushGroup(doc: JourneyDocument, out: DocumentSymbol[], name: string, field: string, children: DocumentSymbol[]): void {
  const key = doc.keys.find((k) => k.shape === 'map' && k.field === field);
  if (!key && children.length === 0) return;
  const keySpan: Span = key ? key.span : [children[0] ? doc.lines.offsetAt(children[0].range.start) : 0, 0];
  let start = keySpan[0];
  let end = keySpan[1];
  for (const child of children) {
    start = Math.min(start, doc.lines.offsetAt(child.range.start));
    end = Math.max(end, doc.lines.offsetAt(child.range.end));
  }
  const range = doc.lines.range(start, Math.max(start, end));
  const selection = key ? doc.lines.range(key.span[0], key.span[1]) : range;
  out.push({ name, kind: 'group', range, selectionRange: selection, children });
}

function symbol(
  doc: JourneyDocument, name: string, kind: SymbolKind, span: Span, selection: Span | undefined, detail: string | undefined, children: DocumentSymbol[],
): DocumentSymbol {
  const [start, end] = trimSpan(doc.text, span);
  let selStart = start;
  let selEnd = start;
  if (selection) {
    const [s, e] = trimSpan(doc.text, selection);
    selStart = Math.min(Math.max(s, start), end);
    selEnd = Math.min(Math.max(e, selStart), end);
  }
  const result: DocumentSymbol = {
    name: oneLine(name), kind, range: doc.lines.range(start, end), selectionRange: doc.lines.range(selStart, selEnd), children,
  };
  if (detail) result.detail = oneLine(detail);
  return result;
}

/** The span without leading and trailing white space, clamped to the text. */
function trimSpan(text: string, span: Span): Span {
  let start = Math.max(0, Math.min(span[0], text.length));
  let end = Math.max(start, Math.min(span[1], text.length));
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  return [start, end];
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat || '?';
}

function joinDetail(a: string | undefined, b: string | undefined, separator = ' / '): string | undefined {
  const parts = [a, b].filter((p): p is string => !!p);
  return parts.length ? parts.join(separator) : undefined;
}

// ---- folding ranges ------------------------------------------------------------------------------

export function foldingRanges(doc: JourneyDocument): FoldingRange[] {
  const root = doc.yaml?.contents;
  if (!root) return [];
  const byStart = new Map<number, number>();
  const add = (startOffset: number, node: YamlNode) => {
    const range = node.range;
    if (!range) return;
    const startLine = doc.lines.positionAt(startOffset).line;
    const endLine = lastContentLine(doc, startLine, range[1]);
    if (endLine > startLine && (byStart.get(startLine) ?? -1) < endLine) byStart.set(startLine, endLine);
  };
  // An explicit stack instead of recursion: deep nesting must not overflow.
  const stack: { node: YamlNode; start: number }[] = [];
  const pushNode = (node: unknown, start: number | undefined) => {
    if ((isMap(node) || isSeq(node)) && node.range) stack.push({ node, start: start ?? node.range[0] });
  };
  if (isMap(root) || isSeq(root)) {
    // The root itself is the whole file: fold its children only.
    for (const item of root.items) visitChild(item, pushNode);
  }
  let budget = 200_000;
  while (stack.length && budget-- > 0) {
    const { node, start } = stack.pop()!;
    add(start, node);
    if (isMap(node) || isSeq(node)) for (const item of node.items) visitChild(item, pushNode);
  }
  return [...byStart.entries()].sort((a, b) => a[0] - b[0]).map(([startLine, endLine]) => ({ startLine, endLine }));
}

/** Queues the collection inside a map pair (folded from its key's line) or a sequence item. */
function visitChild(item: unknown, pushNode: (node: unknown, start: number | undefined) => void): void {
  if (isPair(item)) {
    const key = item.key as YamlNode | null;
    const keyStart = key && (isScalar(key) || isMap(key) || isSeq(key)) && key.range ? key.range[0] : undefined;
    pushNode(item.value, keyStart);
  } else {
    pushNode(item, undefined);
  }
}

/** The last line of a node that holds content: trailing blank and comment lines are left out. */
function lastContentLine(doc: JourneyDocument, startLine: number, endOffset: number): number {
  let end = Math.min(endOffset, doc.text.length);
  while (end > 0 && isSpace(doc.text.charCodeAt(end - 1))) end--;
  let line = doc.lines.positionAt(end).line;
  while (line > startLine) {
    const text = doc.lines.lineText(line).trim();
    if (text !== '' && !text.startsWith('#')) break;
    line--;
  }
  return line;
}
