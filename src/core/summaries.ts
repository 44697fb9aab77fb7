import type { JourneyDocument } from './document';
import type { Range } from './types';

export interface StageSummary {
  stageId?: string;
  name: string;
  /** Where the CodeLens goes: the stage's first line. */
  range: Range;
  touchpointCount: number;
  averageFeels?: number;
  /** Names of metrics in this stage that miss their target. */
  missingTarget: string[];
}
export function stageSummaries(_doc: JourneyDocument): StageSummary[] {
  return [];
}
