/**
 * A JourneyDiff as a reviewer reads it: a summary line, then a section per kind of change. One
 * description of each change, drawn two ways: plain text for a terminal, Markdown for a pull
 * request comment or `$GITHUB_STEP_SUMMARY` (every map-supplied string escaped there: a pain or a
 * name is text, never a link, a mention, HTML or a table cell break).
 */
import type { DiffFinding, HandoffSide, ImprovementSide, JourneyDiff, MetricSide, TouchpointRef } from './types';

/** A piece of a line: plain words of ours, an id, text from the map (quoted), or a finding's message (`code` spans kept). */
type Part = string | { id: string } | { quote: string } | { message: string };
type Line = Part[];

interface Section {
  title: string;
  lines: Line[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 touchpoints added, 1 metric changed, 1 error introduced", or "no changes in the map". */
export function diffSummary(diff: JourneyDiff): string {
  if (diff.status === 'added') return 'map added';
  if (diff.status === 'removed') return 'map removed';
  if (diff.unreadable.length) {
    const which = diff.unreadable.length === 2 ? 'neither version' : diff.unreadable[0] === 'after' ? 'the new version' : 'the old version';
    const errors = diff.findings.introduced.filter((f) => f.severity === 'error').length;
    return `${which === 'neither version' ? 'neither version can' : `${which} cannot`} be read as a journey map, so nothing was compared${errors ? ` (${plural(errors, 'error')} introduced)` : ''}`;
  }
  const t = diff.touchpoints;
  const lanes = diff.lanes.added.length + diff.lanes.removed.length + diff.lanes.renamed.length + diff.lanes.edited.length;
  const counts: [number, string, string][] = [
    [diff.header.length, 'map field changed', 'map fields changed'],
    [lanes, 'lane change', 'lane changes'],
    [diff.stages.added.length, 'stage added', 'stages added'],
    [diff.stages.removed.length, 'stage removed', 'stages removed'],
    [diff.stages.renamed.length + diff.stages.edited.length, 'stage renamed', 'stages renamed'],
    [t.added.length, 'touchpoint added', 'touchpoints added'],
    [t.removed.length, 'touchpoint removed', 'touchpoints removed'],
    [t.renamed.length, 'touchpoint renamed', 'touchpoints renamed'],
    [t.moved.length, 'touchpoint moved', 'touchpoints moved'],
    [t.edited.length, 'text edited', 'texts edited'],
    [diff.feels.length, 'feels changed', 'feels changed'],
    [diff.pains.length, 'touchpoint with pains changed', 'touchpoints with pains changed'],
    [diff.metrics.length, 'metric change', 'metric changes'],
    [diff.handoffs.length, 'handoff change', 'handoff changes'],
    [diff.improvements.length, 'improvement change', 'improvement changes'],
  ];
  const parts = counts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  const errors = diff.findings.introduced.filter((f) => f.severity === 'error').length;
  if (diff.findings.introduced.length) parts.push(`${plural(diff.findings.introduced.length, 'finding')} introduced${errors ? ` (${plural(errors, 'error')})` : ''}`);
  if (diff.findings.fixed.length) parts.push(`${plural(diff.findings.fixed.length, 'finding')} fixed`);
  return parts.length ? parts.join(', ') : 'no changes in the map';
}

/** The diff as plain text, `name` (the map's path) first. */
export function diffToText(diff: JourneyDiff, name: string): string {
  const out = [`${name}: ${diffSummary(diff)}`];
  for (const section of sections(diff)) {
    out.push(`  ${section.title}`);
    for (const line of section.lines) out.push(`    ${line.map(plainPart).join('')}`);
  }
  return out.join('\n') + '\n';
}

/** The diff as GitHub-flavoured Markdown: a heading per map, a summary, a section per kind, the curve as a table. */
export function diffToMarkdown(diff: JourneyDiff, name: string): string {
  const title = diff.title.after ?? diff.title.before;
  const out = [`### ${codeSpan(name)}${title ? ` · ${escapeMarkdown(title)}` : ''}`, '', `**${escapeMarkdown(diffSummary(diff))}**`, ''];
  for (const section of sections(diff)) {
    out.push(`#### ${section.title}`, '');
    for (const line of section.lines) out.push(`- ${line.map(markdownPart).join('')}`);
    out.push('');
  }
  const curve = diff.curve;
  if (diff.status === 'changed' && curve.some((p) => p.before !== p.after)) {
    out.push('#### Emotion curve (average feels of the customer lanes per stage)', '', '| Stage | Before | After |', '| --- | ---: | ---: |');
    for (const p of curve) out.push(`| ${escapeMarkdown(p.stage)} | ${feelsCell(p.before)} | ${feelsCell(p.after)} |`);
    out.push('');
  }
  return out.join('\n');
}

const feelsCell = (feels: number | undefined) => (feels === undefined ? '–' : signed(feels));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function plainPart(part: Part): string {
  if (typeof part === 'string') return part;
  if ('id' in part) return part.id;
  if ('message' in part) return oneLine(part.message).trim();
  return `"${oneLine(part.quote).trim()}"`;
}

function markdownPart(part: Part): string {
  if (typeof part === 'string') return escapeMarkdown(part);
  if ('id' in part) return codeSpan(part.id);
  if ('message' in part) return messageMarkdown(part.message);
  return `“${escapeMarkdown(part.quote.trim())}”`;
}

/** A finding's message: its `backticked` ids as code spans, the rest escaped. */
function messageMarkdown(message: string): string {
  return oneLine(message).trim().split('`').map((piece, i, all) => (i % 2 === 1 && i < all.length - 1 ? codeSpan(piece) : escapeMarkdown(i % 2 === 1 ? `\`${piece}` : piece))).join('');
}

/** Control characters and line breaks as single spaces: one line of text, whatever the map held. */
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ');

/**
 * Map text as inert Markdown: on one line, every ASCII punctuation character that could open
 * syntax backslash-escaped (links, emphasis, HTML, table cells, headings), `&` as an entity, and
 * `@` and `#` escaped so a pain never mentions a person or links an issue in a pull request.
 */
export function escapeMarkdown(s: string): string {
  return oneLine(s).replace(/&/g, '&amp;').replace(/[\\`*_[\]<>#|~@.:]/g, (c) => `\\${c}`);
}

/** An id in a code span, fenced with more backticks than it holds, on one line. */
function codeSpan(s: string): string {
  const flat = oneLine(s).trim();
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function sections(diff: JourneyDiff): Section[] {
  if (diff.status === 'added' || diff.status === 'removed') return wholeMapSections(diff);
  const all: Section[] = [
    { title: 'Map', lines: diff.header.map((h) => [`${h.field}: `, ...change(h.before, h.after)]) },
    { title: 'Lanes', lines: namedLines(diff.lanes) },
    { title: 'Stages', lines: namedLines(diff.stages) },
    { title: 'Touchpoints', lines: touchpointLines(diff) },
    { title: 'Feels', lines: diff.feels.map((f) => [{ id: f.touchpoint.id }, `: ${feelsWord(f.before)} → ${feelsWord(f.after)}`]) },
    { title: 'Pains', lines: painLines(diff) },
    { title: 'Metrics', lines: diff.metrics.map(metricLine) },
    { title: 'Handoffs', lines: diff.handoffs.map(handoffLine) },
    { title: 'Improvements', lines: diff.improvements.map(improvementLine) },
    { title: 'Findings introduced', lines: diff.findings.introduced.map(findingLine) },
    { title: 'Findings fixed', lines: diff.findings.fixed.map(findingLine) },
  ];
  return all.filter((s) => s.lines.length > 0);
}

/** A map added or removed is one line of what it holds (not a line per touchpoint), and the findings a new map brings. */
function wholeMapSections(diff: JourneyDiff): Section[] {
  const added = diff.status === 'added';
  const list = <T>(side: { added: T[]; removed: T[] }) => (added ? side.added : side.removed);
  const title = added ? diff.title.after : diff.title.before;
  const holds = [
    plural(list(diff.lanes).length, 'lane'), plural(list(diff.stages).length, 'stage'), plural(list(diff.touchpoints).length, 'touchpoint'),
    plural(diff.handoffs.length, 'handoff'), plural(diff.improvements.length, 'improvement'),
  ].join(', ');
  const map: Section = { title: 'Map', lines: [[...(title ? [{ quote: title }, ': '] : []), `${added ? 'holds' : 'held'} ${holds}`]] };
  return added && diff.findings.introduced.length ? [map, { title: 'Findings', lines: diff.findings.introduced.map(findingLine) }] : [map];
}

function change(before: string | undefined, after: string | undefined): Part[] {
  return [before === undefined ? 'none' : { quote: before }, ' → ', after === undefined ? 'none' : { quote: after }];
}

const feelsWord = (feels: number | undefined) => (feels === undefined ? 'none' : signed(feels));

/** Lane or stage changes: added, removed, a new id, a new name. */
function namedLines(section: JourneyDiff['lanes'] | JourneyDiff['stages']): Line[] {
  return [
    ...section.added.map((item): Line => ['added ', { id: item.id }, ...named(item.name)]),
    ...section.removed.map((item): Line => ['removed ', { id: item.id }, ...named(item.name)]),
    ...section.renamed.map((r): Line => ['renamed ', { id: r.from }, ' → ', { id: r.to }]),
    ...section.edited.map((e): Line => ['renamed ', { id: e.id }, ': ', ...change(e.before, e.after)]),
  ];
}

const named = (name: string | undefined): Part[] => (name ? [' ', { quote: name }] : []);

function where(tp: TouchpointRef): Part[] {
  return [` (lane `, { id: tp.lane ?? '?' }, ', stage ', { id: tp.stage ?? '?' }, ')'];
}

function touchpointLines(diff: JourneyDiff): Line[] {
  const t = diff.touchpoints;
  return [
    ...t.added.map((tp): Line => ['added ', { id: tp.id }, ...named(tp.name), ...where(tp)]),
    ...t.removed.map((tp): Line => ['removed ', { id: tp.id }, ...named(tp.name), ...where(tp)]),
    ...t.renamed.map((r): Line => ['renamed ', { id: r.from }, ' → ', { id: r.to }]),
    ...t.moved.map((m): Line => [
      'moved ', { id: m.touchpoint.id },
      ...(m.lane ? [': lane ', { id: m.lane.before ?? '?' }, ' → ', { id: m.lane.after ?? '?' }] : []),
      ...(m.stage ? [m.lane ? ', stage ' : ': stage ', { id: m.stage.before ?? '?' }, ' → ', { id: m.stage.after ?? '?' }] : []),
    ]),
    ...t.edited.map((e): Line => ['edited ', { id: e.touchpoint.id }, ` ${e.field}: `, ...change(e.before, e.after)]),
  ];
}

function painLines(diff: JourneyDiff): Line[] {
  return diff.pains.flatMap((p) => [
    ...p.added.map((pain): Line => ['added at ', { id: p.touchpoint.id }, ': ', { quote: pain }]),
    ...p.removed.map((pain): Line => ['removed at ', { id: p.touchpoint.id }, ': ', { quote: pain }]),
  ]);
}

/** "fcr at desk-verify: 62% (misses) → 81% (meets), target 80%, computed n=412". */
function metricLine(m: JourneyDiff['metrics'][number]): Line {
  const head: Line = [{ id: m.metric }, ' at ', { id: m.touchpoint.id }];
  if (m.change === 'added') return ['added ', ...head, ': ', metricFigures(m.after!)];
  if (m.change === 'removed') return ['removed ', ...head, ': ', metricFigures(m.before!)];
  return [...head, ': ', metricFigures(m.before!), ' → ', metricFigures(m.after!)];
}

function metricFigures(side: MetricSide): string {
  const value = side.value ?? 'no value';
  const target = side.target ? `, target ${side.target}` : '';
  const computed = side.computed ? `, computed n=${side.computed.n}` : '';
  return `${value}${target} (${side.status}${computed})`;
}

function handoffLine(h: JourneyDiff['handoffs'][number]): Line {
  const ends: Line = [{ id: h.from }, ' → ', { id: h.to }];
  if (h.change === 'added') return ['added ', ...ends, `: ${handoffFigures(h.after!)}`];
  if (h.change === 'removed') return ['removed ', ...ends, `: ${handoffFigures(h.before!)}`];
  return [...ends, `: ${handoffFigures(h.before!)} → ${handoffFigures(h.after!)}`];
}

function handoffFigures(side: HandoffSide): string {
  return [`SLA ${side.sla ?? 'none'}`, `wait ${side.wait ?? 'none'}`, side.notifiesCustomer ? 'customer notified' : 'silent'].join(', ');
}

function improvementLine(i: JourneyDiff['improvements'][number]): Line {
  if (i.change === 'added') return ['added ', { id: i.id }, ...improvementFigures(i.after!)];
  if (i.change === 'removed') return ['removed ', { id: i.id }, ...improvementFigures(i.before!)];
  const details = i.fields.map((field) => {
    if (field === 'status' || field === 'owner' || field === 'due') return `${field} ${i.before![field] ?? 'none'} → ${i.after![field] ?? 'none'}`;
    if (field === 'for') return `for ${i.before!.for.join(', ') || 'none'} → ${i.after!.for.join(', ') || 'none'}`;
    if (field === 'signal') return `signal ${signalWords(i.before!.signal)} → ${signalWords(i.after!.signal)}`;
    return field === 'id' ? 'id changed' : 'hypothesis reworded';
  });
  return [{ id: i.id }, ': ', { quote: details.join('; ') }];
}

const SIGNAL_STATES = { met: 'met', 'not-yet': 'not yet met', missed: 'missed', unknown: 'not known' } as const;

/** "not yet met (64%)", "met (82%, n 311)". */
function signalWords(signal: ImprovementSide['signal']): string {
  if (!signal) return 'none';
  const figure = signal.value === undefined ? '' : ` (${signal.value}${signal.n !== undefined ? `, n ${signal.n}` : ''})`;
  return `${SIGNAL_STATES[signal.state]}${figure}`;
}

function improvementFigures(side: ImprovementSide): Part[] {
  const facts = [side.status && `status ${side.status}`, side.owner && `owner ${side.owner}`, side.due && `due ${side.due}`].filter(Boolean);
  return facts.length ? [': ', { quote: facts.join(', ') }] : [];
}

function findingLine(f: DiffFinding): Line {
  return [`${f.severity} `, { id: f.code }, ': ', { message: f.message }, ` (line ${f.line + 1})`];
}
