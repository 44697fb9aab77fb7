import { clockSeconds, formatDuration, isBusinessDuration, silentHandoffSpan, slaExceededSpan, type ClockDuration, type Located, type SlaSpec } from '../format';
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
      const daySeconds = map.calendar ? (map.calendar.value.end - map.calendar.value.start) * 60 : undefined;
      for (const h of map.handoffs) {
        const sla = h.slaSpec?.value;
        const wait = h.waitSpec?.value;
        if (!sla || !wait) continue;
        const what = h.from && h.to ? `The handoff from \`${h.from.value}\` to \`${h.to.value}\`` : 'This handoff';
        // Compared per priority when either side is per priority; a single duration applies to every priority.
        const priorities = [...new Set([...Object.keys(sla.byPriority ?? {}), ...Object.keys(wait.byPriority ?? {})])];
        const pairs: [string | undefined, ClockDuration | undefined, ClockDuration | undefined][] = priorities.length
          ? priorities.map((p) => [p, sla.byPriority?.[p] ?? sla.all, wait.byPriority?.[p] ?? wait.all])
          : [[undefined, sla.all, wait.all]];
        const over: string[] = [];
        for (const [priority, s, w] of pairs) {
          // Two clocks cannot be compared without the tickets' times: the hover says which each is on.
          if (!s || !w || isBusinessDuration(s) !== isBusinessDuration(w)) continue;
          const [slaSeconds, waitSeconds] = [clockSeconds(s, daySeconds), clockSeconds(w, daySeconds)];
          if (waitSeconds <= slaSeconds) continue;
          const business = isBusinessDuration(s) ? ' business time' : '';
          over.push(`${priority ? `${priority}: ` : ''}waits ${w.text} against an SLA of ${s.text}${business} (${formatDuration(waitSeconds - slaSeconds)}${business} over)`);
        }
        if (!over.length) continue;
        report(slaExceededSpan(h) ?? h.waitSpec?.span ?? h.span, `${what} ${priorities.length ? over.join('; ') : over[0]}. Find where the work stalls between the teams (queue, missing information, hours of cover), or agree an SLA the teams can keep.`);
      }
    },
  },
  {
    name: 'business-time-without-calendar', group: 'both-sides', severity: 'warning', summary: 'A handoff in business time (8bh, 2bd) on a map with no calendar to count it in.',
    check({ map, report }) {
      const business = (spec: Located<SlaSpec> | undefined) => !!spec && [...(spec.value.all ? [spec.value.all] : []), ...Object.values(spec.value.byPriority ?? {})].some(isBusinessDuration);
      const fix = 'add `calendar: { days: mon-fri, hours: 08:00-18:00, timezone: Europe/Berlin }` to the map';
      // A metric's business SLA without a calendar is not computed: metric-not-computed says why.
      if (map.calendar) return;
      for (const h of map.handoffs) {
        for (const spec of [h.slaSpec, h.waitSpec]) {
          if (business(spec)) report(spec!.span, `This handoff counts business time (bh, bd), but the map has no \`calendar:\` to say when the teams work: ${fix}.`);
        }
      }
    },
  },
];
