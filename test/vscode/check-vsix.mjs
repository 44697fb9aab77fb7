// Checks the packaged extension as users get it: installs journeymap-*.vsix (npm run package) into
// a fresh code-server with `--install-extension`, opens the fixture workspace without any
// development path, and expects the Problems panel to list the fixture's findings (the activation
// scan of closed files). Usage: npm run package && node test/vscode/check-vsix.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, codeServerEntry, harness, makeWorkspace, root, startCodeServer } from './lib.mjs';

const vsix = readdirSync(root).filter((n) => /^journeymap-.*\.vsix$/.test(n)).sort().pop();
if (!vsix) {
  console.error('no journeymap-*.vsix: run npm run package first');
  process.exit(2);
}
const base = mkdtempSync(join(tmpdir(), 'journeymap-vsix-'));
const ws = makeWorkspace(base);
execFileSync(process.execPath, [codeServerEntry, '--extensions-dir', join(base, 'ext'), '--user-data-dir', join(base, 'data'), '--install-extension', join(root, vsix)],
  { env: { ...process.env, XDG_CONFIG_HOME: join(base, 'xdg') }, stdio: 'inherit' });
const server = await startCodeServer(base);
const { chromium } = createRequire(join(harness, 'package.json'))('playwright-core');
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
let ok;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  await page.keyboard.press('F1');
  await page.keyboard.type('View: Focus Problems');
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Focus Problems"]', { timeout: 15_000 });
  await page.keyboard.press('Enter');
  // The fixture's unknown key `chanel` appears once the installed extension has scanned the workspace.
  await page.waitForSelector('.markers-panel .monaco-list-row:has-text("unknown-key")', { timeout: 90_000 });
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (list) => list.map((r) => r.textContent ?? ''));
  ok = rows.some((r) => r.includes('review-overdue'));
  console.log(`${vsix}: installed; Problems lists ${rows.length} rows${ok ? '' : ' (review-overdue missing)'}`);
} finally {
  await browser.close();
  server.stop();
  rmSync(base, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
