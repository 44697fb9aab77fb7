/**
 * `journeymap render <map> [-o out.svg] [--theme light|dark] [--detail full|compact]
 * [--stage ID]... [--split stages -o DIR]`: writes the swimlane diagram of a map as a standalone
 * SVG, without a browser (CI publishes diagrams next to the runbooks). In full detail (the default)
 * the picture stands alone: every pain and metric in full, computed metrics with their sample and
 * period, the improvements as sentences and a footer with owner, review and sources.
 * Exit codes: 0 written, 1 the map has errors that prevent drawing it, 2 usage or I/O error.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { getLanguageService, isValidId, parseIsoDate, type Finding, type JourneyDocument, type JourneyMap } from '../core';
import { chooseWorkspaceRoot, readMapText, toCorePath } from './io';
import { RootedFiles } from '../node/files';
import { safeLines, safeXml, visibleLine } from './terminal';
import { todayOption, utcToday } from './usage';
import { layoutJourney, renderSvg, THEMES, elkBound, routeWithElk, ELK_MAX_TOUCHPOINTS, type Layout, type LayoutOptions } from '../core/diagram';

export const RENDER_USAGE = `Usage: journeymap render <map.journey.yaml> [-o out.svg] [options]
       journeymap render <map.journey.yaml> --split stages -o <folder> [options]

Writes the map's swimlane diagram as a standalone SVG (to stdout without -o).

Options:
  --theme light|dark        colours (default light)
  --detail full|compact     full (default): every pain and metric in full, computed metrics'
                            sample and period, the improvements and a footer; compact: as the
                            preview draws it, long text shortened
  --stage <id>              draw only this stage (repeat for several); arrows to other stages
                            end at the picture's edge with the stage's name
  --split stages            one picture per stage, written to the folder given with -o
                            (<stage id>.svg)
  --root DIR                the workspace root runbooks and exports must stay inside
                            (default: as lint chooses it)
  --router grid|elk         edge routing: the grid router (default), or also try elk and keep
                            its routes where they cross fewer edges (maps up to 300 touchpoints)
  --today YYYY-MM-DD        the date improvement signals are judged on (default: today, UTC)

Exit codes: 0 written, 1 the map has errors that prevent drawing it, 2 usage or I/O error.`;

interface RenderArgs {
  file: string;
  out?: string;
  theme: 'light' | 'dark';
  /** `auto` is the old name for trying elk on maps within its bounds (quietly past them). */
  router: 'grid' | 'elk' | 'auto';
  detail: 'full' | 'compact';
  stages: string[];
  split: boolean;
  root?: string;
  today?: string;
}

/** Reads one option's value (`--name value` or `--name=value`), or an error sentence. */
function optionValue(argv: string[], i: number, name: string): { value: string; next: number } | undefined {
  const arg = argv[i];
  if (arg.startsWith(`${name}=`)) return { value: arg.slice(name.length + 1), next: i };
  const following = argv[i + 1];
  if (following === undefined || (following.startsWith('-') && following !== '-')) return undefined;
  return { value: following, next: i + 1 };
}

function parseArgs(argv: string[]): RenderArgs | string {
  const args: Partial<RenderArgs> & { stages: string[] } = { theme: 'light', router: 'grid', detail: 'full', stages: [], split: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.startsWith('--') ? arg.split('=')[0] : arg.startsWith('-o') ? '-o' : arg;
    const take = (): string | undefined => {
      const got = optionValue(argv, i, name);
      if (got) i = got.next;
      return got?.value;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    if (name === '-o' || name === '--out') {
      const v = take();
      if (!v) return `${name} needs a file name`;
      args.out = v;
    } else if (name === '--theme') {
      const v = take();
      if (v !== 'light' && v !== 'dark') return `--theme must be light or dark${v ? `, not "${v}"` : ''}`;
      args.theme = v;
    } else if (name === '--router') {
      const v = take();
      if (v !== 'grid' && v !== 'elk' && v !== 'auto') return `--router must be grid or elk${v ? `, not "${v}"` : ''}`;
      args.router = v;
    } else if (name === '--detail') {
      const v = take();
      if (v !== 'full' && v !== 'compact') return `--detail must be full or compact${v ? `, not "${v}"` : ''}`;
      args.detail = v;
    } else if (name === '--stage') {
      const v = take();
      if (!v) return '--stage needs a stage id';
      args.stages.push(v);
    } else if (name === '--root') {
      const v = take();
      if (!v) return '--root needs a folder';
      args.root = v;
    } else if (name === '--today') {
      try {
        args.today = todayOption(take() ?? '');
      } catch (error) {
        return (error as Error).message.replace(/\.$/, '');
      }
    } else if (name === '--split') {
      const v = take();
      if (v !== 'stages') return `--split takes "stages"${v ? `, not "${v}"` : ''}`;
      args.split = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else if (args.file === undefined) {
      args.file = arg;
    } else {
      return `render takes one map, got "${args.file}" and "${arg}"`;
    }
  }
  if (!args.file) return 'missing the map file to render';
  if (args.split && !args.out) return '--split stages needs -o <folder> to write the pictures to';
  if (args.split && args.stages.length) return '--split stages and --stage do not go together';
  return args as RenderArgs;
}

/** The indexes of the stages asked for, or a sentence naming the ids that are not there. */
function stageIndexes(map: JourneyMap, ids: string[]): number[] | string {
  const indexes: number[] = [];
  for (const id of ids) {
    const i = map.stages.findIndex((st) => st.id?.value === id);
    if (i < 0) {
      const known = map.stages.map((st) => st.id?.value).filter((v): v is string => !!v);
      return `no stage has the id "${id}"${known.length ? `; the stages are: ${known.join(', ')}` : ''}`;
    }
    indexes.push(i);
  }
  return indexes;
}

/** File names for --split: the stage's id when it is a valid id (safe in a file name), else stage-N; never twice the same. */
function splitFileNames(map: JourneyMap): string[] {
  const used = new Set<string>();
  return map.stages.map((st, i) => {
    const id = st.id?.value;
    let base = id && isValidId(id) ? id : `stage-${i + 1}`;
    if (used.has(base.toLowerCase())) base = `${base}-${i + 1}`;
    used.add(base.toLowerCase());
    return `${base}.svg`;
  });
}

/** Lays out and routes one picture; a note on stderr when elk's bounds keep the grid routes. */
export async function draw(doc: Parameters<typeof layoutJourney>[0], options: LayoutOptions, router: RenderArgs['router']): Promise<Layout> {
  let layout = layoutJourney(doc, options);
  // elk's input is bounded (ELK_LIMITS): past a bound the grid routes stand, and the note says why.
  const bound = router === 'grid' ? undefined : elkBound(layout);
  if (bound && (router === 'elk' || layout.cards.length <= ELK_MAX_TOUCHPOINTS)) {
    process.stderr.write(`journeymap render: edges drawn with the grid router: ${bound}.\n`);
  }
  if (router !== 'grid' && !bound) {
    try {
      const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
      layout = await routeWithElk(layout, new ELK());
    } catch (error) {
      if (router === 'elk') process.stderr.write(`journeymap render: elk routing failed, using the grid router: ${visibleLine(String(error))}\n`);
    }
  }
  return layout;
}

async function writeSvg(file: string, svg: string): Promise<string | undefined> {
  try {
    await writeFile(file, `${svg}\n`, 'utf8');
    return undefined;
  } catch (error) {
    return `cannot write ${visibleLine(file)}: ${visibleLine((error as NodeJS.ErrnoException).code ?? String(error))}`;
  }
}

/** --split stages: one picture per stage in the folder; names come from the map, so each is checked to stay in it. */
async function writeSplit(doc: Parameters<typeof layoutJourney>[0], args: RenderArgs): Promise<number> {
  const folder = path.resolve(args.out!);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    process.stderr.write(`journeymap render: cannot create ${visibleLine(args.out!)}: ${visibleLine((error as NodeJS.ErrnoException).code ?? String(error))}\n`);
    return 2;
  }
  const files = new RootedFiles(folder);
  const names = splitFileNames(doc.map);
  for (const [i, name] of names.entries()) {
    const target = await files.writable(path.join(folder, name));
    if ('problem' in target) {
      process.stderr.write(`journeymap render: cannot write ${visibleLine(name)} in ${visibleLine(args.out!)}: it is not a regular file inside the folder\n`);
      return 2;
    }
    const layout = await draw(doc, { detail: args.detail, stages: [i], today: parseIsoDate(args.today ?? utcToday()) }, args.router);
    const problem = await writeSvg(target.real, renderSvg(layout, { theme: THEMES[args.theme] }));
    if (problem) {
      process.stderr.write(`journeymap render: ${problem}\n`);
      return 2;
    }
  }
  process.stderr.write(`journeymap render: wrote ${names.length} picture${names.length === 1 ? '' : 's'} to ${visibleLine(args.out!)} (${names.join(', ')})\n`);
  return 0;
}

/** Structural problems that leave nothing sensible to draw. */
const BLOCKING = new Set(['yaml-syntax', 'file-too-large']);


/**
 * Why a parsed map cannot be drawn: the YAML problems that leave nothing sensible to draw, or the
 * stages or lanes it lacks; nothing when it can be drawn. `render` and `report` share it.
 */
export function undrawable(doc: JourneyDocument): { blocking: Finding[] } | { lacks: 'stages' | 'lanes' } | undefined {
  const blocking = doc.findings.filter((f) => BLOCKING.has(f.code) && f.severity !== 'warning');
  if (blocking.length) return { blocking };
  if (doc.map.stages.length === 0) return { lacks: 'stages' };
  if (doc.map.lanes.length === 0) return { lacks: 'lanes' };
  return undefined;
}

export async function runRender(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${RENDER_USAGE}\n`);
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`journeymap render: ${visibleLine(args)}\n\n${RENDER_USAGE}\n`);
    return 2;
  }
  const read = await readMapText(args.file);
  if ('missing' in read) {
    process.stderr.write(`journeymap render: cannot read ${visibleLine(args.file)}: no such file\n`);
    return 2;
  }
  if (!('text' in read)) {
    process.stderr.write(`journeymap render: cannot draw ${visibleLine(args.file)}:\n${visibleLine(args.file)}:1:1  ${visibleLine(read.refused.message)}  ${read.refused.code}\n`);
    return 1;
  }
  const text = read.text;
  // Validation computes the metrics that come from ticket exports (`from:`), so the picture shows them.
  const mapPath = toCorePath(path.resolve(args.file));
  const chosen = await chooseWorkspaceRoot(args.root, [args.file], process.cwd()); // as lint chooses it
  if ('problem' in chosen) {
    process.stderr.write(`journeymap render: ${visibleLine(chosen.problem)}\n\n${RENDER_USAGE}\n`);
    return 2;
  }
  const rootFolder = chosen.root;
  const today = args.today ?? utcToday();
  const service = getLanguageService({ fileReader: new RootedFiles(rootFolder), today: () => today, workspaceRoot: toCorePath(rootFolder) });
  try {
    await service.validate(mapPath, text);
  } catch {
    // Drawing does not depend on validation; the map is drawn with the values it states.
  }
  const doc = service.parse(mapPath, text);
  const why = undrawable(doc);
  if (why) {
    const reasons = 'blocking' in why
      ? why.blocking.map((f) => { const p = doc.lines.positionAt(f.span[0]); return `${visibleLine(args.file)}:${p.line + 1}:${p.character + 1}  ${visibleLine(f.message)}  ${visibleLine(f.code)}`; })
      : [`${visibleLine(args.file)}: the map has no ${why.lacks} to draw`];
    process.stderr.write(safeLines(`journeymap render: cannot draw ${visibleLine(args.file)}:\n${reasons.join('\n')}\n`));
    return 1;
  }
  if (args.split) return writeSplit(doc, args);
  const stages = args.stages.length ? stageIndexes(doc.map, args.stages) : undefined;
  if (typeof stages === 'string') {
    process.stderr.write(`journeymap render: ${visibleLine(stages)}\n`);
    return 2;
  }
  const layout = await draw(doc, { detail: args.detail, stages, today: parseIsoDate(today) }, args.router);
  const svg = renderSvg(layout, { theme: THEMES[args.theme] });
  if (!args.out) {
    process.stdout.write(`${safeXml(svg)}\n`);
    return 0;
  }
  const problem = await writeSvg(args.out, svg);
  if (problem) {
    process.stderr.write(`journeymap render: ${problem}\n`);
    return 2;
  }
  process.stderr.write(`journeymap render: wrote ${visibleLine(args.out)} (${layout.cards.length} touchpoints)\n`);
  return 0;
}
