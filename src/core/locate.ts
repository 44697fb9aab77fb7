/** What lies under a cursor offset, found from the model's spans (shared by hover and fixes). */
import type { JourneyDocument } from './document';
import type { Definition, Improvement, KeyOccurrence, Metric, Reference, Span, Touchpoint } from './model';

export const within = (span: Span, offset: number): boolean => offset >= span[0] && offset <= span[1];

/** The touchpoint whose span holds the offset, by binary search over document order. */
export function touchpointAt(doc: JourneyDocument, offset: number): Touchpoint | undefined {
  const tps = doc.map.touchpoints;
  let low = 0;
  let high = tps.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = tps[mid].span;
    if (offset < span[0]) high = mid - 1;
    else if (offset > span[1]) low = mid + 1;
    else return tps[mid];
  }
  return undefined;
}

export function metricAt(tp: Touchpoint | undefined, offset: number): Metric | undefined {
  return tp?.metrics.find((m) => within(m.span, offset));
}

export function improvementAt(doc: JourneyDocument, offset: number): Improvement | undefined {
  return doc.map.improvements.find((imp) => within(imp.span, offset));
}

export function definitionAt(doc: JourneyDocument, offset: number): Definition | undefined {
  return doc.definitions.find((d) => within(d.span, offset));
}

export function referenceAt(doc: JourneyDocument, offset: number): Reference | undefined {
  return doc.references.find((r) => within(r.span, offset));
}

/** The key under the offset, by binary search (keys are recorded in document order). */
export function keyAt(doc: JourneyDocument, offset: number): KeyOccurrence | undefined {
  const keys = doc.keys;
  let low = 0;
  let high = keys.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = keys[mid].span;
    if (offset < span[0]) high = mid - 1;
    else if (offset > span[1]) low = mid + 1;
    else return keys[mid];
  }
  return undefined;
}
