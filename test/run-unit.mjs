// The unit suite: plain mocha over the compiled tests in out/test (core, CLI). No pending tests
// are allowed to pass silently (forbidPending).
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'vscode' && name !== 'browser') files.push(...collect(full));
    } else if (name.endsWith('.test.js')) files.push(full);
  }
  return files.sort();
}

const mocha = new Mocha({ reporter: 'dot', forbidPending: true, timeout: 20000 });
for (const file of collect('out/test')) mocha.addFile(file);
const runner = mocha.run(() => {
  const { passes, failures } = runner.stats;
  console.log(`unit: ${passes} passed, ${failures} failed`);
  process.exitCode = failures ? 1 : 0;
});
