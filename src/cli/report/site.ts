/**
 * The report's two overview pages, built from the portfolio room's summaries only (never from a
 * map's document, so a run over 2,000 maps keeps just these): the index, one row per map with a
 * summary line and the owners, and the improvements board across maps.
 */
import { groupMaps, improvementBoard, type ImprovementSummary, type MapSummary } from '../../core';
import { esc, page, plural, type Assets } from './html';

/** A map as the overview pages know it: its summary and where its page is. */
export interface Entry {
  /** `summary.map` is the map's path relative to the report's root ('/'-separated). */
  summary: MapSummary;
  /** The map page's path in the report folder: `maps/<slug>.html`. */
  page: string;
}

/** What every page of one run shares. */
export interface SiteContext {
  site: string;
  /** The date review status and due dates were judged on (YYYY-MM-DD). */
  today: string;
  assets: Assets;
}

/** The summary sentence: maps, reviews, findings, misses and improvements across the report. */
export function summaryLine(entries: readonly Entry[]): string {
  const s = entries.map((e) => e.summary);
  const count = (f: (m: MapSummary) => number) => s.reduce((total, m) => total + f(m), 0);
  const overdueReview = s.filter((m) => m.review.status === 'overdue').length;
  const dueSoon = s.filter((m) => m.review.status === 'due-soon').length;
  const unreadable = s.filter((m) => m.unreadable).length;
  const withErrors = s.filter((m) => m.findings.errors > 0).length;
  const lateImprovements = count((m) => m.improvements.filter((i) => i.overdue).length);
  const parts = [
    plural(s.length, 'map'),
    `${overdueReview.toLocaleString('en-US')} overdue for review`,
    `${dueSoon.toLocaleString('en-US')} due for review within 14 days`,
    `${plural(count((m) => m.findings.errors), 'error')} in ${plural(withErrors, 'map')}`,
    plural(count((m) => m.findings.warnings), 'warning'),
    `${plural(count((m) => m.misses.length), 'metric')} missing ${count((m) => m.misses.length) === 1 ? 'its target' : 'their targets'}`,
    `${plural(count((m) => m.openImprovements), 'open improvement')} (${lateImprovements.toLocaleString('en-US')} overdue)`,
  ];
  if (unreadable) parts.push(`${plural(unreadable, 'map')} cannot be read`);
  return `${parts.join(', ')}.`;
}

function findingsText(f: MapSummary['findings']): string {
  const parts = [f.errors && plural(f.errors, 'error'), f.warnings && plural(f.warnings, 'warning'), f.infos && `${f.infos} info`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

function findingsCell(f: MapSummary['findings']): string {
  const cls = f.errors ? ' class="error"' : f.warnings ? ' class="warning"' : '';
  return `<td data-sort="${f.errors * 1e6 + f.warnings * 1e3 + f.infos}"><span${cls}>${findingsText(f)}</span></td>`;
}

function reviewCell(m: MapSummary): string {
  const sort = m.review.daysLeft ?? 1e9;
  const last = m.review.last ? `<br><span class="muted">last ${esc(m.review.last)}</span>` : '';
  return `<td class="nowrap" data-sort="${sort}"><span class="${m.review.status}">${esc(m.review.text)}</span>${last}</td>`;
}

function missesCell(m: MapSummary): string {
  if (!m.misses.length) return `<td data-sort="0">${m.judged ? `none of ${m.judged}` : '<span class="muted">no targets</span>'}</td>`;
  const w = m.misses[0];
  const worst = `worst: ${esc(w.metric)} at ${esc(w.touchpoint)}, ${esc(w.value)} against ${esc(w.target)} (misses by ${esc(w.gap)})`;
  return `<td data-sort="${m.misses.length}"><span class="misses">${m.misses.length} of ${m.judged}</span><br>${worst}</td>`;
}

function improvementsCell(m: MapSummary): string {
  const late = m.improvements.filter((i) => i.overdue).length;
  return `<td class="num" data-sort="${m.openImprovements}">${m.openImprovements}${late ? `<br><span class="overdue">${late} overdue</span>` : ''}</td>`;
}

const orNone = (text: string | undefined) => (text ? esc(text) : '<span class="muted">none</span>');

function mapRow(e: Entry): string {
  const m = e.summary;
  const name = m.unreadable ? `${esc(fileName(m.map))} <span class="error">(cannot be read)</span>` : esc(m.title ?? fileName(m.map));
  const title = `<th scope="row" data-sort="${esc((m.title ?? m.map).toLowerCase())}"><a href="${e.page}">${name}</a><br><span class="path">${esc(m.map)}</span></th>`;
  return `<tr>${title}<td>${orNone(m.persona)}</td><td>${orNone(m.owner)}</td>${reviewCell(m)}${findingsCell(m.findings)}${missesCell(m)}${improvementsCell(m)}</tr>`;
}

function fileName(map: string): string {
  return map.slice(map.lastIndexOf('/') + 1);
}

/** The maps table, needing attention first (review overdue, due soon, no date, reviewed). */
function mapsTable(entries: readonly Entry[]): string {
  const byReview = groupMaps(entries.map((e) => e.summary), 'review').flatMap((g) => g.maps);
  const entryOf = new Map(entries.map((e) => [e.summary, e]));
  const rows = byReview.map((m) => mapRow(entryOf.get(m)!)).join('\n');
  return `<div class="table-wrap" role="region" aria-labelledby="maps-caption" tabindex="0">
<table data-sortable>
<caption id="maps-caption">Every map <span class="muted">(review overdue first, then due soon, no review date, reviewed)</span><span class="sort-hint muted" hidden>. Column headings sort the table.</span></caption>
<thead><tr><th scope="col">Map</th><th scope="col">Persona</th><th scope="col">Owner</th><th scope="col">Review</th><th scope="col">Findings</th><th scope="col">Metrics missing targets</th><th scope="col" class="num">Open improvements</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
<p id="sort-status" class="visually-hidden" aria-live="polite"></p>`;
}

/** Per owner: how many maps, and how they stand. */
function ownersTable(entries: readonly Entry[]): string {
  const groups = groupMaps(entries.map((e) => e.summary), 'owner');
  const rows = groups.map((g) => {
    const n = (f: (m: MapSummary) => number) => g.maps.reduce((t, m) => t + f(m), 0);
    const owner = g.key ? esc(g.label) : `<span class="muted">${esc(g.label)}</span>`;
    return `<tr><th scope="row">${owner}</th><td class="num">${g.maps.length}</td><td class="num">${n((m) => Number(m.review.status === 'overdue'))}</td>`
      + `<td class="num">${n((m) => m.findings.errors)}</td><td class="num">${n((m) => m.misses.length)}</td><td class="num">${n((m) => m.openImprovements)}</td></tr>`;
  }).join('\n');
  return `<h2 id="owners">Owners</h2>
<div class="table-wrap" role="region" aria-labelledby="owners-caption" tabindex="0">
<table>
<caption id="owners-caption">Maps per owner</caption>
<thead><tr><th scope="col">Owner</th><th scope="col" class="num">Maps</th><th scope="col" class="num">Review overdue</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Metrics missing targets</th><th scope="col" class="num">Open improvements</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

export function footer(ctx: SiteContext, what: string): string {
  return `${what} Generated by <code>journeymap report</code>; review status and due dates as of ${esc(ctx.today)}.`;
}

export function indexPage(ctx: SiteContext, entries: readonly Entry[]): string {
  const main = `<h1>${esc(ctx.site)}</h1>
<p class="summary">${summaryLine(entries)}</p>
${mapsTable(entries)}
${ownersTable(entries)}`;
  return page({ title: 'All maps', site: ctx.site, up: '', current: 'index', withScript: true, footer: footer(ctx, plural(entries.length, 'map') + '.') }, ctx.assets, main);
}

// ---- the improvements board ---------------------------------------------------------------------

const STATUS_TITLES: Record<string, string> = { 'in-progress': 'In progress', planned: 'Planned', idea: 'Ideas', done: 'Done', dropped: 'Dropped' };

/** The board's sections: overdue first, then one per status in the board's order. */
function boardSections(board: readonly ImprovementSummary[]): { key: string; title: string; items: ImprovementSummary[] }[] {
  const sections = new Map<string, { key: string; title: string; items: ImprovementSummary[] }>();
  for (const item of board) {
    const key = item.overdue ? 'overdue' : item.status;
    let section = sections.get(key);
    if (!section) sections.set(key, section = { key, title: key === 'overdue' ? 'Overdue' : STATUS_TITLES[key] ?? `Status "${item.status}"`, items: [] });
    section.items.push(item);
  }
  return [...sections.values()];
}

/** The anchor of an improvement on its map page (its line: ids may repeat or be missing). */
export function improvementAnchor(line: number): string {
  return `improvement-L${line + 1}`;
}

function boardRow(item: ImprovementSummary, pageOf: ReadonlyMap<string, string>): string {
  const page = pageOf.get(item.map)!;
  const due = item.due ? `${esc(item.due)}${item.overdue ? `<br><span class="overdue">${plural(item.daysLate ?? 0, 'day')} late</span>` : ''}` : '<span class="muted">none</span>';
  const signal = item.signal ? `<span class="${item.signal}">${esc(item.signal.replace(/-/g, ' '))}</span>` : '<span class="muted">none</span>';
  const forWhat = item.for.length ? item.for.map(esc).join(', ') : '<span class="muted">none</span>';
  return `<tr><th scope="row"><a href="${page}#${improvementAnchor(item.line)}">${esc(item.id)}</a>${item.experiment ? `<br>${esc(item.experiment)}` : ''}</th>`
    + `<td><a href="${page}">${esc(item.mapTitle ?? fileName(item.map))}</a></td><td>${forWhat}</td><td class="nowrap">${esc(item.status)}</td><td>${orNone(item.owner)}</td>`
    + `<td class="nowrap" data-sort="${item.due ?? '9999'}">${due}</td><td>${signal}</td></tr>`;
}

export function boardPage(ctx: SiteContext, entries: readonly Entry[]): string {
  const board = improvementBoard(entries.map((e) => e.summary));
  const pageOf = new Map(entries.map((e) => [e.summary.map, e.page]));
  const sections = boardSections(board);
  const counts = sections.map((s) => `${s.items.length.toLocaleString('en-US')} ${s.title.toLowerCase()}`).join(', ');
  // Section ids by position: a section's key is a status as the map wrote it, free text.
  const tables = sections.map((s, i) => `<section aria-labelledby="board-${i}">
<h2 id="board-${i}">${esc(s.title)} <span class="muted">(${s.items.length.toLocaleString('en-US')})</span></h2>
<div class="table-wrap" role="region" aria-labelledby="board-${i}-caption" tabindex="0">
<table>
<caption id="board-${i}-caption" class="visually-hidden">${esc(s.title)}: improvements${s.key === 'overdue' ? ', most late first' : ', by due date'}</caption>
<thead><tr><th scope="col">Improvement</th><th scope="col">Map</th><th scope="col">For</th><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Signal check</th></tr></thead>
<tbody>
${s.items.map((i) => boardRow(i, pageOf)).join('\n')}
</tbody>
</table>
</div>
</section>`).join('\n');
  const main = `<h1>Improvements board</h1>
<p class="summary">${plural(board.length, 'improvement')} across ${plural(entries.length, 'map')}${board.length ? `: ${counts}` : ''}.</p>
${tables || '<p>No map has improvements yet.</p>'}`;
  return page({ title: 'Improvements board', site: ctx.site, up: '', current: 'board', footer: footer(ctx, `${plural(board.length, 'improvement')}.`) }, ctx.assets, main);
}
