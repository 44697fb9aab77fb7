/**
 * `journeymap report [files or folders...] -o DIR`: every map as a static site that needs no
 * server and no network: an index (one row per map), a page per map (diagram, metrics,
 * improvements, findings) and an improvements board. Maps are validated as `lint` validates them
 * and drawn as `render` draws them, one at a time: each map's page is written before the next map
 * is read, and only its small summary is kept, so memory does not grow with the maps' size.
 * Exit codes: 0 written, 2 usage or I/O error.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { getLanguageService, parseIsoDate, summarizeMap, type Diagnostic, type JourneyDocument, type LanguageService, type MapSummary } from '../../core';
import { renderSvg, THEMES } from '../../core/diagram';
import { chooseWorkspaceRoot, findMapFiles, findRepositoryRoot, readMapText, toCorePath } from '../io';
import { RootedFiles } from '../../node/files';
import { draw, undrawable } from '../render';
import { visibleLine } from '../terminal';
import { todayOption, UsageError, utcToday, type Io } from '../usage';
import { assets, type Theme } from './html';
import { mapPage, prefixSvgIds, type Figure } from './mapPage';
import { boardPage, indexPage, type Entry, type SiteContext } from './site';

export const REPORT_HELP = `Usage: journeymap report [files or folders...] -o DIR [options]

Writes every map as a static site to DIR (created if needed): index.html (one row per map:
review status, findings, metrics missing their targets, open improvements), a page per map in
DIR/maps/ (the diagram as render draws it, the metrics with computed values and n, the
improvements, the findings with their lines) and improvements.html (every improvement across the
maps, overdue first). The pages need no server and no network: open index.html from disk, or
publish DIR anywhere static files go.

Options:
  -o, --out DIR             The folder to write the site to (required); nothing is written outside it
  --today YYYY-MM-DD        The date review status and due dates are judged on (default: today)
  --root DIR                Links resolving outside DIR are never read (default: as lint chooses it)
  --repo-url URL            Link each map and finding line to the repository, e.g.
                            https://github.com/org/repo/blob/main/ (+ path + #L12)
  --theme light|dark|auto   Page and diagram colours (default: auto, the reader's system setting)
  --title TEXT              The report's name in every page's header (default: Journey maps)
  -h, --help                Show this help

Exit codes: 0 written, 2 usage or I/O error (maps with findings are reported, not failed: use lint).
`;

interface ReportArgs {
  inputs: string[];
  out: string;
  today: string;
  root?: string;
  repoUrl?: string;
  theme: Theme;
  title: string;
}

function reportArgs(argv: string[]): ReportArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      out: { type: 'string', short: 'o' }, today: { type: 'string' }, root: { type: 'string' }, 'repo-url': { type: 'string' },
      theme: { type: 'string', default: 'auto' }, title: { type: 'string', default: 'Journey maps' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (!values.out) throw new UsageError('report needs -o DIR, the folder to write the site to.');
  const theme = values.theme!;
  if (theme !== 'light' && theme !== 'dark' && theme !== 'auto') throw new UsageError(`--theme must be light, dark or auto, not "${theme}".`);
  return {
    inputs: positionals.length ? positionals : ['.'], out: values.out, today: todayOption(values.today) ?? utcToday(), root: values.root,
    repoUrl: values['repo-url'] === undefined ? undefined : repoBase(values['repo-url']), theme, title: values.title!.trim() || 'Journey maps',
  };
}

/** `--repo-url`: an http(s) URL, with a trailing slash so paths join it. */
function repoBase(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--repo-url must be a URL like https://github.com/org/repo/blob/main/, not "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--repo-url must be an http or https URL, not "${value}".`);
  url.hash = '';
  url.search = '';
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Page file names: the map's path as a slug, unique (case-insensitively) within the run. */
export class Slugs {
  private used = new Set<string>();

  next(relative: string): string {
    const base = relative.replace(/\.journey\.ya?ml$/i, '').toLowerCase().normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '') || 'map';
    let slug = base;
    for (let i = 2; this.used.has(slug); i++) slug = `${base}-${i}`;
    this.used.add(slug);
    return slug;
  }
}

/** Where the report writes: every file checked to stay inside the folder (real paths, symbolic links followed). */
class OutFolder {
  private files: RootedFiles;

  constructor(readonly dir: string, readonly shown: string) {
    this.files = new RootedFiles(dir);
  }

  async write(relative: string, html: string): Promise<void> {
    const target = await this.files.writable(path.join(this.dir, relative));
    if ('problem' in target) {
      throw new UsageError(`cannot write ${relative} in ${this.shown}: ${target.problem.kind === 'outside' ? 'it leads outside the folder (a symbolic link)' : 'it is not a regular file inside the folder'}; nothing is written outside it.`);
    }
    try {
      await writeFile(target.real, html, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot write ${relative} in ${this.shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }

  /** Creates a subfolder, which must stay inside the folder by its real path. */
  async subfolder(relative: string): Promise<void> {
    const dir = path.join(this.dir, relative);
    await mkdir(dir, { recursive: true }).catch(() => undefined);
    const found = await this.files.realPath(dir);
    if (!('real' in found)) throw new UsageError(`-o ${this.shown}: its ${relative} folder ${found.problem.kind === 'outside' ? 'leads outside it (a symbolic link); nothing is written outside it' : 'cannot be created'}.`);
    if (!(await stat(found.real)).isDirectory()) throw new UsageError(`-o ${this.shown}: ${relative} in it is not a folder.`);
  }
}

async function prepareOut(out: string, cwd: string): Promise<OutFolder> {
  const dir = path.resolve(cwd, out);
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new UsageError(`-o ${out}: is not a folder.`);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`-o ${out}: cannot create the folder (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const folder = new OutFolder(dir, out);
  await folder.subfolder('maps');
  return folder;
}

/** What one run needs to turn a map file into its page. */
interface Run {
  args: ReportArgs;
  service: LanguageService;
  ctx: SiteContext;
  todayDays: number;
  /** The report's root: map paths are shown relative to it. */
  root: string;
  /** The git repository around the root, for --repo-url's paths. */
  repository: string;
  slugs: Slugs;
  out: OutFolder;
}

const slash = (p: string) => p.split(path.sep).join('/');

function relativeTo(folder: string, file: string): string {
  return slash(path.relative(folder, file)) || path.basename(file);
}

/** The diagram of a map in the run's theme(s), drawn as `render` draws it (full detail, grid router, signals judged on today), or why not. */
async function figureOf(doc: JourneyDocument, theme: Theme, today: number): Promise<Figure> {
  const why = undrawable(doc);
  if (why) {
    return 'blocking' in why
      ? { reasons: why.blocking.map((f) => `line ${doc.lines.positionAt(f.span[0]).line + 1}: ${f.message}`) }
      : { reasons: [`the map has no ${why.lacks} to draw`] };
  }
  const layout = await draw(doc, { detail: 'full', today }, 'grid');
  const themes: ('light' | 'dark')[] = theme === 'auto' ? ['light', 'dark'] : [theme];
  return { svgs: themes.map((t) => ({ theme: t, svg: t === 'dark' && theme === 'auto' ? prefixSvgIds(renderSvg(layout, { theme: THEMES.dark }), 'dark-') : renderSvg(layout, { theme: THEMES[t] }) })) };
}

/** Reads, validates, draws and writes one map's page; returns its entry (summary and page), or nothing when the file vanished. */
async function reportMap(run: Run, file: string): Promise<Entry | undefined> {
  const read = await readMapText(file);
  if ('missing' in read) return undefined; // deleted since the folder was listed
  const uri = toCorePath(file);
  const text = 'text' in read ? read.text : '';
  const diagnostics: Diagnostic[] = 'text' in read ? await run.service.validate(uri, text) : [read.refused];
  const doc = run.service.parse(uri, text);
  const shown = relativeTo(run.root, file);
  const summarized = summarizeMap(shown, doc, diagnostics, run.todayDays);
  // A copy made of new strings: text taken from the map can be a slice that keeps the whole file
  // alive, and the summaries are all the run keeps of 2,000 maps.
  const summary = JSON.parse(JSON.stringify({ ...summarized, unreadable: summarized.unreadable || diagnostics.some((d) => d.fatal) })) as MapSummary;
  const page = `maps/${run.slugs.next(shown)}.html`;
  const entry: Entry = { summary, page };
  const figure: Figure = summary.unreadable ? { reasons: [] } : await figureOf(doc, run.args.theme, run.todayDays);
  const repoPath = relativeTo(run.repository, file).split('/').map(encodeURIComponent).join('/');
  const fileUrl = run.args.repoUrl ? (line?: number) => `${run.args.repoUrl}${repoPath}${line ? `#L${line}` : ''}` : undefined;
  await run.out.write(page, mapPage(run.ctx, { entry, doc, diagnostics, figure, today: run.todayDays, fileUrl }));
  run.service.forget(uri);
  return entry;
}

export async function runReport(argv: string[], io: Io): Promise<number> {
  const args = reportArgs(argv);
  if (args === 'help') {
    io.stdout(REPORT_HELP);
    return 0;
  }
  const { files, missing, unreadable } = await findMapFiles(args.inputs, io.cwd);
  if (missing.length) {
    io.stderr(`journeymap: no such file or folder: ${visibleLine(missing.join(', '))}\n`);
    return 2;
  }
  for (const folder of unreadable) io.stderr(`journeymap: cannot read the folder ${visibleLine(folder)}: the maps in it are not in the report\n`);
  if (!files.length) {
    io.stderr(`journeymap: no journey maps (*.journey.yaml, *.journey.yml) found in ${visibleLine(args.inputs.join(', '))}\n`);
    return 2;
  }
  const chosen = await chooseWorkspaceRoot(args.root, args.inputs, io.cwd);
  if ('problem' in chosen) throw new UsageError(chosen.problem);
  const out = await prepareOut(args.out, io.cwd);
  const run: Run = {
    args, out, slugs: new Slugs(), root: chosen.root, repository: (await findRepositoryRoot(chosen.root)) ?? chosen.root,
    todayDays: parseIsoDate(args.today)!,
    service: getLanguageService({ fileReader: new RootedFiles(chosen.root), today: () => args.today, workspaceRoot: toCorePath(chosen.root) }),
    ctx: { site: args.title, today: args.today, assets: assets(args.theme) },
  };
  const entries: Entry[] = [];
  for (const file of files) {
    const entry = await reportMap(run, file);
    if (entry) entries.push(entry);
  }
  await out.write('index.html', indexPage(run.ctx, entries));
  await out.write('improvements.html', boardPage(run.ctx, entries));
  const unreadableMaps = entries.filter((e) => e.summary.unreadable).length;
  io.stderr(`journeymap report: wrote ${entries.length + 2} pages to ${visibleLine(args.out)}: index.html, improvements.html and ${entries.length} map page${entries.length === 1 ? '' : 's'} in maps/`
    + `${unreadableMaps ? ` (${unreadableMaps} of the maps cannot be read: their pages say why)` : ''}\n`);
  return unreadable.length ? 2 : 0;
}
