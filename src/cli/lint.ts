/** `journeymap lint`: validates maps for CI, with ESLint's conventions (formats, exit codes). */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { getLanguageService, ruleByName, type SeveritySetting } from '../core';
import { formatGithub, formatJson, formatText, summarize, type FileResult } from './formatters';
import { chooseWorkspaceRoot, findMapFiles, readMapText, toCorePath } from './io';
import { RootedFiles } from '../node/files';
import { visibleLine } from './terminal';
import { todayOption, UsageError, utcToday, type Io } from './usage';

const SEVERITIES: SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export const LINT_HELP = `Usage: journeymap lint [files or folders...] [options]

Checks journey maps (*.journey.yaml, *.journey.yml); folders are searched recursively.

Options:
  --format text|json|github   Output format (default: text)
  --today YYYY-MM-DD          The date review rules compare against (default: today)
  --max-warnings N            Fail when there are more than N warnings (default: no limit)
  --rule NAME=SEVERITY        Override a rule: off | info | warning | error (repeatable)
  --root DIR                  Links resolving outside DIR are reported, never read (default:
                              the git repository holding the maps, else the current folder
                              when they are inside it, else the maps' own folder)
  --no-color                  Plain text output
  -h, --help                  Show this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings fail the run, 2 usage or I/O error.
`;

export async function runLint(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      today: { type: 'string' },
      'max-warnings': { type: 'string' },
      rule: { type: 'string', multiple: true },
      root: { type: 'string' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(LINT_HELP);
    return 0;
  }
  const format = values.format!;
  if (!['text', 'json', 'github'].includes(format)) throw new UsageError(`--format must be text, json or github, not "${format}".`);
  const today = todayOption(values.today);
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings must be a whole number, not "${values['max-warnings']}".`);
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of values.rule ?? []) {
    const [name, severity] = spec.split('=');
    if (!ruleByName(name)) throw new UsageError(`--rule: there is no rule named "${name}". See docs/rules.md.`);
    if (ruleByName(name)?.fixed) throw new UsageError(`--rule: ${name} cannot be changed: a file that cannot be read as a map always fails.`);
    if (!SEVERITIES.includes(severity as SeveritySetting)) throw new UsageError(`--rule ${name}: the severity must be off, info, warning or error, not "${severity ?? ''}".`);
    rules[name] = severity as SeveritySetting;
  }

  const inputs = positionals.length ? positionals : ['.'];
  const { files, missing, unreadable } = await findMapFiles(inputs, io.cwd);
  if (missing.length) {
    io.stderr(`journeymap: no such file or folder: ${visibleLine(missing.join(', '))}\n`);
    return 2;
  }
  // A folder that cannot be listed may hold maps: the run cannot say they pass.
  for (const folder of unreadable) io.stderr(`journeymap: cannot read the folder ${visibleLine(folder)}: the maps in it were not checked\n`);
  if (!files.length) {
    io.stderr(`journeymap: no journey maps (*.journey.yaml, *.journey.yml) found in ${visibleLine(inputs.join(', '))}\n`);
    return 2;
  }
  const chosen = await chooseWorkspaceRoot(values.root, inputs, io.cwd);
  if ('problem' in chosen) throw new UsageError(chosen.problem);
  const root = toCorePath(chosen.root);
  const service = getLanguageService({ fileReader: new RootedFiles(chosen.root), today: () => today ?? utcToday(), rules, workspaceRoot: root });

  const results: FileResult[] = [];
  for (const file of files) {
    const read = await readMapText(file);
    if ('missing' in read) continue; // deleted since the folder was listed: nothing to check
    const diagnostics = 'text' in read ? await service.validate(toCorePath(file), read.text) : [read.refused];
    service.forget(toCorePath(file));
    results.push({ path: displayPath(io.cwd, file), diagnostics });
  }

  const output = format === 'json' ? formatJson(results) : format === 'github' ? formatGithub(results) : formatText(results, io.color && !values['no-color']);
  io.stdout(output);
  if (format === 'text' && results.some((r) => r.diagnostics.some((d) => d.code === 'link-outside-workspace'))) {
    io.stdout(`Links were checked against the workspace root ${visibleLine(chosen.root)} (${chosen.why}); links outside it are never read. Use --root DIR to choose another folder.\n`);
  }
  if (unreadable.length) return 2;
  const summary = summarize(results);
  if (summary.errors > 0) return 1;
  if (summary.warnings > maxWarnings) {
    if (format === 'text') io.stderr(`journeymap: ${summary.warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/** Paths as the user typed them: relative to the current folder, with '/' on every platform. */
function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative && !relative.startsWith('..') ? relative : file).split(path.sep).join('/');
}
