/** `dist/server.js`: the language server as its own bundle, started by an editor (`node dist/server.js --stdio`). */
import { startNodeServer } from './node';

startNodeServer();
