/**
 * The web client (vscode.dev): the server (dist/web/server.js) in a web worker. A worker has no
 * file system: it asks this extension host for files (src/extension/serverFiles.ts), which reads
 * them through the same rooted reader as everything else.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';

/** The browser's Worker (the extension's tsconfig has no DOM library). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

export function createWebClient(context: vscode.ExtensionContext, options: LanguageClientOptions): LanguageClient {
  const main = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const worker = new Worker(main.toString(true));
  return new LanguageClient('journeymap', 'Journey Map', options, worker);
}
