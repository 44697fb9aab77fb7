import { formatDuration, silentHandoffSpan, slaExceededSpan } from '../format';
import type { Rule } from './rule';
import { keySpan, written, writtenWrong } from './util';

export const bothSidesRules: Rule[] = [
  {
    name: 'no-agent-lane', group: 'both-sides', severity: 'warning', summary: 'No frontstage or backstage lane: the agent side is missing.',
    check({ doc, map, report }) {
      if (map.lanes.length === 0) return;
      if (map.lanes.some((l) => l.kind?.value === 'frontstage' || l.kind?.value === 'backstage')) return;
      report(keySpan(doc, 'lanes'), 'No lane is `frontstage` or `backstage`: the map leaves out the agents and teams who shape the experience. Add their lanes.');
    },
  },
  {
    name: 'silent-handoff', group: 'both-sides', severity: 'warning', summary: 'A handoff the customer is not told about.',
    check({ doc, map, report }) {
      for (const h of map.handoffs) {
        // `notifies_customer: yes` is one mistake (invalid-value), not also a silent handoff.
        if (h.notifiesCustomer?.value === true || writtenWrong(doc, h.span, 'handoff', 'notifies_customer')) continue;
        const span = silentHandoffSpan(h);
        const what = h.from && h.to ? ` from \`${h.from.value}\` to \`${h.to.value}\`` : '';
        report(span, `The handoff${what} does not tell the customer: to them nothing is happening, which drives repeat contacts. Notify them (and set \`notifies_customer: true\`).`);
      }
    },
  },
  {
    name: 'handoff-without-sla', group: 'both-sides', severity: 'info', summary: 'A handoff with no SLA.',
    check({ doc, map, report }) {
      for (const h of map.handoffs) {
        if (h.sla || written(doc, h.span, 'handoff', 'sla')) continue;
        report(h.from?.keySpan ?? h.span, 'This handoff has no `sla`: without an agreed time nobody notices when work stalls between teams.');
      }
    },
  },
  {
    name: 'sla-exceeded', group: 'both-sides', severity: 'warning', summary: 'The observed wait is longer than the handoff\'s SLA.',
    check({ map, report }) {
      for (const h of map.handoffs) {
        if (!h.sla || !h.wait || h.wait.value <= h.sla.value) continue;
        const what = h.from && h.to ? `The handoff from \`${h.from.value}\` to \`${h.to.value}\`` : 'This handoff';
        report(slaExceededSpan(h) ?? h.span, `${what} waits ${formatDuration(h.wait.value)} against an SLA of ${formatDuration(h.sla.value)} (${formatDuration(h.wait.value - h.sla.value)} over). Find where the work stalls between the teams (queue, missing information, hours of cover), or agree an SLA the teams can keep.`);
      }
    },
  },
];
