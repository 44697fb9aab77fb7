// Keeps package.json's `journeymap.rules` setting in step with the core's rule catalogue: one
// property per rule (enum off|info|warning|error, its summary and default). Run after adding a
// rule: `node scripts/sync-rules-setting.mjs`. The real-VS-Code suite fails when they drift.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bundle = join(tmpdir(), `journeymap-rules-${process.pid}.cjs`);
await esbuild.build({ entryPoints: ['src/core/rules/index.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
const { RULES } = createRequire(import.meta.url)(bundle);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const setting = pkg.contributes.configuration.properties['journeymap.rules'];
// Rules that say a file could not be read are not settings: such a file always fails.
setting.properties = Object.fromEntries(RULES.filter((r) => !r.fixed).map((r) => [r.name, {
  type: 'string',
  enum: ['off', 'info', 'warning', 'error'],
  markdownDescription: `${r.summary} Default: \`${r.severity}\`. Documented in \`docs/rules.md#${r.name}\` (command: Journey Map: Show Rule Documentation).`,
}]));
writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`journeymap.rules: ${Object.keys(setting.properties).length} rules (${RULES.length - Object.keys(setting.properties).length} that cannot be changed left out)`);
