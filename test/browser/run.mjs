// The browser suite: loads the built webview (dist/webview/preview.js) in headless Chromium with a
// stub acquireVsCodeApi, the same page and CSP the extension serves, and drives it with the
// messages the host sends. Needs /usr/bin/chromium and playwright-core (npm run test:setup).
// Then the static site `journeymap report` writes (test/browser/report.mjs).
// Prints `browser: N passed, N failed` last; exit 77 when the browser is missing.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const CHROMIUM = process.env.JOURNEYMAP_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function skip(what) {
  console.log(`SKIPPED: browser: ${what}; run npm run test:setup`);
  process.exit(77);
}

let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch {
  skip('playwright-core is not installed');
}
if (!existsSync(CHROMIUM)) skip(`${CHROMIUM} is missing`);
for (const file of ['dist/webview/preview.js', 'dist/webview/preview.css', 'dist/cli.js', 'out/src/core/diagram/index.js', 'out/src/extension/preview/html.js', 'out/test/core/hostile.js']) {
  if (!existsSync(join(root, file))) {
    console.log(`browser: ${file} is missing: run npm run build and tsc -p tsconfig.json first (npm test does both)`);
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
  }
}

const { parseJourney } = require(join(root, 'out/src/core/index.js'));
const { layoutJourney, pageMeasure, renderSvg } = require(join(root, 'out/src/core/diagram/index.js'));
const { blueprintMap } = require(join(root, 'out/bench/blueprints.js'));
const { measureSvg, measurePreview, measuredMaps } = await import('./measure.mjs');
const { previewHtml } = require(join(root, 'out/src/extension/preview/html.js'));
const { generateMap } = require(join(root, 'out/test/core/journeyGen.js'));
const { BEFORE: COMPARE_BEFORE, AFTER: COMPARE_AFTER } = require(join(root, 'out/test/core/compareMaps.js'));
const { diffJourneys } = require(join(root, 'out/src/core/index.js'));
const { getLanguageService } = require(join(root, 'out/src/core/index.js'));
const { RootedFiles, toCorePath } = require(join(root, 'out/src/node/files.js'));
// Like the host: validation computes the metrics that come from ticket exports, then the layout shows them.
const service = getLanguageService({ fileReader: new RootedFiles(root), today: () => new Date().toISOString().slice(0, 10), workspaceRoot: toCorePath(root) });
const pathOfText = new Map();

// ---- the page ---------------------------------------------------------------------------------------
const THEME_VARS = {
  light: {
    '--vscode-font-family': "system-ui, 'Segoe UI', Ubuntu, sans-serif", '--vscode-font-size': '13px',
    '--vscode-foreground': '#3b3b3b', '--vscode-editor-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff',
    '--vscode-descriptionForeground': '#717171', '--vscode-panel-border': '#e5e5e5', '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-editorWidget-border': '#c8c8c8', '--vscode-focusBorder': '#005fb8', '--vscode-errorForeground': '#c72e0f',
    '--vscode-charts-red': '#e51400', '--vscode-charts-green': '#388a34', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-orange': '#d18616',
    '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-editorHoverWidget-background': '#f8f8f8', '--vscode-editorHoverWidget-border': '#c8c8c8',
    '--vscode-inputValidation-errorBackground': '#f2dede', '--vscode-inputValidation-errorBorder': '#be1100', '--vscode-textLink-foreground': '#005fb8',
    '--vscode-checkbox-background': '#f8f8f8', '--vscode-checkbox-border': '#cecece', '--vscode-checkbox-foreground': '#3b3b3b', '--vscode-settings-checkboxBackground': '#f8f8f8', '--vscode-settings-checkboxBorder': '#cecece', '--vscode-settings-checkboxForeground': '#3b3b3b', '--vscode-sideBar-background': '#f8f8f8',
  },
  dark: {
    '--vscode-font-family': "system-ui, 'Segoe UI', Ubuntu, sans-serif", '--vscode-font-size': '13px',
    '--vscode-foreground': '#cccccc', '--vscode-editor-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d', '--vscode-panel-border': '#2b2b2b', '--vscode-editorWidget-background': '#202020',
    '--vscode-editorWidget-border': '#454545', '--vscode-focusBorder': '#0078d4', '--vscode-errorForeground': '#f85149',
    '--vscode-charts-red': '#f14c4c', '--vscode-charts-green': '#89d185', '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616',
    '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc', '--vscode-editorHoverWidget-background': '#202020', '--vscode-editorHoverWidget-border': '#454545',
    '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-inputValidation-errorBorder': '#be1100', '--vscode-textLink-foreground': '#4daafc',
    '--vscode-checkbox-background': '#313131', '--vscode-checkbox-border': '#3c3c3c', '--vscode-checkbox-foreground': '#cccccc', '--vscode-settings-checkboxBackground': '#313131', '--vscode-settings-checkboxBorder': '#3c3c3c', '--vscode-settings-checkboxForeground': '#cccccc', '--vscode-sideBar-background': '#181818',
  },
};

const STUB = `
window.__messages = [];
window.__listeners = [];
window.__state = sessionStorage.getItem('state') ? JSON.parse(sessionStorage.getItem('state')) : undefined;
window.__waitFor = (pred, timeout = 10000, from = 0) => new Promise((resolve, reject) => {
  const hit = window.__messages.slice(from).find(pred);
  if (hit) return resolve(hit);
  const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeout);
  window.__listeners.push((m) => { if (pred(m)) { clearTimeout(timer); resolve(m); return true; } return false; });
});
window.acquireVsCodeApi = () => ({
  postMessage(m) { window.__messages.push(m); window.__listeners = window.__listeners.filter((l) => !l(m)); },
  // Like VS Code, the state outlives a reload of the page (here: in sessionStorage).
  getState() { const s = sessionStorage.getItem('state'); return s ? JSON.parse(s) : undefined; },
  setState(s) { window.__state = JSON.parse(JSON.stringify(s)); sessionStorage.setItem('state', JSON.stringify(s)); },
});
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

function page(origin, theme) {
  const nonce = 'testnonce' + Math.random().toString(36).slice(2);
  const csp = `default-src 'none'; style-src ${origin}; script-src 'nonce-${nonce}'; img-src ${origin} data: blob:; font-src ${origin}; connect-src ${origin}; worker-src blob:`;
  let html = previewHtml({ csp, nonce, scriptUri: `${origin}/dist/webview/preview.js`, styleUri: `${origin}/dist/webview/preview.css`, uri: 'file:///ws/map.journey.yaml' });
  html = html.replace('<body ', `<body class="vscode-${theme}" `);
  html = html.replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/theme-${theme}.css"><link rel="stylesheet"`);
  html = html.replace(`<script nonce="${nonce}" src=`, `<script nonce="${nonce}">${STUB}</script><script nonce="${nonce}" src=`);
  return html;
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const origin = `http://${req.headers.host}`;
  if (url.pathname === '/page') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page(origin, url.searchParams.get('theme') === 'dark' ? 'dark' : 'light'));
    return;
  }
  const themeMatch = /^\/theme-(light|dark)\.css$/.exec(url.pathname);
  if (themeMatch) {
    res.writeHead(200, { 'content-type': 'text/css' });
    res.end(`html { ${Object.entries(THEME_VARS[themeMatch[1]]).map(([k, v]) => `${k}: ${v};`).join(' ')} }`);
    return;
  }
  if (url.pathname.startsWith('/dist/webview/')) {
    const file = join(root, url.pathname);
    if (existsSync(file) && file.startsWith(join(root, 'dist', 'webview'))) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
  }
  res.writeHead(404);
  res.end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

// ---- helpers -----------------------------------------------------------------------------------------
const URI = 'file:///ws/map.journey.yaml';
/** How the page's font measures text, from its 'ready' message: what the host lays the preview out with. */
let pageFont;
function docFor(text) {
  const known = pathOfText.get(text);
  return known ? service.parse(known, text) : parseJourney(text);
}
function updateFor(text, version, extra = {}) {
  const doc = docFor(text);
  const layout = layoutJourney(doc, { hiddenLanes: extra.hiddenLanes, measure: pageFont });
  return { doc, layout, message: { type: 'update', uri: URI, version, fileName: 'map.journey.yaml', layout, errorCount: 0, locked: false, ...extra.message } };
}

/** The host's update in compare mode: the map now, marked against its text at `label`. */
function compareUpdateFor(before, after, version, label, measure) {
  const b = parseJourney(before);
  const a = parseJourney(after);
  const diff = diffJourneys({ doc: b, diagnostics: [] }, { doc: a, diagnostics: [] });
  const layout = layoutJourney(a, { measure, compare: { before: b.map, diff, label } });
  return { layout, message: { type: 'update', uri: URI, version, fileName: 'map.journey.yaml', layout, errorCount: 0, locked: false } };
}

/** Opens a fresh preview page, waits for its 'ready', and returns it with its own font measure. */
async function freshPage(theme, viewport) {
  const sp = await browser.newPage({ viewport });
  await sp.goto(`${origin}/page?theme=${theme}`);
  const ready = await sp.evaluate(() => window.__waitFor((m) => m.type === 'ready', 10000));
  return { sp, measure: pageMeasure(ready.font.family, ready.font.regular, ready.font.bold) };
}

async function send(p, message) {
  await p.evaluate((m) => window.postMessage(m, '*'), message);
}

async function sendAndWaitRendered(p, message) {
  return p.evaluate(async (m) => {
    const from = window.__messages.length;
    const t = performance.now();
    window.postMessage(m, '*');
    const rendered = await window.__waitFor((x) => x.type === 'rendered' && x.version === m.version, 20000, from);
    const drawn = performance.now();
    // After the next frame is painted: a task queued from requestAnimationFrame runs after the paint.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return { total: performance.now() - t, toDrawn: drawn - t, paint: performance.now() - drawn, draw: rendered.ms, render: rendered.renderMs, replaced: rendered.replaced, kept: rendered.kept, router: rendered.router };
  }, message);
}

const results = [];
let passed = 0;
let failed = 0;
/** `JOURNEYMAP_BROWSER_GREP=compare node test/browser/run.mjs`: only the tests whose name has it (a tool for working on one part). */
const GREP = process.env.JOURNEYMAP_BROWSER_GREP;
async function test(name, fn) {
  if (GREP && !name.includes(GREP)) return;
  try {
    await fn();
    passed++;
    console.log(`  ✔ ${name}`);
  } catch (error) {
    failed++;
    console.log(`  ✘ ${name}\n    ${String(error?.stack ?? error).split('\n').slice(0, 4).join('\n    ')}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ---- the suite -----------------------------------------------------------------------------------------
// Type-check the webview (its own DOM tsconfig) here: the main type-check excludes it.
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'webview/tsconfig.json')], { encoding: 'utf8' });

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
const examplesDir = join(root, 'examples');
const examples = existsSync(examplesDir) ? readdirSync(examplesDir).filter((f) => /\.journey\.ya?ml$/.test(f)).sort() : [];
for (const file of examples) {
  const text = readFileSync(join(examplesDir, file), 'utf8');
  const corePath = toCorePath(join(examplesDir, file));
  pathOfText.set(text, corePath);
  await service.validate(corePath, text);
}
const mainExample = examples.includes('locked-out-admin.journey.yaml') ? 'locked-out-admin.journey.yaml' : examples[0];

try {
  await test('webview type-checks against the DOM library', async () => {
    assert(tsc.status === 0, `tsc -p webview/tsconfig.json failed:\n${tsc.stdout}${tsc.stderr}`);
  });

  const p = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const pageErrors = [];
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  await p.goto(`${origin}/page?theme=light`);

  await test('the page loads under the CSP and says ready, with its own font measured', async () => {
    const ready = await p.evaluate(() => window.__waitFor((m) => m.type === 'ready', 10000));
    assert(ready.uri === URI, `ready names ${ready.uri}`);
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
    pageFont = pageMeasure(ready.font.family, ready.font.regular, ready.font.bold);
    assert(pageFont, `the page's font tables were refused: ${JSON.stringify(ready.font).slice(0, 200)}`);
    assert(/system-ui/.test(pageFont.family), `measured ${pageFont.family}, not the VS Code UI font`);
    // The page's widths are its font's: "W" is wider than "i" in any real font.
    assert(pageFont.width('W', 100) > pageFont.width('i', 100) * 2, 'implausible widths');
  });

  const mapText = mainExample ? readFileSync(join(examplesDir, mainExample), 'utf8') : generateMap({ touchpoints: 30, seed: 1 });
  const first = updateFor(mapText, 1);
  await test('an update draws every card, lane, stage and the emotion curve', async () => {
    await sendAndWaitRendered(p, first.message);
    const counts = await p.evaluate(() => ({
      cards: document.querySelectorAll('#content .jm-card').length,
      lanes: document.querySelectorAll('#content .jm-lane').length,
      stages: document.querySelectorAll('#content .jm-stage').length,
      curve: document.querySelectorAll('#content .jm-curve-point').length,
      curveLine: document.querySelectorAll('#content .jm-curve-line').length,
      flows: document.querySelectorAll('#content .jm-flow').length,
      handoffs: document.querySelectorAll('#content .jm-handoff').length,
      fileName: document.getElementById('file-name').textContent,
    }));
    const l = first.layout;
    assert(counts.cards === first.doc.map.touchpoints.length, `${counts.cards} cards for ${first.doc.map.touchpoints.length} touchpoints`);
    assert(counts.lanes === l.lanes.length, `${counts.lanes} lanes, expected ${l.lanes.length}`);
    assert(counts.stages === l.stages.length, `${counts.stages} stages`);
    const points = l.curves.reduce((n, c) => n + c.points.length, 0);
    assert(counts.curve === points && counts.curve > 0, `${counts.curve} curve points, expected ${points}`);
    assert(counts.curveLine === l.curves.length, `${counts.curveLine} curve lines for ${l.curves.length} customer lanes with feels`);
    assert(counts.flows === l.flows.length && counts.handoffs === l.handoffs.length, 'edges drawn');
    assert(counts.fileName === 'map.journey.yaml', 'file name shown');
  });

  await test('clicking a card posts reveal with its source line', async () => {
    const card = first.layout.cards[Math.min(3, first.layout.cards.length - 1)];
    const from = await p.evaluate(() => window.__messages.length);
    await p.click(`#content .jm-card[data-id="${card.key}"]`);
    const reveal = await p.evaluate((from) => window.__waitFor((m) => m.type === 'reveal', 5000, from), from);
    assert(reveal.line === card.line && reveal.uri === URI, `reveal ${JSON.stringify(reveal)}, expected line ${card.line}`);
  });

  await test('hovering a card shows its metrics, pains and runbook as text', async () => {
    const card = first.layout.cards.find((c) => c.metrics.length && c.pains.length) ?? first.layout.cards[0];
    await p.hover(`#content .jm-card[data-id="${card.key}"]`);
    const tip = await p.evaluate(() => ({ hidden: document.getElementById('tooltip').hidden, text: document.getElementById('tooltip').textContent }));
    assert(!tip.hidden, 'tooltip visible');
    for (const m of card.metrics) assert(tip.text.includes(m.name), `tooltip lacks metric ${m.name}`);
    for (const pain of card.pains) assert(tip.text.includes(pain), 'tooltip lacks a pain');
    if (card.runbook) assert(tip.text.includes(card.runbook), 'tooltip lacks the runbook');
    await p.mouse.move(2, 990);
  });

  await test('the host highlight message marks the card under the cursor', async () => {
    const card = first.layout.cards[1];
    await send(p, { type: 'highlight', uri: URI, line: card.line, key: card.key });
    await p.waitForFunction((key) => document.querySelector(`#content .jm-card[data-id="${key}"]`)?.classList.contains('jm-highlight'), card.key, { timeout: 5000 });
  });

  await test('an edit is patched in: changed card updated, unchanged cards keep their nodes, zoom kept', async () => {
    const target = first.doc.map.touchpoints[0];
    const others = first.layout.cards.slice(1).map((c) => c.key);
    await p.click('#zoom-in');
    const before = await p.evaluate((keys) => {
      window.__marks = keys.map((k) => { const el = document.querySelector(`#content .jm-card[data-id="${k}"]`); el.__mark = true; return el; });
      return document.getElementById('content').style.transform;
    }, others);
    const nameValue = target.name.value;
    const edited = mapText.replace(nameValue, `${nameValue} (edited)`);
    await sendAndWaitRendered(p, updateFor(edited, 2).message);
    const after = await p.evaluate((key) => ({
      text: document.querySelector(`#content .jm-card[data-id="${key}"]`).textContent,
      kept: window.__marks.filter((el) => el.isConnected && el.__mark).length,
      transform: document.getElementById('content').style.transform,
      svgs: document.querySelectorAll('#content svg').length,
    }), target.id.value);
    assert(after.text.includes('(edited)'), `edited card shows ${after.text}`);
    assert(after.svgs === 1, 'one svg');
    assert(after.transform === before, `zoom/pan changed: ${before} -> ${after.transform}`);
    // Cards whose own content did not change keep their DOM nodes (an edit can move the cards below it only if sizes change).
    assert(after.kept >= others.length * 0.5, `only ${after.kept} of ${others.length} unchanged cards kept their nodes`);
  });

  await test('errors: the banner shows the count and the last good picture stays', async () => {
    await send(p, { ...updateFor(mapText, 3).message, layout: null, errorCount: 2 });
    await p.waitForFunction(() => !document.getElementById('banner').hidden, null, { timeout: 5000 });
    const state = await p.evaluate(() => ({ text: document.getElementById('banner-text').textContent, cards: document.querySelectorAll('#content .jm-card').length }));
    assert(/2 errors/.test(state.text), state.text);
    assert(state.cards === first.layout.cards.length, 'picture kept');
    const from = await p.evaluate(() => window.__messages.length);
    await p.click('#banner-problems');
    await p.evaluate((from) => window.__waitFor((m) => m.type === 'openProblems', 5000, from), from);
    await sendAndWaitRendered(p, updateFor(mapText, 4).message);
    assert(await p.evaluate(() => document.getElementById('banner').hidden), 'banner hidden once fixed');
  });

  await test('toolbar toggles hide the curve, handoffs and metrics and show the improvements matrix', async () => {
    await p.click('vscode-checkbox[data-toggle="curve"]');
    await p.click('vscode-checkbox[data-toggle="handoffs"]');
    await p.click('vscode-checkbox[data-toggle="metrics"]');
    await p.click('vscode-checkbox[data-toggle="improvements"]');
    const s = await p.evaluate(() => {
      const visible = (sel) => { const el = document.querySelector(sel); return !!el && getComputedStyle(el).display !== 'none'; };
      return {
        curve: visible('#content [data-layer="curve"]'), handoffs: visible('#content [data-layer="handoffs"]'), metrics: visible('#content .jm-metrics'),
        panel: !document.getElementById('improvements').hidden, cells: document.querySelectorAll('#improvements .matrix .cell').length,
        sentences: [...document.querySelectorAll('#improvements .sentence')].map((e) => e.textContent), state: window.__state,
      };
    });
    assert(!s.curve && !s.handoffs && !s.metrics, `layers still visible: ${JSON.stringify(s)}`);
    assert(s.panel && s.cells === 9, `improvements matrix: ${s.cells} cells`);
    assert(s.sentences.length === first.layout.improvements.length && s.sentences.every((t) => t.startsWith('We believe')), 'hypothesis sentences');
    assert(s.state.toggles.curve === false && s.state.toggles.improvements === true, 'toggles saved with setState');
    for (const t of ['curve', 'handoffs', 'metrics', 'improvements']) await p.click(`vscode-checkbox[data-toggle="${t}"]`);
  });

  await test('the lane filter asks the host for a layout without the lane', async () => {
    await p.click('#lanes-button');
    const lane = first.layout.lanes[1];
    const from = await p.evaluate(() => window.__messages.length);
    await p.click(`#lanes-menu vscode-checkbox[data-lane="${lane.key}"]`);
    const m = await p.evaluate((from) => window.__waitFor((x) => x.type === 'setHiddenLanes', 5000, from), from);
    assert(m.hiddenLanes.includes(lane.key), JSON.stringify(m));
    await sendAndWaitRendered(p, updateFor(mapText, 5, { hiddenLanes: [lane.key] }).message);
    const lanes = await p.evaluate(() => document.querySelectorAll('#content .jm-lane').length);
    assert(lanes === first.layout.lanes.length - 1, `${lanes} lanes after filtering`);
    const label = await p.evaluate(() => document.getElementById('lanes-button').textContent);
    assert(label === 'Lanes (1 hidden)…', `a filtered picture says so on its button: ${label}`);
    await p.click(`#lanes-menu vscode-checkbox[data-lane="${lane.key}"]`);
    await p.click('#lanes-button');
    await sendAndWaitRendered(p, updateFor(mapText, 6).message);
  });

  await test('lock, zoom and toggles survive a reload of the page (getState/setState)', async () => {
    await p.click('#lock');
    const m = await p.evaluate(() => window.__waitFor((x) => x.type === 'setLock', 5000));
    assert(m.locked === true, 'setLock posted');
    await p.click('#zoom-in');
    await p.click('vscode-checkbox[data-toggle="metrics"]');
    const before = await p.evaluate(() => ({ transform: document.getElementById('content').style.transform, state: window.__state }));
    assert(before.state.uri === URI && before.state.toggles.metrics === false && before.state.fit === false, JSON.stringify(before.state));
    await p.reload();
    const ready = await p.evaluate(() => window.__waitFor((x) => x.type === 'ready', 10000));
    assert(ready.uri === URI, `ready after reload names ${ready.uri}`);
    // The host answers ready with the map (locked, as the serializer restored it).
    await sendAndWaitRendered(p, { ...updateFor(mapText, 7).message, locked: true });
    const after = await p.evaluate(() => ({
      transform: document.getElementById('content').style.transform,
      metricsHidden: document.getElementById('content').classList.contains('hide-metrics'),
      lock: document.getElementById('lock').textContent,
    }));
    assert(after.transform === before.transform, `zoom/pan ${before.transform} -> ${after.transform}`);
    assert(after.metricsHidden, 'the metrics toggle was restored');
    assert(after.lock === 'Locked', `lock button says ${after.lock}`);
    await p.click('vscode-checkbox[data-toggle="metrics"]');
    await p.click('#zoom-fit');
  });

  await test('export: the page draws the host\'s full-detail layout as PNG bytes', async () => {
    const full = layoutJourney(first.doc, { detail: 'full' });
    const png = await p.evaluate(async (layout) => {
      const from = window.__messages.length;
      window.postMessage({ type: 'export', uri: 'file:///ws/map.journey.yaml', requestId: 8, format: 'png', theme: 'dark', layout }, '*');
      return window.__waitFor((x) => x.type === 'exported' && x.requestId === 8, 20000, from);
    }, full);
    assert(png.data?.startsWith('iVBORw0KGgo'), `png export: ${png.error ?? png.data?.slice(0, 20)}`);
    // The PNG is the full picture (its height is in the IHDR chunk: bytes 20-23).
    const bytes = Buffer.from(png.data, 'base64');
    assert(bytes.readUInt32BE(16) >= full.width && bytes.readUInt32BE(20) >= full.height, `PNG ${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)} for a ${full.width}x${full.height} layout`);
    results.push(`PNG export of ${mainExample}: ${Math.round(bytes.length / 1024)} KB`);
  });

  await test('hostile strings render as text: nothing runs, no extra elements', async () => {
    const HOSTILE = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> ]]> "q" 'q' \u202Eevil\u202C`;
    const text = generateMap({ touchpoints: 12, seed: 9, hostile: HOSTILE });
    await sendAndWaitRendered(p, updateFor(text, 10).message);
    const card = updateFor(text, 10).layout.cards.find((c) => c.name.includes('<script>'));
    await p.hover(`#content .jm-card[data-id="${card.key}"]`);
    const s = await p.evaluate(() => ({
      pwned: window.__pwned, scripts: document.querySelectorAll('script').length, imgs: document.querySelectorAll('img').length,
      handlers: [...document.querySelectorAll('#content *, #tooltip *')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      tooltip: document.getElementById('tooltip').textContent, bidi: /[\u202A-\u202E]/.test(document.getElementById('content').innerHTML),
    }));
    assert(s.pwned === undefined, 'hostile script ran');
    assert(s.scripts === 2 && s.imgs === 0 && s.handlers === 0, JSON.stringify(s));
    assert(s.tooltip.includes('<script>window.__pwned=1</script>'), 'hostile name shown as text in the tooltip');
    assert(!s.bidi, 'bidi controls stripped from the SVG');
    await p.mouse.move(2, 990);
  });

  await test('elk runs in a worker under the CSP, and its routes are kept only where they cross fewer edges', async () => {
    await p.click('vscode-checkbox[data-toggle="elk"]');
    await sendAndWaitRendered(p, updateFor(mapText, 20, { message: { elkUri: `${origin}/dist/webview/elk-worker.js` } }).message);
    await p.waitForFunction(() => document.body.dataset.elk === 'elk' || document.body.dataset.elk === 'grid-kept', null, { timeout: 30000 });
    const s = await p.evaluate(() => ({ elk: document.body.dataset.elk, router: document.body.dataset.router, violations: window.__violations }));
    assert(s.violations.length === 0, `CSP violations: ${s.violations.join('; ')}`);
    assert(s.router === (s.elk === 'elk' ? 'elk' : 'grid'), JSON.stringify(s));
    await p.click('vscode-checkbox[data-toggle="elk"]');
  });

  await test('keystroke to repaint, 100-touchpoint map (grid router while typing)', async () => {
    const text = generateMap({ touchpoints: 100, seed: 100 });
    await sendAndWaitRendered(p, updateFor(text, 100).message);
    const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    // The fixed cost of a message and a frame: the same layout again (nothing to patch).
    const idle = [];
    for (let i = 0; i < 7; i++) idle.push((await sendAndWaitRendered(p, updateFor(text, 200 + i).message)).total);
    const host = [], page = [], draw = [], svgString = [], paint = [], replaced = [];
    for (let i = 1; i <= 15; i++) {
      const t0 = performance.now();
      // One keystroke: a character typed into a touchpoint's name.
      const edited = text.replace('name: "', `name: "${'x'.repeat(i)}`);
      const { message } = updateFor(edited, 300 + i);
      JSON.stringify(message); // about the cost of the structured clone postMessage makes
      host.push(performance.now() - t0);
      const r = await sendAndWaitRendered(p, message);
      page.push(r.total); draw.push(r.draw); svgString.push(r.render); paint.push(r.paint); replaced.push(r.replaced);
    }
    const total = median(host) + median(page);
    results.push(`keystroke -> repaint, 100 touchpoints (median of 15): ${total.toFixed(1)} ms = host parse+layout ${median(host).toFixed(1)} ms`
      + ` + webview ${median(page).toFixed(1)} ms (SVG string ${median(svgString).toFixed(1)} ms, parse+patch ${(median(draw) - median(svgString)).toFixed(1)} ms`
      + ` replacing ${median(replaced)} items, then frame+paint ${median(paint).toFixed(1)} ms; an update with nothing to patch costs ${median(idle).toFixed(1)} ms end to end);`
      + ` plus the host's 60 ms edit debounce. Load average at the time: ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
    // What a keystroke changes is behaviour: the edited card and what depends on it, not the whole picture.
    // (Its time is reported above; the budgets are in npm run bench.)
    assert(median(replaced) <= 6, `a one-character edit replaced ${median(replaced)} items`);
    // End to end it depends on the machine's load (message delivery and frame scheduling included):
    // reported, and flagged when over the 100 ms budget, but not a failure on a shared CI box.
    if (total >= 100) results.push(`WARNING: keystroke -> repaint ${total.toFixed(1)} ms is over the 100 ms budget on this run (the no-op update alone took ${median(idle).toFixed(1)} ms)`);
  });

  // ---- the picture, measured in Chromium with the browser's own text boxes ------------------------------
  // On the examples and generated blueprints of 10, 40 and 100 touchpoints (two customer lanes, several
  // backstage lanes, loops, handoffs): the file `journeymap render` writes (full detail, the SVG's
  // declared font) in a bare page, and the preview's picture (compact, the page's font) in the page.
  const measured = await measuredMaps(root, blueprintMap);
  for (const map of measured) {
    // Validation computes the metrics that come from ticket exports, as the host and the CLI do.
    if (map.file && !pathOfText.has(map.text)) {
      pathOfText.set(map.text, toCorePath(map.file));
      await service.validate(toCorePath(map.file), map.text);
    }
  }
  const problemsOf = (m) => Object.entries(m.problems).flatMap(([kind, list]) => list.map((x) => `${kind}: ${x}`));
  const bare = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  for (const map of measured) {
    await test(`${map.name}: the rendered SVG reads left to right with no collisions, measured in Chromium`, async () => {
      const doc = docFor(map.text);
      const m = await measureSvg(bare, renderSvg(layoutJourney(doc, { detail: 'full' })));
      const problems = problemsOf(m);
      assert(problems.length === 0, `${problems.length} problems:\n      ${problems.slice(0, 8).join('\n      ')}`);
      assert(m.curves === m.customerLanesWithFeels, `${m.curves} curves for ${m.customerLanesWithFeels} customer lanes with feels`);
      assert(m.cards === doc.map.touchpoints.length, `${m.cards} cards measured for ${doc.map.touchpoints.length} touchpoints`);
      results.push(`measured ${map.name}: ${m.cards} cards, ${m.edges} edges, ${m.crossings} crossings, ${m.width} x ${m.height} px`);
    });
    await test(`${map.name}: the preview's picture (the page's own font) has no collisions either`, async () => {
      await sendAndWaitRendered(p, updateFor(map.text, 1000 + measured.indexOf(map)).message);
      const m = await measurePreview(p);
      const problems = problemsOf(m);
      assert(problems.length === 0, `${problems.length} problems:\n      ${problems.slice(0, 8).join('\n      ')}`);
      assert(m.curves === m.customerLanesWithFeels, `${m.curves} curves for ${m.customerLanesWithFeels} customer lanes with feels`);
    });
  }
  await bare.close();

  await test('the stage jump shows one stage at a readable zoom, and [ and ] step through the stages', async () => {
    const big = measured.find((m) => m.name === 'blueprint-40');
    const { layout } = updateFor(big.text, 2000);
    await sendAndWaitRendered(p, updateFor(big.text, 2000).message);
    await p.click('#zoom-fit');
    const fitZoom = await p.evaluate(() => Number(document.getElementById('status').textContent.replace('%', '')));
    await p.click('#stages-button');
    const items = await p.evaluate(() => [...document.querySelectorAll('#stages-menu .menu-item')].map((e) => e.textContent));
    assert(items.length === layout.stages.length && items[0].includes(layout.stages[0].name), JSON.stringify(items));
    await p.click('#stages-menu .menu-item:nth-child(3)');
    const shown = await p.evaluate(() => {
      const stage = document.querySelectorAll('#content .jm-stage')[2].querySelector('rect').getBoundingClientRect();
      const view = document.getElementById('viewport').getBoundingClientRect();
      return { zoom: Number(document.getElementById('status').textContent.replace('%', '')), left: stage.left - view.left, right: stage.right - view.left, width: view.width, menu: document.getElementById('stages-menu').hidden };
    });
    assert(shown.menu, 'the menu closes');
    assert(shown.zoom > fitZoom && shown.zoom <= 100, `zoom ${shown.zoom}% (fit ${fitZoom}%)`);
    assert(shown.left >= 0 && shown.right <= shown.width, `stage 3 is not wholly in view: ${JSON.stringify(shown)}`);
    await p.keyboard.press(']');
    const next = await p.evaluate(() => {
      const stage = document.querySelectorAll('#content .jm-stage')[3].querySelector('rect').getBoundingClientRect();
      const view = document.getElementById('viewport').getBoundingClientRect();
      return { left: stage.left - view.left, right: stage.right - view.left, width: view.width };
    });
    assert(next.left >= 0 && next.right <= next.width, `] did not bring stage 4 into view: ${JSON.stringify(next)}`);
    // The lane headers are out of view: the lane rail names each lane, level with it.
    const rail = await p.evaluate(() => {
      const el = document.getElementById('lane-rail');
      const lanes = [...document.querySelectorAll('#content .jm-lane rect:first-of-type')].map((r) => r.getBoundingClientRect());
      const items = [...el.children].map((c) => ({ text: c.textContent, top: c.getBoundingClientRect().top }));
      return { hidden: el.hidden, items, laneTops: lanes.map((r) => r.top) };
    });
    assert(!rail.hidden, 'the lane rail is hidden while the headers are out of view');
    assert(rail.items.map((i) => i.text).join('|') === layout.lanes.map((l) => l.name).join('|'), JSON.stringify(rail.items));
    assert(rail.items.every((item, i) => Math.abs(item.top - rail.laneTops[i]) < 2), 'a rail name is not level with its lane');
    await p.click('#zoom-fit');
    assert(await p.evaluate(() => document.getElementById('lane-rail').hidden), 'the lane rail stays over the whole picture');
    // A narrow window fits the picture at a small zoom: the headers are small but in view, no rail.
    await p.setViewportSize({ width: 600, height: 900 });
    await p.click('#zoom-fit');
    assert(await p.evaluate(() => document.getElementById('lane-rail').hidden), 'the lane rail covers a fitted picture in a narrow window');
    await p.setViewportSize({ width: 1600, height: 1000 });
    await p.click('#zoom-fit');
  });

  await test('a large map opens readable at its start, follows the cursor\'s card, 1:1 centres that card, and stage names stay on top', async () => {
    const big = measured.find((m) => m.name === 'blueprint-40');
    const { layout, message } = updateFor(big.text, 1);
    // Another map: the preview switches to it, as when the user opens a different map.
    await sendAndWaitRendered(p, { ...message, uri: 'file:///ws/big.journey.yaml', fileName: 'big.journey.yaml' });
    const zoomNow = () => p.evaluate(() => Number(document.getElementById('status').textContent.replace('%', '')));
    const view = await p.evaluate(() => document.getElementById('viewport').getBoundingClientRect().toJSON());
    const fit = Math.min((view.width - 16) / layout.width, (view.height - 16) / layout.height);
    assert(fit < 0.5, `blueprint-40 fits at ${fit}: the test needs a map too large to read whole`);
    const opened = await zoomNow();
    assert(opened >= 50 && opened <= 100, `opened at ${opened}% (fit would be ${Math.round(fit * 100)}%)`);
    const firstStage = await p.evaluate(() => document.querySelector('#content .jm-stage rect').getBoundingClientRect().toJSON());
    // The start of the journey: the lane headers and the first stage, whole, from the left edge.
    assert(firstStage.left >= view.left && firstStage.right <= view.right, `the first stage is not in view: ${JSON.stringify(firstStage)}`);
    const svgLeft = await p.evaluate(() => document.querySelector('#content svg').getBoundingClientRect().left);
    assert(svgLeft >= view.left && svgLeft < view.left + 20, `the picture does not start at the left edge: ${svgLeft}`);

    const card = layout.cards[Math.floor(layout.cards.length * 0.7)];
    const cardBox = () => p.evaluate((key) => document.querySelector(`#content .jm-card[data-id="${key}"]`).getBoundingClientRect().toJSON(), card.key);
    await send(p, { type: 'highlight', uri: 'file:///ws/big.journey.yaml', line: card.line, key: card.key });
    await p.waitForFunction((key) => document.querySelector(`#content .jm-card[data-id="${key}"]`)?.classList.contains('jm-highlight'), card.key, { timeout: 5000 });
    const seen = await cardBox();
    assert(seen.left >= view.left && seen.right <= view.right && seen.top >= view.top && seen.bottom <= view.bottom, `the cursor's card is out of view: ${JSON.stringify(seen)}`);
    await p.click('#zoom-fit');
    await p.click('#zoom-reset');
    assert(await zoomNow() === 100, '1:1 is actual size');
    const centred = await cardBox();
    const dx = (centred.left + centred.right) / 2 - (view.left + view.right) / 2;
    const dy = (centred.top + centred.bottom) / 2 - (view.top + view.bottom) / 2;
    assert(Math.abs(dx) < 2 && Math.abs(dy) < 2, `1:1 did not centre the highlighted card (off by ${dx}, ${dy})`);

    // Panned down past the stage headers: their names stay on the top edge, each over its column.
    await p.mouse.move(view.left + view.width / 2, view.top + view.height / 2);
    await p.mouse.wheel(0, 700);
    await p.waitForFunction(() => !document.getElementById('stage-rail').hidden, null, { timeout: 5000 });
    const rail = await p.evaluate(() => {
      const el = document.getElementById('stage-rail');
      const stages = [...document.querySelectorAll('#content .jm-stage rect')].map((r) => r.getBoundingClientRect().left);
      return { hidden: el.hidden, items: [...el.children].map((c) => ({ text: c.textContent, left: c.getBoundingClientRect().left })), stages };
    });
    assert(!rail.hidden, 'the stage rail is hidden while the stage headers are above the window');
    assert(rail.items.length === layout.stages.length && rail.items[0].text.includes(layout.stages[0].name), JSON.stringify(rail.items.slice(0, 3)));
    assert(rail.items.every((item, i) => Math.abs(item.left - rail.stages[i]) < 2), 'a stage name is not over its column');
    mkdirSync(join(root, 'test-results', 'screenshots'), { recursive: true });
    await p.screenshot({ path: join(root, 'test-results', 'screenshots', 'blueprint-40-rails-light.png') });
    await p.click('#zoom-fit');
    assert(await p.evaluate(() => document.getElementById('stage-rail').hidden), 'the stage rail covers the headers of a fitted picture');
  });

  await test('a narrow preview: the improvements go below the picture, and a menu opens under its button', async () => {
    await p.setViewportSize({ width: 560, height: 900 });
    await p.click('vscode-checkbox[data-toggle="improvements"]');
    const boxes = await p.evaluate(() => ({
      viewport: document.getElementById('viewport').getBoundingClientRect().toJSON(),
      panel: document.getElementById('improvements').getBoundingClientRect().toJSON(),
    }));
    await p.screenshot({ path: join(root, 'test-results', 'screenshots', 'narrow-improvements-light.png') });
    assert(boxes.panel.top >= boxes.viewport.bottom - 1 && boxes.viewport.width > 500, `improvements beside the picture: ${JSON.stringify(boxes)}`);
    await p.click('vscode-checkbox[data-toggle="improvements"]');
    await p.click('#lanes-button');
    const menu = await p.evaluate(() => ({
      button: document.getElementById('lanes-button').getBoundingClientRect().toJSON(),
      menu: document.getElementById('lanes-menu').getBoundingClientRect().toJSON(),
    }));
    assert(menu.menu.top >= menu.button.bottom && menu.menu.top - menu.button.bottom < 12, `the lanes menu is not under its button: ${JSON.stringify(menu)}`);
    assert(menu.menu.left <= menu.button.right && menu.menu.right >= menu.button.left && menu.menu.right <= 560, `the lanes menu is not under its button: ${JSON.stringify(menu)}`);
    await p.click('#lanes-button');
    await p.setViewportSize({ width: 1600, height: 1000 });
  });

  await test('compare mode: new, changed and removed marks are drawn, counted from the page in the render event, and left with the toolbar', async () => {
    const { sp, measure } = await freshPage('light', { width: 1600, height: 900 });
    const errors = [];
    sp.on('pageerror', (e) => errors.push(String(e)));
    const { layout, message } = compareUpdateFor(COMPARE_BEFORE, COMPARE_AFTER, 3, 'HEAD~1', measure);
    await sendAndWaitRendered(sp, message);
    const seen = await sp.evaluate(() => ({
      rendered: window.__messages.filter((m) => m.type === 'rendered').pop(),
      added: [...document.querySelectorAll('#content .jm-card[data-compare="added"]')].map((e) => e.getAttribute('data-id')),
      ghosts: [...document.querySelectorAll('#content .jm-card.jm-ghost')].map((e) => e.getAttribute('data-id')),
      tags: [...document.querySelectorAll('#content .jm-compare-tag text')].map((e) => e.textContent),
      beforeCurve: document.querySelectorAll('#content .jm-curve-before-point').length,
      bar: document.getElementById('compare-group').hidden ? '' : document.getElementById('compare-label').textContent,
    }));
    assert(JSON.stringify(seen.rendered.compare) === JSON.stringify({ added: 1, removed: 3, changed: 3 }), `render event: ${JSON.stringify(seen.rendered.compare)}`);
    assert(seen.added.join() === 'chatbot', `added: ${seen.added}`);
    assert(seen.ghosts.sort().join() === '#removed:fax-form,#removed:rates,#removed:read-faq', `ghosts: ${seen.ghosts}`);
    assert(seen.tags.filter((t) => t === 'CHANGED').length === 3 && seen.tags.includes('NEW') && seen.tags.filter((t) => t === 'REMOVED').length === 3, `tags: ${seen.tags}`);
    assert(seen.beforeCurve === layout.beforeCurves[0].points.length && seen.beforeCurve === 5, `${seen.beforeCurve} points on the HEAD~1 curve`);
    assert(/Compared with HEAD~1: 1 new, 3 changed, 3 removed/.test(seen.bar), `toolbar: ${seen.bar}`);
    // A changed card's hover lists before → after; a ghost has a hover but is no link to the source.
    await sp.hover('#content .jm-card[data-id="desk-verify"]');
    const tip = await sp.evaluate(() => document.getElementById('tooltip').textContent);
    assert(tip.includes('name: “Agent verifies identity” → “Agent checks identity”') && tip.includes('fcr: 64% / 80% → 82% / 80%'), `tooltip: ${tip}`);
    const from = await sp.evaluate(() => window.__messages.length);
    await sp.click('#content .jm-card[data-id="#removed:read-faq"]');
    const ghostTip = await sp.evaluate(() => document.getElementById('tooltip').textContent);
    assert(ghostTip.includes('removed since HEAD~1'), `ghost tooltip: ${ghostTip}`);
    await sp.click('#compare-exit');
    const posted = await sp.evaluate((from) => window.__messages.slice(from).map((m) => m.type), from);
    assert(!posted.includes('reveal'), `a ghost revealed a line: ${posted}`);
    assert(posted.includes('exitCompare'), `no exitCompare: ${posted}`);
    // The host answers with the map alone: no marks, the bar hidden, no counts in the event.
    const plain = { ...message, version: 4, layout: layoutJourney(parseJourney(COMPARE_AFTER), { measure }) };
    await sendAndWaitRendered(sp, plain);
    const after = await sp.evaluate(() => ({ rendered: window.__messages.filter((m) => m.type === 'rendered').pop(), marks: document.querySelectorAll('#content [data-compare]').length, hidden: document.getElementById('compare-group').hidden }));
    assert(after.rendered.compare === undefined && after.marks === 0 && after.hidden, `after leaving: ${JSON.stringify(after)}`);
    assert(errors.length === 0, errors.join('; '));
    await sp.close();
  });

  await test('compare mode: the marked picture has no collisions either, in the preview and in a file, measured in Chromium', async () => {
    const { sp, measure } = await freshPage('dark', { width: 1600, height: 900 });
    await sendAndWaitRendered(sp, compareUpdateFor(COMPARE_BEFORE, COMPARE_AFTER, 1, 'HEAD~1', measure).message);
    const inPreview = await measurePreview(sp);
    const inFile = await measureSvg(sp, renderSvg(compareUpdateFor(COMPARE_BEFORE, COMPARE_AFTER, 1, 'HEAD~1', undefined).layout));
    await sp.close();
    for (const [where, m] of [['preview', inPreview], ['file', inFile]]) {
      const problems = Object.entries(m.problems).filter(([, list]) => list.length).map(([k, list]) => `${k}: ${list.slice(0, 3).join('; ')}`);
      assert(problems.length === 0, `${where}: ${problems.join(' | ')}`);
    }
  });

  await test('no page errors and no CSP violations', async () => {
    const violations = await p.evaluate(() => window.__violations);
    assert(pageErrors.length === 0, pageErrors.join('; '));
    assert(violations.length === 0, violations.join('; '));
  });
  await p.close();

  // ---- screenshots of every example, light and dark ---------------------------------------------------------
  // The committed screenshots under docs/ are retaken only on request, so `npm test` leaves the tree clean.
  const shots = process.env.JOURNEYMAP_UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'screenshots') : join(root, 'test-results', 'screenshots');
  mkdirSync(shots, { recursive: true });
  for (const file of examples) {
    const text = readFileSync(join(examplesDir, file), 'utf8');
    const { layout, message } = updateFor(text, 1);
    for (const theme of ['light', 'dark']) {
      await test(`screenshot ${file} (${theme})`, async () => {
        const width = 1800;
        const height = Math.min(1400, Math.ceil((width - 20) * (layout.height / layout.width)) + 64);
        const sp = await browser.newPage({ viewport: { width, height } });
        await sp.goto(`${origin}/page?theme=${theme}`);
        await sp.evaluate(() => window.__waitFor((m) => m.type === 'ready', 10000));
        await sendAndWaitRendered(sp, message);
        await sp.waitForTimeout(150);
        const out = join(shots, `${file.replace(/\.journey\.ya?ml$/, '')}-${theme}.png`);
        await sp.screenshot({ path: out });
        await sp.close();
        results.push(`screenshot: ${out.slice(root.length + 1)}`);
      });
    }
  }
  // Compare mode, light and dark: a changed card's hover open, so the picture shows before → after too.
  for (const theme of ['light', 'dark']) {
    await test(`screenshot compare mode (${theme})`, async () => {
      const { sp, measure } = await freshPage(theme, { width: 1560, height: 860 });
      await sendAndWaitRendered(sp, compareUpdateFor(COMPARE_BEFORE, COMPARE_AFTER, 1, 'HEAD~1', measure).message);
      await sp.hover('#content .jm-card[data-id="locked-out"]');
      await sp.waitForTimeout(150);
      const out = join(shots, `compare-${theme}.png`);
      await sp.screenshot({ path: out });
      await sp.close();
      results.push(`screenshot: ${out.slice(root.length + 1)}`);
    });
  }
  // A 40-touchpoint blueprint in the preview: whole (fit) and one stage (the stage jump); and the
  // file `journeymap render` writes (full detail), opened in a browser.
  const forty = blueprintMap(40);
  for (const what of ['whole', 'stage']) {
    await test(`screenshot blueprint-40: ${what} (light)`, async () => {
      const sp = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await sp.goto(`${origin}/page?theme=light`);
      await sp.evaluate(() => window.__waitFor((m) => m.type === 'ready', 10000));
      await sendAndWaitRendered(sp, updateFor(forty, 1).message);
      if (what === 'stage') {
        await sp.click('#stages-button');
        await sp.click('#stages-menu .menu-item:nth-child(3)');
      }
      await sp.waitForTimeout(150);
      const out = join(shots, `blueprint-40-${what}-light.png`);
      await sp.screenshot({ path: out });
      await sp.close();
      results.push(`screenshot: ${out.slice(root.length + 1)}`);
    });
  }
  if (mainExample) {
    await test(`screenshot ${mainExample}: the exported SVG in a browser`, async () => {
      const text = readFileSync(join(examplesDir, mainExample), 'utf8');
      const layout = layoutJourney(docFor(text), { detail: 'full' });
      const sp = await browser.newPage({ viewport: { width: layout.width, height: layout.height } });
      await sp.setContent(`<!doctype html><html><body style="margin:0">${renderSvg(layout)}</body></html>`);
      const out = join(shots, `exported-${mainExample.replace(/\.journey\.ya?ml$/, '')}.png`);
      await sp.screenshot({ path: out, fullPage: true });
      await sp.close();
      results.push(`screenshot: ${out.slice(root.length + 1)}`);
    });
  }
  // The interactive parts: a card's hover (light) and the improvements matrix (dark).
  if (mainExample) {
    const text = readFileSync(join(examplesDir, mainExample), 'utf8');
    const { layout, message } = updateFor(text, 1);
    for (const [theme, what] of [['light', 'tooltip'], ['dark', 'improvements']]) {
      await test(`screenshot ${mainExample}: ${what} (${theme})`, async () => {
        const sp = await browser.newPage({ viewport: { width: 1500, height: 860 } });
        await sp.goto(`${origin}/page?theme=${theme}`);
        await sp.evaluate(() => window.__waitFor((m) => m.type === 'ready', 10000));
        await sendAndWaitRendered(sp, message);
        if (what === 'improvements') {
          await sp.click('vscode-checkbox[data-toggle="improvements"]');
          await sp.waitForTimeout(100);
        } else {
          const card = layout.cards.find((c) => c.pains.length > 1 && c.metrics.length > 1) ?? layout.cards[0];
          await sp.hover(`#content .jm-card[data-id="${card.key}"]`);
          await sp.waitForTimeout(100);
        }
        const out = join(shots, `preview-${what}-${theme}.png`);
        await sp.screenshot({ path: out });
        await sp.close();
        results.push(`screenshot: ${out.slice(root.length + 1)}`);
      });
    }
  }

  // ---- journeymap report: the static site, opened from disk (test/browser/report.mjs) --------------------
  const { reportSuite } = await import('./report.mjs');
  await reportSuite({ browser, test, assert, root, shots, results });
} finally {
  await browser.close();
  server.close();
}

for (const line of results) console.log(`  ${line}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
