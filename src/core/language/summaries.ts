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
  /** How many of the stage's metrics have a value and a target to judge (met or missed). */
  judged: number;
  /** How many metrics the stage has. */
  metricCount: number;
}

export function stageSummaries(doc: JourneyDocument): StageSummary[] {
  return doc.map.stages.map((stage) => {
    const feels = stage.touchpoints.flatMap((tp) => (tp.feels ? [tp.feels.value] : []));
    const metrics = stage.touchpoints.flatMap((tp) => tp.metrics);
    const statuses = metrics.map((m) => ({ name: m.name.value, status: evaluateMetric(m).status }));
    const missing = statuses.filter((s) => s.status === 'misses').map((s) => s.name);
    const anchor = stage.id?.span ?? stage.span;
    return {
      stageId: stage.id?.value,
      name: stage.name?.value ?? stage.id?.value ?? `Stage ${stage.index + 1}`,
      range: doc.lines.range(anchor[0], anchor[0]),
      touchpointCount: stage.touchpoints.length,
      averageFeels: feels.length ? Math.round((feels.reduce((a, b) => a + b, 0) / feels.length) * 10) / 10 : undefined,
      missingTarget: [...new Set(missing)],
      judged: statuses.filter((s) => s.status === 'meets' || s.status === 'misses').length,
      metricCount: metrics.length,
    };
  });
}
