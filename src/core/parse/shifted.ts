/**
 * Copies for an incremental re-parse (./incremental): the YAML tree, the model and the sorted
 * lists of a document with every offset after an edit shifted by its change in length. The old
 * document is never changed; what lies wholly before the edit is shared where nothing writes to it.
 */
import { isPair, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Finding, Span } from '../base';
import type { JourneyMap, Stage, Touchpoint } from '../format';

/** Where an old offset lies in the new text. */
export type Shift = (offset: number) => number;

/** A copy of the YAML document with the new entry in place of the old and later offsets shifted. */
export function cloneDocument(yaml: Document.Parsed, edit: { end: number; delta: number }, shift: Shift, oldItem: YamlNode, newItem: YamlNode): Document.Parsed {
  const copy = Object.create(Object.getPrototypeOf(yaml), Object.getOwnPropertyDescriptors(yaml)) as Document.Parsed;
  const range = yaml.range;
  copy.range = [range[0], shift(range[1]), shift(range[2])];
  copy.errors = [];
  copy.warnings = [];
  const keep: Keep = (node) => {
    const r = node.range;
    if (!r) return false;
    // Before the edit nothing moves; with no change in length, only the nodes around the entry change.
    return r[2] < edit.end || (edit.delta === 0 && !(r[0] <= at[0] && r[2] >= at[2]));
  };
  const at = oldItem.range!;
  copy.contents = cloneNode(yaml.contents as YamlNode, shift, keep, oldItem, newItem) as Document.Parsed['contents'];
  return copy;
}

/** Whether a node can be shared as it is by the new tree. */
type Keep = (node: YamlNode) => boolean;

/** Copies a node the edit moves or holds, shifting its offsets; shares the others. */
function cloneNode(node: YamlNode | null, shift: Shift, keep: Keep, oldItem: YamlNode, newItem: YamlNode): YamlNode | null {
  if (node === null || node === undefined) return node;
  if (node === oldItem) return newItem;
  const range = node.range;
  if (keep(node)) return node;
  let copy: YamlNode;
  if (isScalar(node)) {
    copy = new Scalar(node.value);
  } else if (isMap(node)) {
    const map = new YAMLMap(node.schema);
    map.items = node.items.map((pair) => clonePair(pair, shift, keep, oldItem, newItem));
    copy = map;
  } else if (isSeq(node)) {
    const seq = new YAMLSeq(node.schema);
    seq.items = node.items.map((item) => (isPair(item) ? clonePair(item, shift, keep, oldItem, newItem) : cloneNode(item as YamlNode, shift, keep, oldItem, newItem)));
    copy = seq;
  } else {
    return node; // aliases are refused before this
  }
  for (const key of Object.keys(node)) {
    if (key !== 'items' && key !== 'range') (copy as unknown as Record<string, unknown>)[key] = (node as unknown as Record<string, unknown>)[key];
  }
  if (range) copy.range = [shift(range[0]), shift(range[1]), shift(range[2])];
  return copy;
}

function clonePair(pair: Pair, shift: Shift, keep: Keep, oldItem: YamlNode, newItem: YamlNode): Pair {
  const copy = new Pair(cloneNode(pair.key as YamlNode, shift, keep, oldItem, newItem), cloneNode(pair.value as YamlNode, shift, keep, oldItem, newItem));
  for (const key of Object.keys(pair)) {
    if (key !== 'key' && key !== 'value') (copy as unknown as Record<string, unknown>)[key] = (pair as unknown as Record<string, unknown>)[key];
  }
  return copy;
}

/** Properties validation sets on the model (computed metrics, exports read): a new parse has none. */
const SET_BY_VALIDATION = new Set(['computed', 'export']);

function isSpanKey(key: string): boolean {
  return key === 'span' || key === 'keySpan' || key.endsWith('KeySpan');
}

function shiftSpan(span: Span, shift: Shift): Span {
  const start = shift(span[0]);
  const end = shift(span[1]);
  return start === span[0] && end === span[1] ? span : [start, end];
}

/** A copy of a model value with its spans shifted (every span is a `span`, `keySpan` or `...KeySpan`). */
function cloneValue(value: unknown, shift: Shift): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cloneValue(v, shift));
  if (isUnmoved(value as Record<string, unknown>, shift)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (SET_BY_VALIDATION.has(key)) continue;
    const v = (value as Record<string, unknown>)[key];
    out[key] = copyField(key, v, shift);
  }
  return out;
}

/**
 * A located text, number or flag the edit does not move: shared, as nothing writes to one (validation
 * writes only `computed` on metrics and `export` on sources, which are always copied).
 */
function isUnmoved(value: Record<string, unknown>, shift: Shift): boolean {
  const kind = typeof value.value;
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return false;
  const span = value.span as Span | undefined;
  if (!span || shift(span[1]) !== span[1]) return false;
  const keySpan = value.keySpan as Span | undefined;
  return !keySpan || shift(keySpan[1]) === keySpan[1];
}

function copyField(key: string, value: unknown, shift: Shift): unknown {
  return isSpanKey(key) && Array.isArray(value) ? shiftSpan(value as unknown as Span, shift) : cloneValue(value, shift);
}

/**
 * A copy of the model with spans shifted, the edited touchpoint left as a placeholder in its
 * stage (the caller puts the re-read one there) and every touchpoint pointing at its copied stage.
 */
export function cloneModel(map: JourneyMap, shift: Shift, edited: Touchpoint): { map: JourneyMap; stage: Stage } {
  const out: Record<string, unknown> = {};
  for (const key in map) {
    if (key === 'stages' || key === 'touchpoints') continue;
    const v = (map as unknown as Record<string, unknown>)[key];
    out[key] = copyField(key, v, shift);
  }
  const touchpoints: Touchpoint[] = [];
  let editedStage: Stage | undefined;
  const stages = map.stages.map((stage) => {
    const copy = {} as Record<string, unknown>;
    for (const key in stage) {
      if (key === 'touchpoints') continue;
      const v = (stage as unknown as Record<string, unknown>)[key];
      copy[key] = copyField(key, v, shift);
    }
    const newStage = copy as unknown as Stage;
    newStage.touchpoints = stage.touchpoints.map((tp) => {
      if (tp === edited) {
        editedStage = newStage;
        touchpoints.push(tp);
        return tp;
      }
      const c: Record<string, unknown> = {};
      for (const key in tp) {
        const v = (tp as unknown as Record<string, unknown>)[key];
        c[key] = key === 'stage' ? newStage : copyField(key, v, shift);
      }
      touchpoints.push(c as unknown as Touchpoint);
      return c as unknown as Touchpoint;
    });
    return newStage;
  });
  out.stages = stages;
  out.touchpoints = touchpoints;
  return { map: out as unknown as JourneyMap, stage: editedStage! };
}

export function shiftFinding(finding: Finding, shift: Shift): Finding {
  const span = shiftSpan(finding.span, shift);
  return span === finding.span ? finding : { ...finding, span };
}

/** The first index whose span starts at or after `offset` (items sorted by start). */
function lowerBound(items: readonly { span: Span }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid].span[0] < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A sorted list with the block's old entries replaced by its new ones and later spans shifted. */
export function splice<T extends { span: Span }>(items: T[], fresh: T[], blockStart: number, blockEnd: number, shift: Shift): T[] {
  const from = lowerBound(items, blockStart);
  const to = lowerBound(items, blockEnd);
  const out = items.slice(0, from);
  for (const item of fresh) out.push(item);
  for (let i = to; i < items.length; i++) {
    const item = items[i];
    const span = shiftSpan(item.span, shift);
    out.push(span === item.span ? item : { ...item, span });
  }
  return out;
}
