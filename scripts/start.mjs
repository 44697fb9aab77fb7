// `npm start`: builds, then opens a real VS Code with this extension loaded and examples/ open:
// the local `code` CLI when there is one, else the code-server harness (npm run test:setup) on
// 127.0.0.1, printing its URL. `npm start -- --web` serves the VS Code web build instead (the
// extension's browser entry, as on vscode.dev). Ctrl+C stops the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

if (process.argv.includes('--web')) {
  const { missingWebHarness, startWebServer } = await import('../test/web/lib.mjs');
  const missing = missingWebHarness();
  if (missing.length) {
    console.error(`No VS Code web build (${missing.join(', ')}): run \`npm run test:setup\` first.`);
    process.exit(1);
  }
  const { server, url } = await startWebServer(Number(process.env.PORT || 8098), examples);
  console.log(`\nJourney Map as a web extension (VS Code web build, examples/ on a virtual file system): open\n\n  ${url}\n\nin Chromium or Chrome on this machine (edits stay in the page; examples/ on disk is not changed). Ctrl+C stops the server.`);
  process.on('SIGINT', () => { server.close(); process.exit(0); });
  await new Promise(() => undefined);
}

const which = (cmd) => spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { encoding: 'utf8' }).status === 0;
if (!process.env.JOURNEYMAP_USE_CODE_SERVER && which('code')) {
  console.log('Opening VS Code with the extension in development mode and examples/ open.');
  const r = spawnSync('code', ['--extensionDevelopmentPath', root, examples], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 0);
}

const entry = join(root, 'test/vscode/harness/node_modules/code-server/out/node/entry.js');
if (!existsSync(entry)) {
  console.error('No `code` command and no code-server harness: run `npm run test:setup` first (installs code-server 4.100.3).');
  process.exit(1);
}
const port = Number(process.env.PORT || 8099);
const state = join(root, '.cs');
mkdirSync(join(state, 'xdg'), { recursive: true });
const server = spawn(process.execPath, [entry,
  '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--extensions-dir', join(state, 'ext'), '--user-data-dir', join(state, 'data'),
], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, XDG_CONFIG_HOME: join(state, 'xdg') } });
const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`], ['skipWelcome', 'true']]);
const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(payload)}`;
let announced = false;
server.stdout.on('data', (chunk) => {
  if (process.env.DEBUG) process.stdout.write(chunk);
  if (!announced && /HTTP server listening/.test(String(chunk))) {
    announced = true;
    console.log(`\nJourney Map in VS Code (code-server 4.100.3): open\n\n  ${url}\n\nin a browser on this machine. Ctrl+C stops the server.`);
  }
});
const stop = () => { try { server.kill('SIGTERM'); } catch { /* gone */ } };
process.on('SIGINT', () => { stop(); process.exit(0); });
process.on('SIGTERM', () => { stop(); process.exit(0); });
server.on('exit', (code) => process.exit(code ?? 0));
