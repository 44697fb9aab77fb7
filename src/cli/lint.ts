/** `journeymap lint`: validates maps for CI, with ESLint's conventions (formats, exit codes). */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { getLanguageService, ruleByName, type SeveritySetting } from '../core';
import { docsUrlProblem, installedRulesDocs } from './ci/docs';
import { formatGitlab } from './ci/gitlab';
import type { CiContext } from './ci/locations';
import { checkOutputPath, writeOutput } from './ci/output';
import { formatSarif } from './ci/sarif';
import { formatGithub, formatJson, formatText, summarize, type FileResult } from './formatters';
import { chooseWorkspaceRoot, findMapFiles, findRepositoryRoot, readMapText, toCorePath, type WorkspaceRoot } from './io';
import { RootedFiles } from '../node/files';
import { visibleLine } from './terminal';
import { todayOption, UsageError, utcToday, type Io } from './usage';

const SEVERITIES: SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const FORMATS = ['text', 'json', 'github', 'sarif', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

export const LINT_HELP = `Usage: journeymap lint [files or folders...] [options]

Checks journey maps (*.journey.yaml, *.journey.yml); folders are searched recursively.

Options:
  --format text|json|github|sarif|gitlab
                              Output format (default: text); sarif is SARIF 2.1.0 for code
                              scanning, gitlab is GitLab Code Quality JSON
  --output FILE               Write the chosen format to FILE (parent folders are created) and
                              print the text report to stdout
  --docs-url URL              Where docs/rules.md is, for SARIF's rule help links (default: the
                              copy installed with journeymap, as a file: URL)
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

interface LintOptions {
  inputs: string[];
  format: Format;
  today?: string;
  maxWarnings: number;
  rules: Record<string, SeveritySetting>;
  root?: string;
  color: boolean;
  /** `--output`: the absolute path to write, and the path as typed (for messages). */
  output?: { target: string; shown: string };
  docsUrl?: string;
}

export async function runLint(argv: string[], io: Io): Promise<number> {
  const options = await lintOptions(argv, io);
  if (!options) return 0;
  const { files, missing, unreadable } = await findMapFiles(options.inputs, io.cwd);
  if (missing.length) {
    io.stderr(`journeymap: no such file or folder: ${visibleLine(missing.join(', '))}\n`);
    return 2;
  }
  // A folder that cannot be listed may hold maps: the run cannot say they pass.
  for (const folder of unreadable) io.stderr(`journeymap: cannot read the folder ${visibleLine(folder)}: the maps in it were not checked\n`);
  if (!files.length) {
    io.stderr(`journeymap: no journey maps (*.journey.yaml, *.journey.yml) found in ${visibleLine(options.inputs.join(', '))}\n`);
    return 2;
  }
  const chosen = await chooseWorkspaceRoot(options.root, options.inputs, io.cwd);
  if ('problem' in chosen) throw new UsageError(chosen.problem);
  const results = await lintFiles(files, chosen.root, options, io.cwd);
  if (!(await report(results, options, chosen, io))) return 2;
  if (unreadable.length) return 2;
  return exitCode(results, options, io);
}

/** The options, checked; undefined after printing the help. */
async function lintOptions(argv: string[], io: Io): Promise<LintOptions | undefined> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'docs-url': { type: 'string' },
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
    return undefined;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json, github, sarif or gitlab, not "${values.format}".`);
  const docsUrl = values['docs-url'];
  const docsProblem = docsUrl === undefined ? undefined : docsUrlProblem(docsUrl);
  if (docsProblem) throw new UsageError(docsProblem);
  const output = values.output === undefined ? undefined : { target: await checkOutputPath(values.output, io.cwd), shown: values.output };
  return {
    inputs: positionals.length ? positionals : ['.'],
    format,
    today: todayOption(values.today),
    maxWarnings: maxWarningsOption(values['max-warnings']),
    rules: ruleOptions(values.rule ?? []),
    root: values.root,
    color: io.color && !values['no-color'],
    output,
    docsUrl: docsUrl ?? installedRulesDocs(),
  };
}

function maxWarningsOption(value: string | undefined): number {
  if (value === undefined) return Infinity;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings must be a whole number, not "${value}".`);
  return n;
}

function ruleOptions(specs: string[]): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of specs) {
    const [name, severity] = spec.split('=');
    if (!ruleByName(name)) throw new UsageError(`--rule: there is no rule named "${name}". See docs/rules.md.`);
    if (ruleByName(name)?.fixed) throw new UsageError(`--rule: ${name} cannot be changed: a file that cannot be read as a map always fails.`);
    if (!SEVERITIES.includes(severity as SeveritySetting)) throw new UsageError(`--rule ${name}: the severity must be off, info, warning or error, not "${severity ?? ''}".`);
    rules[name] = severity as SeveritySetting;
  }
  return rules;
}

async function lintFiles(files: string[], rootFolder: string, options: LintOptions, cwd: string): Promise<FileResult[]> {
  const root = toCorePath(rootFolder);
  const service = getLanguageService({ fileReader: new RootedFiles(rootFolder), today: () => options.today ?? utcToday(), rules: options.rules, workspaceRoot: root });
  const results: FileResult[] = [];
  for (const file of files) {
    const read = await readMapText(file);
    if ('missing' in read) continue; // deleted since the folder was listed: nothing to check
    const diagnostics = 'text' in read ? await service.validate(toCorePath(file), read.text) : [read.refused];
    service.forget(toCorePath(file));
    // The text stays for the CI formats' fingerprints, which hash the lines of each finding.
    results.push({ path: displayPath(cwd, file), diagnostics, file, text: 'text' in read ? read.text : undefined });
  }
  return results;
}

/**
 * Prints the chosen format, or with `--output` writes it to the file and prints the text report.
 * False when the file could not be written.
 */
async function report(results: FileResult[], options: LintOptions, chosen: WorkspaceRoot, io: Io): Promise<boolean> {
  const context: CiContext = { srcRoot: (await findRepositoryRoot(chosen.root)) ?? chosen.root, docsUrl: options.docsUrl };
  const stdoutFormat = options.output ? 'text' : options.format;
  if (options.output) {
    const problem = await writeOutput(options.output.target, options.output.shown, formatted(options.format, results, false, context, chosen));
    if (problem) {
      io.stderr(`journeymap: ${problem}\n`);
      return false;
    }
  }
  io.stdout(formatted(stdoutFormat, results, options.color, context, chosen));
  return true;
}

function formatted(format: Format, results: FileResult[], color: boolean, context: CiContext, chosen: WorkspaceRoot): string {
  switch (format) {
    case 'json': return formatJson(results);
    case 'github': return formatGithub(results);
    case 'sarif': return formatSarif(results, context);
    case 'gitlab': return formatGitlab(results, context);
    case 'text': return formatText(results, color) + rootHint(results, chosen);
  }
}

/** After a link reported outside the root, the text report names the root it used. */
function rootHint(results: FileResult[], chosen: WorkspaceRoot): string {
  if (!results.some((r) => r.diagnostics.some((d) => d.code === 'link-outside-workspace'))) return '';
  return `Links were checked against the workspace root ${visibleLine(chosen.root)} (${chosen.why}); links outside it are never read. Use --root DIR to choose another folder.\n`;
}

function exitCode(results: FileResult[], options: LintOptions, io: Io): number {
  const summary = summarize(results);
  if (summary.errors > 0) return 1;
  if (summary.warnings > options.maxWarnings) {
    if (options.format === 'text' || options.output) io.stderr(`journeymap: ${summary.warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/** Paths as the user typed them: relative to the current folder, with '/' on every platform. */
function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative && !relative.startsWith('..') ? relative : file).split(path.sep).join('/');
}
