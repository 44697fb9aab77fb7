// `npm run golden`: rewrites test/golden/ from the CLI's current output (the golden test pins
// it byte for byte). Run it when a change of output is intended, and review the diff.
import { spawnSync } from 'node:child_process';

const run = (args, env = {}) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['scripts/build.mjs']);
run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
run(['node_modules/mocha/bin/mocha.js', '--reporter', 'dot', 'out/test/cli/golden.test.js'], { JOURNEYMAP_UPDATE_GOLDEN: '1' });
