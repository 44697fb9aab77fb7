/**
 * `journeymap render <map> [-o out.svg] [--theme light|dark]`: writes the swimlane diagram of a
 * map as a standalone SVG, without a browser (CI publishes diagrams next to the runbooks).
 * Exit codes: 0 written, 1 the map has errors that prevent drawing it, 2 usage or I/O error.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { getLanguageService } from '../core';
import { defaultWorkspaceRoot, readMapText, toCorePath } from './io';
import { RootedFiles } from '../node/files';
import { safeLines, safeXml, visibleLine } from './terminal';
import { utcToday } from './usage';
import { layoutJourney, renderSvg, THEMES, elkBound, routeWithElk, ELK_MAX_TOUCHPOINTS } from '../core/diagram';

export const RENDER_USAGE = `Usage: journeymap render <map.journey.yaml> [-o out.svg] [--theme light|dark] [--router grid|elk]

Writes the map's swimlane diagram as a standalone SVG (to stdout without -o).
Exit codes: 0 written, 1 the map has errors that prevent drawing it, 2 usage or I/O error.`;

interface RenderArgs {
  file: string;
  out?: string;
  theme: 'light' | 'dark';
  router: 'grid' | 'elk' | 'auto';
}

function parseArgs(argv: string[]): RenderArgs | string {
  let file: string | undefined;
  let out: string | undefined;
  let theme: 'light' | 'dark' = 'light';
  let router: RenderArgs['router'] = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name: string): string | undefined => {
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) return undefined;
      i++;
      return next;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-o' || arg.startsWith('-o=') || arg === '--out' || arg.startsWith('--out=')) {
      const v = value(arg.startsWith('--out') ? '--out' : '-o');
      if (!v) return `${arg.split('=')[0]} needs a file name`;
      out = v;
    } else if (arg === '--theme' || arg.startsWith('--theme=')) {
      const v = value('--theme');
      if (v !== 'light' && v !== 'dark') return `--theme must be light or dark${v ? `, not "${v}"` : ''}`;
      theme = v;
    } else if (arg === '--router' || arg.startsWith('--router=')) {
      const v = value('--router');
      if (v !== 'grid' && v !== 'elk' && v !== 'auto') return `--router must be grid, elk or auto${v ? `, not "${v}"` : ''}`;
      router = v;
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else if (file === undefined) {
      file = arg;
    } else {
      return `render takes one map, got "${file}" and "${arg}"`;
    }
  }
  if (!file) return 'missing the map file to render';
  return { file, out, theme, router };
}

/** Structural problems that leave nothing sensible to draw. */
const BLOCKING = new Set(['yaml-syntax', 'file-too-large']);

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
  const { root: rootFolder } = await defaultWorkspaceRoot([args.file], process.cwd()); // the same default as lint's
  const service = getLanguageService({ fileReader: new RootedFiles(rootFolder), today: utcToday, workspaceRoot: toCorePath(rootFolder) });
  try {
    await service.validate(mapPath, text);
  } catch {
    // Drawing does not depend on validation; the map is drawn with the values it states.
  }
  const doc = service.parse(mapPath, text);
  const blocking = doc.findings.filter((f) => BLOCKING.has(f.code) && f.severity !== 'warning');
  if (blocking.length || doc.map.stages.length === 0 || doc.map.lanes.length === 0) {
    const reasons = blocking.length
      ? blocking.map((f) => { const p = doc.lines.positionAt(f.span[0]); return `${visibleLine(args.file)}:${p.line + 1}:${p.character + 1}  ${visibleLine(f.message)}  ${visibleLine(f.code)}`; })
      : [`${visibleLine(args.file)}: the map has no ${doc.map.stages.length === 0 ? 'stages' : 'lanes'} to draw`];
    process.stderr.write(safeLines(`journeymap render: cannot draw ${visibleLine(args.file)}:\n${reasons.join('\n')}\n`));
    return 1;
  }
  let layout = layoutJourney(doc);
  // elk's input is bounded (ELK_LIMITS): past a bound the grid routes stand, and the note says why.
  const bound = args.router === 'grid' ? undefined : elkBound(layout);
  if (bound && (args.router === 'elk' || layout.cards.length <= ELK_MAX_TOUCHPOINTS)) {
    process.stderr.write(`journeymap render: edges drawn with the grid router: ${bound}.\n`);
  }
  if (args.router !== 'grid' && !bound) {
    try {
      const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
      layout = await routeWithElk(layout, new ELK());
    } catch (error) {
      if (args.router === 'elk') process.stderr.write(`journeymap render: elk routing failed, using the grid router: ${visibleLine(String(error))}\n`);
    }
  }
  const svg = renderSvg(layout, { theme: THEMES[args.theme] });
  if (!args.out) {
    process.stdout.write(`${safeXml(svg)}\n`);
    return 0;
  }
  try {
    await writeFile(args.out, `${svg}\n`, 'utf8');
  } catch (error) {
    process.stderr.write(`journeymap render: cannot write ${visibleLine(args.out)}: ${visibleLine((error as NodeJS.ErrnoException).code ?? String(error))}\n`);
    return 2;
  }
  process.stderr.write(`journeymap render: wrote ${visibleLine(args.out)} (${layout.cards.length} touchpoints)\n`);
  return 0;
}
