// Writes schemas/journeymap.schema.json from the core's format table (src/core/format/shapes.ts).
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(tmpdir(), `journeymap-schema-${process.pid}.cjs`);
await esbuild.build({ entryPoints: ['src/core/format/schema.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
const { journeyMapSchema } = createRequire(import.meta.url)(out);
mkdirSync('schemas', { recursive: true });
writeFileSync('schemas/journeymap.schema.json', JSON.stringify(journeyMapSchema(), null, 2) + '\n');
console.log('wrote schemas/journeymap.schema.json');
