import type { Rule } from './rule';
import { written } from './util';

export const linkToActionRules: Rule[] = [
  {
    name: 'hypothesis-incomplete', group: 'link-to-action', severity: 'warning', summary: 'An improvement without experiment, outcome or signal.',
    check({ map, report }) {
      for (const imp of map.improvements) {
        const missing = (['experiment', 'outcome', 'signal'] as const).filter((part) => !imp[part]?.value.trim());
        if (!missing.length) continue;
        report(imp.id?.span ?? imp.span, `The hypothesis is missing its ${missing.join(', ')}: write "We believe [experiment] will result in [outcome]. We will know we succeeded when [signal]."`, { missing });
      }
    },
  },
  {
    name: 'improvement-unowned', group: 'link-to-action', severity: 'warning', summary: 'An improvement with no owner or no due date.',
    check({ doc, map, report }) {
      for (const imp of map.improvements) {
        const missing = [imp.owner?.value.trim() ? '' : 'owner', imp.due || written(doc, imp.span, 'improvement', 'due') ? '' : 'due date'].filter(Boolean);
        if (!missing.length || imp.status?.value === 'done' || imp.status?.value === 'dropped') continue;
        report(imp.id?.span ?? imp.span, `This improvement has no ${missing.join(' and no ')}: without accountability it will not happen. Add \`owner:\` and \`due:\`.`, { missing });
      }
    },
  },
  {
    name: 'signal-not-measurable', group: 'link-to-action', severity: 'info', summary: 'A success signal with no number in it.',
    check({ map, report }) {
      for (const imp of map.improvements) {
        if (!imp.signal || /\d/.test(imp.signal.value)) continue;
        report(imp.signal.span, 'The signal has no number, so nobody can tell when it is met: say how much and by when (for example "30% fewer reset tickets within one billing cycle").');
      }
    },
  },
  {
    name: 'unaddressed-pain', group: 'link-to-action', severity: 'info', summary: 'A touchpoint with pains that no improvement targets.',
    check({ map, report }) {
      const targeted = new Set(map.improvements.flatMap((imp) => imp.for.map((f) => f.value)));
      for (const tp of map.touchpoints) {
        if (!tp.pains.length || (tp.id && targeted.has(tp.id.value))) continue;
        const span = tp.pains[0].keySpan ?? tp.pains[0].span;
        report(span, `${tp.pains.length === 1 ? 'This pain is' : `These ${tp.pains.length} pains are`} not addressed by any improvement: add one with \`for: [${tp.id?.value ?? ''}]\`.`);
      }
    },
  },
];
