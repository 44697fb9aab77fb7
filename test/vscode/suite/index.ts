/**
 * The test module VS Code loads (`extensionTestsPath`): the `run()` that @vscode/test-electron
 * expects, running mocha over the *.test.js files beside it inside the extension host. Writes its
 * counts to JOURNEYMAP_TEST_RESULTS for the runner, and prints one line per test.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', forbidPending: true });
  const grep = process.env.JOURNEYMAP_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  for (const name of fs.readdirSync(__dirname).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(path.join(__dirname, name));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures };
        const results = { passed: stats.passes ?? 0, failed: stats.failures ?? failures };
        const file = process.env.JOURNEYMAP_TEST_RESULTS;
        if (file) fs.writeFileSync(file, JSON.stringify(results));
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
