// The browser suite's checks of `journeymap report`: the site written for examples/, test/maps/,
// a hostile map and a map that cannot be read is opened in Chromium from disk (file:// URLs), and
// on the index, a map page, the board (and the hostile and unreadable pages), in light and dark:
// every link resolves (the file exists; an anchor names an element there), no console error, no
// request leaves the folder, nothing from a map runs, and axe-core reports no serious or critical
// violation. Screenshots: test-results/screenshots/report-*.png (docs/screenshots with
// JOURNEYMAP_UPDATE_SCREENSHOTS=1). Run by test/browser/run.mjs; alone: node test/browser/report.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_URL = 'https://github.com/org/repo/blob/main/';

/**
 * Writes the report of a workspace holding the examples and the test maps, and with `hostile` a
 * hostile map and one that cannot be read too; returns the workspace and the site's folder.
 */
function writeReport(root, hostile) {
  const ws = mkdtempSync(join(tmpdir(), 'journeymap-report-browser-'));
  mkdirSync(join(ws, '.git'));
  cpSync(join(root, 'examples'), join(ws, 'examples'), { recursive: true });
  cpSync(join(root, 'test', 'maps'), join(ws, 'test', 'maps'), { recursive: true });
  if (hostile) {
    const { HOSTILE, hostileMap } = createRequire(join(root, 'package.json'))(join(root, 'out/test/core/hostile.js'));
    mkdirSync(join(ws, 'hostile'));
    writeFileSync(join(ws, 'hostile', 'hostile.journey.yaml'), hostileMap(HOSTILE.slice(0, 10).join(' ')));
    mkdirSync(join(ws, 'broken'));
    writeFileSync(join(ws, 'broken', 'unclosed.journey.yaml'), 'journeymap: 1\ntitle: [unclosed\n');
  }
  const inputs = ['examples', 'test/maps', ...(hostile ? ['hostile', 'broken'] : [])];
  const cli = spawnSync(process.execPath, [join(root, 'bin', 'journeymap.js'), 'report', ...inputs, '-o', 'site', '--today', '2027-01-20', '--repo-url', REPO_URL],
    { cwd: ws, encoding: 'utf8' });
  if (cli.status !== 0) throw new Error(`journeymap report exited ${cli.status}: ${cli.stderr}`);
  return { ws, site: join(ws, 'site') };
}

/** Each link of the page: a file in the site that exists, with the element its anchor names; repository links are only counted. */
async function checkLinks(page, site, assert) {
  const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => ({ href: a.href, raw: a.getAttribute('href'), text: a.textContent.trim() })));
  let external = 0;
  for (const link of links) {
    assert(link.text.length > 0, `a link without text: ${link.raw}`);
    if (link.raw.startsWith(REPO_URL)) {
      external++;
      continue;
    }
    const url = new URL(link.href);
    assert(url.protocol === 'file:', `a link out of the folder: ${link.raw}`);
    const file = fileURLToPath(url);
    assert(file === site || file.startsWith(site + sep), `a link out of the folder: ${link.raw}`);
    assert(existsSync(file), `a link to a missing file: ${link.raw}`);
    if (url.hash) {
      const id = decodeURIComponent(url.hash.slice(1));
      assert(readFileSync(file, 'utf8').includes(`id="${id}"`), `a link to a missing anchor: ${link.raw}`);
    }
  }
  return { links: links.length, external };
}

/**
 * Opens one page of the report in a fresh context with the colour scheme given; every request is
 * checked to stay in the folder (others are aborted and reported), console errors and dialogs collected.
 */
async function openPage(browser, site, file, colorScheme) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1400, height: 1000 } });
  const problems = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    // Inside the folder itself: `site` followed by a separator, not a sibling such as `site-x`.
    if (url.startsWith('file:') && fileURLToPath(url).startsWith(`${site}${sep}`)) return route.continue();
    problems.push(`request outside the folder: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  page.on('dialog', (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss().catch(() => undefined); });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(join(site, file)).href);
  return { context, page, problems };
}

export async function reportSuite({ browser, test, assert, root, shots, results }) {
  const { AxeBuilder } = createRequire(join(root, 'package.json'))('@axe-core/playwright');
  let written;
  await test('report: journeymap report writes the site of examples/, test/maps, a hostile map and an unreadable one', async () => {
    written = writeReport(root, true);
    for (const file of ['index.html', 'improvements.html', 'maps/examples-locked-out-admin.html', 'maps/hostile-hostile.html', 'maps/broken-unclosed.html']) {
      assert(existsSync(join(written.site, file)), `${file} was not written`);
    }
  });
  if (!written) return;
  const site = written.site;
  const PAGES = [
    ['index', 'index.html'], ['map page', 'maps/examples-locked-out-admin.html'], ['board', 'improvements.html'],
    ['hostile map page', 'maps/hostile-hostile.html'], ['unreadable map page', 'maps/broken-unclosed.html'],
  ];
  try {
    for (const [what, file] of PAGES) {
      for (const scheme of ['light', 'dark']) {
        await test(`report: the ${what} (${scheme}): links resolve, nothing leaves the folder or runs, no console error, axe finds nothing serious`, async () => {
          const { context, page, problems } = await openPage(browser, site, file, scheme);
          try {
            const { links } = await checkLinks(page, site, assert);
            assert(links >= 3, `only ${links} links`);
            const state = await page.evaluate(() => ({
              violations: window.__violations, h1: document.querySelectorAll('h1').length, scripts: document.scripts.length,
              dark: getComputedStyle(document.body).backgroundColor,
            }));
            assert(state.h1 === 1, `${state.h1} h1 elements`);
            assert(state.scripts === (file === 'index.html' ? 1 : 0), `${state.scripts} scripts`);
            assert(state.violations.length === 0, `CSP violations: ${state.violations.join('; ')}`);
            assert((scheme === 'dark') === (state.dark !== 'rgb(255, 255, 255)'), `background ${state.dark} in ${scheme}`);
            const pictures = await page.evaluate(() => [...document.querySelectorAll('.diagram svg')].filter((svg) => svg.getBoundingClientRect().width > 100).map((svg) => svg.getAttribute('data-theme')));
            const drawn = file.startsWith('maps/') && !file.includes('broken');
            assert(JSON.stringify(pictures) === JSON.stringify(drawn ? [scheme] : []), `pictures shown: ${pictures.join(', ') || 'none'}`);
            const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
            const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
            assert(serious.length === 0, serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('; '));
            assert(problems.length === 0, problems.join('; '));
          } finally {
            await context.close();
          }
        });
      }
    }

    await test('report: the index sorts by a column heading (aria-sort), and reads in full without its script', async () => {
      const { context, page, problems } = await openPage(browser, site, 'index.html', 'light');
      try {
        const ownerHeader = page.locator('table[data-sortable] thead th', { hasText: 'Owner' });
        await ownerHeader.locator('button').click();
        const owners = () => page.evaluate(() => [...document.querySelectorAll('table[data-sortable] tbody tr')].map((r) => r.cells[2].textContent.trim()));
        const ascending = await owners();
        assert(await ownerHeader.getAttribute('aria-sort') === 'ascending', 'aria-sort after one click');
        assert(JSON.stringify(ascending) === JSON.stringify([...ascending].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }))), `not sorted: ${ascending.join(' | ')}`);
        await ownerHeader.locator('button').click();
        assert(await ownerHeader.getAttribute('aria-sort') === 'descending', 'aria-sort after two clicks');
        const descending = await owners();
        assert(JSON.stringify(descending) === JSON.stringify([...descending].sort((a, b) => b.localeCompare(a, undefined, { numeric: true, sensitivity: 'base' }))), `not sorted descending: ${descending.join(' | ')}`);
        assert(/Sorted by Owner, descending/.test(await page.locator('#sort-status').textContent()), 'the sort is announced');
        assert(problems.length === 0, problems.join('; '));
      } finally {
        await context.close();
      }
      const noScript = await browser.newContext({ javaScriptEnabled: false });
      try {
        const page = await noScript.newPage();
        await page.goto(pathToFileURL(join(site, 'index.html')).href);
        const rows = await page.locator('table[data-sortable] tbody tr').count();
        assert(rows === 15, `${rows} rows without JavaScript`);
      } finally {
        await noScript.close();
      }
    });

    await test('report: printed, the map page has no navigation and the diagram fits the page width', async () => {
      const { context, page } = await openPage(browser, site, 'maps/examples-locked-out-admin.html', 'dark');
      try {
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => {
          const svg = document.querySelector('.diagram-light svg');
          return {
            nav: getComputedStyle(document.querySelector('nav')).display, svg: svg.getBoundingClientRect().width,
            page: document.querySelector('main').getBoundingClientRect().width, dark: getComputedStyle(document.querySelector('.diagram-dark')).display,
            background: getComputedStyle(document.body).backgroundColor,
          };
        });
        assert(printed.nav === 'none', `nav is ${printed.nav} in print`);
        assert(printed.svg <= printed.page + 1, `diagram ${printed.svg}px wider than the page ${printed.page}px`);
        assert(printed.dark === 'none', 'the dark picture is printed');
        assert(printed.background === 'rgb(255, 255, 255)', `printed on ${printed.background}`);
      } finally {
        await context.close();
      }
    });

  } finally {
    rmSync(written.ws, { recursive: true, force: true });
  }

  // Screenshots of the report of the examples and test maps (the hostile map stays out of the docs).
  const clean = writeReport(root, false);
  try {
    mkdirSync(shots, { recursive: true });
    // The map page whole: a small map, so its diagram, metrics, improvements and findings all show.
    for (const [name, file, scheme, height, fullPage] of [
      ['report-index', 'index.html', 'light', 900], ['report-index-dark', 'index.html', 'dark', 900],
      ['report-map', 'maps/test-maps-password-reset-self-service.html', 'light', 1000, true], ['report-board', 'improvements.html', 'light', 900],
    ]) {
      await test(`screenshot ${name}`, async () => {
        const { context, page } = await openPage(browser, clean.site, file, scheme);
        try {
          await page.setViewportSize({ width: 1400, height });
          const out = join(shots, `${name}.png`);
          await page.screenshot({ path: out, fullPage: !!fullPage });
          results.push(`screenshot: ${out.slice(root.length + 1)}`);
        } finally {
          await context.close();
        }
      });
    }
  } finally {
    rmSync(clean.ws, { recursive: true, force: true });
  }
}

// Alone: node test/browser/report.mjs (after npm run build and tsc -p tsconfig.json).
if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { chromium } = createRequire(join(root, 'package.json'))('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.JOURNEYMAP_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true });
  let passed = 0;
  let failed = 0;
  const results = [];
  const test = async (name, fn) => {
    try {
      await fn();
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✘ ${name}\n    ${String(error?.stack ?? error).split('\n').slice(0, 4).join('\n    ')}`);
    }
  };
  const assert = (condition, message) => { if (!condition) throw new Error(message); };
  const shots = process.env.JOURNEYMAP_UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'screenshots') : join(root, 'test-results', 'screenshots');
  try {
    await reportSuite({ browser, test, assert, root, shots, results });
  } finally {
    await browser.close();
  }
  for (const line of results) console.log(`  ${line}`);
  console.log(`browser (report): ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
