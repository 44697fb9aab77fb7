// Typing in a large map inside a real VS Code, measured from inside the extension host: how long
// the host's event loop was ever held (perf_hooks.monitorEventLoopDelay, 1 ms resolution), and
// whether the language server's findings arrived for every edit. Shared by the VS Code suite
// (test/vscode/suite/typing.test.ts, which asserts) and the bench (bench/vscode/activation.js, which
// reports `hostMaxBlockMs`). Plain CommonJS, so the bench needs no compilation.
const { monitorEventLoopDelay } = require('perf_hooks');
const vscode = require('vscode');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the first validation event for `uri` at `version` or later (rejects after `ms`). */
function validated(api, uri, version, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`no findings for version ${version} of ${uri.path} within ${ms} ms`)); }, ms);
    const sub = api.onDidValidate((e) => {
      if (e.uri.toString() === uri.toString() && (e.version ?? -1) >= version) {
        clearTimeout(timer);
        sub.dispose();
        resolve(e);
      }
    });
  });
}

/**
 * Opens the map at `uri` and types into one touchpoint's `name:` in the middle of the file:
 * `stepped` characters one at a time, each waiting for its own findings (so findings arrive for
 * each edit), then a burst of `burst` characters `burstGapMs` apart (faster than the validation
 * delay), whose last version must get its findings too. Returns the figures.
 */
async function typeInLargeMap(api, uri, { stepped = 15, burst = 40, burstGapMs = 35, timeoutMs = 60_000, settleMs = 3000 } = {}) {
  const doc = await vscode.workspace.openTextDocument(uri);
  const first = validated(api, uri, doc.version, timeoutMs);
  const editor = await vscode.window.showTextDocument(doc);
  await first;
  // A touchpoint's name about half-way down: an edit inside one touchpoint block.
  const lines = doc.getText().split('\n');
  const names = lines.map((text, line) => ({ text, line })).filter((l) => /^\s+name: /.test(l.text) && /^\s{6,}/.test(l.text));
  if (!names.length) throw new Error('no touchpoint name to type into');
  const target = names[Math.floor(names.length / 2)];
  const at = () => new vscode.Position(target.line, doc.lineAt(target.line).text.length);
  // Measured while typing, not while opening: VS Code's first outline, folding, links and lenses
  // of a newly opened large file (and the garbage they leave) are settled first.
  editor.selection = new vscode.Selection(at(), at());
  editor.revealRange(new vscode.Range(at(), at()), vscode.TextEditorRevealType.InCenter);
  await sleep(settleMs);

  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const findings = [];
  const started = Date.now();
  for (let i = 0; i < stepped; i++) {
    const typed = Date.now();
    if (!(await editor.edit((b) => b.insert(at(), 'x')))) throw new Error('the edit was not applied');
    const event = await validated(api, uri, doc.version, timeoutMs);
    findings.push({ version: doc.version, ms: Date.now() - typed, count: event.diagnostics.length });
  }
  for (let i = 0; i < burst; i++) {
    if (!(await editor.edit((b) => b.insert(at(), 'y')))) throw new Error('the edit was not applied');
    await sleep(burstGapMs);
  }
  const last = doc.version;
  const burstTyped = Date.now();
  const final = await validated(api, uri, last, timeoutMs);
  histogram.disable();
  return {
    lines: doc.lineCount,
    edits: stepped + burst,
    /** Every stepped edit's version got its own findings, in order. */
    steppedVersions: findings.map((f) => f.version),
    steppedMs: findings.map((f) => f.ms),
    burstLastVersion: last,
    burstFindingsVersion: final.version,
    burstFindingsMs: Date.now() - burstTyped,
    totalMs: Date.now() - started,
    hostMaxBlockMs: histogram.max / 1e6,
    hostP99BlockMs: histogram.percentile(99) / 1e6,
  };
}

module.exports = { typeInLargeMap };
