/**
 * The workspace boundary in the desktop extension, on a real disk: symbolic links out of the
 * workspace, a quick fix that would write through one, encoded traversal, and a map opened
 * without a workspace folder. Desktop only (the web build has no Node file system to make links
 * with): test/web/index.ts does not load this file.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, codeOf, waitForDiagnostics, workspaceUri, type Api } from './helpers';

const CANARY = 'CANARYOUTSIDEWORKSPACE';

/** The clean fixture map with its runbook link replaced. */
function mapWithRunbook(link: string): string {
  const text = fs.readFileSync(workspaceUri('maps/clean.journey.yml').fsPath, 'utf8');
  return text.replace('../runbooks/fixture.md#symptoms', link);
}

describe('the workspace boundary (desktop, real disk)', () => {
  let api: Api;
  let ws: string;
  let outside: string;
  const created: string[] = [];

  /** Writes a file (or makes a link) and remembers it, so `after` leaves the workspace as it was. */
  const make = (file: string, write: () => void) => {
    write();
    created.push(file);
    return file;
  };

  before(async () => {
    api = await activate();
    await api.workspaceScan;
    ws = workspaceUri('.').fsPath;
    outside = path.join(path.dirname(ws), 'outside-the-workspace');
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(outside, 'secret.md'), `# ${CANARY}\n\n## ${CANARY} steps\n`);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of created.reverse()) fs.rmSync(file, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('a runbook that is a symbolic link to a file outside is reported, and nothing of it reaches the Problems panel', async () => {
    make(path.join(ws, 'runbooks', 'linked-secret.md'), () => fs.symlinkSync(path.join(outside, 'secret.md'), path.join(ws, 'runbooks', 'linked-secret.md')));
    const map = make(path.join(ws, 'maps', 'symlinked.journey.yaml'), () => fs.writeFileSync(path.join(ws, 'maps', 'symlinked.journey.yaml'), mapWithRunbook('../runbooks/linked-secret.md#no-such-heading')));
    const ds = await waitForDiagnostics(vscode.Uri.file(map), 'link-outside-workspace', (d) => d.some((x) => codeOf(x) === 'link-outside-workspace'));
    assert.match(ds.find((x) => codeOf(x) === 'link-outside-workspace')!.message, /symbolic link/);
    assert.ok(!ds.some((d) => d.message.toUpperCase().includes(CANARY)), ds.map((d) => d.message).join('\n'));
  });

  it('a percent-encoded traversal to an outside file is reported and never read', async () => {
    const map = make(path.join(ws, 'maps', 'encoded.journey.yaml'), () => fs.writeFileSync(path.join(ws, 'maps', 'encoded.journey.yaml'), mapWithRunbook('..%2F..%2Foutside-the-workspace%2Fsecret.md#no-such-heading')));
    const ds = await waitForDiagnostics(vscode.Uri.file(map), 'link-outside-workspace', (d) => d.some((x) => codeOf(x) === 'link-outside-workspace'));
    assert.ok(!ds.some((d) => d.message.toUpperCase().includes(CANARY)), ds.map((d) => d.message).join('\n'));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath.startsWith(outside)), 'no outside file was opened');
  });

  it('a quick fix never writes through a symbolic link: "Create the runbook" is offered for a missing file, not for a dangling link out', async () => {
    make(path.join(ws, 'runbooks', 'dangling.md'), () => fs.symlinkSync(path.join(outside, 'created-through-link.md'), path.join(ws, 'runbooks', 'dangling.md')));
    let text = mapWithRunbook('../runbooks/dangling.md#symptoms');
    text = text.replace('runbook: ../runbooks/fixture.md#resolution', 'runbook: ../runbooks/brand-new.md#resolution');
    const file = make(path.join(ws, 'maps', 'dangling.journey.yaml'), () => fs.writeFileSync(path.join(ws, 'maps', 'dangling.journey.yaml'), text));
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await waitForDiagnostics(uri, 'two runbook-missing', (d) => d.filter((x) => codeOf(x) === 'runbook-missing').length === 2);
    const titles = async (d: vscode.Diagnostic) => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value))
      .map((a) => a.title);
    const dangling = ds.find((x) => codeOf(x) === 'runbook-missing' && x.message.includes('dangling.md'))!;
    const missing = ds.find((x) => codeOf(x) === 'runbook-missing' && x.message.includes('brand-new.md'))!;
    const offered = await titles(missing);
    assert.ok(offered.some((t) => t.startsWith('Create the runbook brand-new.md')), `the fix is offered where it may write: ${JSON.stringify(offered)}`);
    assert.ok(!(await titles(dangling)).some((t) => t.startsWith('Create the runbook')), 'no fix writes through the dangling link');
    assert.ok(!fs.existsSync(path.join(outside, 'created-through-link.md')));
  });

  it('a map opened without a workspace folder is bounded by its own folder', async () => {
    const loose = path.join(path.dirname(ws), 'loose-map');
    fs.mkdirSync(path.join(loose, 'runbooks'), { recursive: true });
    created.push(loose);
    fs.writeFileSync(path.join(loose, 'runbooks', 'ok.md'), '# OK\n\n## Steps\n');
    let text = mapWithRunbook('../outside-the-workspace/secret.md#no-such-heading');
    text = text.replace('runbook: ../runbooks/fixture.md#resolution', 'runbook: runbooks/ok.md#not-there');
    fs.writeFileSync(path.join(loose, 'loose.journey.yaml'), text);
    const uri = vscode.Uri.file(path.join(loose, 'loose.journey.yaml'));
    assert.equal(vscode.workspace.getWorkspaceFolder(uri), undefined, 'the map is in no workspace folder');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await waitForDiagnostics(uri, 'findings for both links', (d) => d.some((x) => codeOf(x) === 'link-outside-workspace') && d.some((x) => codeOf(x) === 'runbook-anchor-missing'));
    assert.ok(!ds.some((d) => d.message.toUpperCase().includes(CANARY)), ds.map((d) => d.message).join('\n'));
    const anchor = ds.find((d) => codeOf(d) === 'runbook-anchor-missing')!.message;
    assert.match(anchor, /steps/, `the link inside its folder was read: ${anchor}`);
  });
});
