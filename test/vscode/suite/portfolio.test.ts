/**
 * The Journey Maps and Journey Improvements views in a real VS Code, on the fixture workspace:
 * every map a row, counts that match the Problems panel, the grouping switch, an update after an
 * edit, and the context actions. The trees are asked exactly as VS Code asks them (getChildren,
 * getTreeItem).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activate, waitForPreviewRender, workspaceUri, type Api } from './helpers';

type Tree = vscode.TreeDataProvider<unknown>;

async function children(tree: Tree, node?: unknown): Promise<unknown[]> {
  return (await tree.getChildren(node)) ?? [];
}

async function items(tree: Tree, node?: unknown): Promise<vscode.TreeItem[]> {
  return Promise.all((await children(tree, node)).map(async (n) => tree.getTreeItem(n)));
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

/** Every map row, under every group: [node, item]. */
async function mapRows(tree: Tree): Promise<[unknown, vscode.TreeItem][]> {
  const rows: [unknown, vscode.TreeItem][] = [];
  for (const group of await children(tree)) {
    for (const node of await children(tree, group)) rows.push([node, await tree.getTreeItem(node)]);
  }
  return rows;
}

describe('Journey Maps and Journey Improvements views', () => {
  let api: Api;
  before(async () => {
    api = await activate();
    await api.workspaceScan;
  });
  after(async () => {
    await vscode.commands.executeCommand('journeymap.maps.groupByOwner');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists every map of the workspace once, with findings counted as the Problems panel counts them', async () => {
    const files = await vscode.workspace.findFiles('**/*.journey.{yaml,yml}', '**/node_modules/**');
    const tree = api.portfolio.maps;
    // The views redraw shortly after a burst of results: wait for the last of the scan.
    const listed = (r: [unknown, vscode.TreeItem][]) => new Set(r.map(([, i]) => i.resourceUri?.toString()));
    const rows = await waitForAsync(tree.onDidChangeTreeData, async () => { const r = await mapRows(tree); return files.every((f) => listed(r).has(f.toString())) ? r : undefined; })
      .catch(async () => mapRows(tree));
    const missing = files.filter((f) => !listed(rows).has(f.toString()));
    assert.deepEqual(missing.map((f) => f.path), [], 'every map file has a row');
    assert.equal(listed(rows).size, rows.length, 'one row per map');
    // Beyond the files findFiles lists, only a map the Problems panel reports as not read (a
    // symbolic link that leads nowhere, say) has a row, under "Not read".
    const found = new Set(files.map((f) => f.toString()));
    for (const [, item] of rows.filter(([, i]) => !found.has(i.resourceUri!.toString()))) {
      assert.ok(vscode.languages.getDiagnostics(item.resourceUri!).length > 0, `${item.resourceUri?.path} is listed but is neither a map file nor reported`);
    }
    for (const [, item] of rows) {
      const diagnostics = vscode.languages.getDiagnostics(item.resourceUri!);
      const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
      const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
      const description = String(item.description);
      if (errors) assert.match(description, new RegExp(`\\b${errors} errors?\\b`), `${item.resourceUri?.path}: ${description}`);
      if (warnings) assert.match(description, new RegExp(`\\b${warnings} warnings?\\b`), `${item.resourceUri?.path}: ${description}`);
      if (!errors && !warnings) assert.match(description, /no errors or warnings/, `${item.resourceUri?.path}: ${description}`);
    }
    const overdue = rows.find(([, i]) => i.resourceUri?.path.endsWith('maps/overdue.journey.yaml'))![1];
    assert.match(String(overdue.description), /^overdue \d+ days? · /);
    const admin = rows.find(([, i]) => i.resourceUri?.path.endsWith('examples/locked-out-admin.journey.yaml'))![1];
    assert.equal(label(admin), 'Admin locked out of account');
    assert.match(String(admin.description), /worst: \w+ [\d.]+\S* \/ \S+/);
  });

  it('a folder of maps deleted takes its rows and its problems with it', async () => {
    const folder = workspaceUri('doomed');
    const map = vscode.Uri.joinPath(folder, 'gone.journey.yaml');
    // Written through VS Code (a file written at once into a folder just made can slip past the
    // file watcher); deleted behind its back, as a git checkout would.
    await vscode.workspace.fs.writeFile(map, Buffer.from('journeymap: 1\ntitle: Soon gone\nlanes: []\n'));
    const tree = api.portfolio.maps;
    const hasRow = async () => (await mapRows(tree)).some(([, i]) => i.resourceUri?.toString() === map.toString());
    await waitForAsync(tree.onDidChangeTreeData, async () => ((await hasRow()) && vscode.languages.getDiagnostics(map).length > 0) || undefined, 30_000,
      async () => `row ${await hasRow()}, ${vscode.languages.getDiagnostics(map).length} problems`);
    fs.rmSync(folder.fsPath, { recursive: true, force: true });
    await waitForAsync(tree.onDidChangeTreeData, async () => (!(await hasRow()) && vscode.languages.getDiagnostics(map).length === 0) || undefined, 30_000,
      async () => `after deleting: row ${await hasRow()}, ${vscode.languages.getDiagnostics(map).length} problems`);
  });

  it('groups by owner, folder or review status', async () => {
    const tree = api.portfolio.maps;
    const byOwner = (await items(tree)).map(label);
    assert.ok(byOwner.includes('Service desk team lead'), byOwner.join(', '));
    await vscode.commands.executeCommand('journeymap.maps.groupByFolder');
    assert.equal(tree.grouping, 'folder');
    const byFolder = (await items(tree)).map(label);
    for (const folder of ['examples', 'maps', 'test-maps']) assert.ok(byFolder.includes(folder), byFolder.join(', '));
    await vscode.commands.executeCommand('journeymap.maps.groupByReview');
    const byReview = (await items(tree)).map(label);
    assert.equal(byReview[0], 'Review overdue', byReview.join(', '));
    const overdueRows = (await items(tree, (await children(tree))[0])).map((i) => i.resourceUri?.path ?? '');
    assert.ok(overdueRows.some((p) => p.endsWith('maps/overdue.journey.yaml')), overdueRows.join(', '));
  });

  it('follows an edit: a new owner moves the map to its group', async () => {
    await vscode.commands.executeCommand('journeymap.maps.groupByOwner');
    const uri = workspaceUri('maps/clean.journey.yml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('owner:'));
    assert.ok(line >= 0, 'the fixture has an owner');
    await editor.edit((b) => b.replace(doc.lineAt(line).range, 'owner: Access management guild'));
    const tree = api.portfolio.maps;
    const group = await waitForAsync(tree.onDidChangeTreeData, async () => (await items(tree)).find((i) => label(i) === 'Access management guild'));
    assert.equal(group.description, '1 map');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('context actions: preview and mark reviewed act on the row\'s map', async () => {
    const tree = api.portfolio.maps;
    const [node, item] = (await mapRows(tree)).find(([, i]) => i.resourceUri?.path.endsWith('maps/overdue.journey.yaml'))!;
    assert.equal(item.contextValue, 'journeymap.map');
    const drawn = waitForPreviewRender(api, item.resourceUri!);
    await vscode.commands.executeCommand('journeymap.maps.preview', node);
    await drawn;
    await vscode.commands.executeCommand('journeymap.maps.markReviewed', node);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === item.resourceUri!.toString())!;
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    assert.match(doc.getText(), new RegExp(`last: ${iso}`));
    const row = await waitForAsync(tree.onDidChangeTreeData, async () => (await mapRows(tree)).find(([, i]) => i.resourceUri?.toString() === item.resourceUri!.toString() && /^due in/.test(String(i.description))));
    assert.ok(row);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the improvements view lists every improvement, overdue first, and a row opens its line', async () => {
    const tree = api.portfolio.improvements;
    const groups = await items(tree);
    assert.ok(groups.length > 0);
    const statuses = groups.map(label);
    const order = ['Overdue', 'In progress', 'Planned', 'Ideas', 'Done', 'Dropped', 'Other statuses'];
    assert.deepEqual(statuses, order.filter((s) => statuses.includes(s)), 'groups in board order');
    const all = (await Promise.all((await children(tree)).map((g) => items(tree, g)))).flat();
    // Other suites copy this example elsewhere in the workspace: the row's id names its map.
    const ofExample = (i: vscode.TreeItem) => String(i.id).includes('/examples/locked-out-admin.journey.yaml#');
    const adminImprovements = all.filter(ofExample);
    assert.equal(adminImprovements.length, 8, adminImprovements.map(label).join(', '));
    assert.ok(adminImprovements.every((i) => String(i.description).includes('Admin locked out of account')));
    const kb = all.find((i) => label(i) === 'kb-refresh' && ofExample(i))!;
    await vscode.commands.executeCommand(kb.command!.command, ...(kb.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.uri.path, /examples\/locked-out-admin\.journey\.yaml$/);
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /- id: kb-refresh/);
  });
});

/** Resolves with the first truthy result of an async check, run now and after each event. */
function waitForAsync<T>(event: vscode.Event<unknown>, check: () => Promise<T | undefined>, timeout = 30_000, describe?: () => Promise<string>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      sub.dispose();
      void (describe?.() ?? Promise.resolve('')).then((state) => reject(new Error(`timed out waiting for the view to update${state ? `: ${state}` : ''}`)));
    }, timeout);
    const attempt = () => void check().then((value) => {
      if (done || !value) return;
      done = true;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
    const sub = event(attempt);
    attempt();
  });
}
