import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { quoteShort } from '../base';
import { formatIsoDate } from '../format';
import type { Rule } from './rule';
import { FUTURE_SLACK_DAYS, headerSpan, keySpan, writtenWrong } from './util';

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
      // A kind written wrong is an invalid-value, not an assumption.
      const real = map.sources.filter((s) => (s.kind ? s.kind.value !== 'assumption' : writtenWrong(doc, s.span, 'source', 'kind')));
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
  {
    name: 'stale-metric', group: 'real-not-ideal', severity: 'info', summary: 'A metric measured more than 90 days before the last review.',
    check({ map, today, report }) {
      const last = map.review?.last?.value;
      if (last === undefined || last > today + FUTURE_SLACK_DAYS) return;
      for (const tp of map.touchpoints) {
        for (const m of tp.metrics) {
          // A value computed from an export is as fresh as the export (stale-evidence judges that).
          if (!m.asOf || m.from || last - m.asOf.value <= STALE_EVIDENCE_DAYS) continue;
          report(m.asOf.span, `\`${m.name.value}\` was measured ${formatIsoDate(m.asOf.value)}, ${last - m.asOf.value} days before the last review (${formatIsoDate(last)}): the map was reviewed without refreshing this number. Measure it again and update the value and \`as_of\`, or compute it from a ticket export with \`from:\`.`);
        }
      }
    },
  },
  {
    name: 'assumed-metric', group: 'real-not-ideal', severity: 'warning', summary: 'A metric whose `source` is an assumption: a number nobody measured.',
    check({ map, report }) {
      const assumed = new Set(map.sources.filter((s) => s.kind?.value === 'assumption' && s.id).map((s) => s.id!.value));
      if (!assumed.size) return;
      for (const tp of map.touchpoints) {
        for (const m of tp.metrics) {
          if (!m.source || !assumed.has(m.source.value) || (!m.value && !m.target)) continue;
          report(m.source.span, `\`${m.name.value}\` cites \`${m.source.value}\`, which is an assumption: the figure reads as measured, but nobody measured it. Measure it (tickets, a survey, analytics) and cite that source, or compute it from a ticket export with \`from:\`.`);
        }
      }
    },
  },
  {
    name: 'placeholder-text', group: 'real-not-ideal', severity: 'warning', summary: 'A value still reads `TODO`: a placeholder nobody replaced.',
    // The blank template writes its placeholders as TODO, and so do teams: a map that still says
    // TODO describes what someone meant to find out, not the journey.
    check({ doc, report }) {
      const root = doc.yaml?.contents;
      // A value reads TODO only where the text says TODO or spells it with an escape (\x54ODO):
      // most maps have neither, and skip the walk over every node.
      if (!root || (!doc.text.includes('TODO') && !doc.text.includes('\\'))) return;
      visit(root as YamlNode, (node) => {
        if (!isScalar(node) || typeof node.value !== 'string' || !node.range || !PLACEHOLDER.test(node.value)) return;
        report([node.range[0], node.range[1]], `This still reads "${quoteShort(node.value)}": replace the placeholder with what the evidence shows (tickets, surveys, the agents who handle these cases), or remove the field.`);
      });
    },
  },
];

/** `TODO`, `TODO:` or `TODO -` at the start of a text. */
const PLACEHOLDER = /^\s*TODO\b/;

/** Every node of the YAML tree, depth first (the tree's depth is bounded by the parser's guards). */
function visit(node: YamlNode, each: (node: YamlNode) => void): void {
  each(node);
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      const child = isPair(item) ? item.value : item;
      if (child) visit(child as YamlNode, each);
    }
  }
}
