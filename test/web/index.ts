/**
 * The test module the web extension host loads (`extensionTestsPath`) when test/web/run.mjs runs
 * the extension's browser entry in the VS Code web build. It runs the same integration tests as the
 * desktop suite (test/vscode/suite) with mocha's browser build; the suites that need Node's file
 * system (grammar tokenizing from the app folder, the 2,000-map workspace written to disk) stay
 * desktop-only. There is no file system to write results to, so the counts go to the log as one
 * `JOURNEYMAP_WEB_RESULTS {...}` line that the runner reads.
 */
import 'mocha/mocha.js';

declare const mocha: BrowserMocha;
interface BrowserMocha {
  setup(options: Record<string, unknown>): void;
  grep(pattern: string): void;
  run(done: (failures: number) => void): MochaRunner;
}
interface MochaTest { fullTitle(): string; duration?: number }
interface MochaRunner { on(event: string, listener: (test: MochaTest, error?: Error) => void): void }

declare const JOURNEYMAP_VSCODE_GREP: string;

/** Marks the suite's own lines, so the runner can tell them from the workbench's log. */
const MARK = '[jm-web] ';

export function run(): Promise<void> {
  // The workbench wraps the worker's console (a setter cannot re-route it), so the suite marks its
  // own lines explicitly: the reporter below and the tests' figures through helpers' note().
  const print = (line: string) => console.log(MARK + line);
  (globalThis as { journeymapNote?: (line: string) => void }).journeymapNote = print;
  (globalThis as { journeymapExpectedHost?: string }).journeymapExpectedHost = 'web';
  mocha.setup({ ui: 'bdd', timeout: 60_000, reporter: function NoReporter() { /* lines are printed below */ }, forbidPending: true });
  if (JOURNEYMAP_VSCODE_GREP) mocha.grep(JOURNEYMAP_VSCODE_GREP);
  // After setup, so describe/it exist when the test files run.
  require('../vscode/suite/extension.test');
  require('../vscode/suite/preview.test');
  let passed = 0;
  let failed = 0;
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        print(`JOURNEYMAP_WEB_RESULTS ${JSON.stringify({ passed, failed })}`);
        if (failed > 0) reject(new Error(`${failed} tests failed.`));
        else resolve();
      });
      runner.on('pass', (test) => {
        passed++;
        print(`  ✔ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
      });
      runner.on('fail', (test, error) => {
        failed++;
        print(`  ✘ ${test.fullTitle()}\n      ${String(error?.stack ?? error).split('\n').slice(0, 6).join('\n      ')}`);
      });
    } catch (error) {
      reject(error);
    }
  });
}
