/**
 * Builds the typed model from the parsed YAML, shape by shape, reporting unknown keys, missing
 * fields and invalid values as it reads (the generic reading and checking is in ./fields).
 */
import { isMap, isScalar, type Node as YamlNode, type Scalar, type YAMLMap } from 'yaml';
import { quoteShort, type Span } from '../base';
import {
  DURATION_STATS, formatIsoDate, FORMAT_VERSION, MAP_STATES, metricInfo, parseCadence, parseDuration, parseInterval, parseIsoDate, parseQuantity,
  type Handoff, type Improvement, type Lane, type LaneKind, type Located, type MapState, type Metric, type Quantity, type Review, type SignalCheck, type Source, type Stage, type Touchpoint, type UnitKind,
} from '../format';
import { type FieldEntry, type FieldValues } from './fields';
import { ExportFieldReader } from './exportFields';
import { compoundHint } from './yamlMessages';
import { describe, nodeSpan, scalarValue } from './yamlNodes';

export class ModelBuilder extends ExportFieldReader {
  /** Per touchpoint, in order: where its findings start and end in `doc.findings` (for ./incremental). */
  readonly touchpointMarks: number[] = [];

  build(): void {
    const root = this.yaml.contents;
    const map = this.doc.map;
    map.span = [0, this.doc.text.length];
    if (root === null || root === undefined || (isScalar(root) && (root.value === null || root.value === ''))) {
      if (this.doc.findings.length === 0) {
        this.doc.findings.push({
          code: 'missing-field', span: [0, 0], fatal: true, data: { field: 'journeymap' },
          message: 'The file is empty. A journey map starts with `journeymap: 1`, then title, persona, scenario, lanes and stages.',
        });
      }
      return;
    }
    if (!isMap(root)) {
      this.doc.findings.push({
        code: 'invalid-value', span: nodeSpan(root, this.doc.text), fatal: true,
        message: `A journey map is a YAML mapping of keys (journeymap, title, persona...), not ${describe(root)}.`,
      });
      return;
    }
    const fields = this.readFields(root, 'map');
    this.requireFields(fields, 'map', [0, 0]);

    const version = fields.get('journeymap');
    if (version?.value) {
      const value = isScalar(version.value) ? version.value.value : undefined;
      map.version = { value, span: nodeSpan(version.value, this.doc.text), keySpan: version.keySpan };
      if (value !== FORMAT_VERSION && String(value) !== String(FORMAT_VERSION)) {
        this.report('unsupported-version', map.version.span, `This extension reads format version ${FORMAT_VERSION}; the file says \`${String(value)}\`. Set \`journeymap: ${FORMAT_VERSION}\` or update the extension.`);
      }
    }
    map.title = this.text(fields, 'title');
    map.scenario = this.text(fields, 'scenario');
    map.goal = this.text(fields, 'goal');
    map.owner = this.text(fields, 'owner');
    const state = this.text(fields, 'state');
    if (state && (MAP_STATES as readonly string[]).includes(state.value)) map.state = state as Located<MapState>;
    map.baseline = this.text(fields, 'baseline');
    const persona = fields.get('persona');
    if (persona) {
      map.personaKeySpan = persona.keySpan;
      map.personas = this.texts(persona.value, persona.keySpan);
    }
    map.review = this.review(fields.get('review'));
    map.calendar = this.calendar(fields.get('calendar'));
    map.sources = this.list(fields, 'sources', 'source', (f, span) => this.source(f, span));
    map.sourcesKeySpan = fields.get('sources')?.keySpan;
    map.lanes = this.list(fields, 'lanes', 'lane', (f, span, i) => this.lane(f, span, i));
    map.stages = this.list(fields, 'stages', 'stage', (f, span, i) => this.stage(f, span, i));
    map.handoffs = this.list(fields, 'handoffs', 'handoff', (f, span, i) => this.handoff(f, span, i));
    map.improvements = this.list(fields, 'improvements', 'improvement', (f, span, i) => this.improvement(f, span, i));
    map.improvementsKeySpan = fields.get('improvements')?.keySpan;
  }

  private review(entry: FieldEntry | undefined): Review | undefined {
    if (!entry?.value || !isMap(this.resolve(entry.value))) return undefined;
    const node = this.resolve(entry.value) as YAMLMap;
    const fields = this.readFields(node, 'review');
    const review: Review = { span: nodeSpan(node, this.doc.text), keySpan: entry.keySpan, triggers: [] };
    const last = fields.get('last');
    if (last?.value) {
      const day = parseIsoDate(scalarValue(last.value));
      if (day !== undefined) review.last = { value: day, span: nodeSpan(last.value, this.doc.text), keySpan: last.keySpan };
    }
    const every = fields.get('every');
    if (every?.value) {
      const days = parseCadence(scalarValue(every.value));
      if (days !== undefined) review.every = { value: days, span: nodeSpan(every.value, this.doc.text), keySpan: every.keySpan };
    }
    const triggers = fields.get('triggers');
    if (triggers) review.triggers = this.texts(triggers.value, triggers.keySpan);
    return review;
  }

  private source(fields: FieldValues, span: Span): Source {
    const source: Source = { span };
    source.id = this.define(fields, 'source');
    source.kind = this.text(fields, 'kind');
    source.path = this.text(fields, 'path');
    const period = fields.get('period');
    if (period?.value) {
      const interval = parseInterval(scalarValue(period.value));
      if (interval) source.period = { value: interval, span: nodeSpan(period.value, this.doc.text), keySpan: period.keySpan };
    }
    this.sourceExport(fields, source);
    return source;
  }

  private lane(fields: FieldValues, span: Span, index: number): Lane {
    return {
      span, index,
      id: this.define(fields, 'lane'),
      name: this.text(fields, 'name'),
      kind: this.text(fields, 'kind') as Located<LaneKind> | undefined,
      team: this.text(fields, 'team'),
    };
  }

  private stage(fields: FieldValues, span: Span, index: number): Stage {
    const stage: Stage = { span, index, touchpoints: [] };
    stage.id = this.define(fields, 'stage');
    stage.name = this.text(fields, 'name');
    stage.touchpointsKeySpan = fields.get('touchpoints')?.keySpan;
    stage.touchpoints = this.list(fields, 'touchpoints', 'touchpoint', (f, s) => this.touchpoint(f, s, stage), this.touchpointMarks);
    return stage;
  }

  /**
   * One touchpoint entry read on its own, as `build` reads it inside its stage: for an incremental
   * re-parse of the one block an edit changed (./incremental).
   */
  touchpointEntry(item: YAMLMap, stage: Stage, index: number): Touchpoint {
    const span = nodeSpan(item, this.doc.text);
    return this.item(item, 'touchpoint', span, (fields) => this.touchpoint(fields, span, stage, index));
  }

  private touchpoint(fields: FieldValues, span: Span, stage: Stage, index = this.doc.map.touchpoints.length): Touchpoint {
    const map = this.doc.map;
    const tp: Touchpoint = { span, stage, index, pains: [], metrics: [] };
    map.touchpoints.push(tp);
    tp.id = this.define(fields, 'touchpoint');
    tp.lane = this.reference(fields, 'lane', 'lane');
    tp.name = this.text(fields, 'name');
    tp.channel = this.text(fields, 'channel');
    tp.does = this.text(fields, 'does');
    tp.thinks = this.text(fields, 'thinks');
    const feels = fields.get('feels');
    if (feels?.value) {
      const value = scalarValue(feels.value);
      if (typeof value === 'number' && Number.isInteger(value) && value >= -3 && value <= 3) {
        tp.feels = { value, span: nodeSpan(feels.value, this.doc.text), keySpan: feels.keySpan };
      }
    }
    const pains = fields.get('pains');
    if (pains) tp.pains = this.texts(pains.value, pains.keySpan);
    const next = fields.get('next');
    if (next?.value && !(isScalar(next.value) && next.value.value === null)) {
      // A bare `next:` is half-typed, not an explicit dead end (`next: []`).
      tp.nextKeySpan = next.keySpan;
      tp.next = this.references(next.value, 'touchpoint');
    }
    tp.runbook = this.text(fields, 'runbook');
    const metrics = fields.get('metrics');
    if (metrics?.value) {
      tp.metricsKeySpan = metrics.keySpan;
      tp.metrics = this.metrics(this.resolve(metrics.value));
    }
    return tp;
  }

  private metrics(node: YamlNode): Metric[] {
    if (!isMap(node)) return [];
    const metrics: Metric[] = [];
    const seen = {};
    for (let i = 0; i < node.items.length; i++) {
      const pair = node.items[i];
      if (this.duplicateKey(pair, i, node.items, seen)) continue;
      const key = pair.key;
      if (!isScalar(key)) {
        this.report('invalid-value', nodeSpan(key as YamlNode, this.doc.text), 'A metric name must be plain text such as `fcr` or `time_to_resolution`.');
        continue;
      }
      const name = String(key.value);
      const keySpan = nodeSpan(key, this.doc.text);
      const valueNode = pair.value ? this.resolve(pair.value as YamlNode) : null;
      const info = metricInfo(name);
      const metric: Metric = {
        span: [keySpan[0], valueNode ? nodeSpan(valueNode, this.doc.text)[1] : keySpan[1]],
        name: { value: name, span: keySpan }, shorthand: !isMap(valueNode),
      };
      if (valueNode === null || isScalar(valueNode)) {
        if (valueNode && valueNode.value !== null) metric.value = this.quantity(valueNode, name, 'value', undefined, info);
      } else if (isMap(valueNode)) {
        const fields = this.readFields(valueNode, 'metric');
        const better = this.text(fields, 'better');
        if (better) metric.better = better as Located<'higher' | 'lower'>;
        const value = fields.get('value');
        if (value?.value && isScalar(value.value)) metric.value = this.quantity(value.value, name, 'value', value.keySpan, info);
        const target = fields.get('target');
        if (target?.value && isScalar(target.value)) metric.target = this.quantity(target.value, name, 'target', target.keySpan, info);
        metric.source = this.reference(fields, 'source', 'source');
        const asOf = fields.get('as_of');
        if (asOf?.value) {
          const day = parseIsoDate(scalarValue(asOf.value));
          if (day !== undefined) metric.asOf = { value: day, span: nodeSpan(asOf.value, this.doc.text), keySpan: asOf.keySpan };
        }
        metric.note = this.text(fields, 'note');
        metric.from = this.reference(fields, 'from', 'source');
        metric.where = this.dictionary(fields.get('where'));
        metric.sla = this.slaSpec(fields.get('sla'));
        const stat = this.text(fields, 'stat');
        if (stat && (DURATION_STATS as readonly string[]).includes(stat.value)) metric.stat = stat as Located<typeof DURATION_STATS[number]>;
        const tolerance = fields.get('tolerance');
        if (tolerance?.value && isScalar(tolerance.value)) metric.tolerance = this.quantity(tolerance.value, name, 'tolerance', tolerance.keySpan, info);
        if (metric.value && metric.target && metric.value.value.kind !== metric.target.value.kind) {
          // A bare number beside a value with a unit most likely lacks that unit (4.5 beside 4.1/5).
          const value = metric.value.value;
          const fix = metric.target.value.kind === 'number'
            ? (value.kind === 'rating' ? `${metric.target.value.amount}/${value.scale}` : withUnit(metric.target.value.amount, value.kind))
            : undefined;
          this.report('invalid-value', metric.target.span, `The target \`${metric.target.value.text}\` is a ${metric.target.value.kind} but the value \`${value.text}\` is a ${value.kind}: write both in the same unit.${fix ? ` Did you mean \`${fix}\`?` : ''}`, fix ? { suggestion: fix } : undefined);
          metric.target = undefined;
        }
      } else {
        this.report('invalid-value', nodeSpan(valueNode, this.doc.text), `Metric \`${name}\` needs a value (\`${name}: 64%\`) or a mapping (\`${name}: { value: 64%, target: 80% }\`), not ${describe(valueNode)}.`);
      }
      metrics.push(metric);
    }
    return metrics;
  }

  private signalCheck(node: YAMLMap, keySpan: Span): SignalCheck {
    const fields = this.readFields(node, 'signal');
    const span = nodeSpan(node, this.doc.text);
    this.requireFields(fields, 'signal', keySpan);
    const check: SignalCheck = { span, keySpan };
    check.metric = this.text(fields, 'metric');
    check.at = this.reference(fields, 'at', 'touchpoint');
    const target = fields.get('target');
    if (target?.value && isScalar(target.value) && target.value.value !== null) {
      check.target = this.quantity(target.value, check.metric?.value ?? '', 'target', target.keySpan);
    }
    const by = fields.get('by');
    if (by?.value) {
      const day = parseIsoDate(scalarValue(by.value));
      if (day !== undefined) check.by = { value: day, span: nodeSpan(by.value, this.doc.text), keySpan: by.keySpan };
    }
    return check;
  }

  private quantity(node: Scalar, metric: string, part: string, keySpan?: Span, info = metricInfo(metric)): Located<Quantity> | undefined {
    const quantity = parseQuantity(node.value, info?.units);
    const span = nodeSpan(node, this.doc.text);
    if (!quantity) {
      this.report('invalid-value', span, `\`${quoteShort(String(node.value))}\` is not a metric ${part}. Write a percentage (18% or 0.18), a duration (45s, 35m, 4h, 2d, 1w${compoundHint(node.value)}), a rating (4.2/5) or a number.`);
      return undefined;
    }
    if (info && !info.units.includes(quantity.kind)) {
      // A bare number where a unit belongs (`fcr: 64`): the unit was left out.
      const fix = quantity.kind === 'number' ? withUnit(quantity.amount, info.units[0]) : undefined;
      this.report('invalid-value', span, `${info.fullName} (\`${metric}\`) is measured as a ${info.units.join(' or ')}, but \`${quantity.text}\` is a ${quantity.kind}.${fix ? ` Did you mean \`${fix}\`?` : ''}`, fix ? { suggestion: fix } : undefined);
      return undefined;
    }
    return { value: quantity, span, keySpan };
  }

  private handoff(fields: FieldValues, span: Span, index: number): Handoff {
    const handoff: Handoff = { span, index };
    handoff.from = this.reference(fields, 'from', 'touchpoint');
    handoff.to = this.reference(fields, 'to', 'touchpoint');
    for (const part of ['sla', 'wait'] as const) {
      const entry = fields.get(part);
      const spec = this.slaSpec(entry);
      if (!spec) continue;
      handoff[part === 'sla' ? 'slaSpec' : 'waitSpec'] = spec;
      // A single wall-clock duration is also kept in seconds, as every reader of a handoff compares it.
      const seconds = entry?.value ? parseDuration(String(scalarValue(entry.value) ?? '')) : undefined;
      if (entry?.value && seconds !== undefined) handoff[part] = { value: seconds, span: nodeSpan(entry.value, this.doc.text), keySpan: entry.keySpan };
    }
    const notifies = fields.get('notifies_customer');
    if (notifies?.value && typeof scalarValue(notifies.value) === 'boolean') {
      handoff.notifiesCustomer = { value: scalarValue(notifies.value) as boolean, span: nodeSpan(notifies.value, this.doc.text), keySpan: notifies.keySpan };
    }
    handoff.note = this.text(fields, 'note');
    return handoff;
  }

  private improvement(fields: FieldValues, span: Span, index: number): Improvement {
    const imp: Improvement = { span, index, for: [] };
    imp.id = this.define(fields, 'improvement');
    const targets = fields.get('for');
    if (targets) {
      imp.forKeySpan = targets.keySpan;
      imp.for = this.references(targets.value, 'touchpoint');
    }
    for (const part of ['experiment', 'outcome', 'signal', 'impact', 'effort', 'owner', 'status'] as const) {
      imp[part] = this.text(fields, part);
    }
    const signal = fields.get('signal');
    if (signal?.value && isMap(signal.value)) {
      imp.signalCheck = this.signalCheck(signal.value, signal.keySpan);
      imp.signal = { value: signalSentence(imp.signalCheck), span: imp.signalCheck.span, keySpan: signal.keySpan };
    }
    const due = fields.get('due');
    if (due?.value) {
      const day = parseIsoDate(scalarValue(due.value));
      if (day !== undefined) imp.due = { value: day, span: nodeSpan(due.value, this.doc.text), keySpan: due.keySpan };
    }
    return imp;
  }
}

/** A structured signal, "fcr at desk-verify reaches 80% by 2027-03-31", for the hypothesis sentence. */
function signalSentence(check: SignalCheck): string {
  const parts = [check.metric?.value ?? 'the metric'];
  if (check.at) parts.push(`at ${check.at.value}`);
  if (check.target) parts.push(`reaches ${check.target.value.text}`);
  if (check.by) parts.push(`by ${formatIsoDate(check.by.value)}`);
  return parts.join(' ');
}

/** A bare number written with the unit it most likely lacks: 64 -> 64%, 48 -> 48h, 4.2 -> 4.2/5. */
function withUnit(amount: number, unit: UnitKind): string | undefined {
  if (unit === 'percent' && amount >= 0 && amount <= 100) return `${amount}%`;
  if (unit === 'duration' && amount > 0) return `${amount}h`;
  if (unit === 'rating' && amount >= 0 && amount <= 5) return `${amount}/5`;
  return undefined;
}
