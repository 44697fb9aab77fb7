/** Where the rule documentation is, for SARIF's help links. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The docs/rules.md installed with journeymap, as a file URL: the one absolute address the CLI
 * knows by itself (the project names no web home). CI passes `--docs-url` with a web address;
 * the GitHub Action passes the action's own repository. Looked for upward from this module,
 * which is bundled into dist/ and compiled into out/src/cli/ci/ for the tests.
 */
export function installedRulesDocs(from: string = __dirname): string | undefined {
  let dir = from;
  for (let up = 0; up < 5; up++) {
    const candidate = path.join(dir, 'docs', 'rules.md');
    if (existsSync(candidate)) return pathToFileURL(candidate).href;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** `--docs-url`: an absolute http(s) or file URL (SARIF wants absolute help URIs). */
export function docsUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `--docs-url must be an absolute URL like https://example.com/journeymap/docs/rules.md, not "${value}".`;
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) return `--docs-url must be an http, https or file URL, not "${value}".`;
  if (url.hash) return `--docs-url names the page; each rule adds its own #anchor: drop "${url.hash}".`;
  return undefined;
}
