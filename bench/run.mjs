// `npm run bench`: bundles bench/bench.ts with esbuild (no type-check needed, so it runs from a
// fresh clone without a full build), plus the optional core modules that exist in the tree
// (layout, render), then runs it with --expose-gc. Arguments pass through:
//   npm run bench -- --sizes 10,100 --json bench-results.json
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const outDir = resolve('out/bench-bundle');
mkdirSync(outDir, { recursive: true });
// Packages stay external so the floor (`yaml`'s parseDocument) and the core use the very same
// parser the extension ships with, and the peer uses its own dependencies.
const external = ['yaml', 'yaml-language-server', 'vscode-languageserver-textdocument', 'elkjs'];
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external, logLevel: 'warning', sourcemap: 'inline' };

await esbuild.build({ ...common, entryPoints: ['bench/bench.ts'], outfile: join(outDir, 'bench.js') });
const env = { ...process.env };
for (const [name, source] of [['LAYOUT', 'src/core/layout.ts'], ['RENDER', 'src/core/render.ts']]) {
  if (!existsSync(source)) continue;
  const outfile = join(outDir, `${name.toLowerCase()}.js`);
  try {
    await esbuild.build({ ...common, entryPoints: [source], outfile });
    env[`JOURNEYMAP_BENCH_${name}`] = outfile;
  } catch (error) {
    console.error(`bench: ${source} does not build, skipped: ${error.message.split('\n')[0]}`);
  }
}

const result = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', join(outDir, 'bench.js'), ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
