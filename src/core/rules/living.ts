import { reviewState, STALE_DAYS } from '../evidence';
import { formatIsoDate } from '../format';
import type { Rule } from './rule';
import { headerSpan, plural, writtenWrong } from './util';

export const livingRules: Rule[] = [
  {
    name: 'review-missing', group: 'living-document', severity: 'warning', summary: 'The map has no date of last review.',
    check({ doc, map, report }) {
      if (map.review?.last) return;
      const invalidDate = doc.keys.some((k) => k.shape === 'review' && k.field === 'last');
      if (invalidDate) return; // an unreadable date is already an invalid-value
      report(map.review?.keySpan ?? headerSpan(doc), 'The map records no review: add `review: { last: YYYY-MM-DD, every: quarter }` so the team knows when it was last checked against live data.');
    },
  },
  {
    name: 'review-overdue', group: 'living-document', severity: 'warning', summary: 'The last review is older than the map\'s cadence.',
    check({ map, today, report }) {
      const state = reviewState(map, today);
      if (!map.review?.last || state.daysLeft === undefined || state.daysLeft >= 0 || state.stale) return;
      report(map.review.last.span, `The review is overdue by ${plural(-state.daysLeft, 'day')}: last reviewed ${formatIsoDate(state.last!)}, every ${plural(state.cadenceDays, 'day')}. Review the map against current tickets and update \`last\`.`);
    },
  },
  {
    name: 'review-stale', group: 'living-document', severity: 'error', summary: 'The last review is more than 18 months old.',
    check({ map, today, report }) {
      const state = reviewState(map, today);
      if (!map.review?.last || !state.stale) return;
      report(map.review.last.span, `Last reviewed ${formatIsoDate(state.last!)}, ${plural(state.ageDays!, 'day')} ago (over ${Math.round(STALE_DAYS / 30.4)} months): this map describes a journey that has probably changed. Re-validate it with agents and current data.`);
    },
  },
  {
    name: 'no-owner', group: 'living-document', severity: 'warning', summary: 'The map has no named owner.',
    check({ doc, map, report }) {
      if (map.owner?.value.trim() || writtenWrong(doc, map.span, 'map', 'owner')) return;
      report(map.owner?.keySpan ?? headerSpan(doc), 'Nobody owns this map: add `owner:` with the person or team who keeps it current, or it will go stale.');
    },
  },
];
