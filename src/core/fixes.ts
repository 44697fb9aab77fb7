import type { JourneyDocument } from './document';
import type { Diagnostic, TextEdit } from './types';

export interface CodeFix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}
export function codeFixes(_doc: JourneyDocument, _diagnostic: Diagnostic, _options: { today: string }): CodeFix[] {
  return [];
}
