/**
 * WorkspaceEdits as the client can take them: `documentChanges` (versioned, with file creation)
 * when it says so, else the plain `changes` map, where a new file cannot be expressed.
 */
import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';

export interface EditSupport {
  documentChanges: boolean;
  create: boolean;
}

export class EditBuilder {
  private readonly changes: (TextDocumentEdit | CreateFile)[] = [];
  private readonly plain: Record<string, TextEdit[]> = {};

  constructor(private readonly support: EditSupport) {}

  /** False when the client cannot create files (the fix needing one is then not offered). */
  get canCreate(): boolean {
    return this.support.documentChanges && this.support.create;
  }

  edit(uri: string, version: number | null, edits: readonly TextEdit[]): this {
    if (!edits.length) return this;
    if (this.support.documentChanges) this.changes.push({ textDocument: { uri, version }, edits: [...edits] });
    else (this.plain[uri] ??= []).push(...edits);
    return this;
  }

  createFile(uri: string, contents: string): this {
    if (!this.canCreate) throw new Error('The client cannot create files.');
    // A file that appeared since the check makes the edit fail rather than take text at its top.
    this.changes.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
    this.changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: contents }] });
    return this;
  }

  build(): WorkspaceEdit {
    return this.support.documentChanges ? { documentChanges: this.changes } : { changes: this.plain };
  }
}
