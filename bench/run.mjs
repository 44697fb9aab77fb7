// `npm run bench`: bundles bench/bench.ts with esbuild (no type-check needed, so it runs from a
// fresh clone without a full build), then runs it with --expose-gc. Arguments pass through:
//   npm run bench -- --sizes 10,100 --json bench-results.json
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const outDir = resolve('out/bench-bundle');
mkdirSync(outDir, { recursive: true });
// Packages stay external so the floor (`yaml`'s parseDocument) and the core use the very same
// parser the extension ships with, and the peer uses its own dependencies. `vscode` is named only
// by bench/vscode/typing.js's typing, which runs inside VS Code, never in this process.
const external = ['yaml', 'yaml-language-server', 'vscode-languageserver-textdocument', 'elkjs', 'vscode'];
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external, logLevel: 'warning', sourcemap: 'inline' };

await esbuild.build({ ...common, entryPoints: ['bench/bench.ts'], outfile: join(outDir, 'bench.js') });
const result = spawnSync(process.execPath, ['--expose-gc', '--enable-source-maps', join(outDir, 'bench.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
