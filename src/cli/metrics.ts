/** `journeymap metrics <map>`: every metric of a map with its value, target, status, source and n. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateMetric, getLanguageService, metricInfo } from '../core';
import { defaultWorkspaceRoot, nodeFileReader, toCorePath } from './io';
import { safeJson, safeLines, visibleLine } from './terminal';
import { UsageError, type Io } from './usage';

export const METRICS_HELP = `Usage: journeymap metrics <map> [--format text|json] [--today YYYY-MM-DD]

Prints every metric of a map: touchpoint, metric, value (computed from a ticket export when the
metric says from:), target, status against the target, source and sample size.
`;

interface Row {
  touchpoint: string;
  metric: string;
  value: string;
  computed: boolean;
  target: string;
  status: string;
  source: string;
  n: number | null;
}

export async function runMetrics(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { format: { type: 'string', default: 'text' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout(METRICS_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('metrics takes exactly one map file.');
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`--format must be text or json, not "${values.format}".`);
  const file = path.resolve(io.cwd, positionals[0]);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`journeymap: cannot read ${visibleLine(positionals[0])}: ${visibleLine((error as Error).message)}\n`);
    return 2;
  }
  const today = values.today;
  const { root } = await defaultWorkspaceRoot([file], io.cwd); // the same default as lint's
  const service = getLanguageService({ fileReader: nodeFileReader, today: today ? () => today : undefined, workspaceRoot: toCorePath(root) });
  const uri = toCorePath(file);
  await service.validate(uri, text); // reads the ticket exports
  const doc = service.parse(uri, text);
  const rows: Row[] = [];
  for (const tp of doc.map.touchpoints) {
    for (const m of tp.metrics) {
      const evaluation = evaluateMetric(m);
      const shown = m.computed?.value ?? m.value?.value;
      rows.push({
        touchpoint: tp.id?.value ?? tp.name?.value ?? '?',
        metric: m.name.value,
        value: shown?.text ?? (m.computed?.problem ? 'not computed' : '-'),
        computed: !!m.computed?.value,
        target: m.target?.value.text ?? '-',
        status: evaluation.status === 'misses' ? `misses by ${evaluation.gap}` : evaluation.status,
        source: m.from?.value ?? m.source?.value ?? '-',
        n: m.computed?.value ? m.computed.n : null,
      });
    }
  }
  if (values.format === 'json') {
    io.stdout(safeJson(JSON.stringify({ map: positionals[0], metrics: rows }, null, 2)) + '\n');
    return 0;
  }
  if (!rows.length) {
    io.stdout('This map has no metrics.\n');
    return 0;
  }
  const header = ['touchpoint', 'metric', 'value', 'target', 'status', 'source', 'n'];
  const cells = rows.map((r) => [r.touchpoint, metricInfo(r.metric) ? r.metric : `${r.metric} (custom)`, r.computed ? `${r.value} *` : r.value, r.target, r.status, r.source, r.n === null ? '' : r.n.toLocaleString('en-US')].map(visibleLine));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  io.stdout(safeLines([line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), '', '* computed from a ticket export'].join('\n') + '\n'));
  return 0;
}
