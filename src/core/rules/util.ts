import type { JourneyDocument } from '../parse';
import type { KeyOccurrence, Span } from '../format';

/** The span of a top-level key, or of the file's first key when it is absent. */
export function keySpan(doc: JourneyDocument, field: string): Span {
  const key = doc.keys.find((k) => k.shape === 'map' && k.field === field);
  return key?.span ?? headerSpan(doc);
}

/** Where whole-map findings point: the title key, else the version key, else the file start. */
export function headerSpan(doc: JourneyDocument): Span {
  const map = doc.map;
  return map.title?.keySpan ?? map.version?.keySpan ?? doc.keys[0]?.span ?? [0, 0];
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Days after today a date that must be in the past may still be: "today" comes from the CLI's
 * clock in UTC or from the editor's local calendar, which can be a day apart.
 */
export const FUTURE_SLACK_DAYS = 1;

/**
 * Whether `field:` is written inside the item at `span` with a value reported as invalid: rules
 * about the field then stay quiet (`notifies_customer: yes` is an invalid-value, not also a
 * silent handoff).
 */
export function writtenWrong(doc: JourneyDocument, span: Span, shape: string, field: string): boolean {
  return findKey(doc, span, shape, field)?.invalid === true;
}

/**
 * Whether `field:` is written inside the item at `span`, whatever its value. A field written with a
 * wrong value is reported by invalid-value; the rules about absent fields stay quiet about it
 * (`target: 80` is not also "has no target").
 */
export function written(doc: JourneyDocument, span: Span, shape: string, field: string): boolean {
  return findKey(doc, span, shape, field) !== undefined;
}

function findKey(doc: JourneyDocument, span: Span, shape: string, field: string): KeyOccurrence | undefined {
  const keys = doc.keys;
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keys[mid].span[0] < span[0]) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < keys.length && keys[i].span[0] < span[1]; i++) {
    if (keys[i].shape === shape && keys[i].field === field) return keys[i];
  }
  return undefined;
}
