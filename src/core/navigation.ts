import type { JourneyDocument } from './document';
import type { Position, Range, TextEdit } from './types';

export type RenameResult = { edits: TextEdit[] } | { error: string };

export function findDefinition(_doc: JourneyDocument, _position: Position): Range | undefined {
  return undefined;
}
export function findReferences(_doc: JourneyDocument, _position: Position, _includeDeclaration: boolean): Range[] {
  return [];
}
export function documentHighlights(_doc: JourneyDocument, _position: Position): Range[] {
  return [];
}
export function prepareRename(_doc: JourneyDocument, _position: Position): { range: Range; placeholder: string } | undefined {
  return undefined;
}
export function doRename(_doc: JourneyDocument, _position: Position, _newName: string): RenameResult {
  return { error: 'not implemented' };
}
