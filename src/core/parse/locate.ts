/** What lies under a cursor offset, found from the model's spans (shared by hover and fixes). */
import type { JourneyDocument } from './document';
import type { Span } from '../base';
import type { Definition, Improvement, KeyOccurrence, Metric, Reference, Touchpoint } from '../format';

export const within = (span: Span, offset: number): boolean => offset >= span[0] && offset <= span[1];

/** The item whose span holds the offset, by binary search over items sorted by position. */
function findBySpan<T extends { span: Span }>(items: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = items[mid].span;
    if (offset < span[0]) high = mid - 1;
    else if (offset > span[1]) low = mid + 1;
    else return items[mid];
  }
  return undefined;
}

/** The touchpoint whose span holds the offset (touchpoints are in document order). */
export function touchpointAt(doc: JourneyDocument, offset: number): Touchpoint | undefined {
  return findBySpan(doc.map.touchpoints, offset);
}

export function metricAt(tp: Touchpoint | undefined, offset: number): Metric | undefined {
  return tp?.metrics.find((m) => within(m.span, offset));
}

export function improvementAt(doc: JourneyDocument, offset: number): Improvement | undefined {
  return doc.map.improvements.find((imp) => within(imp.span, offset));
}

export function definitionAt(doc: JourneyDocument, offset: number): Definition | undefined {
  return findBySpan(doc.definitions, offset);
}

export function referenceAt(doc: JourneyDocument, offset: number): Reference | undefined {
  return findBySpan(doc.references, offset);
}

/** The key under the offset (keys are recorded in document order). */
export function keyAt(doc: JourneyDocument, offset: number): KeyOccurrence | undefined {
  return findBySpan(doc.keys, offset);
}
