import type { RefKind } from '../format';
import { closest } from '../suggest';
import type { Rule } from './rule';

const REF_WORDS: Record<RefKind, string> = {
  lane: 'lane', stage: 'stage', touchpoint: 'touchpoint', source: 'source', improvement: 'improvement',
};

export const structureRules: Rule[] = [
  { name: 'yaml-syntax', group: 'structure', severity: 'error', summary: 'The file is not valid YAML.' },
  { name: 'file-too-large', group: 'structure', severity: 'error', summary: 'The file is too large to check; split it.' },
  { name: 'unknown-key', group: 'structure', severity: 'warning', summary: 'A key the format does not know, usually a typo.' },
  { name: 'missing-field', group: 'structure', severity: 'error', summary: 'A required field is missing or empty.' },
  { name: 'invalid-value', group: 'structure', severity: 'error', summary: 'A value of the wrong type or form.' },
  { name: 'unsupported-version', group: 'structure', severity: 'error', summary: 'The format version is not 1.' },
  {
    name: 'duplicate-id', group: 'structure', severity: 'error', summary: 'Two items of the same kind share an id.',
    check({ doc, report }) {
      const seen = new Map<string, boolean>();
      for (const def of doc.definitions) {
        const key = `${def.kind}\u0000${def.name}`;
        if (seen.has(key)) {
          report(def.span, `The ${REF_WORDS[def.kind]} id \`${def.name}\` is already used above: references to it are ambiguous. Give this one another id.`);
        } else seen.set(key, true);
      }
    },
  },
  {
    name: 'unknown-reference', group: 'structure', severity: 'error', summary: 'A reference to an id that is not defined.',
    check({ doc, report }) {
      const defined = new Map<RefKind, Set<string>>();
      for (const def of doc.definitions) {
        let set = defined.get(def.kind);
        if (!set) defined.set(def.kind, (set = new Set()));
        set.add(def.name);
      }
      for (const ref of doc.references) {
        const names = defined.get(ref.kind);
        if (names?.has(ref.name)) continue;
        const suggestion = names ? closest(ref.name, names) : undefined;
        const known = names ? [...names].slice(0, 8).join(', ') : '';
        report(ref.span,
          `No ${REF_WORDS[ref.kind]} has the id \`${ref.name}\`.` +
          (suggestion ? ` Did you mean \`${suggestion}\`?` : known ? ` Known ${REF_WORDS[ref.kind]}s: ${known}${names && names.size > 8 ? ', ...' : ''}.` : ` Define the ${REF_WORDS[ref.kind]} first.`),
          suggestion ? { suggestion } : undefined);
      }
    },
  },
];
