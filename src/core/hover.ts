import type { JourneyDocument } from './document';
import type { Hover, Position } from './types';

export interface HoverOptions {
  today: string;
}
export function doHover(_doc: JourneyDocument, _position: Position, _options: HoverOptions): Hover | undefined {
  return undefined;
}
