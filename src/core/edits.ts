import type { JourneyDocument } from './document';
import type { TextEdit } from './types';

export function markReviewedEdits(_doc: JourneyDocument, _today: string): TextEdit[] {
  return [];
}
