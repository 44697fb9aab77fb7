/** Per-stage summaries for CodeLens: touchpoint count, average `feels`, metrics missing target. */
import type { JourneyDocument } from '../parse';
import { evaluateMetric } from '../evidence';
import type { Range } from '../base';

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

export function stageSummaries(doc: JourneyDocument): StageSummary[] {
  return doc.map.stages.map((stage) => {
    const feels = stage.touchpoints.flatMap((tp) => (tp.feels ? [tp.feels.value] : []));
    const missing = stage.touchpoints.flatMap((tp) => tp.metrics.filter((m) => evaluateMetric(m).status === 'misses').map((m) => m.name.value));
    const anchor = stage.id?.span ?? stage.span;
    return {
      stageId: stage.id?.value,
      name: stage.name?.value ?? stage.id?.value ?? `Stage ${stage.index + 1}`,
      range: doc.lines.range(anchor[0], anchor[0]),
      touchpointCount: stage.touchpoints.length,
      averageFeels: feels.length ? Math.round((feels.reduce((a, b) => a + b, 0) / feels.length) * 10) / 10 : undefined,
      missingTarget: [...new Set(missing)],
    };
  });
}
