import type { JourneyDocument } from './document';
import type { Range } from './types';

export interface DocumentLink {
  range: Range;
  /** The resolved path or URI of the linked file. */
  target: string;
  anchor?: string;
}
export function documentLinks(_doc: JourneyDocument, _uri: string, _root?: string): DocumentLink[] {
  return [];
}
