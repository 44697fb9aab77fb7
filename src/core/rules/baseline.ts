/** A future-state map and its `baseline:`, the current-state map it improves on. */
import { quoteShort } from '../base';
import { describeFileProblem } from '../files';
import type { Rule } from './rule';
import { writtenWrong } from './util';

export const baselineRules: Rule[] = [
  {
    name: 'baseline-missing', group: 'links', severity: 'warning', summary: 'A future map\'s `baseline:` file does not exist, cannot be read, or is not a journey map.',
    check({ map, links, report }) {
      const fact = links.baseline;
      if (!links.checked || !map.baseline || !fact) return;
      const file = quoteShort(map.baseline.value);
      if (fact.problem && fact.problem.kind !== 'outside') {
        report(map.baseline.span, fact.problem.kind === 'missing'
          ? `The baseline \`${file}\` does not exist (paths are relative to this map's folder): point \`baseline:\` at the current-state map this future map improves on.`
          : `The baseline \`${file}\` ${describeFileProblem(fact.problem)}: it is not read. Point \`baseline:\` at the current-state map, a \`.journey.yaml\` file.`,
        fact.problem.kind === 'missing' ? { path: fact.path } : undefined);
      } else if (fact.notAMap) {
        report(map.baseline.span, `The baseline \`${file}\` cannot be read as a journey map. ${fact.notAMap} Fix that file, or point \`baseline:\` at the current-state map.`);
      }
    },
  },
  {
    name: 'baseline-not-current', group: 'links', severity: 'warning', summary: 'A future map\'s baseline does not say `state: current`.',
    check({ map, links, report }) {
      const fact = links.baseline;
      if (!links.checked || !map.baseline || !fact?.touchpoints || fact.state === 'current') return;
      const says = fact.state === undefined ? 'does not say which state it shows' : `says \`state: ${quoteShort(fact.state)}\``;
      report(map.baseline.span, `The baseline \`${quoteShort(map.baseline.value)}\` ${says}, so it is not known to be the journey as it is today: add \`state: current\` to it, or point \`baseline:\` at the current-state map.`);
    },
  },
  {
    name: 'baseline-without-future', group: 'links', severity: 'warning', summary: 'A map names a `baseline:` but does not say `state: future`.',
    check({ doc, map, report }) {
      if (!map.baseline || writtenWrong(doc, map.span, 'map', 'state')) return;
      if (map.state?.value === 'future') return;
      const says = map.state ? `says \`state: ${map.state.value}\`` : 'does not say `state: future`';
      report(map.baseline.keySpan ?? map.baseline.span, `\`baseline:\` names the current-state map a future map improves on, but this map ${says}: add \`state: future\`, or remove \`baseline:\`.`);
    },
  },
];
