import type { JourneyDocument } from './document';
import type { DocumentSymbol, FoldingRange } from './types';

export function documentSymbols(_doc: JourneyDocument): DocumentSymbol[] {
  return [];
}
export function foldingRanges(_doc: JourneyDocument): FoldingRange[] {
  return [];
}
