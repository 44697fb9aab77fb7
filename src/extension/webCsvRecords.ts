/**
 * Ticket-export records in the web extension (vscode.dev and other browser hosts), where there is no
 * Node stream: the file comes whole through `vscode.workspace.fs` and is parsed in memory (CSV or .xlsx).
 */
import * as vscode from 'vscode';
import { readCsvBytes } from '../shared/csvInMemory';
import { bytesSource, isXlsxPath, readXlsxRecords } from '../shared/xlsxRecords';

/** The whole file is held in memory here; past this the CLI or the desktop extension (which stream) is the tool. */
export const MAX_WEB_CSV_BYTES = 256 * 1024 * 1024;

export async function readWebCsvRecords(uri: vscode.Uri, onRecord: (record: string[]) => void): Promise<void> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_WEB_CSV_BYTES) {
    throw { message: `the file is ${Math.round(stat.size / 1048576)} MB; in the browser journeymap reads ticket exports up to ${MAX_WEB_CSV_BYTES / 1048576} MB (the CLI and the desktop extension stream any size)` };
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  // An Excel workbook within the same limit: its archive is held whole, its sheet inflated and read as a stream.
  if (isXlsxPath(uri.path)) return readXlsxRecords(bytesSource(bytes), onRecord);
  await readCsvBytes(bytes, onRecord);
}
