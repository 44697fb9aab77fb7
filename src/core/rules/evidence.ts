import { formatIsoDate } from '../format';
import type { Rule } from './rule';
import { FUTURE_SLACK_DAYS, headerSpan, keySpan } from './util';

const STALE_EVIDENCE_DAYS = 90;

export const evidenceRules: Rule[] = [
  {
    name: 'no-pain-points', group: 'real-not-ideal', severity: 'warning', summary: 'No touchpoint lists a pain: the map shows the ideal journey.',
    check({ doc, map, report }) {
      if (map.touchpoints.length === 0 || map.touchpoints.some((tp) => tp.pains.length > 0)) return;
      report(keySpan(doc, 'stages'), 'No touchpoint lists a pain point: a map without friction describes the ideal journey, not the real one. Ask agents where customers get stuck and add `pains:`.');
    },
  },
  {
    name: 'assumption-only', group: 'real-not-ideal', severity: 'warning', summary: 'The map rests on no evidence, or only on assumptions.',
    check({ doc, map, report }) {
      const real = map.sources.filter((s) => s.kind && s.kind.value !== 'assumption');
      if (real.length > 0) return;
      const message = map.sources.length === 0
        ? 'The map cites no sources: add the tickets, surveys, transcripts or interviews it was built from under `sources:`.'
        : 'Every source is an assumption: validate the map against tickets, CSAT, transcripts or interviews before acting on it.';
      report(map.sources.length ? keySpan(doc, 'sources') : headerSpan(doc), message);
    },
  },
  {
    name: 'stale-evidence', group: 'real-not-ideal', severity: 'info', summary: 'A source\'s period ended more than 90 days before the last review.',
    check({ map, today, report }) {
      // A review dated after today is an invalid-value finding: measure from today instead.
      const last = map.review?.last?.value;
      const reviewed = last !== undefined && last <= today + FUTURE_SLACK_DAYS;
      const reference = reviewed ? last : today;
      for (const source of map.sources) {
        // A ticket export knows its own newest date; a written period is the fallback.
        const end = source.export?.newest ?? source.period?.value.end;
        const span = source.export?.newest !== undefined ? source.path?.span : source.period?.span;
        if (end === undefined || !span) continue;
        const age = reference - end;
        if (age > STALE_EVIDENCE_DAYS) {
          const what = source.export?.newest !== undefined ? 'The newest ticket in this export is from' : 'This evidence ends';
          report(span, `${what} ${formatIsoDate(end)}, ${age} days before the ${reviewed ? 'last review' : 'current date'}: refresh it with a recent export.`);
        }
      }
    },
  },
  {
    name: 'multiple-personas', group: 'real-not-ideal', severity: 'warning', summary: 'The map mixes several personas.',
    check({ map, report }) {
      if (map.personas.length <= 1) return;
      const [first, ...rest] = map.personas;
      report([first.span[0], rest[rest.length - 1].span[1]], `This map has ${map.personas.length} personas (${map.personas.map((p) => p.value).join(', ')}): a map for everyone fits no one. Keep one and map the others in their own files.`);
    },
  },
];
