import type { JourneyDocument } from './document';
import type { CompletionItem, Position } from './types';

export function doComplete(_doc: JourneyDocument, _position: Position): CompletionItem[] {
  return [];
}
