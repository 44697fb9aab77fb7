// Takes docs/screenshots/web.png: the extension's browser entry (what vscode.dev loads) in the
// VS Code web build, driven like a user: open a map with Ctrl+P, "Journey Map: Open Preview to the
// Side" from the command palette, the Problems panel. Usage: node test/web/screenshot.mjs (after
// npm run test:setup).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { freePort, makeWorkspace, root } from '../vscode/lib.mjs';
import { launchWebBrowser, startWebServer } from './lib.mjs';

if (spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const base = mkdtempSync(join(tmpdir(), 'journeymap-web-shot-'));
const ws = makeWorkspace(base);
const { server, url } = await startWebServer(await freePort(), ws);
const context = await launchWebBrowser(base, { width: 1400, height: 860 });
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  // From the Explorer, as a user would (quick open has no file index on test-web's file system).
  await page.click('.explorer-folders-view .monaco-list-row[aria-label="maps"]');
  await page.click('.explorer-folders-view .monaco-list-row[aria-label="broken.journey.yaml"]', { timeout: 15_000 });
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15_000 });
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('Journey Map: Open Preview to the Side');
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Open Preview to the Side"]', { timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30_000 });
  // The preview draws inside nested webview frames: wait until one of them has the diagram.
  const deadline = Date.now() + 30_000;
  let drawn = false;
  while (!drawn && Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.$('svg .jm-card').catch(() => null)) drawn = true;
    }
    if (!drawn) await page.waitForTimeout(250);
  }
  if (!drawn) throw new Error('the preview did not draw within 30 s');
  await page.waitForTimeout(1000); // let the fit-to-window settle
  const out = join(root, 'docs/screenshots/web.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await context.close();
  server.close();
  rmSync(base, { recursive: true, force: true });
}
