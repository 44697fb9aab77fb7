/**
 * "Journey Map: Compare with…": a map against one of its git revisions in the preview's compare
 * mode (added cards marked, removed ones ghosted, changed ones with before → after). Revisions
 * come from VS Code's built-in git extension (its API, version 1): the last commit, the branch's
 * merge base, the recent commits that touched the file, or one typed in. The same mode opens from
 * the diff editor of a changed map (its title bar button), comparing the two sides it shows. A
 * future-state map is compared with its baseline (`baseline:`, its current state) the same way.
 */
import * as vscode from 'vscode';
import { resolveLink } from '../core/files';
import type { FilesFor } from './providers';

/** A map's `baseline:` as written, from the language server (which reads the editor's text). */
export type BaselineLink = (map: vscode.Uri) => Promise<string | undefined>;

/** What the preview offers: compare mode for a map against a fixed earlier text. */
export interface CompareTarget {
  showCompare(documentUri: vscode.Uri, before: { text: string; label: string; uri?: vscode.Uri }): Promise<void>;
}

// The slice of the git extension's API (extensions/git/src/api/git.d.ts) this file uses.
interface GitCommit { hash: string; message: string; authorName?: string; authorDate?: Date }
interface GitRef { name?: string; commit?: string; remote?: string }
interface GitBranch extends GitRef { upstream?: { remote: string; name: string } }
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD?: GitBranch };
  show(ref: string, path: string): Promise<string>;
  log(options?: { maxEntries?: number; path?: string }): Promise<GitCommit[]>;
  getMergeBase(ref1: string, ref2: string): Promise<string | undefined>;
}
interface GitApi { getRepository(uri: vscode.Uri): GitRepository | null; readonly state: 'uninitialized' | 'initialized'; onDidChangeState: vscode.Event<string> }
interface GitExtension { getAPI(version: 1): GitApi }

const NO_GIT = 'Compare with… needs git: VS Code\'s Git extension is not available here (it is disabled, or this is a virtual workspace).';

interface RevisionPick extends vscode.QuickPickItem {
  ref?: string;
  /** "Enter a revision…". */
  typed?: true;
}

/** The pseudo-revision for a future map's baseline (`journeymap.compareWith(uri, BASELINE)`). */
export const BASELINE = 'baseline';

export function registerCompare(previews: CompareTarget, baselineLink: BaselineLink, filesFor: FilesFor): vscode.Disposable {
  const baselines = (map: vscode.Uri) => baselineOf(map, baselineLink, filesFor);
  return vscode.Disposable.from(
    vscode.commands.registerCommand('journeymap.compareWith', (uri?: vscode.Uri, ref?: string) => compareWith(previews, baselines, uri, ref)),
    vscode.commands.registerCommand('journeymap.compareDiffInPreview', () => compareDiffInPreview(previews)),
  );
}

/** The map to compare: the one given (Explorer, editor title), else the active editor's. */
function targetMap(uri: vscode.Uri | undefined): vscode.Uri | undefined {
  const candidate = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  return candidate && /\.journey\.ya?ml$/i.test(candidate.path) ? candidate : undefined;
}

/** A future map's baseline: where it is and how to read it, or why it cannot be read. */
interface Baseline {
  path: string;
  /** The baseline file itself: its own links resolve from its folder. */
  uri: vscode.Uri;
  read(): Promise<string | undefined>;
}

async function baselineOf(map: vscode.Uri, baselineLink: BaselineLink, filesFor: FilesFor): Promise<Baseline | undefined> {
  // Open, so the server has the editor's text (a map compared from the Explorer may not be).
  await vscode.workspace.openTextDocument(map);
  let written: string | undefined;
  try {
    written = await baselineLink(map);
  } catch (error) {
    // Not "no baseline": the map may have one; the server did not say.
    void vscode.window.showWarningMessage(`The Journey Map language server did not answer, so the baseline of ${basename(map)} is not known: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const files = filesFor(map.toString());
  if (!written || !files) return undefined;
  // The same check as every link: decoded, normalised, inside the workspace; the reader checks real paths.
  const target = resolveLink(map.toString(), written, files.root.toString().replace(/\/$/, ''));
  if (!('path' in target)) return undefined;
  return {
    path: written,
    uri: vscode.Uri.parse(target.path),
    read: async () => {
      const read = await files.readFile(target.path);
      return 'text' in read ? read.text : undefined;
    },
  };
}

async function compareWith(previews: CompareTarget, baselines: (map: vscode.Uri) => Promise<Baseline | undefined>, uri: vscode.Uri | undefined, ref: string | undefined): Promise<void> {
  const map = targetMap(uri);
  if (!map) {
    void vscode.window.showInformationMessage('Open a journey map (*.journey.yaml) to compare it with an earlier version.');
    return;
  }
  const baseline = await baselines(map);
  const repository = ref === BASELINE ? undefined : await repositoryFor(map);
  if (typeof repository === 'string' && !baseline) {
    void vscode.window.showInformationMessage(repository);
    return;
  }
  const git = typeof repository === 'string' ? undefined : repository;
  const chosen = ref ?? await pickRevision(git, map, baseline);
  if (!chosen) return;
  if (!isRevision(chosen)) {
    void vscode.window.showWarningMessage(`"${chosen}" is not a git revision: name a branch, a tag, HEAD~1 or a commit.`);
    return;
  }
  if (chosen === BASELINE) {
    const text = await baseline?.read();
    if (text === undefined) void vscode.window.showWarningMessage(`The baseline of ${basename(map)} cannot be read: see its baseline-missing finding in the Problems panel.`);
    else await previews.showCompare(map, { text, label: 'the current state', uri: baseline!.uri });
    return;
  }
  if (!git) return;
  let text: string;
  try {
    text = await git.show(chosen, map.fsPath);
  } catch {
    void vscode.window.showWarningMessage(`${basename(map)} did not exist at ${chosen}, or git does not know that revision: there is nothing to compare with.`);
    return;
  }
  await previews.showCompare(map, { text, label: chosen.length === 40 && /^[0-9a-f]+$/.test(chosen) ? chosen.slice(0, 7) : chosen });
}

/**
 * A name git may take as a revision, from a picker, an input box or a command argument alike: one
 * starting with "-" would be read by git as an option, and control characters are never part of one.
 */
function isRevision(ref: string): boolean {
  // eslint-disable-next-line no-control-regex
  return ref.trim() !== '' && !ref.startsWith('-') && !/[\u0000-\u001f\u007f]/.test(ref);
}

/** The git repository holding the map, or what to tell the user when there is none. */
async function repositoryFor(uri: vscode.Uri): Promise<GitRepository | string> {
  if (uri.scheme !== 'file') return NO_GIT;
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return NO_GIT;
  let api: GitApi;
  try {
    api = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
  } catch {
    return NO_GIT;
  }
  if (api.state !== 'initialized') await new Promise<void>((resolve) => { const sub = api.onDidChangeState(() => { sub.dispose(); resolve(); }); setTimeout(resolve, 5000); });
  const repository = api.getRepository(uri) ?? await waitForRepository(api, uri);
  return repository ?? `${basename(uri)} is not in a git repository, so there are no earlier versions to compare it with.`;
}

/** The git extension opens repositories after it initialises; give it a moment on a fresh window. */
async function waitForRepository(api: GitApi, uri: vscode.Uri): Promise<GitRepository | undefined> {
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const repository = api.getRepository(uri);
    if (repository) return repository;
  }
  return undefined;
}

async function pickRevision(repository: GitRepository | undefined, map: vscode.Uri, baseline: Baseline | undefined): Promise<string | undefined> {
  const picks: RevisionPick[] = [];
  if (baseline) picks.push({ label: '$(milestone) Baseline: the current state', description: baseline.path, ref: BASELINE });
  if (!repository) {
    const picked = await vscode.window.showQuickPick(picks, { title: `Compare ${basename(map)} with…` });
    return picked?.ref;
  }
  picks.push({ label: '$(git-commit) HEAD', description: 'the last commit', ref: 'HEAD' });
  const mergeBase = await branchMergeBase(repository);
  if (mergeBase) picks.push({ label: `$(git-merge) Merge base with ${mergeBase.with}`, description: mergeBase.commit.slice(0, 7), ref: mergeBase.commit });
  const commits = await repository.log({ path: map.fsPath, maxEntries: 15 }).catch(() => [] as GitCommit[]);
  if (commits.length) picks.push({ label: 'Commits that changed this map', kind: vscode.QuickPickItemKind.Separator });
  for (const commit of commits) {
    picks.push({
      label: `$(git-commit) ${commit.message.split('\n')[0]}`,
      description: `${commit.hash.slice(0, 7)}${commit.authorName ? ` · ${commit.authorName}` : ''}${commit.authorDate ? ` · ${commit.authorDate.toISOString().slice(0, 10)}` : ''}`,
      ref: commit.hash,
    });
  }
  picks.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(edit) Enter a revision…', description: 'a branch, a tag, HEAD~3, a commit', typed: true });
  const picked = await vscode.window.showQuickPick(picks, { title: `Compare ${basename(map)} with…`, placeHolder: 'A revision: the preview marks what changed since', matchOnDescription: true });
  if (!picked?.typed) return picked?.ref;
  const typed = await vscode.window.showInputBox({
    title: `Compare ${basename(map)} with…`, prompt: 'A git revision: a branch, a tag, HEAD~3 or a commit', value: 'HEAD~1',
    validateInput: (value) => (isRevision(value.trim()) ? undefined : 'Type a revision such as main, v1.2 or HEAD~1.'),
  });
  return typed?.trim() || undefined;
}

/** Where the current branch left its upstream (or main/master when it has none). */
async function branchMergeBase(repository: GitRepository): Promise<{ with: string; commit: string } | undefined> {
  const head = repository.state.HEAD;
  const candidates = head?.upstream ? [`${head.upstream.remote}/${head.upstream.name}`] : [];
  for (const name of ['main', 'master']) if (head?.name !== name) candidates.push(name);
  for (const other of candidates) {
    const commit = await repository.getMergeBase('HEAD', other).catch(() => undefined);
    if (commit && commit !== head?.commit) return { with: other, commit };
  }
  return undefined;
}

/** From the diff editor of a changed map: the preview compares the two sides it shows. */
async function compareDiffInPreview(previews: CompareTarget): Promise<void> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (!(input instanceof vscode.TabInputTextDiff)) {
    void vscode.window.showInformationMessage('Open the diff of a changed journey map first (for example from Source Control).');
    return;
  }
  const before = await vscode.workspace.openTextDocument(input.original);
  await previews.showCompare(input.modified, { text: before.getText(), label: sideLabel(input.original) });
}

/** The last segment of a URI's path: a file's name. */
function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** "HEAD", "index" or the file's name: what the diff editor's left side is. */
function sideLabel(uri: vscode.Uri): string {
  if (uri.scheme === 'git') {
    try {
      const ref = (JSON.parse(uri.query) as { ref?: string }).ref;
      if (ref === '~' || ref === '') return 'the index';
      if (ref) return ref.length === 40 ? ref.slice(0, 7) : ref;
    } catch {
      // not the git extension's query: fall through
    }
  }
  return basename(uri);
}
