import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { closest, quoteShort, SuggestBudget, type Span } from '../base';
import { formatIsoDate, impossibleQuantity, metricInfo, REF_WORDS, SHAPES, type FieldSpec, type JourneyMap, type RefKind, type Reference } from '../format';
import type { JourneyDocument } from '../parse';
import type { LinkFacts, Rule } from './rule';
import { FUTURE_SLACK_DAYS, plural } from './util';

export const structureRules: Rule[] = [
  { name: 'yaml-syntax', group: 'structure', severity: 'error', fixed: true, summary: 'The file is not valid YAML.' },
  { name: 'file-too-large', group: 'structure', severity: 'error', fixed: true, summary: 'The file is too large to check; split it.' },
  { name: 'file-unreadable', group: 'structure', severity: 'error', fixed: true, summary: 'The file cannot be read: it is not a regular file, or permissions or an I/O error stop the read.' },
  { name: 'unknown-key', group: 'structure', severity: 'warning', summary: 'A key the format does not know, usually a typo.' },
  {
    name: 'missing-field', group: 'structure', severity: 'error', summary: 'A required field is missing or empty.',
    // The parser reports absent fields and empty values (`stages:`, `title: ""`); an empty list or
    // a text of spaces is just as empty, and is reported here, on the field's key.
    check({ doc, map, report }) {
      const root = doc.yaml?.contents;
      if (!isMap(root)) return;
      const seen = new Set<string>();
      for (const pair of root.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const name = String(pair.key.value);
        if (seen.has(name)) continue; // a duplicate key is a yaml-syntax finding; the first one counts
        seen.add(name);
        const field = SHAPES.map.fields[name];
        if (!field?.required || !pair.value) continue;
        const empty = emptiness(doc, resolve(doc, pair.value as YamlNode), field);
        if (!empty) continue;
        const keySpan: Span = [pair.key.range[0], pair.key.range[1]];
        const shape = field.type.type === 'list' ? field.type.shape : undefined;
        const hint = shape ? ` Add at least one ${shape}.` : '';
        // A quick fix rewrites the value after the key: useful for a text, a no-op for a list.
        report(keySpan, `\`${name}\` is empty (${empty}): ${field.description}${hint}`, shape ? undefined : { field: name });
      }
      const name = SHAPES.touchpoint.fields.name;
      for (const tp of map.touchpoints) {
        if (!tp.name?.keySpan || !isBlank(tp.name.value)) continue;
        report(tp.name.keySpan, `\`name\` is empty (only spaces): ${name.description}`, { field: 'name' });
      }
    },
  },
  {
    name: 'invalid-value', group: 'structure', severity: 'error', summary: 'A value of the wrong type or form.',
    // The parser reports values of the wrong type or form; these are well-formed values that
    // cannot be true: an impossible measurement, a date that has not come yet, a handoff to itself.
    check({ map, today, report }) {
      for (const tp of map.touchpoints) {
        for (const m of tp.metrics) {
          const info = metricInfo(m.name.value);
          // Every catalogue metric measured in percent is a share of tickets, contacts or customers.
          const share = !!info?.units.includes('percent');
          for (const part of [m.value, m.target]) {
            const reason = part && impossibleQuantity(part.value, share);
            if (!part || !reason) continue;
            report(part.span, part.value.kind === 'percent' && info
              ? `\`${part.value.text}\` is ${reason}, impossible for ${info.fullName} (\`${m.name.value}\`): it is a share, from 0% to 100%. Check the figure.`
              : `\`${part.value.text}\` is ${reason}. Check the score and the scale.`);
          }
          if (m.asOf && m.asOf.value > today + FUTURE_SLACK_DAYS) {
            report(m.asOf.span, `\`as_of\` is ${formatIsoDate(m.asOf.value)}, ${plural(m.asOf.value - today, 'day')} after today (${formatIsoDate(today)}): a value cannot have been measured yet. Write the date it was measured.`);
          }
        }
      }
      const last = map.review?.last;
      if (last && last.value > today + FUTURE_SLACK_DAYS) {
        report(last.span, `The last review is dated ${formatIsoDate(last.value)}, ${plural(last.value - today, 'day')} after today (${formatIsoDate(today)}): a review cannot have happened yet. Write the date of the last review that took place.`);
      }
      for (const h of map.handoffs) {
        if (!h.from || !h.to || h.from.value !== h.to.value) continue;
        report(h.to.span, `This handoff goes from \`${h.from.value}\` to itself: a handoff passes work from one touchpoint to another. Point \`to:\` at the touchpoint that receives the work.`);
      }
    },
  },
  { name: 'unsupported-version', group: 'structure', severity: 'error', summary: 'The format version is not 1.' },
  {
    name: 'split-list-item', group: 'structure', severity: 'warning', summary: 'One entry of a `[...]` list split in two at a comma.',
    // In a `[a, b]` list every comma separates entries: `[Refunds above 1,000 EUR take a week]` is two
    // pains ("Refunds above 1" and "000 EUR take a week"), and so is `[Form fails, not the portal]`.
    check({ doc, map, report }) {
      const lists = [...map.touchpoints.map((tp) => tp.pains), map.review?.triggers ?? []];
      for (const items of lists) {
        for (let i = 1; i < items.length; i++) {
          const [a, b] = [items[i - 1], items[i]];
          const between = doc.text.slice(a.span[1], b.span[0]);
          if (!/^\s*,\s*$/.test(between) || !splitAtComma(a.value, b.value, between)) continue;
          const whole = doc.text.slice(a.span[0], b.span[1]);
          report([a.span[0], b.span[1]], `This comma splits one entry in two ("${quoteShort(a.value)}" and "${quoteShort(b.value)}"): in \`[...]\` every comma starts a new entry. Put the entry in quotes to keep it whole.`, { suggestion: JSON.stringify(whole) });
        }
      }
    },
  },
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
    check({ doc, map, links, report }) {
      const defined = new Map<RefKind, Set<string>>();
      for (const def of doc.definitions) {
        let set = defined.get(def.kind);
        if (!set) defined.set(def.kind, (set = new Set()));
        set.add(def.name);
      }
      const budget = new SuggestBudget();
      for (const ref of doc.references) {
        const names = defined.get(ref.kind);
        if (names?.has(ref.name)) continue;
        if (ref.kind === 'touchpoint' && baselineMayDefine(map, links, ref)) continue;
        const suggestion = names ? closest(ref.name, names, budget) : undefined;
        const known = names ? [...names].slice(0, 8).map((n) => quoteShort(n)).join(', ') : '';
        // A stage id where a touchpoint id belongs (and the like): say what it is.
        const other = [...defined].find(([kind, set]) => kind !== ref.kind && set.has(ref.name))?.[0];
        const isOther = other ? ` \`${quoteShort(ref.name)}\` is a ${REF_WORDS[other]} id, and this field takes a ${REF_WORDS[ref.kind]} id.` : '';
        report(ref.span,
          `No ${REF_WORDS[ref.kind]} has the id \`${quoteShort(ref.name)}\`.${isOther}` +
          (suggestion ? ` Did you mean \`${suggestion}\`?` : known ? ` Known ${REF_WORDS[ref.kind]}s: ${known}${names && names.size > 8 ? ` and ${names.size - 8} more` : ''}.` : ` Define the ${REF_WORDS[ref.kind]} first.`),
          suggestion ? { suggestion } : undefined);
      }
    },
  },
];

/**
 * Whether an improvement's `for:` entry in a future map may name a touchpoint of its baseline:
 * one the baseline defines, or any while the baseline was not read (its own finding says why).
 */
function baselineMayDefine(map: JourneyMap, links: LinkFacts, ref: Reference): boolean {
  if (!map.baseline || !map.improvements.some((imp) => imp.for.some((f) => f.span === ref.span))) return false;
  const ids = links.baseline?.touchpoints;
  return ids ? ids.has(ref.name) : true;
}

/**
 * Whether a comma between two flow entries most likely split one: with no space after it (`1,000`,
 * `a,b`), or between a sentence and its lower-case continuation (`Form fails, not the portal`).
 */
function splitAtComma(before: string, after: string, between: string): boolean {
  if (!/,\s/.test(between) && /\w$/.test(before) && /^\w/.test(after)) return true;
  return /^\p{Lu}/u.test(before) && CONTINUATION.test(after);
}

/** Words that continue a sentence after a comma: "…, not the portal", "…, which nobody reads". */
const CONTINUATION = /^(?:not|but|and|or|nor|which|who|whose|so|because|since|then|while|although|though|except|including|especially|even|unless|until|when|where|whereas|as|like|with|without|only|yet|plus|e\.g\.|i\.e\.)\b/;

function isBlank(text: string): boolean {
  return text !== '' && text.trim() === '';
}

/** How a present value of a required field is empty, or undefined when it is not. */
function emptiness(doc: JourneyDocument, node: YamlNode, field: FieldSpec): string | undefined {
  const t = field.type.type;
  if (isSeq(node) && (t === 'list' || (t === 'text' && field.listFinding))) {
    // Entries of the wrong kind are invalid-value findings; only a list with no real entry is empty.
    const blankEntry = (item: unknown) => {
      const resolved = resolve(doc, item as YamlNode);
      return isScalar(resolved) && (resolved.value === null || (t === 'text' && typeof resolved.value === 'string' && resolved.value.trim() === ''));
    };
    return node.items.every(blankEntry) ? (node.items.length ? 'a list of empty entries' : 'an empty list') : undefined;
  }
  if (t === 'text' && isScalar(node) && typeof node.value === 'string' && isBlank(node.value)) return 'only spaces';
  return undefined;
}

function resolve(doc: JourneyDocument, node: YamlNode): YamlNode {
  return isAlias(node) && doc.yaml ? (node.resolve(doc.yaml) ?? node) : node;
}
