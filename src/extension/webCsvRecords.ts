/**
 * Ticket-export records in the web extension (vscode.dev and other browser hosts), where there is no
 * Node stream: the file comes whole through `vscode.workspace.fs` and is parsed in memory.
 */
import * as vscode from 'vscode';
import { readCsvBytes } from '../shared/csvInMemory';

/** The whole file is held in memory here; past this the CLI or the desktop extension (which stream) is the tool. */
export const MAX_WEB_CSV_BYTES = 256 * 1024 * 1024;

export async function readWebCsvRecords(uri: vscode.Uri, onRecord: (record: string[]) => void): Promise<void> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_WEB_CSV_BYTES) {
    throw { message: `the file is ${Math.round(stat.size / 1048576)} MB; in the browser journeymap reads ticket exports up to ${MAX_WEB_CSV_BYTES / 1048576} MB (the CLI and the desktop extension stream any size)` };
  }
  await readCsvBytes(await vscode.workspace.fs.readFile(uri), onRecord);
}
