/** `lint --output FILE`: the chosen format goes to a file, and the text report still to stdout. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { visibleLine } from '../terminal';
import { UsageError } from '../usage';

/** Checked before linting, so a mistyped path fails at once rather than after the whole run. */
export async function checkOutputPath(file: string, cwd: string): Promise<string> {
  const target = path.resolve(cwd, file);
  const stat = await fs.stat(target).catch(() => undefined);
  if (stat?.isDirectory() || /[\\/]$/.test(file)) throw new UsageError(`--output ${file}: is a folder; name the report file, e.g. ${path.join(file, 'journeymap.sarif')}.`);
  return target;
}

/**
 * Writes the report, creating missing parent folders (CI steps often write into `reports/`).
 * Returns the problem as a sentence, or undefined when written.
 */
export async function writeOutput(target: string, shown: string, content: string): Promise<string | undefined> {
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, 'utf8');
    return undefined;
  } catch (error) {
    return `cannot write ${visibleLine(shown)}: ${visibleLine((error as NodeJS.ErrnoException).code ?? String(error))}`;
  }
}
