import { formatIsoDate } from '../format';
import type { Rule } from './rule';
import { plural, written, writtenWrong } from './util';

/** Touchpoints with pains that no improvement targets: where an improvement without `for:` most likely belongs. */
function unaddressed(map: Parameters<NonNullable<Rule['check']>>[0]['map']): string[] {
  const targeted = new Set(map.improvements.flatMap((imp) => imp.for.map((f) => f.value)));
  return map.touchpoints.filter((tp) => tp.pains.length && tp.id && !targeted.has(tp.id.value)).map((tp) => tp.id!.value);
}

export const linkToActionRules: Rule[] = [
  {
    name: 'hypothesis-incomplete', group: 'link-to-action', severity: 'warning', summary: 'An improvement without experiment, outcome or signal.',
    check({ doc, map, report }) {
      for (const imp of map.improvements) {
        const missing = (['experiment', 'outcome', 'signal'] as const).filter((part) => !imp[part]?.value.trim() && !writtenWrong(doc, imp.span, 'improvement', part));
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
        const add = missing.map((m) => (m === 'owner' ? '`owner:` (who delivers it)' : '`due:` (by when, YYYY-MM-DD)')).join(' and ');
        report(imp.id?.span ?? imp.span, `This improvement has no ${missing.join(' and no ')}: without accountability it will not happen. Add ${add}.`, { missing });
      }
    },
  },
  {
    name: 'signal-not-measurable', group: 'link-to-action', severity: 'info', summary: 'A success signal with no number in it.',
    check({ map, report }) {
      for (const imp of map.improvements) {
        // A structured signal is measurable by construction (its missing target is a missing-field).
        if (!imp.signal || imp.signalCheck || /\d/.test(imp.signal.value)) continue;
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
  {
    name: 'improvement-unlinked', group: 'link-to-action', severity: 'warning', summary: 'An improvement that names no touchpoint (`for:`): it addresses nothing on the map.',
    check({ doc, map, report }) {
      const candidates = unaddressed(map);
      for (const imp of map.improvements) {
        if (imp.for.length || writtenWrong(doc, imp.span, 'improvement', 'for')) continue;
        const hint = candidates.length ? ` Touchpoints with pains no improvement addresses: ${candidates.slice(0, 4).join(', ')}${candidates.length > 4 ? ` and ${candidates.length - 4} more` : ''}.` : '';
        report(imp.forKeySpan ?? imp.id?.span ?? imp.span, `This improvement names no touchpoint, so nothing on the map shows where it acts: add \`for: [touchpoint-id]\` with the touchpoints whose pains it should relieve.${hint}`, candidates.length ? { suggestion: candidates[0] } : undefined);
      }
    },
  },
  {
    name: 'improvement-overdue', group: 'link-to-action', severity: 'warning', summary: 'An improvement past its due date that is neither done nor dropped.',
    check({ map, today, report }) {
      for (const imp of map.improvements) {
        const status = imp.status?.value ?? 'idea';
        if (!imp.due || imp.due.value >= today || status === 'done' || status === 'dropped') continue;
        const who = imp.owner?.value.trim() ? `its owner (${imp.owner.value.trim()})` : 'an owner';
        report(imp.due.span, `This improvement was due ${formatIsoDate(imp.due.value)}, ${plural(today - imp.due.value, 'day')} ago, and is still \`${status}\`: set \`status:\` to done or dropped, or agree a new \`due:\` with ${who}.`);
      }
    },
  },
];
