/**
 * `journeymap diff`: what changed in a journey, in the map's own terms. Two files, or each map
 * against its version at a git revision (read with git, with the runbooks and exports as they
 * were then, so computed metrics are recomputed from the export of that commit).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  diffJourneys, diffSummary, diffToMarkdown, diffToText, escapeMarkdown, getLanguageService, parseIsoDate, parseJourney, unreadableMapDiagnostic, type Diagnostic, type DiffSide, type FileReader, type JourneyDiff,
} from '../core';
import { GitError, GitRevision, RevisionFiles } from '../node/gitRevision';
import { RootedFiles } from '../node/files';
import { chooseWorkspaceRoot, findMapFiles, readMapText, toCorePath } from './io';
import { safeJson, safeLines, visibleLine } from './terminal';
import { todayOption, UsageError, utcToday, type Io } from './usage';

export const DIFF_HELP = `Usage: journeymap diff OLD NEW [options]
       journeymap diff --base REV [files or folders...] [options]

Reports what changed in a journey, matched by id (a renamed id is a rename): stages and
touchpoints added, removed, renamed or moved; feels; pains; metrics with their status against
target before and after; handoffs; improvements; findings introduced and fixed. Whitespace,
comments and order alone are not changes.

  OLD NEW                    Two map files (e.g. a current and a future state)
  --base REV                 Each map against its version at git revision REV (HEAD~1, main,
                             a commit); with no files, every map in the repository. Runbooks and
                             ticket exports are read as they were at REV too.
  --format text|markdown|json  Output (default: text); markdown suits a pull request comment or
                             $GITHUB_STEP_SUMMARY
  --fail-on new-errors       Exit 1 when the change introduces an error finding
  --today YYYY-MM-DD         The date review rules compare against (default: today)
  --root DIR                 The workspace root links must stay inside (as for lint)

Exit codes: 0 reported, 1 --fail-on matched, 2 usage, I/O or git error.
`;

const MAP_RE = /\.journey\.ya?ml$/i;
const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', 'out']);

/** One map's comparison: its path as shown, and the diff. */
interface MapDiff {
  path: string;
  diff: JourneyDiff;
}

export async function runDiff(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      base: { type: 'string' }, format: { type: 'string', default: 'text' }, 'fail-on': { type: 'string' },
      today: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  const format = values.format!;
  if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError(`--format must be text, markdown or json, not "${format}".`);
  if (values['fail-on'] !== undefined && values['fail-on'] !== 'new-errors') throw new UsageError(`--fail-on takes new-errors, not "${values['fail-on']}".`);
  const today = todayOption(values.today) ?? utcToday();
  let diffs: MapDiff[];
  try {
    diffs = values.base === undefined ? await diffTwoFiles(positionals, values.root, today, io) : await diffAgainstRevision(values.base, positionals, values.root, today, io);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.stderr(`journeymap: ${visibleLine(error.message)}\n`);
    return 2;
  }
  io.stdout(report(diffs, format, values.base));
  const newErrors = diffs.some((d) => d.diff.findings.introduced.some((f) => f.severity === 'error'));
  return values['fail-on'] === 'new-errors' && newErrors ? 1 : 0;
}

async function diffTwoFiles(positionals: string[], rootOption: string | undefined, today: string, io: Io): Promise<MapDiff[]> {
  if (positionals.length !== 2) throw new UsageError('diff takes two map files (OLD NEW), or --base REV and the maps to compare.');
  const files = positionals.map((p) => path.resolve(io.cwd, p));
  for (const [i, file] of files.entries()) {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat) throw new UsageError(`no such file: ${positionals[i]}`);
    if (stat.isDirectory()) throw new UsageError(`${positionals[i]} is a folder: diff compares two map files (or use --base REV with folders).`);
  }
  const root = await workspaceRoot(rootOption, files, io.cwd);
  const reader = new RootedFiles(root);
  const [before, after] = [await sideFromDisk(files[0], reader, root, today), await sideFromDisk(files[1], reader, root, today)];
  return [{ path: `${positionals[0]} → ${positionals[1]}`, diff: diffJourneys(before, after, { today: parseIsoDate(today) }) }];
}

async function workspaceRoot(given: string | undefined, targets: string[], cwd: string): Promise<string> {
  const chosen = await chooseWorkspaceRoot(given, targets, cwd);
  if ('problem' in chosen) throw new UsageError(chosen.problem);
  return fs.realpath(chosen.root).catch(() => chosen.root);
}

/** A side read from the working tree, validated (runbooks, exports) like lint does. */
async function sideFromDisk(file: string, reader: FileReader, root: string, today: string): Promise<DiffSide | undefined> {
  const read = await readMapText(file);
  if ('missing' in read) return undefined;
  if ('refused' in read) return refusedSide(read.refused);
  return validatedSide(toCorePath(file), read.text, reader, root, today);
}

async function validatedSide(uri: string, text: string, reader: FileReader, root: string, today: string): Promise<DiffSide> {
  // A service per side: both versions share a path, and each must read its own links.
  const service = getLanguageService({ fileReader: reader, today: () => today, workspaceRoot: toCorePath(root) });
  const diagnostics = await service.validate(uri, text);
  return { doc: service.parse(uri, text), diagnostics };
}

/** A file refused before reading (too large, not a regular file): unreadable, with the finding that says why. */
function refusedSide(refused: Diagnostic): DiffSide {
  const doc = parseJourney('');
  doc.findings.push({ code: refused.code, span: [0, 0], message: refused.message, fatal: true });
  return { doc, diagnostics: [refused] };
}

async function diffAgainstRevision(base: string, positionals: string[], rootOption: string | undefined, today: string, io: Io): Promise<MapDiff[]> {
  const revision = await GitRevision.open(io.cwd, base);
  const inputs = positionals.length ? positionals.map((p) => path.resolve(io.cwd, p)) : [revision.top];
  const present = [];
  for (const input of inputs) if (await fs.stat(input).catch(() => undefined)) present.push(input); // a deleted map is still compared
  const { files, unreadable } = await findMapFiles(present, io.cwd);
  for (const folder of unreadable) io.stderr(`journeymap: cannot read the folder ${visibleLine(folder)}: the maps in it were not compared\n`);
  const maps = new Map<string, string>(); // repository-relative path -> absolute path
  for (const file of files) {
    const relative = revision.relative(await fs.realpath(file).catch(() => file));
    if (relative === undefined) throw new UsageError(`${path.relative(io.cwd, file)} is outside the git repository at ${revision.top}.`);
    maps.set(relative, path.join(revision.top, relative));
  }
  for (const input of inputs) {
    const relative = revision.relative(input);
    if (relative === undefined) throw new UsageError(`${path.relative(io.cwd, input) || input} is outside the git repository at ${revision.top}.`);
    for (const old of await revision.mapsUnder(relative, (p) => MAP_RE.test(p), SKIP_DIRS)) maps.set(old, path.join(revision.top, old));
  }
  if (!maps.size) throw new UsageError(`no journey maps (*.journey.yaml, *.journey.yml) in ${positionals.join(', ') || revision.top}, now or at ${base}.`);
  const root = await workspaceRoot(rootOption, [...maps.values()], io.cwd);
  const now = new RootedFiles(root);
  const then = new RevisionFiles(revision, root);
  const diffs: MapDiff[] = [];
  for (const [relative, file] of [...maps].sort(([x], [y]) => x.localeCompare(y))) {
    const beforeText = await textOf(then, file);
    // Through the rooted reader: a map the revision listed may now be a symbolic link leading out.
    const afterText = await textOf(now, file);
    const sameText = afterText !== undefined && 'text' in afterText && beforeText !== undefined && 'text' in beforeText && beforeText.text === afterText.text;
    // The same text can still compute other figures when its ticket export was regenerated since.
    if (sameText && !computesMetrics(afterText.text)) continue;
    const before = await sideOf(beforeText, file, then, root, today);
    const after = await sideOf(afterText, file, now, root, today);
    if (!before && !after) continue;
    const diff = diffJourneys(before, after, { today: parseIsoDate(today) });
    if (sameText && diff.status === 'unchanged') continue;
    diffs.push({ path: path.relative(io.cwd, file) || relative, diff });
  }
  return diffs;
}

/** Whether a map has metrics computed from a ticket export (`from:`). */
function computesMetrics(text: string): boolean {
  return parseJourney(text).map.touchpoints.some((tp) => tp.metrics.some((m) => m.from));
}

type MapRead = { text: string } | { refused: Diagnostic } | undefined;

/**
 * A map's text through a reader bounded by the root (the revision's, or the working tree's), the
 * finding that refuses it, or undefined when it does not exist there.
 */
async function textOf(reader: FileReader, file: string): Promise<MapRead> {
  const read = await reader.readFile(toCorePath(file));
  if ('text' in read) return { text: read.text };
  const refused = read.problem.kind === 'missing' ? undefined : unreadableMapDiagnostic(read.problem);
  return refused ? { refused } : undefined;
}

/** One side of a map from what its reader gave: validated with that reader's links, refused, or absent. */
async function sideOf(read: MapRead, file: string, reader: FileReader, root: string, today: string): Promise<DiffSide | undefined> {
  if (read === undefined) return undefined;
  return 'text' in read ? validatedSide(toCorePath(file), read.text, reader, root, today) : refusedSide(read.refused);
}

function report(diffs: MapDiff[], format: string, base: string | undefined): string {
  if (format === 'json') {
    return safeJson(JSON.stringify({ base: base ?? null, maps: diffs.map((d) => ({ path: d.path, summary: diffSummary(d.diff), ...d.diff })) }, null, 2)) + '\n';
  }
  const cosmetic = diffs.filter((d) => d.diff.status === 'unchanged').length;
  const heading = base === undefined ? undefined : !diffs.length ? `No map changed since ${base}.`
    : `${plural(diffs.length, 'map')} changed since ${base}${cosmetic ? ` (${cosmetic} only in whitespace, comments or order)` : ''}.`;
  if (format === 'markdown') {
    const parts = diffs.map((d) => diffToMarkdown(d.diff, d.path));
    return [heading && `## Journey maps against ${escapeMarkdown(base!)}\n\n${escapeMarkdown(heading)}\n`, ...parts].filter(Boolean).join('\n');
  }
  return safeLines([heading && `${heading}\n`, ...diffs.map((d) => diffToText(d.diff, d.path))].filter(Boolean).join('\n'));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
