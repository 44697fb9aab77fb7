/** `journeymap lsp`: the language server on stdio (or another transport an editor passes). */
import { UsageError, type Io } from '../cli/usage';

export const LSP_HELP = `Usage: journeymap lsp --stdio

Runs the Journey Map language server for editors other than VS Code (Neovim, Helix, Emacs, Zed,
JetBrains): diagnostics, hover, completion, definition, references, rename, outline, folding,
quick fixes, links and CodeLens for *.journey.yaml files. See docs/editors.md.

Options:
  --stdio                     Talk LSP over standard input and output (what editors expect)
  --node-ipc, --socket=PORT, --pipe=NAME
                              Other transports, as VS Code's language client passes them
`;

const TRANSPORTS = /^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/;

export async function runLsp(args: string[], io: Io): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(LSP_HELP);
    return 0;
  }
  const unknown = args.find((a) => !TRANSPORTS.test(a));
  if (unknown) throw new UsageError(`lsp: unknown option "${unknown}".`);
  if (!args.some((a) => /^--(stdio|node-ipc|socket=|pipe=)/.test(a))) throw new UsageError('lsp: choose a transport, usually --stdio.');
  const { startNodeServer } = await import('./node');
  startNodeServer();
  // The connection ends the process itself on `exit` (or when the editor that started it is gone).
  return new Promise<number>(() => undefined);
}
