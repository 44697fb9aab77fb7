/**
 * The web client (vscode.dev): the server (dist/web/server.js) in a web worker. A worker has no
 * file system: it asks this extension host for files (src/extension/serverFiles.ts), which reads
 * them through the same rooted reader as everything else.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import type { WorkspaceFiles } from './fileReader';
import { registerFileRequests } from './serverFiles';

/** The browser's Worker (the extension's tsconfig has no DOM library). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

export function createWebClient(
  context: vscode.ExtensionContext, options: LanguageClientOptions, filesFor: (uri: string) => WorkspaceFiles | undefined,
): LanguageClient {
  const main = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const worker = new Worker(main.toString(true));
  const client = new LanguageClient('journeymap', 'Journey Map', options, worker);
  // Answered from the start: the server's first workspace scan asks for files.
  context.subscriptions.push(registerFileRequests(client, filesFor));
  return client;
}
