/* global DOMPoint */
// Measures a rendered diagram in Chromium, with the real text boxes the browser lays out (never the
// layout's own numbers): the SVG is put in a page as is, and every card, label, text and edge is
// read back from the DOM. Used by the browser suite (which asserts on the result) and by
// `node test/browser/measure.mjs` (which prints the figures for BENCHMARKS.md).
//
// What it reports, per picture:
//  - backwards: flow edges (loops aside) whose target card stands left of their source card;
//  - labelOverlaps: handoff labels overlapping another label, a card, or the line of visibility;
//  - textOutside: text sticking out of its card, or out of its lane header;
//  - throughCards: edges passing through a card that is neither of their ends;
//  - crossings: points where two different edges cross;
//  - curves / customerLanesWithFeels: emotion curves drawn, and customer lanes that have feels;
//  - width, height: the picture's size.

/** Runs in the page: measures the SVG the selector finds (a bare page's `#stage svg`, or the preview's `#content svg`). */
function measureInPage(selector) {
  const svg = document.querySelector(selector);
  const round = (v) => Math.round(v * 10) / 10;
  const base = svg.getBoundingClientRect();
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.left - base.left, y: r.top - base.top, width: r.width, height: r.height }; };
  const overlap = (a, b, pad = 0) => a.x < b.x + b.width - pad && b.x < a.x + a.width - pad && a.y < b.y + b.height - pad && b.y < a.y + a.height - pad;
  const inside = (a, b, tolerance = 1) => a.x >= b.x - tolerance && a.y >= b.y - tolerance && a.x + a.width <= b.x + b.width + tolerance && a.y + a.height <= b.y + b.height + tolerance;
  const problems = { backwards: [], labelOverlaps: [], textOutside: [], throughCards: [] };

  const cards = [...svg.querySelectorAll('.jm-card')].map((g) => ({ id: g.getAttribute('data-id'), el: g, rect: box(g.querySelector('.jm-card-box')) }));
  const cardById = new Map(cards.map((c) => [c.id, c]));

  // Text inside its card (every text of a card group), and lane labels inside the lane header.
  for (const card of cards) {
    for (const t of card.el.querySelectorAll('text')) {
      if (t.closest('.jm-outside-card')) continue;
      const r = box(t);
      if (r.width && !inside(r, card.rect)) problems.textOutside.push(`${card.id}: "${t.textContent}" ${JSON.stringify(r)} outside ${JSON.stringify(card.rect)}`);
    }
  }
  // The grid's left edge, in the same screen space as the boxes (the preview may be zoomed).
  const gridAttr = Number(svg.getAttribute('data-grid-x') ?? NaN);
  const gridX = Number.isFinite(gridAttr) ? new DOMPoint(gridAttr, 0).matrixTransform(svg.getScreenCTM()).x - base.left : NaN;
  for (const lane of svg.querySelectorAll('.jm-lane')) {
    const band = box(lane.querySelector('rect'));
    const header = { x: band.x, y: band.y, width: (Number.isFinite(gridX) ? gridX : band.x + 190) - band.x, height: band.height };
    for (const t of lane.querySelectorAll('text')) {
      const r = box(t);
      if (r.width && !inside(r, header)) problems.textOutside.push(`lane ${lane.getAttribute('data-lane')}: "${t.textContent}" ${JSON.stringify(r)} outside the header ${JSON.stringify(header)}`);
    }
  }

  // Edges as polylines sampled along the drawn path, in the same (screen) space as the boxes above:
  // a zoomed preview scales both alike.
  const sample = (path) => {
    const length = path.getTotalLength();
    const ctm = path.getScreenCTM();
    const toScreen = (p) => { const q = new DOMPoint(p.x, p.y).matrixTransform(ctm); return { x: q.x - base.left, y: q.y - base.top }; };
    const points = [];
    const step = 2;
    for (let s = 0; s <= length; s += step) points.push(toScreen(path.getPointAtLength(s)));
    points.push(toScreen(path.getPointAtLength(length)));
    return points;
  };
  const edges = [];
  for (const path of svg.querySelectorAll('path.jm-flow')) {
    edges.push({ kind: path.classList.contains('jm-loop') ? 'loop' : 'flow', from: path.getAttribute('data-from'), to: path.getAttribute('data-to'), points: sample(path) });
  }
  for (const g of svg.querySelectorAll('.jm-handoff')) {
    const path = g.querySelector('path');
    if (path) edges.push({ kind: 'handoff', from: g.getAttribute('data-from'), to: g.getAttribute('data-to'), points: sample(path) });
  }

  for (const e of edges) {
    const from = cardById.get(e.from);
    const to = cardById.get(e.to);
    if (e.kind === 'flow' && from && to && to.rect.x + 0.5 < from.rect.x) problems.backwards.push(`${e.from} -> ${e.to}`);
    for (const card of cards) {
      if (card.id === e.from || card.id === e.to) continue;
      const r = { x: card.rect.x + 2, y: card.rect.y + 2, width: card.rect.width - 4, height: card.rect.height - 4 };
      if (e.points.some((p) => p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height)) {
        problems.throughCards.push(`${e.kind} ${e.from} -> ${e.to} passes through ${card.id}`);
      }
    }
  }

  // Crossings: proper intersections between segments of different edges, counted once per point.
  const segments = (points) => points.slice(1).map((p, i) => [points[i], p]);
  const cross = (a, b, c, d) => {
    const o = (p, q, r) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
    return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
  };
  const points = [];
  const segs = edges.map((e) => segments(e.points.filter((_, i) => i % 2 === 0 || i === e.points.length - 1)));
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      for (const [a, b] of segs[i]) {
        for (const [c, d] of segs[j]) {
          if (!cross(a, b, c, d)) continue;
          const x = round((a.x + b.x + c.x + d.x) / 4), y = round((a.y + b.y + c.y + d.y) / 4);
          if (!points.some((p) => Math.abs(p.x - x) < 4 && Math.abs(p.y - y) < 4)) points.push({ x, y });
        }
      }
    }
  }

  // Labels: handoff labels (their pill), against each other, the cards and the line of visibility.
  const labels = [...svg.querySelectorAll('.jm-handoff')].map((g) => ({ key: g.getAttribute('data-key'), rect: box(g.querySelector('rect') ?? g) }))
    .filter((l) => l.rect.width > 0);
  const visibility = svg.querySelector('.jm-visibility line');
  const vis = visibility ? box(visibility) : undefined;
  labels.forEach((l, i) => {
    for (const other of labels.slice(i + 1)) if (overlap(l.rect, other.rect, 0.5)) problems.labelOverlaps.push(`label ${l.key} overlaps label ${other.key}`);
    for (const card of cards) if (overlap(l.rect, card.rect, 0.5)) problems.labelOverlaps.push(`label ${l.key} overlaps card ${card.id}`);
    if (vis && overlap(l.rect, { x: vis.x, y: vis.y - 1, width: vis.width, height: vis.height + 2 }, 0)) problems.labelOverlaps.push(`label ${l.key} sits on the line of visibility`);
  });

  const customerLanes = [...svg.querySelectorAll('.jm-lane[data-kind="customer"]')].map((l) => l.getAttribute('data-lane'));
  const customerLanesWithFeels = customerLanes.filter((lane) => cards.some((c) => c.el.getAttribute('data-lane') === lane && c.el.querySelector('.jm-feels')));
  return {
    width: round(Number(svg.getAttribute('width'))), height: round(Number(svg.getAttribute('height'))),
    cards: cards.length, edges: edges.length, crossings: points.length,
    curves: svg.querySelectorAll('.jm-curve-line').length, customerLanesWithFeels: customerLanesWithFeels.length,
    problems,
  };
}

/** Puts an SVG in the page (a blank page with the system's fonts) and measures it. */
export async function measureSvg(page, svg) {
  await page.setContent(`<!doctype html><html><body style="margin:0"><div id="stage">${svg}</div></body></html>`);
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(measureInPage, '#stage svg');
}

/** Measures the picture a live preview page shows (zoomed as it is: every box scales alike). */
export async function measurePreview(page) {
  return page.evaluate(measureInPage, '#content svg');
}

/**
 * The maps the diagram is judged on: the examples, generated blueprints of 10, 40 and 100
 * touchpoints, and the maps in test/maps (written the way ITSM teams write them: a P1 outage with
 * status page updates, onboarding, a 60-touchpoint major incident, a lane id typo, long names...).
 */
export async function measuredMaps(root, blueprintMap) {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const folder = (dir) => readdirSync(join(root, dir)).filter((n) => n.endsWith('.journey.yaml')).sort()
    .map((n) => ({ name: n.replace('.journey.yaml', ''), text: readFileSync(join(root, dir, n), 'utf8'), file: join(root, dir, n) }));
  const maps = folder('examples');
  for (const n of [10, 40, 100]) maps.push({ name: `blueprint-${n}`, text: blueprintMap(n) });
  return [...maps, ...folder('test/maps')];
}

/**
 * `node test/browser/measure.mjs [--cli <checkout>] [--router grid|elk|auto]`: renders every
 * measured map with a checkout's CLI (this one by default; another, say one built before a
 * change, for a before/after table) and prints the figures as a Markdown table.
 */
async function main() {
  const { createRequire } = await import('node:module');
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { dirname, join, resolve } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const args = process.argv.slice(2);
  const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const cli = join(resolve(option('--cli', root)), 'bin', 'journeymap.js');
  const router = option('--router', 'grid');
  const require = createRequire(join(root, 'package.json'));
  const esbuild = require('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'journeymap-measure-'));
  esbuild.buildSync({ entryPoints: [join(root, 'bench/blueprints.ts')], outfile: join(dir, 'blueprints.cjs'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  const { blueprintMap } = createRequire(join(dir, 'x.js'))('./blueprints.cjs');
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.JOURNEYMAP_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'], headless: true });
  const page = await browser.newPage();
  console.log(`CLI ${cli}, --router ${router}\n`);
  console.log('| map | cards | edges | crossings | width | backwards | label overlaps | text outside | through cards | curves / customer lanes with feels |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  try {
    for (const map of await measuredMaps(root, blueprintMap)) {
      const file = map.file ?? join(dir, `${map.name}.journey.yaml`);
      if (!map.file) writeFileSync(file, map.text);
      const out = join(dir, `${map.name}.svg`);
      execFileSync(process.execPath, [cli, 'render', file, '-o', out, '--router', router], { stdio: ['ignore', 'ignore', 'ignore'] });
      const m = await measureSvg(page, readFileSync(out, 'utf8'));
      const p = m.problems;
      console.log(`| ${map.name} | ${m.cards} | ${m.edges} | ${m.crossings} | ${m.width} | ${p.backwards.length} | ${p.labelOverlaps.length} | ${p.textOutside.length} | ${p.throughCards.length} | ${m.curves} / ${m.customerLanesWithFeels} |`);
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) await main();
