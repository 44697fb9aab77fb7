// Takes the README's screenshots in a real VS Code (code-server + Chromium, as the test runner):
// the editor with the Problems panel, a hover, the quick fix menu, completion as you type, a large
// map's preview as it opens, and a rule's documentation, into docs/screenshots/
// Usage: node test/vscode/screenshots.mjs   (after npm run test:setup; install fonts-noto-color-emoji
// first so the hover's status emoji render)
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, harness, makeWorkspace, root, startCodeServer, workbenchUrl } from './lib.mjs';

const { chromium } = createRequire(join(harness, 'package.json'))('playwright-core');
const outDir = join(root, 'docs/screenshots');
mkdirSync(outDir, { recursive: true });
const base = mkdtempSync(join(tmpdir(), 'journeymap-shots-'));
const ws = makeWorkspace(base);
const server = await startCodeServer(base);
let browser;
try {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(workbenchUrl(server, ws));
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });

  const command = async (label) => {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(label);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${label.replace(/"/g, '')}"]`, { timeout: 15_000 }).catch(() => undefined);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget', { state: 'hidden' }).catch(() => undefined);
  };
  const openFile = async (name) => {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(name);
    // Click the file's own row: Enter can land on a recently opened file before the list filters.
    await page.click(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 30_000 });
    await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 15_000 });
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15_000 });
  };
  const goTo = async (lineColumn) => {
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(lineColumn);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.quick-input-widget', { state: 'hidden' }).catch(() => undefined);
    await page.waitForSelector('.monaco-editor.focused', { timeout: 15_000 });
  };
  /** `line:column` (one-based) of `needle` in a workspace file, `offset` characters into it. */
  const where = (file, needle, offset = 0) => {
    const lines = readFileSync(join(ws, file), 'utf8').split(/\r?\n/);
    const line = lines.findIndex((l) => l.includes(needle));
    if (line < 0) throw new Error(`${needle} not in ${file}`);
    return `${line + 1}:${lines[line].indexOf(needle) + 1 + offset}`;
  };
  const settle = () => page.waitForTimeout(800); // let animations and decorations finish before a picture

  // Close the welcome/secondary clutter.
  await command('View: Close All Editors');
  await command('Chat: Hide').catch(() => undefined);

  // 1. The editor with the Problems panel.
  await openFile('broken.journey.yaml');
  await command('View: Focus Problems (Errors, Warnings, Infos)');
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30_000 });
  await goTo('27:1');
  await settle();
  await page.screenshot({ path: join(outDir, 'editor-problems.png') });
  console.log('docs/screenshots/editor-problems.png');

  // 2. A hover on a metric.
  await command('View: Close Panel');
  await openFile('locked-out-admin.journey.yaml');
  await goTo(where('examples/locked-out-admin.journey.yaml', 'deflection_rate:', 3));
  // Rest the mouse on the metric, as a user would: a keyboard-opened hover closes as soon as a
  // workbench tooltip (the tab's, under a mouse left on the tab bar) opens.
  const caret = await page.locator('.monaco-editor.focused .cursors-layer .cursor').first().boundingBox();
  await page.mouse.move(caret.x + 2, caret.y + caret.height / 2);
  await page.waitForSelector('.monaco-hover .rendered-markdown', { state: 'visible', timeout: 15_000 });
  await settle();
  await page.screenshot({ path: join(outDir, 'hover.png') });
  console.log('docs/screenshots/hover.png');
  await page.keyboard.press('Escape');
  await settle();

  // 3. The quick fix menu on an unknown key.
  await openFile('broken.journey.yaml');
  await goTo(where('maps/broken.journey.yaml', 'chanel:', 2));
  await page.keyboard.press('Control+.');
  await page.waitForSelector('.action-widget', { state: 'visible', timeout: 15_000 });
  await settle();
  await page.screenshot({ path: join(outDir, 'quick-fix.png') });
  console.log('docs/screenshots/quick-fix.png');
  await page.keyboard.press('Escape');

  // 4. Suggestions as you type (no Ctrl+Space): a new key in a touchpoint.
  await openFile('clean.journey.yml');
  await goTo(where('maps/clean.journey.yml', 'channel: phone', 'channel: phone'.length));
  await page.keyboard.press('Enter');
  await page.keyboard.type('th', { delay: 120 }); // thinks:
  await page.waitForSelector('.suggest-widget.visible', { timeout: 15_000 });
  await settle();
  await page.screenshot({ path: join(outDir, 'completion.png') });
  console.log('docs/screenshots/completion.png');
  await page.keyboard.press('Escape');
  await command('File: Revert File');

  // 5. A 40-touchpoint map's preview as it opens beside the editor: readable, at the cursor's card.
  await command('View: Close Primary Side Bar'); // room for the editor and the preview side by side
  await openFile('regional-outage-40.journey.yaml');
  await goTo(where('test-maps/regional-outage-40.journey.yaml', '- id: failover-live', 6));
  await command('Journey Map: Open Preview to the Side');
  await page.waitForSelector('iframe.webview.ready', { timeout: 30_000 });
  await page.mouse.move(200, 600); // no tab tooltip over the picture
  await page.waitForTimeout(3000);
  await page.screenshot({ path: join(outDir, 'preview-opening.png') });
  console.log('docs/screenshots/preview-opening.png');
  await command('View: Close All Editors');

  // 6. A rule's documentation from the Problems panel's link: rendered, at the rule.
  await command('Journey Map: Show Rule Documentation');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('silent-handoff');
  await page.keyboard.press('Enter');
  await page.waitForSelector('iframe.webview.ready', { timeout: 30_000 });
  await page.waitForTimeout(2000);
  await page.screenshot({ path: join(outDir, 'rule-docs.png') });
  console.log('docs/screenshots/rule-docs.png');

  // 7. Every map at a glance: the Journey Maps and Journey Improvements views in the Explorer.
  await command('View: Close All Editors');
  await command('View: Show Explorer');
  await command('Journey Maps: Focus on Journey Maps View');
  await page.waitForSelector('.pane-header[aria-label*="Journey Maps"]', { timeout: 15_000 });
  // Room for the rows' descriptions: the workspace folder section collapsed, the side bar wider.
  await page.click('.pane-header[aria-label*="Explorer Section: workspace" i]').catch(() => undefined);
  const sash = await page.$('.part.sidebar + .monaco-sash, .monaco-sash.vertical');
  const box = await page.$eval('.part.sidebar', (el) => el.getBoundingClientRect().right);
  await page.mouse.move(box + 1, 400);
  await page.mouse.down();
  await page.mouse.move(900, 400, { steps: 10 });
  await page.mouse.up();
  void sash;
  await page.waitForSelector('.monaco-list-row[aria-label*="Admin locked out of account"]', { timeout: 30_000 });
  await page.mouse.move(900, 500);
  await settle();
  await page.screenshot({ path: join(outDir, 'journey-maps-view.png') });
  console.log('docs/screenshots/journey-maps-view.png');
} catch (error) {
  console.error(error);
  const pages = browser?.contexts().flatMap((c) => c.pages()) ?? [];
  if (pages[0]) await pages[0].screenshot({ path: join(tmpdir(), 'journeymap-shot-error.png') }).catch(() => undefined);
  console.error(`screenshot of the failure: ${join(tmpdir(), 'journeymap-shot-error.png')}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => undefined);
  server.stop();
  rmSync(base, { recursive: true, force: true });
}
