// Bundles every runnable part with esbuild. `--watch` rebuilds on change; `--production` minifies.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';
const watch = process.argv.includes('--watch');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none', loader: { '.yaml': 'text' } };

/** Each target: where it runs decides platform and format. */
const targets = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The language server on its own (`node dist/server.js --stdio`, or a client's --node-ipc); `journeymap lsp` runs the same code from dist/cli.js.
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The language server in the web extension's worker: no file system, files come from the client (src/server/clientHost.ts).
  { entryPoints: ['src/server/worker.ts'], outfile: 'dist/web/server.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], define: { 'process.env.JOURNEYMAP_WEB': '"0"' } },
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], define: { 'process.env.JOURNEYMAP_WEB': '"1"' } },
  { entryPoints: ['webview/main.ts'], outfile: 'dist/webview/preview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // The preview's stylesheet, and elk's layout worker (1.6 MB, copied as is): the preview starts it only for maps it routes with elk.
  { entryPoints: ['webview/preview.css'], outfile: 'dist/webview/preview.css' },
  { entryPoints: ['node_modules/elkjs/lib/elk-worker.min.js'], outfile: 'dist/webview/elk-worker.js', bundle: false, sourcemap: false, minify: true },
];

const active = targets.filter((t) => existsSync(t.entryPoints[0]));
if (watch) {
  for (const t of active) await (await esbuild.context({ ...common, ...t })).watch();
  console.log(`watching ${active.length} bundles`);
} else {
  await Promise.all(active.map((t) => esbuild.build({ ...common, ...t })));
}
