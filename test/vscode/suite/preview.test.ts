/**
 * The swimlane preview in a real VS Code: the commands open a webview panel of the right type
 * beside the map, it follows the active map editor, survives edits, and the lock command keeps it
 * on its map. (The page itself is tested in headless Chromium by test/browser/run.mjs.)
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, answeringDialogs, waitFor, waitForPreviewRender, workspaceUri, type Api } from './helpers';


function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('journeymap.preview'));
}

describe('preview', () => {
  const first = () => workspaceUri('examples/locked-out-admin.journey.yaml');
  const second = () => workspaceUri('examples/billing-dispute.journey.yaml');

  let api: Api;
  before(async () => {
    api = await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open Preview to the Side shows the active map in a journeymap.preview panel', async () => {
    // Subscribed first: a preview left open by an earlier test follows the editor and may draw
    // this map before the command runs.
    const drawn = waitForPreviewRender(api, first());
    const doc = await vscode.workspace.openTextDocument(first());
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('journeymap.openPreviewToSide');
    await drawn;
    const tab = await waitFor('the preview tab', vscode.window.tabGroups.onDidChangeTabs, () => previewTabs().find((t) => /locked-out-admin\.journey\.yaml/.test(t.label)), 30_000,
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', '));
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the preview opened beside the editor');
  });

  it('follows the active map editor, and an edit does not break it', async () => {
    const doc = await vscode.workspace.openTextDocument(second());
    const drawn = waitForPreviewRender(api, second());
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await drawn;
    const tab = await waitFor('the preview to follow', vscode.window.tabGroups.onDidChangeTabs,
      () => previewTabs().find((t) => /billing-dispute/.test(t.label)), 30_000, () => previewTabs().map((t) => t.label).join(', '));
    assert.ok(tab);
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '\n# edited by the preview test\n'));
    // Resolves only for a drawing of the edited version (or later).
    await waitForPreviewRender(api, second(), doc.version);
    assert.equal(previewTabs().length, 1, 'still one preview');
    await vscode.commands.executeCommand('undo');
  });

  it('Open Preview on the same map reuses the panel; the lock keeps it on its map', async () => {
    await vscode.commands.executeCommand('journeymap.openPreview', second());
    await vscode.commands.executeCommand('journeymap.togglePreviewLock');
    await waitFor('the locked title', vscode.window.tabGroups.onDidChangeTabs, () => previewTabs().find((t) => t.label.startsWith('[Preview] billing-dispute')), 30_000,
      () => previewTabs().map((t) => t.label).join(', '));
    const doc = await vscode.workspace.openTextDocument(first());
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.Beside);
    // A locked preview stays on its map when another map becomes active.
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(previewTabs().some((t) => t.label === '[Preview] billing-dispute.journey.yaml'), previewTabs().map((t) => t.label).join(', '));
    assert.equal(previewTabs().length, 1, 'the command reused the panel');
  });

  it('Export Diagram as PNG (preview) draws in the page and writes a PNG; SVG from a shown preview too', async function () {
    this.timeout(120_000);
    const png = workspaceUri('exports/preview-export.png');
    const errors = await answeringDialogs(png, () => vscode.commands.executeCommand('journeymap.exportPng', second()));
    assert.deepStrictEqual(errors, []);
    const bytes = await vscode.workspace.fs.readFile(png);
    assert.deepStrictEqual([...bytes.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.ok(bytes.length > 10_000, `only ${bytes.length} bytes`);
    const svgTarget = workspaceUri('exports/preview-export.svg');
    const svgErrors = await answeringDialogs(svgTarget, () => vscode.commands.executeCommand('journeymap.exportSvg', second()));
    assert.deepStrictEqual(svgErrors, []);
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(svgTarget));
    assert.ok(svg.startsWith('<svg') && svg.includes('class="jm-card'), svg.slice(0, 200));
  });

  it('Export from the preview\'s own menu acts on the map the preview shows (VS Code passes the webview\'s address)', async function () {
    this.timeout(120_000);
    // The editor-title menu of a webview hands its commands the panel's own address, not a file.
    const fromMenu = vscode.Uri.parse('webview-panel:webview-panel/webview-0f1e2d3c');
    await vscode.commands.executeCommand('journeymap.openPreview', second());
    await waitFor('the preview in front', vscode.window.tabGroups.onDidChangeTabs,
      () => previewTabs().find((t) => t.isActive && t.group.isActive && /billing-dispute/.test(t.label)), 30_000,
      () => previewTabs().map((t) => `${t.label} active=${t.isActive}`).join(', '));
    const svgTarget = workspaceUri('exports/from-menu.svg');
    assert.deepStrictEqual(await answeringDialogs(svgTarget, () => vscode.commands.executeCommand('journeymap.exportSvg', fromMenu)), []);
    const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(svgTarget));
    assert.ok(svg.startsWith('<svg') && svg.includes('Disputed charge'), /<title[^>]*>([^<]*)/.exec(svg)?.[1] ?? svg.slice(0, 300));
    const pngTarget = workspaceUri('exports/from-menu.png');
    assert.deepStrictEqual(await answeringDialogs(pngTarget, () => vscode.commands.executeCommand('journeymap.exportPng', fromMenu)), []);
    const png = await vscode.workspace.fs.readFile(pngTarget);
    assert.deepStrictEqual([...png.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG signature');
    // The preview still shows its map, under its name, with no error banner from a bogus address.
    assert.ok(previewTabs().some((t) => /billing-dispute\.journey\.yaml/.test(t.label)), previewTabs().map((t) => t.label).join(', '));
    assert.ok(!previewTabs().some((t) => /webview-/.test(t.label)), previewTabs().map((t) => t.label).join(', '));
  });

  it('a 40-touchpoint map opens at a readable zoom, not shrunk to fit the panel', async function () {
    this.timeout(120_000);
    // test/maps, copied into the workspace by the runner.
    const uri = workspaceUri('test-maps/regional-outage-40.journey.yaml');
    if (previewTabs().some((t) => t.label.startsWith('[Preview]'))) await vscode.commands.executeCommand('journeymap.togglePreviewLock');
    const drawn = new Promise<number | undefined>((resolve) => {
      const sub = api.onDidRenderPreview((e) => { if (e.uri === uri.toString()) { sub.dispose(); resolve(e.zoom); } });
    });
    await vscode.commands.executeCommand('journeymap.openPreview', uri);
    const zoom = await drawn;
    // Whole, this picture (about 3,200 x 2,700 px) would be a quarter of its size in the panel.
    assert.ok(zoom !== undefined && zoom >= 0.5 && zoom <= 1, `opened at ${zoom}`);
  });

  it('a runbook the page asks for is opened only when the map links it and it lies inside the workspace', async () => {
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('maps/clean.journey.yml')));
    const hostile = source
      .replace('runbook: ../runbooks/fixture.md#symptoms', 'runbook: ../../../../../../etc/passwd')
      .replace('runbook: ../runbooks/fixture.md#symptoms', 'runbook: "..%2F..%2F..%2F..%2F..%2Fproc%2Fself%2Fenviron"');
    assert.ok(hostile.includes('etc/passwd') && hostile.includes('environ'), 'the map holds both hostile links');
    const uri = workspaceUri('maps/page-messages.journey.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(hostile));
    // Reuse the session's preview (see the note on code-server's shared webview origin): unlock it first.
    if (previewTabs().some((t) => t.label.startsWith('[Preview]'))) await vscode.commands.executeCommand('journeymap.togglePreviewLock');
    const drawn = waitForPreviewRender(api, uri);
    await vscode.commands.executeCommand('journeymap.openPreview', uri);
    await drawn;
    const opened = () => vscode.workspace.textDocuments.map((d) => d.uri.path).filter((p) => /passwd|environ|shadow/.test(p));
    const messages: unknown[] = [
      { type: 'openRunbook', uri: uri.toString(), runbook: '../../../../../../etc/passwd' },
      { type: 'openRunbook', uri: uri.toString(), runbook: '..%2F..%2F..%2F..%2F..%2Fproc%2Fself%2Fenviron' },
      { type: 'openRunbook', uri: uri.toString(), runbook: '/etc/passwd' },
      { type: 'openRunbook', uri: uri.toString(), runbook: 'file:///etc/shadow' },
      { type: 'openRunbook', uri: uri.toString(), runbook: { toString: () => '/etc/passwd' } },
      { type: 'openRunbook', uri: uri.toString() },
      { type: 'reveal', uri: uri.toString(), line: 'x' },
      { type: 'setHiddenLanes', uri: uri.toString(), hiddenLanes: 'desk' },
    ];
    for (const message of messages) {
      assert.equal(await api.deliverPreviewMessage(message), true, 'a preview received it');
      assert.deepEqual(opened(), [], `opened by ${JSON.stringify(message)}`);
    }
    // Not vacuous: a runbook the map does link to opens, at its heading.
    await api.deliverPreviewMessage({ type: 'openRunbook', uri: uri.toString(), runbook: '../runbooks/fixture.md#resolution' });
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('runbooks/fixture.md'));
    assert.ok(editor, vscode.window.visibleTextEditors.map((e) => e.document.uri.path).join(', '));
    assert.equal(editor.selection.active.line, editor.document.getText().split('\n').findIndex((l) => l === '## Resolution'));
    await vscode.workspace.fs.delete(uri);
  });
});
