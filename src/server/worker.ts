/**
 * `dist/web/server.js`: the language server in a web worker (the VS Code web extension starts it
 * with `vscode-languageclient/browser`). The worker has no file system: clientHost asks the client
 * for every file (src/extension/serverFiles.ts answers), so nothing here needs Node.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { clientHost } from './clientHost';
import { createServer } from './server';

/** The worker's global scope (the server's tsconfig has no DOM or WebWorker library). */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
createServer(connection, clientHost(connection));
