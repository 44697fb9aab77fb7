// Activation time in a real VS Code: starts the integration harness's code-server (test/vscode/lib.mjs)
// with the fixture workspace, loads bench/vscode/activation.js as the extension-tests module, and
// prints the JSON it writes: {"activationMs": ..., "activeAtStart": ..., "waitedMs": ..., "vscode": ...}, and with
// JOURNEYMAP_BENCH_TYPING (a folder with a large map) also "hostMaxBlockMs" and the other typing figures.
// Exit 77 when the harness is not installed (`npm run test:setup`).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const lib = join(root, 'test/vscode/lib.mjs');
const harness = join(root, 'test/vscode/harness');
if (!existsSync(lib) || !existsSync(join(harness, 'node_modules/code-server/package.json')) || !existsSync(join(harness, 'node_modules/playwright-core/package.json'))) {
  console.log('activation: the VS Code harness is not installed (npm run test:setup)');
  process.exit(77);
}
const { chromiumArgs, chromiumPath, makeWorkspace, startCodeServer, workbenchUrl } = await import(lib);
const { chromium } = createRequire(join(harness, 'package.json'))('playwright-core');

const base = mkdtempSync(join(tmpdir(), 'journeymap-bench-vscode-'));
const out = join(base, 'activation.json');
let server;
let browser;
const timer = setTimeout(() => { console.error('activation: timed out after 180 s'); cleanup(); process.exit(1); }, 180_000);
function cleanup() {
  clearTimeout(timer);
  server?.stop();
  rmSync(base, { recursive: true, force: true });
}
try {
  const ws = makeWorkspace(base);
  // JOURNEYMAP_BENCH_TYPING: a folder with a large map to type into (bench/vscode/typing.js), passed on.
  const typing = process.env.JOURNEYMAP_BENCH_TYPING ? { JOURNEYMAP_BENCH_TYPING: process.env.JOURNEYMAP_BENCH_TYPING } : {};
  server = await startCodeServer(base, { JOURNEYMAP_BENCH_ACTIVATION: out, ...typing });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const code = await new Promise((resolve) => {
    page.exposeFunction('codeAutomationLog', () => undefined)
      .then(() => page.exposeFunction('codeAutomationExit', (c) => resolve(c)))
      .then(() => page.goto(workbenchUrl(server, ws, join(root, 'bench/vscode/activation.js'))))
      .catch((error) => { console.error(error); resolve(1); });
  });
  await browser.close().catch(() => undefined);
  if (!existsSync(out)) throw new Error(`the activation module wrote nothing (exit ${code})`);
  console.log(readFileSync(out, 'utf8'));
  cleanup();
  process.exit(0);
} catch (error) {
  console.error('activation:', error instanceof Error ? error.message : error);
  if (browser) await browser.close().catch(() => undefined);
  cleanup();
  process.exit(1);
}
