// The real-VS-Code suite. Runs the mocha module in test/vscode/suite inside:
//  - VS Code itself through @vscode/test-electron, when VSCODE_EXECUTABLE_PATH names one; else
//  - code-server 4.100.3 (VS Code 1.100.3 with a Node extension host) from test/vscode/harness,
//    driven by Debian's Chromium through playwright-core (see README, Set up and test); else, where that
//    harness is not installed (a laptop that never ran test:setup), VS Code downloaded by
//    @vscode/test-electron as usual. JOURNEYMAP_VSCODE_RUNNER=electron|code-server forces one.
// Prints `vscode: N passed, N failed` last. Exit 77 (with a SKIPPED line) when the harness is
// missing: `npm run test:setup` installs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, harness, makeWorkspace, root, startCodeServer, workbenchUrl } from './lib.mjs';

// The test module is bundled here by esbuild on every run (always fresh, no race with tsc's out/).
const suiteDir = join(root, 'out/vscode-suite');
const suiteEntry = join(suiteDir, 'index.js');
const TOTAL_TIMEOUT = Number(process.env.JOURNEYMAP_VSCODE_TIMEOUT || 600_000);

const log = (...args) => console.log('[vscode]', ...args);
let passed = 0;
let failed = 0;
function finish(code) {
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

/** Builds the extension (always: quick, and never stale) and bundles the test module. */
function ensureBuilt() {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) { failed++; finish(1); }
  const esbuild = createRequire(import.meta.url)('esbuild');
  const suiteSrc = join(root, 'test/vscode/suite');
  // The module runs every *.test.js it finds beside it: no stale bundle of a deleted test may stay.
  rmSync(suiteDir, { recursive: true, force: true });
  try {
    esbuild.buildSync({
      entryPoints: readdirSync(suiteSrc).filter((n) => n === 'index.ts' || n.endsWith('.test.ts')).map((n) => join(suiteSrc, n)),
      outdir: suiteDir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline',
      external: ['vscode', 'mocha'], logLevel: 'error',
    });
  } catch {
    failed++;
    finish(1);
  }
}

/** Reads the results file the suite writes (counts survive whatever happens to the log). */
function readResults(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.passed;
    failed += r.failed;
    return true;
  } catch {
    return false;
  }
}

async function viaTestElectron(base, ws, resultsFile) {
  let testElectron;
  try {
    testElectron = createRequire(import.meta.url)('@vscode/test-electron');
  } catch {
    console.log('SKIPPED: vscode: @vscode/test-electron is not installed; run npm ci');
    process.exit(77);
  }
  let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  if (!vscodeExecutablePath) {
    try {
      // Into .vscode-test/ (git-ignored), reused by later runs.
      vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({ cachePath: join(root, '.vscode-test') });
    } catch (error) {
      console.log(`SKIPPED: vscode: VS Code could not be downloaded (${error instanceof Error ? error.message : error}); set VSCODE_EXECUTABLE_PATH to a local VS Code, or run npm run test:setup for the offline code-server harness`);
      process.exit(77);
    }
  }
  log(`VS Code ${vscodeExecutablePath} through @vscode/test-electron`);
  const code = await testElectron.runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: suiteEntry,
    extensionTestsEnv: { JOURNEYMAP_TEST_RESULTS: resultsFile },
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--user-data-dir', join(base, 'data')],
  }).catch((error) => { console.error(error); return 1; });
  if (!readResults(resultsFile) && code !== 0) failed++;
  finish(code === 0 && !failed ? 0 : 1);
}

async function viaCodeServer(base, ws, resultsFile) {
  const require = createRequire(join(harness, 'package.json'));
  const { chromium } = require('playwright-core');
  let server;
  let browser;
  const stop = () => server?.stop();
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stop(); process.exit(130); });
  const deadline = setTimeout(() => {
    console.error(`[vscode] TIMEOUT after ${TOTAL_TIMEOUT / 1000}s`);
    failed++;
    stop();
    finish(1);
  }, TOTAL_TIMEOUT);
  try {
    server = await startCodeServer(base, { JOURNEYMAP_TEST_RESULTS: resultsFile });
    log(`code-server ${server.version} on ${server.url} (pid ${server.pid})`);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    if (process.env.DEBUG) {
      page.on('pageerror', (e) => console.log('[pageerror]', e.message));
      page.on('console', (m) => console.log('[console]', m.type(), m.text().slice(0, 300)));
    }
    const code = await new Promise((res) => {
      page.exposeFunction('codeAutomationLog', (type, args) => {
        const fn = typeof console[type] === 'function' ? console[type] : console.log;
        fn(...(Array.isArray(args) ? args : [args]));
      })
        .then(() => page.exposeFunction('codeAutomationExit', (c) => res(c)))
        .then(() => page.goto(workbenchUrl(server, ws, suiteEntry)))
        .catch((e) => { console.error(e); res(1); });
    });
    if (!readResults(resultsFile)) {
      console.error(`[vscode] the suite wrote no results (exit ${code})`);
      failed++;
    }
    await browser.close().catch(() => undefined);
    clearTimeout(deadline);
    stop();
    finish(code === 0 && !failed ? 0 : 1);
  } catch (error) {
    console.error('[vscode]', error instanceof Error ? error.message : error);
    failed++;
    if (browser) await browser.close().catch(() => undefined);
    clearTimeout(deadline);
    stop();
    finish(1);
  }
}

// --- main ---
function missingHarness() {
  const missing = [];
  if (!existsSync(join(harness, 'node_modules/code-server/out/node/entry.js'))) missing.push('code-server 4.100.3 in test/vscode/harness');
  if (!existsSync(join(harness, 'node_modules/playwright-core/package.json'))) missing.push('playwright-core in test/vscode/harness');
  if (!existsSync(chromiumPath)) missing.push(`chromium at ${chromiumPath}`);
  return missing;
}
const forced = process.env.JOURNEYMAP_VSCODE_RUNNER;
let useElectron = forced === 'electron' || (!forced && !!process.env.VSCODE_EXECUTABLE_PATH);
if (!useElectron) {
  const missing = missingHarness();
  if (missing.length && forced === 'code-server') {
    console.log(`SKIPPED: vscode: ${missing.join(', ')} missing; run npm run test:setup`);
    process.exit(77);
  }
  if (missing.length) {
    log(`the offline harness is not installed (${missing.join(', ')}): trying @vscode/test-electron, which downloads VS Code`);
    useElectron = true;
  }
}
ensureBuilt();
const base = mkdtempSync(join(tmpdir(), 'journeymap-vscode-'));
process.on('exit', () => { if (!process.env.JOURNEYMAP_KEEP_WORKSPACE) rmSync(base, { recursive: true, force: true }); });
const ws = makeWorkspace(base);
const resultsFile = join(base, 'results.json');
log(`workspace ${ws}`);
if (useElectron) await viaTestElectron(base, ws, resultsFile);
else await viaCodeServer(base, ws, resultsFile);
