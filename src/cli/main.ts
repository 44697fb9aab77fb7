/** The `journeymap` command: dispatches to its subcommands. */
import { DIFF_HELP, runDiff } from './diff';
import { LINT_HELP, runLint } from './lint';
import { METRICS_HELP, runMetrics } from './metrics';
import { runRender } from './render';
import { REPORT_HELP, runReport } from './report/report';
import { LSP_HELP, runLsp } from '../server/command';
import { visibleText } from './terminal';
import { processIo, UsageError, type Io } from './usage';

const HELP = `Usage: journeymap <command> [options]

Commands:
  lint [files or folders...]   Check journey maps; for CI (see journeymap lint --help)
  render <map> [-o out.svg]    Draw a map as an SVG swimlane diagram
  metrics <map>                Table of every metric: value, target, status, source, n
  diff OLD NEW | --base REV    What changed in a journey: touchpoints, feels, metrics, handoffs...
  report [paths...] -o DIR     Every map as a static site: index, a page per map, improvements board
  lsp --stdio                  The language server, for editors other than VS Code (docs/editors.md)
  help                         Show this help

${LINT_HELP}
${METRICS_HELP}
${DIFF_HELP}
${REPORT_HELP}
${LSP_HELP}`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return await runLint(rest, io);
      case 'metrics':
        return await runMetrics(rest, io);
      case 'diff':
        return await runDiff(rest, io);
      case 'report':
        return await runReport(rest, io);
      case 'render':
        return await runRender(rest);
      case 'lsp':
        return await runLsp(rest, io);
      case undefined: case 'help': case '--help': case '-h':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`journeymap: ${visibleText((error as Error).message)}\nRun "journeymap help" for usage.\n`);
      return 2;
    }
    io.stderr(`journeymap: unexpected error: ${visibleText((error as Error).stack ?? String(error))}\n`);
    return 2;
  }
}
