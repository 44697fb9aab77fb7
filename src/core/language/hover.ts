/**
 * Hovers, as Markdown. Every string from the file is escaped: hovers are rendered untrusted, and
 * a map's text must never turn into links, images or commands.
 */
import type { Hover, Position, Today } from '../base';
import { describeSignal, evaluateMetric, evaluateSignal, shownValue, type MetricEvaluation } from '../evidence';
import {
  describeFeels, formatIsoDate, formatPeriod, hypothesis, metricInfo, NO_DIRECTION_HINT, SHAPES,
  type Improvement, type Lane, type Metric, type RefKind, type Source, type Span, type Stage, type Touchpoint,
} from '../format';
import { definitionAt, improvementAt, keyAt, metricAt, referenceAt, touchpointAt, within, type JourneyDocument } from '../parse';

export interface HoverOptions {
  today: Today;
}

export function doHover(doc: JourneyDocument, position: Position, options: HoverOptions): Hover | undefined {
  const offset = doc.lines.offsetAt(position);
  const today = options.today.day;
  const hover = (contents: string, span: Span): Hover => ({ contents, range: doc.lines.range(span[0], span[1]) });

  const definition = definitionAt(doc, offset);
  if (definition) {
    const content = itemHover(doc, definition.kind, definition.name, today);
    if (content) return hover(content, definition.span);
  }
  const reference = referenceAt(doc, offset);
  if (reference) {
    const inBaseline = doc.map.baseline && reference.kind === 'touchpoint' && doc.map.improvements.some((imp) => imp.for.some((f) => f.span === reference.span));
    const content = itemHover(doc, reference.kind, reference.name, today)
      ?? (inBaseline
        ? `No touchpoint of this map has the id \`${code(reference.name)}\`. A future map's \`for:\` may name the touchpoints of its baseline, \`${code(doc.map.baseline!.value)}\` (validation checks that it has this one).`
        : `No ${reference.kind} has the id \`${code(reference.name)}\`.`);
    return hover(content, reference.span);
  }
  const tp = touchpointAt(doc, offset);
  const metric = metricAt(tp, offset);
  if (metric) return hover(metricHover(doc, metric, today), within(metric.name.span, offset) ? metric.name.span : metric.span);
  if (tp?.feels && (within(tp.feels.span, offset) || (tp.feels.keySpan && within(tp.feels.keySpan, offset)))) {
    return hover(feelsHover(tp.feels.value), tp.feels.keySpan ? [tp.feels.keySpan[0], tp.feels.span[1]] : tp.feels.span);
  }
  const key = keyAt(doc, offset);
  if (key) {
    if (key.shape === 'touchpoint' && key.field === 'feels') return hover(feelsHover(undefined), key.span);
    const improvement = key.shape === 'improvement' || key.shape === 'signal' ? improvementAt(doc, offset) : undefined;
    const field = SHAPES[key.shape].fields[key.field];
    let content = `**${key.field}** (${key.shape === 'map' ? 'journey map' : key.shape})\n\n${field.description}`;
    if (improvement) content += `\n\n---\n\n${hypothesisSentence(improvement)}`;
    const signal = improvement && (key.field === 'signal' || key.shape === 'signal') ? signalLine(doc, improvement, today) : undefined;
    if (signal) content += `\n\n${signal}`;
    return hover(content, key.span);
  }
  return undefined;
}

function itemHover(doc: JourneyDocument, kind: RefKind, name: string, today: number): string | undefined {
  const map = doc.map;
  const byId = <T extends { id?: { value: string } }>(items: readonly T[]): T | undefined => items.find((item) => item.id?.value === name);
  switch (kind) {
    case 'touchpoint': { const tp = byId(map.touchpoints); return tp && touchpointCard(doc, tp); }
    case 'lane': { const lane = byId(map.lanes); return lane && laneCard(doc, lane); }
    case 'stage': { const stage = byId(map.stages); return stage && stageCard(stage); }
    case 'source': { const source = byId(map.sources); return source && sourceCard(source, today); }
    case 'improvement': { const imp = byId(map.improvements); return imp && improvementCard(doc, imp, today); }
  }
}

function touchpointCard(doc: JourneyDocument, tp: Touchpoint): string {
  const lane = doc.map.lanes.find((l) => l.id?.value === tp.lane?.value);
  const parts: string[] = [];
  parts.push(`### ${text(tp.name?.value ?? tp.id?.value ?? 'Touchpoint')}${tp.id ? ` \`${code(tp.id.value)}\`` : ''}`);
  const facts = [
    `**Stage:** ${text(stageName(tp.stage))}`,
    `**Lane:** ${text(lane?.name?.value ?? tp.lane?.value ?? '?')}${lane?.kind ? ` (${lane.kind.value})` : ''}`,
  ];
  if (tp.channel) facts.push(`**Channel:** ${text(tp.channel.value)}`);
  if (lane?.team) facts.push(`**Team:** ${text(lane.team.value)}`);
  parts.push(facts.join(' · '));
  if (tp.feels) parts.push(`**Feels:** ${signed(tp.feels.value)} (${describeFeels(tp.feels.value)})`);
  if (tp.does) parts.push(`**Does:** ${text(tp.does.value)}`);
  if (tp.thinks) parts.push(`**Thinks:** “${text(tp.thinks.value)}”`);
  if (tp.metrics.length) parts.push(metricsTable(tp.metrics));
  if (tp.pains.length) parts.push(`**Pains:**\n${tp.pains.map((p) => `- ${text(p.value)}`).join('\n')}`);
  if (tp.runbook) parts.push(`**Runbook:** \`${code(tp.runbook.value)}\``);
  const targeting = doc.map.improvements.filter((imp) => imp.for.some((f) => f.value === tp.id?.value));
  if (targeting.length) parts.push(`**Improvements:** ${targeting.map((imp) => `\`${code(imp.id?.value ?? '?')}\``).join(', ')}`);
  return parts.join('\n\n');
}

function metricsTable(metrics: Metric[]): string {
  const rows = metrics.map((m) => {
    const evaluation = evaluateMetric(m);
    // The computed figure when there is one, as the metric's own hover and `journeymap metrics` show it.
    const value = shownValue(m);
    const shown = value ? `${text(value.text)}${m.computed?.value ? ` (computed, n ${m.computed.n})` : ''}` : m.computed?.problem ? 'not computed' : '-';
    return `| ${text(metricInfo(m.name.value)?.fullName ?? m.name.value)} | ${shown} | ${text(m.target?.value.text ?? '-')} | ${statusText(evaluation)} |`;
  });
  return ['| Metric | Value | Target | Status |', '|---|---|---|---|', ...rows].join('\n');
}

function metricHover(doc: JourneyDocument, metric: Metric, today: number): string {
  const info = metricInfo(metric.name.value);
  const evaluation = evaluateMetric(metric);
  const parts: string[] = [];
  parts.push(info ? `**${info.fullName}** (\`${code(metric.name.value)}\`)\n\n${info.definition}` : `**${text(metric.name.value)}** (not in the metric catalogue)`);
  const shown = metric.computed?.value ?? metric.value?.value;
  if (shown) {
    let line = `**${metric.computed?.value ? 'Computed' : 'Value'}:** ${text(shown.text)}`;
    if (metric.target) line += ` · **Target:** ${text(metric.target.value.text)}`;
    line += ` · ${statusText(evaluation)}`;
    parts.push(line);
  } else {
    parts.push(metric.from ? 'Not computed yet: the export is read when the map is validated.' : 'No value yet.');
  }
  if (metric.from) {
    const source = doc.map.sources.find((s) => s.id?.value === metric.from!.value);
    const computed = metric.computed;
    if (computed?.problem) {
      parts.push(`**Could not compute from \`${code(metric.from.value)}\`:** ${text(computed.problem)}`);
    } else if (computed?.value) {
      const filter = metric.where ? ` where ${Object.entries(metric.where.value).map(([k, v]) => `${text(k)} is ${v.map(text).join(' or ')}`).join(' and ')}` : '';
      const exp = source?.export;
      const covered = exp?.oldest !== undefined && exp.newest !== undefined ? `, ${formatPeriod({ start: exp.oldest, end: exp.newest })}` : '';
      const exportAge = exp?.newest !== undefined ? ` · **Export age:** newest row ${age(today - exp.newest)}` : '';
      parts.push(`**Sample:** n = ${computed.n.toLocaleString('en-US')} tickets${filter} from \`${code(metric.from.value)}\`${source?.path ? ` (\`${code(source.path.value)}\`${covered})` : ''}${exportAge}`);
      if (computed.clock) parts.push(`**Clock:** ${text(computed.clock)}`);
      if (metric.value) parts.push(`**Typed value:** ${text(metric.value.value.text)}`);
    }
  }
  const direction = evaluation.better;
  if (direction) parts.push(`${direction === 'higher' ? 'Higher' : 'Lower'} is better.`);
  const source = metric.source && doc.map.sources.find((s) => s.id?.value === metric.source!.value);
  const evidence: string[] = [];
  if (metric.source) evidence.push(`**Source:** \`${code(metric.source.value)}\`${source?.kind ? ` (${text(source.kind.value)}${source.period ? `, ${formatPeriod(source.period.value)}` : ''})` : ''}`);
  if (metric.asOf) evidence.push(`**Measured:** ${formatIsoDate(metric.asOf.value)} (${age(today - metric.asOf.value)})`);
  else if (source?.period) evidence.push(`**Evidence ends:** ${formatIsoDate(source.period.value.end)} (${age(today - source.period.value.end)})`);
  if (evidence.length) parts.push(evidence.join(' · '));
  if (metric.note) parts.push(text(metric.note.value));
  if (info) parts.push(`_Reveals:_ ${info.reveals}`);
  return parts.join('\n\n');
}

function statusText(evaluation: MetricEvaluation): string {
  switch (evaluation.status) {
    case 'meets':
      return '✅ meets target';
    case 'misses':
      return `❌ misses target by ${evaluation.gap}`;
    case 'no-target':
      return '➖ no target';
    case 'no-direction':
      return `➖ direction unknown: ${NO_DIRECTION_HINT}`;
    default:
      return '➖ no value';
  }
}

function laneCard(doc: JourneyDocument, lane: Lane): string {
  const count = doc.map.touchpoints.filter((tp) => tp.lane?.value === lane.id?.value).length;
  const visibility = lane.kind?.value === 'backstage' || lane.kind?.value === 'system' ? 'behind the line of visibility' : 'visible to the customer';
  return [
    `### ${text(lane.name?.value ?? lane.id?.value ?? 'Lane')} \`${code(lane.id?.value ?? '')}\``,
    `**Kind:** ${lane.kind?.value ?? '?'} (${visibility})${lane.team ? ` · **Team:** ${text(lane.team.value)}` : ''}`,
    `${count} touchpoint${count === 1 ? '' : 's'}`,
  ].join('\n\n');
}

function stageCard(stage: Stage): string {
  return `### ${text(stageName(stage))}\n\n${stage.touchpoints.length} touchpoints`;
}

function sourceCard(source: Source, today: number): string {
  const parts = [`### Source \`${code(source.id?.value ?? '')}\``, `**Kind:** ${text(source.kind?.value ?? '?')}${source.kind?.value === 'assumption' ? ' (not yet validated with real data)' : ''}`];
  if (source.period) parts.push(`**Period:** ${formatPeriod(source.period.value)} (ended ${age(today - source.period.value.end)})`);
  if (source.path) parts.push(`**Data:** \`${code(source.path.value)}\``);
  return parts.join('\n\n');
}

function improvementCard(doc: JourneyDocument, imp: Improvement, today: number): string {
  const parts = [`### Improvement \`${code(imp.id?.value ?? '')}\``, hypothesisSentence(imp)];
  const signal = signalLine(doc, imp, today);
  if (signal) parts.push(signal);
  const facts: string[] = [];
  if (imp.impact) facts.push(`**Impact:** ${text(imp.impact.value)}`);
  if (imp.effort) facts.push(`**Effort:** ${text(imp.effort.value)}`);
  if (imp.owner) facts.push(`**Owner:** ${text(imp.owner.value)}`);
  if (imp.due) facts.push(`**Due:** ${formatIsoDate(imp.due.value)}`);
  if (imp.status) facts.push(`**Status:** ${text(imp.status.value)}`);
  if (facts.length) parts.push(facts.join(' · '));
  if (imp.for.length) parts.push(`**For:** ${imp.for.map((f) => `\`${code(f.value)}\``).join(', ')}`);
  return parts.join('\n\n');
}

const SIGNAL_MARKS = { met: '✅', 'not-yet': '⏳', missed: '❌', unknown: '➖' } as const;

/** A structured signal against its target: met, not yet met, or missed after `by`, with the figure and n. */
function signalLine(doc: JourneyDocument, imp: Improvement, today: number): string | undefined {
  const evaluation = evaluateSignal(imp, doc.map, today);
  return evaluation && `**Signal:** ${SIGNAL_MARKS[evaluation.state]} ${text(describeSignal(evaluation))}`;
}

export function hypothesisSentence(imp: Improvement): string {
  return hypothesis(imp.experiment?.value, imp.outcome?.value, imp.signal?.value, (part, missing) => (part ? `**${text(part)}**` : `_[${missing}]_`));
}

function feelsHover(value: number | undefined): string {
  const rows = [3, 2, 1, 0, -1, -2, -3].map((n) => `| ${signed(n)} | ${describeFeels(n)} |${n === value ? ' ◀' : ''}`);
  return ['**feels**: how the persona feels at this touchpoint, from -3 to +3. The preview plots it as the emotion curve.', '', '| Score | Meaning |', '|---|---|', ...rows].join('\n');
}

function stageName(stage: Stage): string {
  return stage.name?.value ?? stage.id?.value ?? `Stage ${stage.index + 1}`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function age(days: number): string {
  if (days < 0) return `in ${-days} days`;
  if (days === 0) return 'today';
  if (days < 60) return `${days} day${days === 1 ? '' : 's'} ago`;
  return `${Math.round(days / 30.4)} months ago`;
}

/** Escapes Markdown so file text renders as text: no links, images, HTML or emphasis. */
export function text(s: string): string {
  return s
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]()#|!~]/g, (c) => `\\${c}`)
    .replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'))
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, '$1\\:') // bare URLs would be autolinked
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2') // a leading list marker would start a list
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/** Text for inside a code span: backticks cannot be escaped there, so they are replaced. */
function code(s: string): string {
  return s.replace(/`/g, "'").replace(/\r?\n/g, ' ');
}
