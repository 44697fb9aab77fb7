// Typing in a large map inside a real VS Code, measured from inside the extension host:
// - how late the host's event loop ever ran a timer (perf_hooks.monitorEventLoopDelay, 1 ms
//   resolution): everything that holds the host counts, VS Code's own extensions (git's process
//   spawns, merge-conflict reading the whole text on each change), garbage collection, and on a
//   small machine the time the host waits for a processor the renderer and the server also want;
// - the most this extension held the host: in every span where the loop did not come round (a
//   1 ms ticker), the processor time spent, from a CPU profile of the host taken meanwhile, when
//   a frame of the extension's bundle ran in it;
// - whether the language server's findings arrived for every edit;
// - on Linux, how much of the longest stall the host's thread spent runnable but waiting for a
//   processor (/proc/thread-self/schedstat), and the same typing into the same text saved as a
//   plain YAML file, which this extension does not handle (`baseline`): what the host's
//   event-loop delay is on this machine with nothing of the extension's to do.
// Shared by the VS Code suite (test/vscode/suite/typing.test.ts, which asserts) and the bench
// (bench/vscode/activation.js, which reports). Plain CommonJS, so the bench needs no compilation.
const { monitorEventLoopDelay } = require('perf_hooks');
const inspector = require('inspector');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The CPU profile's sampling interval, in microseconds. */
const SAMPLE_US = 250;

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

/** A CPU profile of this thread (the extension host), through the inspector. */
async function startProfile() {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: SAMPLE_US });
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    return profile;
  };
}

/** Microseconds on the monotonic clock V8's profiler uses. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Nanoseconds this thread has spent waiting for a processor while runnable (the second field of
 * Linux's schedstat), or undefined where the kernel does not say.
 */
function processorWaitNs() {
  try {
    return Number(require('fs').readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * A 1 ms ticker: the spans in which the event loop did not come round for more than `overMs`, as
 * [from, to] in microseconds, and for the longest one the milliseconds the thread spent waiting
 * for a processor in it (undefined off Linux).
 */
function gapMeter(overMs) {
  const gaps = [];
  let longest = { ms: 0, waitMs: undefined };
  let last = nowUs();
  let lastWait = processorWaitNs();
  const timer = setInterval(() => {
    const now = nowUs();
    const wait = lastWait === undefined ? undefined : processorWaitNs();
    if (now - last > overMs * 1000) {
      gaps.push([last, now]);
      if ((now - last) / 1000 > longest.ms) longest = { ms: (now - last) / 1000, waitMs: wait === undefined ? undefined : (wait - lastWait) / 1e6 };
    }
    last = now;
    lastWait = wait;
  }, 1);
  return { stop: () => { clearInterval(timer); return { gaps, longest }; } };
}

/**
 * In each span where the loop did not come round, the processor time the host's thread spent
 * (busy samples of the CPU profile, each counting its interval, at most twice the sampling
 * interval: time the thread did not run is left out), and whether this extension's code ran in it
 * (a frame for which `isOurs(url)` holds). The most such a span with the extension in it held the
 * host; a span in which only others ran is not counted, nor, in a span shared with them, the
 * samples in another extension's code (`isOthers(url)`: merge-conflict reading the whole text on
 * a change, git). Everything else in the span counts (VS Code's own work on the extension's
 * answers, say), except garbage collection, which is the whole host's: the heap it sweeps is
 * everyone's, and while typing the extension makes about 4% of the host's garbage (merge-conflict
 * about 70%; BENCHMARKS.md). Charging a pause to whoever ran before it charged the extension 16.3
 * and 18.5 ms for collections of 18.3 and 17.5 ms next to 0.4-2 ms of its own work. The longest
 * collection is reported beside (`collection`).
 */
function heldByUs(profile, gaps, isOurs, isOthers) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  /** Whether `test(url)` holds for a frame of the sample's stack (memoised per profile node). */
  const inStack = (test) => {
    const memo = new Map();
    const of = (id) => {
      if (memo.has(id)) return memo.get(id);
      const node = nodes.get(id);
      const result = !!node && (test(node.callFrame.url) || (parent.has(id) && of(parent.get(id))));
      memo.set(id, result);
      return result;
    };
    return of;
  };
  const oursOf = inStack(isOurs);
  const othersOf = inStack(isOthers);
  const times = [];
  let t = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((t += delta));
  const cap = 2 * SAMPLE_US;
  let held = 0;
  /** Whoever ran: the most processor time in one span, and the longest run of collection samples. */
  let hostBusy = 0;
  let collection = 0;
  let i = 0;
  for (const [from, to] of gaps) {
    while (i < times.length && times[i] < from) i++;
    let busy = 0;
    let anyBusy = 0;
    let collecting = 0;
    let mine = false;
    for (let j = i; j < times.length && times[j] <= to; j++) {
      const sample = profile.samples[j];
      const fn = nodes.get(sample)?.callFrame.functionName;
      const took = Math.min(cap, (times[j + 1] ?? times[j] + SAMPLE_US) - times[j]);
      collecting = fn === '(garbage collector)' ? collecting + took : 0;
      collection = Math.max(collection, collecting);
      if (fn === '(idle)') continue;
      anyBusy += took;
      if (fn === '(garbage collector)') continue;
      const ours = oursOf(sample);
      mine ||= ours;
      if (!ours && othersOf(sample)) continue;
      busy += took;
    }
    if (mine) held = Math.max(held, busy / 1000);
    hostBusy = Math.max(hostBusy, anyBusy / 1000);
  }
  const seen = profile.samples.filter((id) => oursOf(id)).length;
  return { held, seen, hostBusy, collection: collection / 1000 };
}

/**
 * Opens the map at `uri` and types into one touchpoint's `name:` in the middle of the file:
 * `stepped` characters one at a time, each waiting for its own findings (so findings arrive for
 * each edit), then a burst of `burst` characters `burstGapMs` apart (faster than the validation
 * delay), whose last version must get its findings too. Returns the figures.
 *
 * `baseline`: `uri` is a file this extension does not handle; each wait for findings is a pause
 * of `baselineWaitMs` instead (about what the findings take), so VS Code does the same typing.
 */
async function typeInLargeMap(api, uri, { stepped = 15, burst = 40, burstGapMs = 35, timeoutMs = 60_000, settleMs = 3000, baseline = false, baselineWaitMs = 300 } = {}) {
  // Here, not at the top: the measure itself (heldByUs) is unit-tested outside VS Code.
  const vscode = require('vscode');
  const findingsFor = baseline
    ? (version) => sleep(baselineWaitMs).then(() => ({ version }))
    : (version) => validated(api, uri, version, timeoutMs);
  const doc = await vscode.workspace.openTextDocument(uri);
  const first = findingsFor(doc.version);
  const editor = await vscode.window.showTextDocument(doc);
  await first;
  // A touchpoint's name about half-way down: an edit inside one touchpoint block.
  const lines = doc.getText().split('\n');
  const names = lines.map((text, line) => ({ text, line })).filter((l) => /^\s{6,}name: /.test(l.text));
  if (!names.length) throw new Error('no touchpoint name to type into');
  const target = names[Math.floor(names.length / 2)];
  const at = () => new vscode.Position(target.line, doc.lineAt(target.line).text.length);
  // Measured while typing, not while opening: VS Code's first outline, folding, links and lenses
  // of a newly opened large file (and the garbage they leave) are settled first.
  editor.selection = new vscode.Selection(at(), at());
  editor.revealRange(new vscode.Range(at(), at()), vscode.TextEditorRevealType.InCenter);
  await sleep(settleMs);

  // The profiler starts first: its own start-up is not part of what is measured.
  const stopProfile = await startProfile();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const gaps = gapMeter(4);
  const findings = [];
  const started = Date.now();
  for (let i = 0; i < stepped; i++) {
    const typed = Date.now();
    if (!(await editor.edit((b) => b.insert(at(), 'x')))) throw new Error('the edit was not applied');
    await findingsFor(doc.version);
    findings.push({ version: doc.version, ms: Date.now() - typed });
  }
  for (let i = 0; i < burst; i++) {
    if (!(await editor.edit((b) => b.insert(at(), 'y')))) throw new Error('the edit was not applied');
    await sleep(burstGapMs);
  }
  const last = doc.version;
  const burstTyped = Date.now();
  const final = await findingsFor(last);
  const burstFindingsMs = Date.now() - burstTyped;
  histogram.disable();
  const { gaps: spans, longest } = gaps.stop();
  const profile = await stopProfile();
  // To see where a slice went: the profile opens in Chrome DevTools (Performance) or VS Code.
  // The spans the loop did not come round in go beside it (`<file>.spans.json`, [from, to] in microseconds on the profile's clock).
  if (process.env.JOURNEYMAP_TYPING_PROFILE) {
    require('fs').writeFileSync(process.env.JOURNEYMAP_TYPING_PROFILE, JSON.stringify(profile));
    require('fs').writeFileSync(`${process.env.JOURNEYMAP_TYPING_PROFILE}.spans.json`, JSON.stringify(spans));
  }
  const bundle = vscode.Uri.joinPath(vscode.extensions.getExtension('journeymap.journeymap').extensionUri, 'dist').toString();
  const others = vscode.extensions.all.filter((e) => e.id !== 'journeymap.journeymap').map((e) => `${e.extensionUri.toString()}/`);
  const ours = heldByUs(profile, spans, (url) => url.startsWith(bundle), (url) => others.some((root) => url.startsWith(root)));
  return {
    lines: doc.lineCount,
    edits: stepped + burst,
    /** Every stepped edit's version got its own findings, in order. */
    steppedVersions: findings.map((f) => f.version),
    steppedMs: findings.map((f) => f.ms),
    burstLastVersion: last,
    burstFindingsVersion: final.version,
    burstFindingsMs,
    totalMs: Date.now() - started,
    /** The whole host: the latest any timer ran. */
    hostMaxBlockMs: histogram.max / 1e6,
    hostP99BlockMs: histogram.percentile(99) / 1e6,
    /** The longest span the loop did not come round in, and how much of it the thread waited for a processor (Linux). */
    hostLongestStallMs: longest.ms,
    hostLongestStallWaitMs: longest.waitMs,
    /** This extension: the most it held the host's thread (processor time in a span the loop did not come round). */
    extensionMaxHoldMs: ours.held,
    /** How many profile samples caught the extension's code at all (the measurement saw it work). */
    extensionSamples: ours.seen,
    /** The host, whoever ran: the most processor time in one span, and the longest garbage collection in one. */
    hostMaxBusyMs: ours.hostBusy,
    hostMaxCollectionMs: ours.collection,
  };
}

/** The longest stall in words, with the part of it spent waiting for a processor where the kernel says (suite note and bench line). */
function stallNote(ms, waitMs) {
  return `longest stall ${ms?.toFixed(1)} ms${waitMs === undefined ? '' : `, ${waitMs.toFixed(1)} ms of it waiting for a processor`}`;
}

module.exports = { typeInLargeMap, heldByUs, stallNote, SAMPLE_US };
