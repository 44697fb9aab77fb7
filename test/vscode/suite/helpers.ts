/** Helpers for the integration tests: waiting on events (never on timers) and finding text. */
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'journeymap.journeymap';

export interface Api {
  activationMs: number;
  host: 'node' | 'web';
  onDidValidate: vscode.Event<{ uri: vscode.Uri; version?: number; diagnostics: { code: string }[] }>;
  onDidRenderPreview: vscode.Event<{ uri: string; version: number; router: 'grid' | 'elk'; zoom?: number; compare?: { added: number; removed: number; changed: number } }>;
  workspaceScan: Promise<number>;
  reviewStatus(): { visible: boolean; text: string; warning: boolean };
  templates: readonly string[];
  validateAll(token?: vscode.CancellationToken): Promise<number>;
  deliverPreviewMessage(message: unknown): Promise<boolean>;
  /** Opens a map's preview in compare mode against `before` (its text at a revision, and the revision's name). */
  showCompare(documentUri: vscode.Uri, before: { text: string; label: string }): Promise<void>;
  docsShown(): { page: string; anchor?: string; anchors: string[] } | undefined;
  onDidShowDocs: vscode.Event<unknown>;
  /** The Journey Maps and Journey Improvements views' trees, asked as VS Code asks them. */
  portfolio: {
    maps: vscode.TreeDataProvider<unknown> & { grouping: string; onDidChangeTreeData: vscode.Event<unknown> };
    improvements: vscode.TreeDataProvider<unknown> & { onDidChangeTreeData: vscode.Event<unknown> };
  };
}

/**
 * Prints a figure beside the test results (an indented line under the test). The web suite's
 * runner shows only lines the suite marks, so it installs a marking printer as `journeymapNote`.
 */
export function note(text: string): void {
  const print = (globalThis as { journeymapNote?: (line: string) => void }).journeymapNote ?? console.log;
  print(`      (${text})`);
}

export async function activate(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/**
 * Resolves when `check` returns something truthy: checked now, then on every `event`. Fails after
 * `timeout` ms with `describe()` in the message (a guard against hangs, not a wait).
 */
export function waitFor<T>(
  what: string, event: vscode.Event<unknown>, check: () => T | undefined | false | null, timeout = 30_000, describe?: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const first = check();
    if (first) return resolve(first);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}${describe ? `: ${describe()}` : ''}`));
    }, timeout);
    const sub = event(() => {
      let value: T | undefined | false | null;
      try {
        value = check();
      } catch (error) {
        clearTimeout(timer);
        sub.dispose();
        reject(error);
        return;
      }
      if (value) {
        clearTimeout(timer);
        sub.dispose();
        resolve(value);
      }
    });
  });
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function summary(uri: vscode.Uri): string {
  return JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${codeOf(d)}`));
}

/** Waits until the diagnostics of `uri` satisfy `predicate`. */
export function waitForDiagnostics(uri: vscode.Uri, what: string, predicate: (ds: vscode.Diagnostic[]) => boolean, timeout?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(`${what} in ${vscode.workspace.asRelativePath(uri)}`, vscode.languages.onDidChangeDiagnostics, () => {
    const ds = vscode.languages.getDiagnostics(uri);
    return predicate(ds) ? ds : undefined;
  }, timeout, () => summary(uri));
}

/** Waits for a validation of `uri` (of its current document version when open) to be published. */
export function waitForValidation(api: Api, uri: vscode.Uri, version?: number): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`no validation of ${uri.toString()}`)); }, 30_000);
    const sub = api.onDidValidate((e) => {
      if (e.uri.toString() !== uri.toString() || (version !== undefined && e.version !== version)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(vscode.languages.getDiagnostics(uri));
    });
  });
}

/** The position of the `nth` occurrence of `needle` in the document, `offset` characters into it. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0, nth = 0): vscode.Position {
  const text = doc.getText();
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `"${needle}" (#${i}) not found in ${doc.uri.path}`);
  }
  return doc.positionAt(index + offset);
}

export async function open(relative: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

/**
 * Hovers `position` until the text satisfies `accept` (a value computed in the background may
 * arrive a moment after the document opened); re-asks on each diagnostics change, fails after 30 s.
 */
export function waitForHover(doc: vscode.TextDocument, position: vscode.Position, accept: (text: string) => boolean): Promise<string> {
  let last = '';
  let done = false;
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.dispose();
      if (error) reject(error);
      else resolve(last);
    };
    const ask = async () => {
      try {
        const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position));
        if (done) return;
        last = text;
        if (accept(text)) finish();
      } catch (error) {
        finish(error as Error);
      }
    };
    const timer = setTimeout(() => finish(new Error(`the hover never satisfied the test: ${last}`)), 30_000);
    // Subscribed before the first ask, so a validation finishing meanwhile is not missed.
    const sub = vscode.languages.onDidChangeDiagnostics(() => void ask());
    void ask();
  });
}

/** Undoes until the document text equals `original` (each undo step is one edit group). */
export async function undoUntil(doc: vscode.TextDocument, original: string, maxSteps = 5): Promise<void> {
  for (let i = 0; i < maxSteps && doc.getText() !== original; i++) {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('undo');
  }
}

/**
 * Runs a command with the save dialog answered with `target`, a quick pick with its first item
 * (the default, as Enter would), and error messages collected.
 */
export async function answeringDialogs(target: vscode.Uri, action: () => Thenable<unknown>): Promise<string[]> {
  const window = vscode.window as unknown as Record<string, unknown>;
  const saved = { showSaveDialog: window.showSaveDialog, showErrorMessage: window.showErrorMessage, showQuickPick: window.showQuickPick };
  const errors: string[] = [];
  window.showSaveDialog = async () => target;
  window.showQuickPick = async (items: unknown) => (await items as unknown[])[0];
  window.showErrorMessage = async (message: string) => { errors.push(message); return undefined; };
  try {
    await action();
  } finally {
    Object.assign(window, saved);
  }
  return errors;
}

/**
 * Resolves when a preview page has drawn `uri`: proof that the webview's script ran (its CSP, its
 * resource roots and the message channel all work), which an open tab alone does not show.
 * Subscribe before the action that opens the preview.
 */
export function waitForPreviewRender(api: Api, uri: vscode.Uri, minVersion = 0, timeout = 30_000): Promise<{ version: number; router: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`no preview page drew ${uri.toString()} (version ${minVersion} or later) within ${timeout / 1000} s`)); }, timeout);
    const sub = api.onDidRenderPreview((e) => {
      if (e.uri !== uri.toString() || e.version < minVersion) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}
