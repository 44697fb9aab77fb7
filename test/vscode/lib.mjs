// Shared by the real-VS-Code runner (run.mjs), the screenshot driver (screenshots.mjs) and npm start:
// the fixture workspace and a code-server started on 127.0.0.1 with its own state folders.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const harness = join(root, 'test/vscode/harness');
export const codeServerEntry = join(harness, 'node_modules/code-server/out/node/entry.js');
export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh copy of the fixture workspace plus the examples and test/maps (as test-maps/), `{{today}}` / `{{today-N}}` filled in. */
export function makeWorkspace(base) {
  const ws = join(base, 'workspace');
  cpSync(join(root, 'test/vscode/fixtures/workspace'), ws, { recursive: true });
  if (existsSync(join(root, 'examples'))) cpSync(join(root, 'examples'), join(ws, 'examples'), { recursive: true });
  if (existsSync(join(root, 'test/maps'))) cpSync(join(root, 'test/maps'), join(ws, 'test-maps'), { recursive: true });
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  const fill = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) { fill(full); continue; }
      if (!/\.(ya?ml|md|json)$/.test(name)) continue;
      const text = readFileSync(full, 'utf8');
      const filled = text.replace(/\{\{today(?:-(\d+))?\}\}/g, (_, days) => iso(new Date(today.getTime() - Number(days ?? 0) * 86400000)));
      if (filled !== text) writeFileSync(full, filled);
    }
  };
  fill(ws);
  return ws;
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}


/**
 * Starts code-server on a free port of 127.0.0.1 with XDG_CONFIG_HOME and all state under `base`;
 * resolves once it answers. `stop()` ends it by PID (its process group).
 */
export async function startCodeServer(base, env = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const xdg = join(base, 'xdg');
  mkdirSync(xdg, { recursive: true });
  const output = [];
  const child = spawn(process.execPath, [codeServerEntry,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--extensions-dir', join(base, 'ext'), '--user-data-dir', join(base, 'data'),
  ], { cwd: base, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: xdg, ...env } });
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  const stop = () => {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  const ready = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}):\n${output.join('')}`);
    try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (Date.now() > ready) { stop(); throw new Error(`code-server did not start within 90 s:\n${output.join('')}`); }
    await new Promise((r) => setTimeout(r, 250));
  }
  const version = JSON.parse(readFileSync(join(harness, 'node_modules/code-server/package.json'), 'utf8')).version;
  return { url, port, authority: `127.0.0.1:${port}`, pid: child.pid, version, stop, output };
}

/** The workbench URL that opens `folder` with this extension loaded (and a test module, if given). */
export function workbenchUrl(server, folder, extensionTestsPath) {
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${server.authority}${root}`],
    ...(extensionTestsPath ? [['extensionTestsPath', `vscode-remote://${server.authority}${extensionTestsPath}`]] : []),
    ['skipWelcome', 'true'],
  ];
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
