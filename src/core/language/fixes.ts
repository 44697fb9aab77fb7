/**
 * Quick fixes, keyed on the diagnostic's code and its `data` (never on message text). Each returns
 * minimal edits; fixes that touch another file describe that file change for the adapter.
 */
import { isMap, isScalar, type Node as YamlNode, type YAMLMap } from 'yaml';
import { improvementAt, metricAt, touchpointAt, type JourneyDocument } from '../parse';
import { SHAPES, type FieldSpec, type ShapeName } from '../format';
import { indentOf, insertAt, insertLinesAfter, insertTopLevel, keepsYamlValid, lastContentOffset, markReviewedEdits, replaceSpan } from './edits';
import type { Diagnostic, TextEdit, Today } from '../base';

export interface CodeFix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** A change to another file: append text to it, creating it when missing. */
  fileChange?: { path: string; append: string; create: boolean };
}

/** The quick fixes for one diagnostic, each checked: a fix that would break the YAML is not offered. */
export function codeFixes(doc: JourneyDocument, diagnostic: Diagnostic, options: { today: Today }): CodeFix[] {
  return proposeFixes(doc, diagnostic, options).filter((fix) => keepsYamlValid(doc, fix.edits));
}

function proposeFixes(doc: JourneyDocument, diagnostic: Diagnostic, options: { today: Today }): CodeFix[] {
  const start = doc.lines.offsetAt(diagnostic.range.start);
  const end = doc.lines.offsetAt(diagnostic.range.end);
  const data = diagnostic.data ?? {};
  switch (diagnostic.code) {
    case 'unknown-key':
    case 'unknown-reference':
    case 'signal-unknown-metric':
    case 'invalid-value':
      if (!data.suggestion) return [];
      return [{ title: `Change to '${data.suggestion}'`, edits: [replaceScalar(doc, start, end, data.suggestion)], isPreferred: true }];
    case 'missing-field':
      return data.field ? missingFieldFix(doc, start, end, data.field) : [];
    case 'review-overdue':
    case 'review-stale':
    case 'review-missing': {
      const review = markReviewedEdits(doc, options.today.iso);
      return 'edits' in review && review.edits.length ? [{ title: `Mark reviewed today (${options.today.iso})`, edits: review.edits, isPreferred: true }] : [];
    }
    case 'metric-without-target':
      return addTargetFix(doc, start);
    case 'improvement-unlinked':
      return linkImprovementFix(doc, start, data.suggestion);
    case 'unknown-metric':
    case 'split-list-item':
      if (!data.suggestion) return [];
      return [{
        title: diagnostic.code === 'unknown-metric' ? `Rename to '${data.suggestion}'` : 'Quote it as one entry',
        edits: [diagnostic.code === 'unknown-metric' ? replaceScalar(doc, start, end, data.suggestion) : replaceSpan(doc, [start, end], data.suggestion)],
        isPreferred: true,
      }];
    case 'hypothesis-incomplete':
      return completeHypothesisFix(doc, start, data.missing ?? []);
    case 'runbook-anchor-missing': {
      if (!data.path || !data.anchor) return [];
      const fixes: CodeFix[] = [];
      // A near miss of a heading the runbook has is a typo in the map: fix the link first.
      const link = data.suggestion ? anchorSpan(doc, start, end) : undefined;
      if (link && data.suggestion) fixes.push({ title: `Change the anchor to '#${data.suggestion}' (an existing heading)`, edits: [replaceSpan(doc, link, data.suggestion)], isPreferred: true });
      fixes.push({
        title: `Add the heading '${headingFromAnchor(data.anchor)}' to ${data.path.slice(data.path.lastIndexOf('/') + 1)}`,
        edits: [], fileChange: { path: data.path, append: `\n## ${headingFromAnchor(data.anchor)}\n\n`, create: false },
      });
      return fixes;
    }
    case 'runbook-missing': {
      if (!data.path) return [];
      const tp = touchpointAt(doc, start);
      const title = tp?.name?.value ?? data.path.slice(data.path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
      const anchor = tp?.runbook?.value.split('#')[1];
      return [{
        title: `Create the runbook ${data.path.slice(data.path.lastIndexOf('/') + 1)}`,
        edits: [], fileChange: { path: data.path, append: `# ${title}\n\n${anchor ? `## ${headingFromAnchor(anchor)}\n\n` : ''}`, create: true },
      }];
    }
    default:
      return [];
  }
}

/** The span of the `#anchor` part (after the `#`) of a runbook link written between start and end. */
function anchorSpan(doc: JourneyDocument, start: number, end: number): [number, number] | undefined {
  const hash = doc.text.lastIndexOf('#', end);
  if (hash < start) return undefined;
  let stop = end;
  const quote = doc.text[start];
  if ((quote === '"' || quote === "'") && doc.text[end - 1] === quote) stop = end - 1;
  return hash + 1 < stop ? [hash + 1, stop] : undefined;
}

/** Replaces a scalar's text, keeping its quotes when it is quoted. */
function replaceScalar(doc: JourneyDocument, start: number, end: number, value: string): TextEdit {
  const first = doc.text[start];
  if ((first === '"' || first === "'") && doc.text[end - 1] === first && end - start >= 2) {
    return replaceSpan(doc, [start + 1, end - 1], value);
  }
  return replaceSpan(doc, [start, end], value);
}

function placeholder(name: string, field: FieldSpec): string {
  const t = field.type;
  switch (t.type) {
    case 'version':
      return '1';
    case 'id':
      return `new-${name === 'id' ? 'id' : name}`;
    case 'enum':
      return t.values[0];
    case 'ref':
      return 'TODO';
    case 'list':
      return '[]';
    default:
      return field.example && t.type !== 'text' ? field.example : '"TODO"';
  }
}

/** A first entry for the map's required lists, under their key. */
const LIST_SKELETONS: Partial<Record<string, string[]>> = {
  lanes: ['  - id: customer', '    name: Customer', '    kind: customer'],
  stages: ['  - id: discover', '    name: Problem discovery', '    touchpoints: []'],
};

function missingFieldFix(doc: JourneyDocument, start: number, end: number, field: string): CodeFix[] {
  const title = `Add the missing field '${field}'`;
  // A missing top-level field is reported at the very start of the file, with an empty range.
  if (start === 0 && end === 0) {
    const spec = SHAPES.map.fields[field];
    if (!spec) return [];
    if (field === 'journeymap') return [{ title, edits: [insertAt(doc, 0, `journeymap: 1${doc.lines.eol}`)], isPreferred: true }];
    const skeleton = LIST_SKELETONS[field];
    const lines = skeleton ? [`${field}:`, ...skeleton] : [`${field}: ${placeholder(field, spec)}`];
    return [{ title, edits: [insertTopLevel(doc, lines)], isPreferred: true }];
  }
  // An item missing a field: the finding sits on the item's first key (or on the empty key itself).
  const key = doc.keys.find((k) => k.span[0] === start);
  if (!key) return [];
  const spec = SHAPES[key.shape as ShapeName].fields[field];
  const item = doc.yaml?.contents ? findMapContaining(doc.yaml.contents as YamlNode, key.span[0]) : undefined;
  if (!spec || !item?.range || item.flow) return [];
  if (key.field === field) {
    // `name:` is present but empty: fill the value in after the colon.
    const lineEnd = doc.lines.lineEnd(doc.lines.positionAt(key.span[1]).line);
    // A bare `lanes:` / `stages:` gets a first entry, not `[]` (which is itself reported as empty).
    const skeleton = key.shape === 'map' ? LIST_SKELETONS[field] : undefined;
    if (skeleton) return [{ title, edits: [{ range: doc.lines.range(key.span[1], lineEnd), newText: `:${skeleton.map((l) => doc.lines.eol + l).join('')}` }], isPreferred: true }];
    return [{ title, edits: [{ range: doc.lines.range(key.span[1], lineEnd), newText: `: ${placeholder(field, spec)}` }], isPreferred: true }];
  }
  const lastLine = lastContentOffset(doc, item.range[1]);
  return [{ title, edits: [insertLinesAfter(doc, lastLine, indentOf(doc, key.span[0]), [`${field}: ${placeholder(field, spec)}`])], isPreferred: true }];
}

/** `for: [touchpoint]` on an improvement that names none: the touchpoint suggested (pains nobody addresses), else a placeholder. */
function linkImprovementFix(doc: JourneyDocument, start: number, touchpoint: string | undefined): CodeFix[] {
  const imp = improvementAt(doc, start);
  if (!imp || imp.forKeySpan) return [];
  const first = doc.keys.find((k) => k.shape === 'improvement' && k.span[0] >= imp.span[0] && k.span[0] < imp.span[1]);
  const item = first && doc.yaml?.contents ? findMapContaining(doc.yaml.contents as YamlNode, first.span[0]) : undefined;
  if (!first || !item?.range || item.flow) return [];
  const target = touchpoint ?? 'touchpoint-id';
  return [{
    title: touchpoint ? `Link it to '${touchpoint}' (a touchpoint with pains no improvement addresses)` : 'Add `for:`',
    edits: [insertLinesAfter(doc, lastContentOffset(doc, item.range[1]), indentOf(doc, first.span[0]), [`for: [${target}]`])],
    isPreferred: !!touchpoint,
  }];
}

function addTargetFix(doc: JourneyDocument, start: number): CodeFix[] {
  const metric = metricAt(touchpointAt(doc, start), start);
  if (!metric?.value) return [];
  const value = metric.value.value.text;
  const title = `Add a target to '${metric.name.value}' (starts at the current value: adjust it)`;
  if (metric.shorthand) {
    return [{ title, edits: [replaceSpan(doc, metric.value.span, `{ value: ${value}, target: ${value} }`)] }];
  }
  const valueKey = metric.value.keySpan;
  if (!valueKey) return [];
  // In a flow mapping `{ value: 18%, ... }` add after the value; in a block mapping add a line.
  const node = doc.yaml?.contents ? findMapContaining(doc.yaml.contents as YamlNode, valueKey[0]) : undefined;
  if (!node) return [];
  if (node.flow) return [{ title, edits: [insertAt(doc, metric.value.span[1], `, target: ${value}`)] }];
  return [{ title, edits: [insertLinesAfter(doc, metric.value.span[1], indentOf(doc, valueKey[0]), [`target: ${value}`])] }];
}

const HYPOTHESIS_PLACEHOLDERS: Record<string, string> = {
  experiment: '"TODO: what we will change"',
  outcome: '"TODO: the result we expect"',
  signal: '"TODO: the measurable signal, with a number and a time frame"',
};

function completeHypothesisFix(doc: JourneyDocument, start: number, missing: string[]): CodeFix[] {
  const imp = doc.map.improvements.find((i) => i.id && i.id.span[0] === start);
  if (!imp?.id?.keySpan || !missing.length) return [];
  const node = doc.yaml?.contents && findMapContaining(doc.yaml.contents as YamlNode, imp.id.keySpan[0]);
  if (node?.flow) return [];
  // Append after the improvement's last line so the new keys follow the existing ones.
  const indent = indentOf(doc, imp.id.keySpan[0]);
  const existing = missing.filter((part) => doc.keys.some((k) => k.shape === 'improvement' && k.field === part && k.span[0] >= imp.span[0] && k.span[1] <= imp.span[1]));
  if (existing.length) return []; // present but empty: the user should write it, not get a second key
  return [{
    title: `Complete the hypothesis with placeholders for ${missing.join(', ')}`,
    edits: [insertLinesAfter(doc, lastContentOffset(doc, imp.span[1]), indent, missing.map((part) => `${part}: ${HYPOTHESIS_PLACEHOLDERS[part]}`))],
  }];
}

function findMapContaining(node: YamlNode, keyOffset: number): YAMLMap | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = pair.key as YamlNode | undefined;
      if (k?.range && k.range[0] === keyOffset) return node;
      const found = pair.value ? findMapContaining(pair.value as YamlNode, keyOffset) : undefined;
      if (found) return found;
    }
  } else if (!isScalar(node) && 'items' in node) {
    for (const item of (node as { items: YamlNode[] }).items) {
      const found = findMapContaining(item, keyOffset);
      if (found) return found;
    }
  }
  return undefined;
}

export function headingFromAnchor(anchor: string): string {
  const words = anchor.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
