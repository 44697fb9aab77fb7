/**
 * Editing as a first-time user does it, in a real VS Code: suggestions while typing, Enter after a
 * list item, the figures of hovers and CodeLens against the CLI's, and a fix that edits another
 * file. Desktop only: it runs the CLI (`bin/journeymap.js`) as a child process to compare figures.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { activate, codeOf, EXTENSION_ID, open, positionOf, waitFor, waitForDiagnostics, waitForHover, workspaceUri, type Api } from './helpers';

interface CliMetric { touchpoint: string; metric: string; value: string | null; computed: boolean; target: string | null; status: string; n: number | null }

/** `journeymap metrics MAP --format json`, run from the extension's own folder as a user would in CI. */
function cliMetrics(map: vscode.Uri): CliMetric[] {
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const out = execFileSync(process.execPath, [`${extensionPath}/bin/journeymap.js`, 'metrics', map.fsPath, '--format', 'json', '--root', vscode.workspace.workspaceFolders![0].uri.fsPath], {
    encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return (JSON.parse(out) as { metrics: CliMetric[] }).metrics;
}

let api: Api;
before(async () => {
  api = await activate();
  await api.workspaceScan;
});

after(async () => {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
});

describe('editing a map', () => {
  it('suggests while typing: quick suggestions on for map files, word suggestions off, two-space indents', () => {
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'journeymap' });
    assert.deepStrictEqual(editor.get('quickSuggestions'), { other: 'on', comments: 'off', strings: 'on' });
    assert.strictEqual(editor.get('wordBasedSuggestions'), 'off');
    assert.strictEqual(editor.get('tabSize'), 2);
    assert.strictEqual(editor.get('insertSpaces'), true);
  });

  it('reopens the list after a key whose value is a reference (lane:), and suggests the lanes', async () => {
    const { doc, editor } = await open('maps/clean.journey.yml');
    const at = positionOf(doc, '        lane: desk\n', '        '.length);
    // Replace `lane: desk` with `la` and ask for suggestions there, as typing would.
    await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 'lane: desk'.length)), 'la'));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at.translate(0, 2));
      const lane = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'lane');
      assert.ok(lane, list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(', '));
      assert.strictEqual(lane.command?.command, 'editor.action.triggerSuggest', 'the list reopens for the lane id');
      await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 2)), 'lane: '));
      const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at.translate(0, 'lane: '.length));
      const labels = values.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(labels.includes('desk') && labels.includes('manager'), labels.join(', '));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('indents the next key of a list item under its first key after Enter', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'journeymap', content: 'lanes:\n  - id: desk' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(doc.lineAt(1).range.end, doc.lineAt(1).range.end);
    await vscode.commands.executeCommand('type', { text: '\n' });
    assert.strictEqual(doc.lineAt(2).text, '    ', JSON.stringify(doc.getText()));
    await vscode.commands.executeCommand('type', { text: 'name: Desk\n' });
    assert.strictEqual(doc.lineAt(3).text, '    ', JSON.stringify(doc.getText()));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

describe('a map half typed', () => {
  it('keeps the last valid findings, marked, while the file does not parse, and offers no fix for them', async () => {
    const { doc, editor } = await open('maps/broken.journey.yaml');
    await waitForDiagnostics(doc.uri, 'unknown-key', (ds) => ds.some((d) => codeOf(d) === 'unknown-key'));
    const before = vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'unknown-key')!;
    try {
      // A new first line, half typed: the file stops parsing and every line moves down by one.
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'notes: [unclosed\n'));
      const ds = await waitForDiagnostics(doc.uri, 'yaml-syntax', (all) => all.some((d) => codeOf(d) === 'yaml-syntax'));
      const kept = ds.find((d) => codeOf(d) === 'unknown-key');
      assert.ok(kept, ds.map((d) => `${codeOf(d)}: ${d.message}`).join('\n'));
      assert.ok(kept.message.endsWith('(from the last valid version)'), kept.message);
      assert.strictEqual(kept.range.start.line, before.range.start.line + 1, 'moved with its line');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, kept.range, vscode.CodeActionKind.QuickFix.value);
      assert.ok(!actions.some((a) => /channel/.test(a.title)), actions.map((a) => a.title).join('\n'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitForDiagnostics(doc.uri, 'the findings of the valid file', (all) => !all.some((d) => codeOf(d) === 'yaml-syntax' || d.message.endsWith('(from the last valid version)')));
  });
});

describe('figures agree with `journeymap metrics`', () => {
  it('the touchpoint hover shows each computed metric with the figure and sample the CLI prints', async function () {
    this.timeout(60_000);
    const map = workspaceUri('examples/locked-out-admin.journey.yaml');
    const computed = cliMetrics(map).filter((m) => m.computed);
    assert.ok(computed.length >= 3, `the example computes metrics: ${JSON.stringify(computed)}`);
    const { doc } = await open('examples/locked-out-admin.journey.yaml');
    for (const m of computed) {
      const hover = await waitForHover(doc, positionOf(doc, `- id: ${m.touchpoint}\n`, '- id: '.length), (text) => text.includes('computed, n'));
      // The table names metrics by their catalogue titles; the CLI's figure and sample appear in it.
      assert.ok(hover.includes(`| ${m.value} (computed, n ${m.n}) | ${m.target} |`), `${m.touchpoint}/${m.metric} (CLI: ${m.value}, n ${m.n}, target ${m.target}):\n${hover}`);
    }
  });

  it('the stage CodeLens counts on-target metrics as the CLI judges them, and never claims "all on target" for metrics without values', async () => {
    const map = workspaceUri('examples/locked-out-admin.journey.yaml');
    const metrics = cliMetrics(map);
    const { doc } = await open('examples/locked-out-admin.journey.yaml');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    const titles = lenses.map((l) => l.command?.title ?? '').filter((t) => /touchpoint/.test(t));
    assert.ok(titles.length >= 3, titles.join('\n'));
    // The lenses name the metrics that miss their target (once per stage): the same set the CLI judges as missing.
    const lensMisses = new Set(titles.flatMap((t) => /misses target: ([^·]+)/.exec(t)?.[1].split(',').map((n) => n.trim()) ?? []));
    const cliMisses = new Set(metrics.filter((m) => m.status.startsWith('misses')).map((m) => m.metric));
    assert.ok(cliMisses.size > 0, 'the example misses some targets');
    assert.deepStrictEqual([...lensMisses].sort(), [...cliMisses].sort(), titles.join('\n'));
  });

  it('a stage whose metrics have no values does not say "all metrics on target"', async () => {
    const uri = workspaceUri('maps/no-values.journey.yaml');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('maps/clean.journey.yml')))
      .replace('{ value: 12%, target: 5%, source: tickets }', '{ target: 5% }');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      const notice = lenses.map((l) => l.command?.title ?? '').find((t) => t.startsWith('1 touchpoint'));
      assert.ok(notice && !notice.includes('all metrics on target'), String(notice));
      assert.ok(/no metric has both a value and a target/.test(notice), notice);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});

describe('a misspelt runbook anchor', () => {
  it('offers the existing heading first; adding a heading opens the runbook, and undo there removes it', async () => {
    const map = workspaceUri('maps/misspelt-anchor.journey.yaml');
    const runbookUri = workspaceUri('runbooks/fixture.md');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('maps/clean.journey.yml')))
      .replace('fixture.md#resolution', 'fixture.md#resolutoin');
    await vscode.workspace.fs.writeFile(map, new TextEncoder().encode(text));
    try {
      const doc = await vscode.workspace.openTextDocument(map);
      await vscode.window.showTextDocument(doc);
      const [diagnostic] = await waitForDiagnostics(map, 'runbook-anchor-missing', (ds) => ds.some((d) => codeOf(d) === 'runbook-anchor-missing'))
        .then((ds) => ds.filter((d) => codeOf(d) === 'runbook-anchor-missing'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', map, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fixes = actions.filter((a) => !a.title.startsWith('Disable'));
      assert.ok(fixes.length >= 2, actions.map((a) => a.title).join('\n'));
      assert.match(fixes[0].title, /#resolution/);
      assert.strictEqual(fixes[0].isPreferred, true, fixes.map((a) => `${a.title} preferred=${a.isPreferred}`).join('\n'));

      const before = (await vscode.workspace.openTextDocument(runbookUri)).getText();
      const add = fixes.find((a) => a.title.startsWith('Add'));
      assert.ok(add?.edit && add.command, `the heading fix edits the runbook and shows it: ${add?.title}`);
      assert.ok(await vscode.workspace.applyEdit(add.edit));
      await vscode.commands.executeCommand(add.command.command, ...(add.command.arguments ?? []));
      const shown = await waitFor('the runbook to show', vscode.window.onDidChangeVisibleTextEditors,
        () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === runbookUri.toString()));
      assert.ok(/^## Resolutoin$/m.test(shown.document.getText()), shown.document.getText());
      await vscode.window.showTextDocument(shown.document, shown.viewColumn);
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(shown.document.getText(), before, 'undo in the runbook removes the heading');
      await vscode.commands.executeCommand('workbench.action.files.save');
    } finally {
      await vscode.workspace.fs.delete(map);
    }
  });
});

describe('docs', () => {
  it('every link in the shipped rule documentation resolves for an installed user', async () => {
    await vscode.commands.executeCommand('journeymap.showRuleDocs', 'silent-handoff');
    const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'docs/rules.md')));
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((href) => !/^https?:/.test(href));
    assert.ok(links.length >= 3, `${links.length} links`);
    for (const href of new Set(links)) {
      const [path, anchor] = href.split('#', 2);
      const page = path ? `docs/${path}`.replace(/docs\/\.\.\//, '') : 'docs/rules.md';
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, page)).then((b) => b, () => undefined);
      assert.ok(bytes, `${href}: ${page} is not shipped with the extension`);
      if (anchor) {
        // What a click on the link does: the same address the Problems panel's rule links use.
        const shown = waitFor(`${href} to show`, api.onDidShowDocs, () => api.docsShown()?.page === page && api.docsShown()?.anchor === anchor && api.docsShown());
        await vscode.commands.executeCommand('vscode.open', vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: EXTENSION_ID, path: `/${page}`, fragment: anchor }));
        assert.ok((await shown).anchors.includes(anchor), `${href}: no heading #${anchor} on ${page}`);
      }
    }
  });
});
