/**
 * A map's page in the report: what it is about, its diagram (the SVG `journeymap render` draws,
 * inline, with a text alternative), its metrics with computed values and their n, its
 * improvements as hypotheses, and its findings with their lines (linked to the repository when
 * the report knows its URL). A file that cannot be read as a map gets a page saying why.
 */
import { describeFeels, metricInfo, type Diagnostic, type JourneyDocument, type JourneyMap } from '../../core';
import { hypothesis } from '../../core/diagram';
import { metricRows, signalRow } from '../metrics';
import { esc, page, plural } from './html';
import { footer, improvementAnchor, type Entry, type SiteContext } from './site';

/** The diagram in one or both themes, or why there is none. */
export type Figure = { svgs: { theme: 'light' | 'dark'; svg: string }[] } | { reasons: string[] };

export interface MapPageInput {
  entry: Entry;
  doc: JourneyDocument;
  diagnostics: readonly Diagnostic[];
  figure: Figure;
  /** Today, in days since the epoch (signals are judged on it). */
  today: number;
  /** The map's file in the repository, at a line (1-based) when given; undefined without --repo-url. */
  fileUrl?: (line?: number) => string;
}

/**
 * The same picture twice on one page needs its own ids: the dark copy's fixed ids (`jm-title`, the
 * arrow markers) get a prefix. Only the renderer's own attributes are rewritten: map text in the
 * SVG is escaped, so `="` and `id="jm-` never come from a map.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/ id="jm-/g, ` id="${prefix}jm-`)
    .replace(/="url\(#jm-/g, `="url(#${prefix}jm-`)
    .replace(/ aria-labelledby="jm-/g, ` aria-labelledby="${prefix}jm-`);
}

function metaList(input: MapPageInput): string {
  const s = input.entry.summary;
  const file = input.fileUrl ? `<a href="${esc(input.fileUrl())}">${esc(s.map)}<span class="visually-hidden"> in the repository</span></a>` : esc(s.map);
  const rows: [string, string | undefined][] = [
    ['Persona', s.persona && esc(s.persona)], ['Scenario', s.scenario && esc(s.scenario)], ['Owner', s.owner && esc(s.owner)],
    ['Review', s.unreadable ? undefined : `<span class="${s.review.status}">${esc(s.review.text)}</span>${s.review.last ? ` (last ${esc(s.review.last)})` : ''}`],
    ['State', s.state && esc(s.state)], ['File', file],
  ];
  return `<dl class="meta">${rows.filter(([, v]) => v).map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}

/** The stages and their touchpoints as text: what the picture shows, for screen readers and search. */
function diagramAsText(map: JourneyMap): string {
  const laneName = new Map(map.lanes.map((l) => [l.id?.value, l.name?.value ?? l.id?.value]));
  const stages = map.stages.map((st) => {
    const items = st.touchpoints.map((tp) => {
      const lane = tp.lane ? laneName.get(tp.lane.value) ?? tp.lane.value : undefined;
      const feels = tp.feels ? `; feels ${describeFeels(tp.feels.value)}` : '';
      const pains = tp.pains.length ? `; pains: ${tp.pains.map((p) => p.value).join('; ')}` : '';
      return `<li>${esc(tp.name?.value ?? tp.id?.value ?? '?')}${lane ? ` (${esc(lane)})` : ''}${esc(feels)}${esc(pains)}</li>`;
    }).join('');
    return `<li>${esc(st.name?.value ?? st.id?.value ?? `Stage ${st.index + 1}`)}${items ? `<ul>${items}</ul>` : ''}</li>`;
  }).join('\n');
  return `<details><summary>The diagram as text: touchpoints by stage</summary><ol class="stages">${stages}</ol></details>`;
}

function figureSection(input: MapPageInput): string {
  const { figure, doc } = input;
  if ('reasons' in figure) {
    return `<h2 id="diagram">Diagram</h2><p class="notice">The diagram cannot be drawn: ${figure.reasons.map(esc).join('; ')}.</p>`;
  }
  const m = doc.map;
  const pictures = figure.svgs.map(({ theme, svg }) => {
    const hide = figure.svgs.length > 1 ? ` diagram-${theme}` : '';
    return `<div class="diagram${hide}" role="region" aria-label="Diagram (${theme} colours); scrolls" tabindex="0">${svg}</div>`;
  }).join('\n');
  const caption = `The swimlane diagram: ${plural(m.touchpoints.length, 'touchpoint')} in ${plural(m.stages.length, 'stage')} across ${plural(m.lanes.length, 'lane')}, as <code>journeymap render</code> draws it. The metrics, improvements and findings below say the same in text.`;
  return `<h2 id="diagram">Diagram</h2>
<figure>
${pictures}
<figcaption>${caption}</figcaption>
</figure>
${diagramAsText(m)}`;
}

function metricsSection(map: JourneyMap): string {
  const rows = metricRows(map);
  if (!rows.length) return '<h2 id="metrics">Metrics</h2><p>This map has no metrics.</p>';
  const body = rows.map((r) => {
    const name = metricInfo(r.metric) ? esc(r.metric) : `${esc(r.metric)} <span class="muted">(custom)</span>`;
    const value = r.value === null ? '<span class="muted">none</span>' : `${esc(r.value)}${r.computed ? ' <span class="muted">(computed)</span>' : ''}`;
    const status = `<span class="${esc(r.status.split(' ')[0])}">${esc(r.status)}</span>`;
    const n = r.n === null ? '' : r.n.toLocaleString('en-US');
    return `<tr><th scope="row">${esc(r.touchpoint)}</th><td>${name}</td><td>${value}</td><td>${r.target === null ? '<span class="muted">none</span>' : esc(r.target)}</td><td>${status}</td><td>${r.source === null ? '<span class="muted">none</span>' : esc(r.source)}</td><td class="num">${n}</td></tr>`;
  }).join('\n');
  return `<h2 id="metrics">Metrics</h2>
<div class="table-wrap" role="region" aria-labelledby="metrics-caption" tabindex="0">
<table>
<caption id="metrics-caption">Every metric with its status against its target <span class="muted">(computed: from a ticket export; n: the tickets it counted)</span></caption>
<thead><tr><th scope="col">Touchpoint</th><th scope="col">Metric</th><th scope="col">Value</th><th scope="col">Target</th><th scope="col">Status</th><th scope="col">Source</th><th scope="col" class="num">n</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}

function improvementsSection(input: MapPageInput): string {
  const map = input.doc.map;
  const summaries = input.entry.summary.improvements;
  if (!map.improvements.length) return '<h2 id="improvements">Improvements</h2><p>This map has no improvements.</p>';
  const body = map.improvements.map((imp, i) => {
    const s = summaries[i];
    const signal = signalRow(imp, map, input.today);
    const signalText = signal ? `<span class="${signal.state}">${esc(signal.status)}</span>` : '<span class="muted">no structured signal</span>';
    const due = s.due ? `${esc(s.due)}${s.overdue ? `<br><span class="overdue">${plural(s.daysLate ?? 0, 'day')} late</span>` : ''}` : '<span class="muted">none</span>';
    const sentence = hypothesis(imp.experiment?.value, imp.outcome?.value, imp.signal?.value);
    const forWhat = s.for.length ? `<br><span class="muted">For: ${s.for.map(esc).join(', ')}</span>` : '';
    return `<tr id="${improvementAnchor(s.line)}"><th scope="row">${esc(s.id)}</th><td class="hypothesis">${esc(sentence)}${forWhat}</td><td class="nowrap">${esc(s.status)}</td><td>${s.owner ? esc(s.owner) : '<span class="muted">none</span>'}</td><td class="nowrap">${due}</td><td>${signalText}</td></tr>`;
  }).join('\n');
  return `<h2 id="improvements">Improvements</h2>
<div class="table-wrap" role="region" aria-labelledby="improvements-caption" tabindex="0">
<table>
<caption id="improvements-caption">Every improvement as a hypothesis, with its status and signal</caption>
<thead><tr><th scope="col">Improvement</th><th scope="col">Hypothesis</th><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Signal</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}

/** Messages quote ids and values in backticks: shown as code (the text is escaped first, so only the tags are added). */
function withCode(escaped: string): string {
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>');
}

function findingsSection(input: MapPageInput): string {
  const sorted = [...input.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  if (!sorted.length) return '<h2 id="findings">Findings</h2><p>No findings: the map passes every rule.</p>';
  const body = sorted.map((d) => {
    const line = d.range.start.line + 1;
    const where = input.fileUrl ? `<a href="${esc(input.fileUrl(line))}">Line ${line}<span class="visually-hidden"> of ${esc(input.entry.summary.map)} in the repository</span></a>` : `Line ${line}`;
    return `<tr><td class="num" data-sort="${line}">${where}</td><td><span class="${d.severity}">${d.severity}</span></td><td>${withCode(esc(d.message))}</td><td><code>${esc(d.code)}</code></td></tr>`;
  }).join('\n');
  const f = input.entry.summary.findings;
  return `<h2 id="findings">Findings</h2>
<div class="table-wrap" role="region" aria-labelledby="findings-caption" tabindex="0">
<table>
<caption id="findings-caption">${plural(f.errors, 'error')}, ${plural(f.warnings, 'warning')}, ${f.infos} info, by line</caption>
<thead><tr><th scope="col" class="num">Line</th><th scope="col">Severity</th><th scope="col">Message</th><th scope="col">Rule</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}

export function mapPage(ctx: SiteContext, input: MapPageInput): string {
  const s = input.entry.summary;
  const fileName = s.map.slice(s.map.lastIndexOf('/') + 1);
  const title = s.unreadable ? fileName : s.title ?? fileName;
  const parts = [`<h1>${esc(title)}</h1>`, metaList(input)];
  if (s.unreadable) {
    parts.push('<p class="notice">This file cannot be read as a journey map: nothing in it was drawn or measured. The findings say why.</p>', findingsSection(input));
  } else {
    parts.push(figureSection(input), metricsSection(input.doc.map), improvementsSection(input), findingsSection(input));
  }
  return page({ title, site: ctx.site, up: '../', current: 'map', footer: footer(ctx, `${esc(s.map)}.`) }, ctx.assets, parts.join('\n'));
}
