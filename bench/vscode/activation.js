// The extension-tests module `bench/activation.mjs` loads into a real VS Code (code-server): it
// reads the activation time the extension measures itself (the `activationMs` of its API: the time
// inside `activate()`) and writes it to JOURNEYMAP_BENCH_ACTIVATION as JSON. With
// JOURNEYMAP_BENCH_TYPING (a folder holding a large map and the files it links to), it also types
// into that map (bench/vscode/typing.js) and adds how long the extension host was ever held
// (`hostMaxBlockMs`), and the same for typing into the same text as plain YAML (`baseline*`). Plain CommonJS, so it needs no compilation.
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { typeInLargeMap } = require('./typing.js');

exports.run = async function run() {
  const out = process.env.JOURNEYMAP_BENCH_ACTIVATION;
  const ext = vscode.extensions.getExtension('journeymap.journeymap');
  if (!ext) throw new Error('extension journeymap.journeymap is not loaded');
  const wasActive = ext.isActive;
  const started = Date.now();
  const api = await ext.activate();
  const waitedMs = Date.now() - started;
  const result = { activationMs: api && typeof api.activationMs === 'number' ? api.activationMs : null, activeAtStart: wasActive, waitedMs, vscode: vscode.version };
  const typing = process.env.JOURNEYMAP_BENCH_TYPING;
  if (typing) {
    try {
      const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'bench-typing');
      fs.cpSync(typing, folder.fsPath, { recursive: true });
      const map = fs.readdirSync(folder.fsPath).find((name) => name.endsWith('.journey.yaml'));
      const typed = await typeInLargeMap(api, vscode.Uri.joinPath(folder, map));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      // The same typing into the same text as plain YAML, which the extension does not handle.
      const plain = vscode.Uri.joinPath(folder, 'baseline-plain.yaml');
      fs.copyFileSync(vscode.Uri.joinPath(folder, map).fsPath, plain.fsPath);
      const baseline = await typeInLargeMap(api, plain, { baseline: true });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      Object.assign(result, {
        hostMaxBlockMs: typed.hostMaxBlockMs, hostP99BlockMs: typed.hostP99BlockMs, extensionMaxHoldMs: typed.extensionMaxHoldMs,
        hostLongestStallMs: typed.hostLongestStallMs, hostLongestStallWaitMs: typed.hostLongestStallWaitMs,
        baselineHostMaxBlockMs: baseline.hostMaxBlockMs, baselineHostP99BlockMs: baseline.hostP99BlockMs,
        baselineHostLongestStallMs: baseline.hostLongestStallMs, baselineHostLongestStallWaitMs: baseline.hostLongestStallWaitMs,
        hostMaxBusyMs: typed.hostMaxBusyMs, hostMaxCollectionMs: typed.hostMaxCollectionMs,
        typingLines: typed.lines, typingEdits: typed.edits,
        typingFindingsMs: typed.steppedMs,
      });
    } catch (error) {
      result.typingError = error instanceof Error ? error.message : String(error);
    }
    fs.rmSync(path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'bench-typing'), { recursive: true, force: true });
  }
  if (out) fs.writeFileSync(out, JSON.stringify(result));
};
