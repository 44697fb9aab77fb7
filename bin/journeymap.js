#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build` (run automatically by `npm ci` / `npm install`).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('journeymap: the CLI is not built yet. Run `npm run build` in ' + path.join(__dirname, '..') + '.\n');
  process.exit(2);
}
// Output cut short by a pipe (`journeymap metrics map | head`) is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
require(bundle).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
