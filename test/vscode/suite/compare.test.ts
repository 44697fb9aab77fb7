/**
 * Compare mode in a real VS Code, against git history read through VS Code's own Git extension:
 * a temporary repository in the workspace with two commits, the map compared with HEAD~1 from the
 * command and from the diff editor, and the page's own count of the marks it drew. (Desktop only:
 * the web build has no git.)
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, waitFor, workspaceUri, type Api } from './helpers';

type CompareRender = { uri: string; compare?: { added: number; removed: number; changed: number } };

function waitForCompare(api: Api, uri: vscode.Uri, timeout = 30_000): Promise<NonNullable<CompareRender['compare']>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`no compare drawing of ${uri.toString()} within ${timeout / 1000} s`)); }, timeout);
    const sub = api.onDidRenderPreview((e: CompareRender) => {
      if (e.uri !== uri.toString() || !e.compare) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e.compare);
    });
  });
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, {
  cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' },
});

/** The first version: the example map as it is. The second: one touchpoint removed, one added, one `feels` changed. */
function secondVersion(first: string): string {
  const removed = first.replace(/ {6}- id: inbox-check\n(?: {8}.*\n| {10}.*\n| {12}.*\n)+/, '');
  assert.notEqual(removed, first, 'the fixture holds the inbox-check touchpoint');
  const added = removed.replace('      - id: reset-email\n', '      - id: sms-code\n        lane: admin\n        name: Gets a one-time code by SMS\n        feels: 1\n      - id: reset-email\n');
  // References to the removed touchpoint follow it to the new one, so the map stays free of errors.
  return added.replace(/\binbox-check\b/g, 'sms-code').replace(/(- id: help-search\n(?: {8}.*\n)*? {8}feels: )-1/, '$11');
}

describe('compare mode', () => {
  let api: Api;
  let repo: string;
  let map: vscode.Uri;

  before(async function () {
    api = await activate();
    repo = workspaceUri('compare-repo').fsPath;
    fs.rmSync(repo, { recursive: true, force: true });
    fs.mkdirSync(repo, { recursive: true });
    const first = fs.readFileSync(workspaceUri('examples/locked-out-admin.journey.yaml').fsPath, 'utf8');
    git(repo, 'init', '-q');
    fs.writeFileSync(path.join(repo, 'access.journey.yaml'), first);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'first version');
    fs.writeFileSync(path.join(repo, 'access.journey.yaml'), secondVersion(first));
    git(repo, 'commit', '-qam', 'second version');
    map = vscode.Uri.file(path.join(repo, 'access.journey.yaml'));
    await vscode.commands.executeCommand('git.openRepository', repo);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('git.close').then(undefined, () => undefined);
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('Compare with… HEAD~1 draws the added card, the removed card as a ghost, and the changed card', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(map));
    const drawn = waitForCompare(api, map);
    await vscode.commands.executeCommand('journeymap.compareWith', map, 'HEAD~1');
    const marks = await drawn;
    assert.deepEqual(marks, { added: 1, removed: 1, changed: 1 });
    const tab = await waitFor('the compare tab', vscode.window.tabGroups.onDidChangeTabs,
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /access\.journey\.yaml/.test(t.label) && /HEAD~1/.test(t.label)), 30_000,
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', '));
    assert.ok(tab.input instanceof vscode.TabInputWebview);
  });

  it('a future-state map compares with its baseline, the current state', async () => {
    const current = fs.readFileSync(map.fsPath, 'utf8').replace(/^title: .*$/m, '$&\nstate: current');
    fs.writeFileSync(path.join(repo, 'current.journey.yaml'), current);
    const future = current.replace('state: current', 'state: future\nbaseline: current.journey.yaml').replace(/(- id: sms-code\n(?: {8}.*\n)*? {8}feels: )1/, '$12');
    const futureUri = vscode.Uri.file(path.join(repo, 'future.journey.yaml'));
    fs.writeFileSync(futureUri.fsPath, future);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(futureUri));
    const drawn = waitForCompare(api, futureUri);
    await vscode.commands.executeCommand('journeymap.compareWith', futureUri, 'baseline');
    assert.deepEqual(await drawn, { added: 0, removed: 0, changed: 1 });
  });

  it('says so when the map is not in a git repository', async () => {
    const outside = workspaceUri('examples/locked-out-admin.journey.yaml');
    const window = vscode.window as unknown as Record<string, unknown>;
    const saved = window.showInformationMessage;
    const said: string[] = [];
    window.showInformationMessage = async (message: string) => { said.push(message); return undefined; };
    try {
      await vscode.commands.executeCommand('journeymap.compareWith', outside);
    } finally {
      window.showInformationMessage = saved;
    }
    assert.deepEqual(said, ['locked-out-admin.journey.yaml is not in a git repository, so there are no earlier versions to compare it with.']);
  });

  it('the diff editor of the map opens the same comparison from its title bar command', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const gitApi = vscode.extensions.getExtension<{ getAPI(v: 1): { toGitUri(uri: vscode.Uri, ref: string): vscode.Uri } }>('vscode.git')!.exports.getAPI(1);
    await vscode.commands.executeCommand('vscode.diff', gitApi.toGitUri(map, 'HEAD~1'), map, 'access.journey.yaml (HEAD~1) ↔ now');
    await waitFor('the diff editor', vscode.window.tabGroups.onDidChangeTabs, () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff || undefined, 15_000);
    const drawn = waitForCompare(api, map);
    await vscode.commands.executeCommand('journeymap.compareDiffInPreview');
    assert.deepEqual(await drawn, { added: 1, removed: 1, changed: 1 });
  });
});
