/** The desktop client: the server (dist/server.js) in its own Node process, over Node IPC. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export function createNodeClient(context: vscode.ExtensionContext, options: LanguageClientOptions): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const server: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // `Run Extension` in a debug session: the server waits for a debugger on port 6009.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return new LanguageClient('journeymap', 'Journey Map', server, options);
}
