/**
 * Reading YAML mappings against the format's shapes: known keys, required fields, values of the
 * right type (invalid-value), lists, dictionaries, ids and references, aliases within a budget and
 * duplicate keys. The model builder (./builder) extends it with one method per shape.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { closest, quoteShort, SuggestBudget, type DiagnosticData, type Span } from '../base';
import {
  COLUMN_PRESETS, FORMAT_VERSION, isValidId, parseCadence, parseClockDuration, parseDuration, parseInterval, parseIsoDate, SHAPES, type FieldSpec, type KeyOccurrence, type Located, type RefKind, type ShapeName,
} from '../format';
import type { JourneyDocument } from './document';
import { compoundHint } from './yamlMessages';
import { describe, emptyScalar, firstKeySpan, nodeSpan, shown } from './yamlNodes';

/** Any character outside ASCII: an id with one gets a hint to put the text in `name:`. */
const NON_ASCII = /[^\u0000-\u007f]/; // eslint-disable-line no-control-regex -- the ASCII range starts at NUL

/** Aliases followed per document, so an alias bomb cannot blow up the walk. */
const MAX_ALIAS_RESOLUTIONS = 1000;

/** The typed value a field holds, read once and checked against its spec. */
export type FieldValues = Map<string, { keySpan: Span; value: YamlNode | null }>;
export type FieldEntry = FieldValues extends Map<string, infer V> ? V : never;

/** A shape's required fields, listed once per shape. */
const REQUIRED = new Map<ShapeName, [string, FieldSpec][]>();

function requiredFields(shape: ShapeName): [string, FieldSpec][] {
  let required = REQUIRED.get(shape);
  if (!required) {
    required = Object.entries(SHAPES[shape].fields).filter(([, field]) => field.required);
    REQUIRED.set(shape, required);
  }
  return required;
}

/**
 * A shape's fields by name, as a Map: keys read from the text are fresh strings, which a Map hashes
 * once, where a keyed property read of an object would look each one up in V8's string table.
 */
const FIELDS = new Map<ShapeName, Map<string, FieldSpec>>();

function fieldsOf(shape: ShapeName): Map<string, FieldSpec> {
  let fields = FIELDS.get(shape);
  if (!fields) {
    fields = new Map(Object.entries(SHAPES[shape].fields));
    FIELDS.set(shape, fields);
  }
  return fields;
}

export class FieldReader {
  private aliasBudget = MAX_ALIAS_RESOLUTIONS;
  private aliasReported = false;

  /**
   * `suggestBudget`: the did-you-mean budget of cells (one per parse; an incremental re-parse of
   * one touchpoint passes on what the full parse left, see ./incremental).
   */
  constructor(protected readonly doc: JourneyDocument, protected readonly yaml: Document.Parsed, readonly suggestBudget = new SuggestBudget()) {}

  /** Reads a mapping's keys, reporting unknown keys and values that do not fit their spec. */
  protected readFields(node: YAMLMap, shape: ShapeName): FieldValues {
    const spec = SHAPES[shape];
    const known = fieldsOf(shape);
    const fields: FieldValues = new Map();
    /** Key names read but not kept in `fields` (unknown, `<<`): with `fields`, every name seen so far. */
    let others: Set<string> | undefined;
    for (let i = 0; i < node.items.length; i++) {
      const pair = node.items[i];
      if (!isScalar(pair.key)) {
        const span = pair.key ? nodeSpan(pair.key as YamlNode, this.doc.text) : nodeSpan(node, this.doc.text);
        this.report('invalid-value', span, 'Keys must be plain words such as `title` or `lanes`, not a list or a mapping.');
        continue;
      }
      const key = pair.key;
      const name = String(key.value);
      // A duplicate is a name seen before in this mapping: `fields` has every known one (no scan of the keys before).
      if (fields.has(name) || others?.has(name) === true) {
        this.reportDuplicate(key, name);
        continue;
      }
      const keySpan = nodeSpan(key, this.doc.text);
      if (name === '<<') {
        (others ??= new Set()).add(name);
        this.report('invalid-value', keySpan, 'YAML merge keys (`<<`) are not supported in journey maps: write the fields out, so every value has one place in the file.');
        continue;
      }
      const field = known.get(name);
      if (!field) {
        (others ??= new Set()).add(name);
        const suggestion = closest(name, Object.keys(spec.fields), this.suggestBudget);
        this.report('unknown-key', keySpan,
          `\`${quoteShort(name)}\` is not a field of a ${shape === 'map' ? 'journey map' : shape}.` +
          (suggestion ? ` Did you mean \`${suggestion}\`?` : ` Known fields: ${Object.keys(spec.fields).join(', ')}.`),
          suggestion ? { suggestion } : undefined);
        continue;
      }
      const occurrence: KeyOccurrence = { span: keySpan, shape, field: name };
      this.doc.keys.push(occurrence);
      const raw = pair.value === null || pair.value === undefined ? null : pair.value as YamlNode;
      const value = raw === null ? null : this.resolve(raw);
      fields.set(name, { keySpan, value });
      // A value reached through an alias is reported where the alias is used, not at its anchor.
      const unresolvedAlias = raw !== null && this.unresolved.size > 0 && this.unresolved.has(raw);
      if (value !== null && !unresolvedAlias && !(isScalar(value) && value.value === null)) {
        const before = this.doc.findings.length;
        this.checkValue(name, field, value, raw !== null && isAlias(raw) ? raw : undefined);
        if (this.doc.findings.length > before) occurrence.invalid = true;
      }
    }
    return fields;
  }

  protected requireFields(fields: FieldValues, shape: ShapeName, at: Span): void {
    for (const [name, field] of requiredFields(shape)) {
      const entry = fields.get(name);
      if (!entry) {
        this.report('missing-field', at, `Missing required field \`${name}\`: ${field.description}`, { field: name });
      } else if (entry.value === null || (isScalar(entry.value) && (entry.value.value === null || entry.value.value === ''))) {
        this.report('missing-field', entry.keySpan, `\`${name}\` is empty: ${field.description}`, { field: name });
      }
    }
  }

  private checkValue(name: string, field: FieldSpec, node: YamlNode, usedAt?: YamlNode): void {
    const t = field.type;
    // The span is made only for a finding: nearly every value is fine (and no closure per value).
    const at = usedAt ?? node;
    const scalar = isScalar(node) ? node.value : undefined;
    switch (t.type) {
      case 'text': case 'ref':
        if (field.listFinding && isSeq(node)) return;
        if (!isScalar(node)) this.invalid(at, `\`${name}\` should be plain text, not ${describe(node)}.`);
        else if (scalar !== null && typeof scalar === 'object') this.invalid(at, `\`${name}\` should be plain text.`);
        return;
      case 'id':
        if (!isScalar(node) || !isValidId(String(scalar))) this.invalid(at, `\`${shown(scalar, node)}\` is not a valid id: use ASCII letters (a-z, A-Z), digits, \`-\`, \`_\` and \`.\`, starting with a letter or digit${NON_ASCII.test(String(scalar)) ? ' (put accented or other scripts in `name:`, which takes any text)' : ''}.`);
        return;
      case 'version':
        if (!isScalar(node) || typeof scalar !== 'number') this.invalid(at, `\`journeymap\` is the format version, a number: \`journeymap: ${FORMAT_VERSION}\`.`);
        return;
      case 'enum':
        if (!isScalar(node) || !t.values.includes(String(scalar))) {
          const suggestion = closest(String(scalar ?? ''), t.values, this.suggestBudget);
          this.invalid(at, `\`${shown(scalar, node)}\` is not a valid ${name}. Use one of: ${t.values.join(', ')}.`, suggestion ? { suggestion } : undefined);
        }
        return;
      case 'date':
        if (parseIsoDate(scalar) === undefined) this.invalid(at, `\`${shown(scalar, node)}\` is not a date. Write an ISO date such as 2026-09-30.`);
        return;
      case 'interval':
        if (parseInterval(scalar) === undefined) this.invalid(at, `\`${shown(scalar, node)}\` is not a period. Write an ISO interval such as 2026-07-01/2026-09-30 (start before end).`);
        return;
      case 'cadence':
        if (parseCadence(scalar) === undefined) {
          const guess = typeof scalar === 'string' ? closest(scalar.replace(/ly$/, ''), ['month', 'quarter', 'half-year', 'year'], this.suggestBudget) : undefined;
          this.invalid(at, `\`${shown(scalar, node)}\` is not a review cadence.${guess ? ` Did you mean \`${guess}\`?` : ''} Use month, quarter, half-year, year or a number of days such as 45d.`, guess ? { suggestion: guess } : undefined);
        }
        return;
      case 'feels':
        if (typeof scalar !== 'number' || !Number.isInteger(scalar) || scalar < -3 || scalar > 3) {
          const quoted = typeof scalar === 'string' && /^[+-]?\d+$/.test(scalar.trim());
          // A number off the scale is most likely meant as its end (5 on a -3..+3 scale is 3).
          const nearest = typeof scalar === 'number' && Number.isFinite(scalar) ? String(Math.max(-3, Math.min(3, Math.round(scalar)))) : undefined;
          this.invalid(at, quoted
            ? `\`feels\` is a number, but \`"${scalar}"\` is written as text: remove the quotes.`
            : `\`feels\` is a whole number from -3 (very negative) to +3 (very positive), not \`${shown(scalar, node)}\`.${nearest ? ` The nearest on the scale is ${nearest}.` : ''}`,
          nearest ? { suggestion: nearest } : undefined);
        }
        return;
      case 'boolean':
        if (typeof scalar !== 'boolean') this.invalid(at, `\`${name}\` is true or false, not \`${shown(scalar, node)}\`.`);
        return;
      case 'duration':
        if (typeof scalar !== 'string' || parseDuration(scalar) === undefined) {
          // `sla: 48` is a number with its unit left out: SLAs are usually counted in hours.
          if (typeof scalar === 'number' && Number.isFinite(scalar) && scalar > 0) {
            this.invalid(at, `\`${scalar}\` has no unit. Did you mean \`${scalar}h\` (hours)? Write m for minutes, d for days, w for weeks.`, { suggestion: `${scalar}h` });
          } else {
            this.invalid(at, `\`${shown(scalar, node)}\` is not a duration. Write a number and a unit: 45s, 35m, 4h, 2d or 1w${compoundHint(scalar)}.`);
          }
        }
        return;
      case 'sla':
        if (isMap(node)) return; // each priority's duration is checked where it is read
        if (typeof scalar !== 'string' || parseClockDuration(scalar) === undefined) {
          if (typeof scalar === 'number' && Number.isFinite(scalar) && scalar > 0) {
            this.invalid(at, `\`${scalar}\` has no unit. Did you mean \`${scalar}h\` (hours)? Write m for minutes, d for days, w for weeks, bh or bd for business hours or days.`, { suggestion: `${scalar}h` });
          } else {
            this.invalid(at, `\`${shown(scalar, node)}\` is not a duration. Write a number and a unit: 45s, 35m, 4h, 2d, 1w, or in business time 8bh, 2bd${compoundHint(scalar)}; or one per priority: { P1: 4h, P2: 2bd }.`);
          }
        }
        return;
      case 'columns':
        if (isMap(node)) return; // the mapping's names are checked where it is read
        if (!isScalar(node) || !Object.hasOwn(COLUMN_PRESETS, String(scalar))) {
          const suggestion = closest(String(scalar ?? ''), Object.keys(COLUMN_PRESETS), this.suggestBudget);
          this.invalid(at, `\`${shown(scalar, node)}\` is not a known export layout. Use one of: ${Object.keys(COLUMN_PRESETS).join(', ')}, or map the columns: { opened: <header>, resolved: <header> }.`, suggestion ? { suggestion } : undefined);
        }
        return;
      case 'texts': case 'refs':
        if (isSeq(node)) {
          for (const item of node.items) {
            const resolved = this.resolve(item as YamlNode);
            if (!isScalar(resolved)) this.report('invalid-value', nodeSpan(resolved, this.doc.text), `Each entry of \`${name}\` should be plain text, not ${describe(resolved)}.`);
          }
        } else if (!isScalar(node)) this.invalid(at, `\`${name}\` should be a list such as [a, b], not ${describe(node)}.`);
        return;
      case 'text-or-object':
        if (!isMap(node) && !isScalar(node)) this.invalid(at, `\`${name}\` should be a sentence or a mapping of keys (${Object.keys(SHAPES[t.shape].fields).join(', ')}), not ${describe(node)}.`);
        else if (isScalar(node) && scalar !== null && typeof scalar === 'object') this.invalid(at, `\`${name}\` should be plain text.`);
        return;
      case 'object': case 'metrics': case 'dictionary':
        if (!isMap(node)) this.invalid(at, `\`${name}\` should be a mapping of keys, not ${describe(node)}.`);
        return;
      case 'list':
        if (!isSeq(node)) this.invalid(at, `\`${name}\` should be a list of entries, each starting with \`- \`, not ${describe(node)}.`);
        return;
      case 'quantity':
        return; // checked against the metric's unit where the metric is read
    }
  }

  /**
   * The entries of a list of mappings, each read against `shape` and built. With `marks`, each
   * built entry adds where its findings start and end in `doc.findings` (for ./incremental).
   */
  protected list<T>(fields: FieldValues, name: string, shape: ShapeName, build: (fields: FieldValues, span: Span, index: number) => T, marks?: number[]): T[] {
    const entry = fields.get(name);
    if (!entry?.value || !isSeq(entry.value)) return [];
    const items: T[] = [];
    for (const raw of entry.value.items) {
      const item = this.resolve(raw as YamlNode);
      const span = nodeSpan(item, this.doc.text);
      if (!isMap(item)) {
        if (!(isScalar(item) && item.value === null)) {
          this.report('invalid-value', span, `Each entry of \`${name}\` should be a mapping with ${Object.keys(SHAPES[shape].fields).slice(0, 3).join(', ')}..., not ${describe(item)}.`);
        }
        continue;
      }
      const start = this.doc.findings.length;
      items.push(this.item(item, shape, span, (itemFields) => build(itemFields, span, items.length)));
      marks?.push(start, this.doc.findings.length);
    }
    return items;
  }

  /** One entry of a list of mappings: its fields read and checked, then built. */
  protected item<T>(item: YAMLMap, shape: ShapeName, span: Span, build: (fields: FieldValues) => T): T {
    const itemFields = this.readFields(item, shape);
    this.requireFields(itemFields, shape, firstKeySpan(item, this.doc.text) ?? span);
    return build(itemFields);
  }

  /**
   * A mapping of names to a value or a list of values. With `known`, unknown names are reported
   * (with a suggestion) as `unknown-key`.
   */
  protected dictionary(entry: FieldEntry | undefined, known?: string[], what?: string): Located<Record<string, string[]>> | undefined {
    if (!entry?.value || !isMap(entry.value)) return undefined;
    const value: Record<string, string[]> = {};
    const seen = {};
    const items = entry.value.items;
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      if (this.duplicateKey(pair, i, items, seen) || !isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const keySpan = nodeSpan(pair.key, this.doc.text);
      if (known && !known.includes(name)) {
        const suggestion = closest(name, known, this.suggestBudget);
        this.report('unknown-key', keySpan, `\`${quoteShort(name)}\` is not ${what}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ` Use one of: ${known.join(', ')}.`}`, suggestion ? { suggestion } : undefined);
        continue;
      }
      const values = this.texts(pair.value ? this.resolve(pair.value as YamlNode) : null).map((t) => t.value);
      if (!values.length) {
        this.report('invalid-value', keySpan, `\`${quoteShort(name)}\` needs a value.`);
        continue;
      }
      value[name] = values;
    }
    return { value, span: nodeSpan(entry.value, this.doc.text), keySpan: entry.keySpan };
  }

  protected text(fields: FieldValues, name: string): Located<string> | undefined {
    const entry = fields.get(name);
    if (!entry?.value || !isScalar(entry.value) || entry.value.value === null) return undefined;
    const value = entry.value.value;
    if (typeof value === 'object') return undefined;
    return { value: String(value), span: nodeSpan(entry.value, this.doc.text), keySpan: entry.keySpan };
  }

  /** A list of plain texts; a single scalar counts as a list of one. */
  protected texts(node: YamlNode | null, keySpan?: Span): Located<string>[] {
    if (!node) return [];
    const items = isSeq(node) ? node.items.map((i) => this.resolve(i as YamlNode)) : [node];
    const out: Located<string>[] = [];
    for (const item of items) {
      if (isScalar(item) && item.value !== null && typeof item.value !== 'object') {
        out.push({ value: String(item.value), span: nodeSpan(item, this.doc.text), keySpan });
      }
    }
    return out;
  }

  protected define(fields: FieldValues, kind: RefKind): Located<string> | undefined {
    const id = this.text(fields, 'id');
    if (id && isValidId(id.value)) this.doc.definitions.push({ kind, name: id.value, span: id.span });
    return id;
  }

  protected reference(fields: FieldValues, name: string, kind: RefKind): Located<string> | undefined {
    const ref = this.text(fields, name);
    if (ref) this.doc.references.push({ kind, name: ref.value, span: ref.span });
    return ref;
  }

  protected references(node: YamlNode | null, kind: RefKind): Located<string>[] {
    const refs = this.texts(node);
    for (const ref of refs) this.doc.references.push({ kind, name: ref.value, span: ref.span });
    return refs;
  }

  /** Follows an alias to its anchored node, within a budget so alias bombs cannot blow up the walk. */
  protected resolve(node: YamlNode): YamlNode {
    if (!isAlias(node)) return node;
    if (this.aliasBudget-- <= 0) {
      if (!this.aliasReported) {
        this.aliasReported = true;
        this.report('yaml-syntax', nodeSpan(node, this.doc.text), `The file uses more than ${MAX_ALIAS_RESOLUTIONS} aliases (*name): the rest were not followed. Write the values out.`);
      }
      return emptyScalar(node);
    }
    const target = node.resolve(this.yaml);
    if (!target && !this.unresolved.has(node)) {
      this.unresolved.add(node);
      this.report('yaml-syntax', nodeSpan(node, this.doc.text), `\`*${quoteShort(node.source)}\` refers to no anchor: define \`&${quoteShort(node.source)}\` on a value above it, or write the value out.`);
    }
    return target ?? emptyScalar(node);
  }

  protected readonly unresolved = new Set<YamlNode>();

  /**
   * Reports a key already seen in the same mapping (YAML would keep only one of the two). Small
   * mappings, nearly all of them, are checked by a scan of the keys before; big ones use a Set.
   */
  protected duplicateKey(pair: Pair, index: number, items: readonly Pair[], seen: { set?: Set<string> }): boolean {
    if (!isScalar(pair.key)) return false;
    const value = pair.key.value;
    const name = String(value);
    let duplicate = false;
    if (items.length <= 16) {
      if (typeof value === 'string') {
        // Keys are nearly always strings: compare them as they are (a collection has no `value`,
        // so only a scalar can match), and ask what the node is only on a match.
        for (let i = 0; i < index && !duplicate; i++) {
          const other = items[i].key as Scalar | null;
          const written = other?.value;
          duplicate = (written === value || (typeof written !== 'string' && written !== undefined && String(written) === name)) && isScalar(other);
        }
      } else {
        for (let i = 0; i < index && !duplicate; i++) {
          const other = items[i].key;
          if (!isScalar(other)) continue;
          duplicate = String(other.value) === name;
        }
      }
    } else {
      seen.set ??= new Set();
      duplicate = seen.set.has(name);
      seen.set.add(name);
    }
    if (!duplicate) return false;
    this.reportDuplicate(pair.key, name);
    return true;
  }

  private reportDuplicate(key: Scalar, name: string): void {
    this.report('yaml-syntax', nodeSpan(key, this.doc.text), `\`${quoteShort(name)}\` appears twice in this mapping, and YAML keeps only one value: remove or rename one of them.`);
  }

  /** An invalid-value finding at a node (its span made only now). */
  private invalid(node: YamlNode, message: string, data?: DiagnosticData): void {
    this.report('invalid-value', nodeSpan(node, this.doc.text), message, data);
  }

  protected report(code: string, span: Span, message: string, data?: DiagnosticData): void {
    this.doc.findings.push({ code, span, message, data });
  }
}
