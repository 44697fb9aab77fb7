// The extension-tests module `bench/activation.mjs` loads into a real VS Code (code-server): it
// reads the activation time the extension measures itself (the `activationMs` of its API: the time
// inside `activate()`) and writes it to JOURNEYMAP_BENCH_ACTIVATION as JSON. Plain CommonJS, so it
// needs no compilation.
const fs = require('fs');
const vscode = require('vscode');

exports.run = async function run() {
  const out = process.env.JOURNEYMAP_BENCH_ACTIVATION;
  const ext = vscode.extensions.getExtension('journeymap.journeymap');
  if (!ext) throw new Error('extension journeymap.journeymap is not loaded');
  const wasActive = ext.isActive;
  const started = Date.now();
  const api = await ext.activate();
  const waitedMs = Date.now() - started;
  const result = { activationMs: api && typeof api.activationMs === 'number' ? api.activationMs : null, activeAtStart: wasActive, waitedMs, vscode: vscode.version };
  if (out) fs.writeFileSync(out, JSON.stringify(result));
};
