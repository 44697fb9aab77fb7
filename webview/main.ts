/**
 * The preview's webview: receives layouts from the host, draws them with the core's renderer in
 * the theme's colours, and patches the page (never a reset, so zoom, pan and focus survive).
 * Clicking a card asks the host to reveal its source line; the host highlights the card under the
 * editor's cursor. Everything user-written is put in the page as text (textContent, or escaped
 * inside the SVG, which is parsed as XML): nothing from a map ever runs.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { elkBound, renderSvg, renderSvgParts, THEMES, type Card, type Layout } from '../src/core/diagram';
import {
  DEFAULT_TOGGLES, isHostMessage, type HostMessage, type PreviewState, type PreviewToggles, type WebviewMessage,
} from '../src/shared/previewMessages';
import { currentTheme, themeKind } from './theme';
import { patchSvg, type Mirror, type PatchStats } from './patch';
import { Viewport } from './viewport';
import { Tooltip } from './tooltip';
import { ImprovementsPanel } from './improvements';
import { ElkRouting, sameGeometry } from './elkRouting';
import { svgToPngBase64 } from './exportImage';
import { measurePageFont } from './fontMeasure';
import { StageJump } from './stageJump';
import { LaneRail } from './laneRail';
import { StageRail } from './stageRail';
import { placeUnder } from './menus';
import { CompareBar } from './compare';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as Partial<PreviewState>;
const state: PreviewState = {
  uri: saved.uri ?? document.body.dataset.uri,
  locked: saved.locked ?? false,
  zoom: saved.zoom,
  panX: saved.panX,
  panY: saved.panY,
  fit: saved.fit ?? true,
  toggles: { ...DEFAULT_TOGGLES, ...(saved.toggles ?? {}) },
  hiddenLanes: saved.hiddenLanes ?? [],
};
const post = (message: WebviewMessage) => vscode.postMessage(message);
const saveState = () => vscode.setState(state);

// ---- page structure (static markup is in the host's HTML; look it up) ---------------------------
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewportEl = $('viewport');
const contentEl = $('content');
const bannerEl = $('banner');
const bannerText = $('banner-text');
const emptyEl = $('empty');
const lanesMenu = $('lanes-menu');
const statusEl = $('status');

let layout: Layout | undefined; // what is drawn (possibly elk-routed)
let gridLayout: Layout | undefined; // the host's layout of the drawn version
let lastGood: { version: number; uri: string } | undefined;
let current: { uri: string; version: number; fileName: string; errorCount: number } | undefined;
let cardsByKey = new Map<string, Card>();
let highlighted: string | undefined;
/** True until the first drawing of a newly shown map (a reload keeps its saved zoom and pan). */
let opening = saved.zoom === undefined;
let elkUri: string | undefined;
let elkTimer: ReturnType<typeof setTimeout> | undefined;
let renderSeq = 0;
const elkRouting = new ElkRouting(() => elkUri);
let mirror: Mirror | undefined;

const laneRail = new LaneRail($('lane-rail'));
const stageRail = new StageRail($('stage-rail'));
const viewport = new Viewport(viewportEl, contentEl, state, (v) => {
  state.zoom = v.zoom; state.panX = v.panX; state.panY = v.panY; state.fit = v.fit;
  statusEl.textContent = `${Math.round(v.zoom * 100)}%`;
  laneRail.update(v);
  stageRail.update(v);
  saveState();
});
const tooltip = new Tooltip($('tooltip'), (runbook) => current && post({ type: 'openRunbook', uri: current.uri, runbook }));
const stageJump = new StageJump($('stages-button'), $('stages-menu'), viewport);
const compareBar = new CompareBar($('compare-group'), $('compare-label'), $('compare-exit'), () => current && post({ type: 'exitCompare', uri: current.uri }));
const improvements = new ImprovementsPanel($('improvements'), (line) => current && post({ type: 'reveal', uri: current.uri, line }));

// ---- drawing ---------------------------------------------------------------------------------------
function draw(next: Layout): void {
  const start = performance.now();
  layout = next;
  cardsByKey = new Map(next.cards.map((c) => [c.key, c]));
  const parts = renderSvgParts(next, { theme: currentTheme(), cardTitles: false });
  const rendered = performance.now();
  const stats: PatchStats = { replaced: 0, kept: 0 };
  try {
    mirror = patchSvg(contentEl, parts, mirror, stats);
  } catch (error) {
    // The page redraws the whole picture instead of patching it; the host logs why.
    if (current) post({ type: 'log', uri: current.uri, message: `patching the picture failed, redrawn whole: ${String(error)}`.slice(0, 4000) });
    mirror = patchSvg(contentEl, parts, undefined, stats);
  }
  applyToggles();
  if (highlighted) setHighlight(highlighted, false);
  if (opening) {
    // A map just shown: whole if readable, else readable at the card under the cursor (or the start).
    opening = false;
    viewport.open(next.width, next.height, highlighted ? cardsByKey.get(highlighted) : undefined);
  } else {
    viewport.setContentSize(next.width, next.height);
  }
  improvements.update(next, state.toggles.improvements);
  buildLaneMenu(next);
  stageJump.update(next);
  laneRail.setLayout(next);
  laneRail.update(viewport.state);
  stageRail.setLayout(next);
  stageRail.update(viewport.state);
  emptyEl.hidden = true;
  const compare = compareBar.update(next, contentEl);
  const ms = performance.now() - start;
  document.body.dataset.router = next.router;
  if (current) {
    document.body.dataset.version = String(current.version);
    post({ type: 'rendered', uri: current.uri, version: current.version, ms, router: next.router, renderMs: rendered - start, replaced: stats.replaced, kept: stats.kept, zoom: viewport.state.zoom, compare });
  }
}

function applyToggles(): void {
  const t = state.toggles;
  contentEl.classList.toggle('hide-curve', !t.curve);
  contentEl.classList.toggle('hide-handoffs', !t.handoffs);
  contentEl.classList.toggle('hide-metrics', !t.metrics);
  document.body.classList.toggle('show-improvements', t.improvements);
  for (const box of document.querySelectorAll<HTMLElement & { checked: boolean }>('[data-toggle]')) {
    box.checked = t[box.dataset.toggle as keyof PreviewToggles];
  }
}

/** Draws the host's layout now; with elk on and a small map, refines the edges when typing pauses. */
function show(next: Layout): void {
  const previous = layout;
  const previousGrid = gridLayout;
  gridLayout = next;
  const seq = ++renderSeq;
  if (elkTimer) clearTimeout(elkTimer);
  const useElk = state.toggles.elk && next.flows.length > 0 && !elkBound(next) && elkRouting.available;
  if (useElk && previous?.router === 'elk' && previousGrid && sameGeometry(previousGrid, next)) {
    draw({ ...next, flows: previous.flows, router: 'elk' });
    return;
  }
  draw(next);
  if (!useElk) return;
  elkTimer = setTimeout(() => {
    if (seq !== renderSeq) return;
    void elkRouting.route(next).then((routed) => {
      if (seq !== renderSeq) return;
      // elk's routes are kept only where they cross fewer edges than the grid router's (routeWithElk).
      document.body.dataset.elk = !routed ? 'failed' : routed === next ? 'grid-kept' : 'elk';
      if (routed && routed !== next) draw(routed);
    });
  }, previous ? 350 : 0);
}

function rerender(): void {
  if (layout) draw(layout);
}

// ---- highlight and reveal ---------------------------------------------------------------------------
function setHighlight(key: string | undefined, scroll: boolean): void {
  for (const el of contentEl.querySelectorAll('.jm-highlight')) el.classList.remove('jm-highlight');
  highlighted = key;
  if (!key) return;
  for (const el of contentEl.querySelectorAll(`[data-id="${CSS.escape(key)}"]`)) el.classList.add('jm-highlight');
  const card = cardsByKey.get(key);
  if (card && scroll) viewport.reveal(card.x, card.y, card.width, card.height);
}

function cardAt(target: EventTarget | null): Element | null {
  return target instanceof Element ? target.closest('[data-id][data-line], .jm-ghost') : null;
}

contentEl.addEventListener('click', (e) => {
  if (viewport.dragged || !current) return;
  // Cards, curve points and handoffs, and the labels of stages and lanes: each knows its source line.
  const target = e.target instanceof Element ? e.target : null;
  const el = target?.closest('.jm-card, .jm-curve-point, .jm-handoff')
    ?? (target?.tagName === 'text' ? target.closest('.jm-stage, .jm-lane') : null);
  // A removed touchpoint's ghost (compare mode) has no line in this text: it is no link.
  if (!el || !el.hasAttribute('data-line')) return;
  const line = Number(el.getAttribute('data-line'));
  if (!Number.isInteger(line)) return;
  const id = el.getAttribute('data-id');
  if (id) setHighlight(id, false);
  post({ type: 'reveal', uri: current.uri, line });
});
contentEl.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const el = cardAt(e.target);
  if (!el || !current || !el.hasAttribute('data-line')) return;
  e.preventDefault();
  post({ type: 'reveal', uri: current.uri, line: Number(el.getAttribute('data-line')) });
});
contentEl.addEventListener('pointerover', (e) => {
  const el = cardAt(e.target);
  const card = el?.classList.contains('jm-card') ? cardsByKey.get(el.getAttribute('data-id') ?? '') : undefined;
  if (card && layout) tooltip.show(card, layout, e.clientX, e.clientY);
});
contentEl.addEventListener('pointermove', (e) => tooltip.move(e.clientX, e.clientY));
contentEl.addEventListener('pointerout', (e) => {
  const from = cardAt(e.target);
  const to = cardAt(e.relatedTarget);
  if (from !== to) tooltip.hide();
});
viewportEl.addEventListener('pointerdown', () => tooltip.hide());

// ---- toolbar -------------------------------------------------------------------------------------------
$('zoom-in').addEventListener('click', () => viewport.zoomBy(1.25));
$('zoom-out').addEventListener('click', () => viewport.zoomBy(0.8));
$('zoom-reset').addEventListener('click', () => viewport.actualSize(highlighted ? cardsByKey.get(highlighted) : undefined));
$('zoom-fit').addEventListener('click', () => viewport.fitToWindow());
for (const box of document.querySelectorAll<HTMLElement & { checked: boolean }>('[data-toggle]')) {
  box.addEventListener('change', () => {
    const name = box.dataset.toggle as keyof PreviewToggles;
    state.toggles = { ...state.toggles, [name]: box.checked };
    saveState();
    applyToggles();
    if (layout) improvements.update(layout, state.toggles.improvements);
    if (name === 'elk' && gridLayout) show(gridLayout);
  });
}
const lockButton = $<HTMLElement & { secondary: boolean }>('lock');
function showLock(): void {
  lockButton.textContent = state.locked ? 'Locked' : 'Follow editor';
  lockButton.title = state.locked ? 'The preview stays on this map. Click to follow the active editor.' : 'The preview follows the active map editor. Click to lock it to this map.';
  lockButton.secondary = !state.locked;
  document.body.classList.toggle('locked', state.locked);
}
lockButton.addEventListener('click', () => {
  state.locked = !state.locked;
  saveState();
  showLock();
  if (current) post({ type: 'setLock', uri: current.uri, locked: state.locked });
});
$('lanes-button').addEventListener('click', () => {
  lanesMenu.hidden = !lanesMenu.hidden;
  if (!lanesMenu.hidden) placeUnder(lanesMenu, $('lanes-button'));
});
document.addEventListener('pointerdown', (e) => {
  const target = e.target as Element | null;
  if (!lanesMenu.hidden && !target?.closest('#lanes-menu, #lanes-button')) lanesMenu.hidden = true;
});
$('banner-problems').addEventListener('click', () => current && post({ type: 'openProblems', uri: current.uri }));
document.addEventListener('keydown', (e) => {
  if (e.target instanceof HTMLInputElement) return;
  if (e.key === '+' || e.key === '=') viewport.zoomBy(1.25);
  else if (e.key === '-') viewport.zoomBy(0.8);
  else if (e.key === '0') viewport.fitToWindow();
  else if (e.key === ']') stageJump.step(1);
  else if (e.key === '[') stageJump.step(-1);
  else if (e.key === 'Escape') { tooltip.hide(); lanesMenu.hidden = true; stageJump.hide(); }
});

/** "Lanes…", or "Lanes (2 hidden)…" while the filter hides some: a filtered picture must say so. */
function showLaneCount(): void {
  const hidden = state.hiddenLanes.length;
  const button = $('lanes-button');
  button.textContent = hidden ? `Lanes (${hidden} hidden)…` : 'Lanes…';
  button.classList.toggle('active', hidden > 0);
}

function buildLaneMenu(next: Layout): void {
  const signature = JSON.stringify(next.allLanes);
  if (lanesMenu.dataset.signature === signature) return;
  lanesMenu.dataset.signature = signature;
  lanesMenu.replaceChildren();
  for (const lane of next.allLanes) {
    const box = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean; label: string };
    box.checked = !state.hiddenLanes.includes(lane.key);
    box.label = `${lane.name} (${lane.kind})`;
    box.dataset.lane = lane.key;
    box.addEventListener('change', () => {
      const hidden = new Set(state.hiddenLanes);
      if (box.checked) hidden.delete(lane.key); else hidden.add(lane.key);
      state.hiddenLanes = [...hidden];
      saveState();
      showLaneCount();
      if (current) post({ type: 'setHiddenLanes', uri: current.uri, hiddenLanes: state.hiddenLanes });
    });
    lanesMenu.appendChild(box);
  }
  showLaneCount();
}

// ---- messages from the host ---------------------------------------------------------------------------
function onUpdate(message: Extract<HostMessage, { type: 'update' }>): void {
  // After a reload `current` is empty but the saved state names the map: same map, keep zoom and pan.
  const switched = (current?.uri ?? state.uri) !== message.uri;
  const firstSinceLoad = !current;
  current = { uri: message.uri, version: message.version, fileName: message.fileName, errorCount: message.errorCount };
  state.uri = message.uri;
  state.locked = message.locked;
  elkUri = message.elkUri;
  showLock();
  saveState();
  document.title = message.fileName;
  $('file-name').textContent = message.fileName;
  if (switched) {
    lastGood = undefined;
    highlighted = undefined;
    opening = true;
  }
  const hasPicture = !!layout && !switched && !firstSinceLoad;
  const usable = message.layout !== null && (message.errorCount === 0 || !hasPicture || !lastGood);
  if (message.errorCount > 0) {
    bannerText.textContent = `${message.errorCount} error${message.errorCount === 1 ? '' : 's'} in ${message.fileName}.${usable && !lastGood ? ' The picture may be incomplete.' : ' Showing the last good picture.'}`;
    bannerEl.hidden = false;
  } else {
    bannerEl.hidden = true;
  }
  document.body.dataset.errors = String(message.errorCount);
  if (usable && message.layout) {
    show(message.layout);
    if (message.errorCount === 0) lastGood = { version: message.version, uri: message.uri };
  } else if (!layout) {
    emptyEl.hidden = false;
    emptyEl.textContent = 'Nothing to draw yet: the map needs lanes and stages.';
  }
}

/** The host lays out the exported picture (full detail, the SVG's own font metrics); the page has the canvas. */
async function onExport(message: Extract<HostMessage, { type: 'export' }>): Promise<void> {
  const reply = (data?: string, error?: string) => post({ type: 'exported', uri: message.uri, requestId: message.requestId, format: 'png', data, error });
  const picture = message.layout;
  try {
    reply(await svgToPngBase64(renderSvg(picture, { theme: THEMES[message.theme] }), picture.width, picture.height));
  } catch (error) {
    reply(undefined, `The PNG could not be made: ${String(error)}`);
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as unknown;
  if (!isHostMessage(message)) return;
  switch (message.type) {
    case 'update':
      onUpdate(message);
      break;
    case 'highlight':
      if (current && message.uri === current.uri) setHighlight(message.key, true);
      break;
    case 'lock':
      state.locked = message.locked;
      saveState();
      showLock();
      break;
    case 'export':
      void onExport(message);
      break;
  }
});

// Theme changes (the body's classes change): redraw in the new colours.
const themeClasses = () => [...document.body.classList].filter((c) => c.startsWith('vscode-')).join(' ');
let lastThemeClasses = themeClasses();
new MutationObserver(() => {
  const now = themeClasses();
  if (now === lastThemeClasses) return;
  lastThemeClasses = now;
  document.body.dataset.theme = themeKind();
  rerender();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });
document.body.dataset.theme = themeKind();

showLock();
applyToggles();
post({ type: 'ready', uri: state.uri, font: measurePageFont() });
