/**
 * `journeymap lsp --stdio` at the protocol level: a real child process driven over its real stdio
 * by a JSON-RPC client (lspClient.ts), one test per method the server offers.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type {
  CodeAction, CodeLens, CompletionItem, CreateFile, Diagnostic, DocumentDiagnosticReport, DocumentLink, DocumentSymbol, FoldingRange,
  Hover, InitializeResult, Location, MarkupContent, Range, TextDocumentEdit, WorkspaceDiagnosticReport, WorkspaceEdit,
} from 'vscode-languageserver';
import { CLEAN_MAP, edit, lineOf, positionOf, TODAY } from '../core/fixtures';
import { BIN, bundlesBuilt, capabilities, LspClient, uriOf, workspace } from './lspClient';
import { DOCUMENT_SYMBOLS, unpackSymbols, type LayoutResult, type PackedSymbols, type RulesResult } from '../../src/server/protocol';
import { RULES } from '../../src/core';

const RUNBOOK = '# Account lockout\n\n## Symptoms\n\nThe admin sees "account locked".\n\n## Resolution\n';
const FILES = {
  'maps/admin.journey.yaml': CLEAN_MAP,
  'runbooks/lockout.md': RUNBOOK,
  'data/tickets.csv': 'id,opened\n1,2026-07-01\n',
};
const SETTINGS = { today: TODAY };

function textEdits(edit: WorkspaceEdit, uri: string): TextDocumentEdit['edits'] {
  const changes = (edit.documentChanges ?? []) as (TextDocumentEdit | CreateFile)[];
  return changes.filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri).flatMap((c) => c.edits);
}

function applyTo(text: string, edits: TextDocumentEdit['edits']): string {
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('the language server over stdio (journeymap lsp --stdio)', function () {
  this.timeout(60_000);
  let root: string;
  let client: LspClient;
  let init: InitializeResult;
  let mapUri: string;

  before(async function () {
    if (!bundlesBuilt()) throw new Error('The bundles are missing: run `npm run build` (dist/cli.js, dist/server.js).');
    root = workspace(FILES);
    mapUri = uriOf(join(root, 'maps/admin.journey.yaml'));
    client = new LspClient(SETTINGS);
    init = await client.initialize(root, capabilities({ progress: true }));
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0, 'the server exits with 0 after shutdown and exit');
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('announces every feature it serves, push diagnostics for a client that cannot pull', () => {
    const caps = init.capabilities;
    assert.equal(init.serverInfo?.name, 'journeymap');
    for (const feature of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'foldingRangeProvider', 'documentHighlightProvider'] as const) {
      assert.ok(caps[feature], feature);
    }
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.deepEqual(caps.documentLinkProvider, { resolveProvider: true });
    assert.ok(caps.codeLensProvider);
    assert.ok(caps.completionProvider?.triggerCharacters?.includes(':'));
    assert.deepEqual(caps.executeCommandProvider?.commands, ['journeymap.lsp.markReviewed']);
    assert.equal(caps.diagnosticProvider, undefined);
  });

  it('scans the workspace with work-done progress and publishes the closed map\'s findings (none for a clean map)', async () => {
    const published = await client.diagnostics(mapUri);
    assert.deepEqual(published, []);
    await client.until('the end of the progress', () => client.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'));
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'), client.registrations.join());
    assert.ok(client.registrations.includes('workspace/didChangeConfiguration'), client.registrations.join());
  });

  it('publishes diagnostics for an opened map with the rule, the line, the document version and the fix data', async () => {
    const text = edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n');
    await client.open(mapUri, text, 'journeymap', 1);
    const found = await client.diagnostics(mapUri, (d, version) => version === 1 && d.length > 0);
    const unknown = found.find((d) => d.code === 'unknown-reference')!;
    assert.ok(unknown, JSON.stringify(found));
    assert.equal(unknown.range.start.line, lineOf(text, 'lane: iamm'));
    assert.equal(unknown.severity, 1);
    assert.equal(unknown.source, 'journeymap');
    assert.deepEqual((unknown.data as { data: unknown }).data, { suggestion: 'iam' });
    assert.match(unknown.codeDescription?.href ?? '', /docs\/rules\.md#unknown-reference$/);
  });

  it('debounces edits and never publishes a result for an older version', async () => {
    const before = client.published.length;
    for (let version = 2; version <= 6; version++) {
      await client.change(mapUri, version, edit(CLEAN_MAP, 'lane: iam\n', `lane: ${'x'.repeat(version)}\n`));
    }
    const found = await client.diagnostics(mapUri, (_, version) => version === 6);
    const after = client.published.slice(before).filter((p) => p.uri === mapUri);
    assert.deepEqual(after.map((p) => p.version), [6], 'one publication, for the last version');
    assert.ok(found.some((d) => d.code === 'unknown-reference' && d.message.includes('xxxxxx')));
    await client.change(mapUri, 7, CLEAN_MAP);
    await client.diagnostics(mapUri, (d, version) => version === 7 && d.length === 0);
  });

  it('keeps the last valid version\'s findings, marked, while the map does not parse', async () => {
    await client.change(mapUri, 8, edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n'));
    await client.diagnostics(mapUri, (d, version) => version === 8 && d.some((x) => x.code === 'unknown-reference'));
    await client.change(mapUri, 9, edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n') + 'stages: [\n');
    const found = await client.diagnostics(mapUri, (_, version) => version === 9);
    assert.ok(found.some((d) => d.code === 'yaml-syntax'), JSON.stringify(found));
    assert.ok(found.some((d) => d.code === 'unknown-reference' && d.message.endsWith('(from the last valid version)')), JSON.stringify(found));
    await client.change(mapUri, 10, CLEAN_MAP);
    await client.diagnostics(mapUri, (d, version) => version === 10 && d.length === 0);
  });

  it('reads journeymap.today and journeymap.rules through workspace/configuration and re-validates on didChangeConfiguration', async () => {
    assert.ok(client.configurationRequests.length > 0);
    client.settings = { today: '2027-06-01', rules: { 'review-overdue': 'error', 'no-such-rule': 'error', 'missing-emotion': 'loud' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const found = await client.diagnostics(mapUri, (d) => d.some((x) => x.code === 'review-overdue'));
    assert.equal(found.find((d) => d.code === 'review-overdue')!.severity, 1, 'the configured severity');
    client.settings = SETTINGS;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnostics(mapUri, (d) => d.length === 0);
  });

  it('answers a hover on a lane reference, and over a runbook link shows the runbook\'s section as text', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: mapUri }, position: positionOf(CLEAN_MAP, 'lane: iam\n', 7) });
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match((hover.contents as MarkupContent).value, /IAM team/);
    const runbook = await client.request<Hover>('textDocument/hover', { textDocument: { uri: mapUri }, position: positionOf(CLEAN_MAP, 'lockout.md#symptoms', 3) });
    assert.match((runbook.contents as MarkupContent).value, /```markdown\n## Symptoms\n\nThe admin sees "account locked"\./);
  });

  it('completes lane ids after `lane: `, replacing the word under the cursor', async () => {
    const text = edit(CLEAN_MAP, 'lane: iam\n', 'lane: \n');
    await client.change(mapUri, 11, text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: mapUri }, position: positionOf(text, 'lane: \n', 6) });
    const labels = items.map((i) => i.label);
    for (const id of ['admin', 'desk', 'iam']) assert.ok(labels.includes(id), labels.join());
    const iam = items.find((i) => i.label === 'iam')!;
    assert.ok(iam.textEdit && 'range' in iam.textEdit);
    await client.change(mapUri, 12, CLEAN_MAP);
  });

  it('goes to a lane\'s definition, finds its references and highlights them', async () => {
    const at = positionOf(CLEAN_MAP, 'lane: iam\n', 7);
    const definition = await client.request<Location>('textDocument/definition', { textDocument: { uri: mapUri }, position: at });
    assert.equal(definition.uri, mapUri);
    assert.equal(definition.range.start.line, lineOf(CLEAN_MAP, '- id: iam'));
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: mapUri }, position: at, context: { includeDeclaration: true } });
    assert.deepEqual(references.map((r) => r.range.start.line).sort((a, b) => a - b), [lineOf(CLEAN_MAP, '- id: iam'), lineOf(CLEAN_MAP, 'lane: iam\n')]);
    const highlights = await client.request<unknown[]>('textDocument/documentHighlight', { textDocument: { uri: mapUri }, position: at });
    assert.equal(highlights.length, 2);
  });

  it('prepares a rename on an id, refuses one elsewhere, and renames every reference', async () => {
    const at = positionOf(CLEAN_MAP, '- id: iam', 7);
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: mapUri }, position: at });
    assert.equal(prepared.placeholder, 'iam');
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: mapUri }, position: positionOf(CLEAN_MAP, 'title: Admin', 9) }),
      /Only ids of lanes, stages, touchpoints, sources and improvements can be renamed/,
    );
    const renamed = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: mapUri }, position: at, newName: 'identity' });
    const edits = textEdits(renamed, mapUri);
    assert.equal(edits.length, 2);
    assert.equal((renamed.documentChanges![0] as TextDocumentEdit).textDocument.version, 12);
    const after = applyTo(CLEAN_MAP, edits);
    assert.match(after, /- id: identity\n/);
    assert.match(after, /lane: identity\n/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: mapUri }, position: at, newName: 'desk' }), /desk/);
  });

  it('outlines the map as nested symbols and folds its blocks', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: mapUri } });
    const names = JSON.stringify(symbols);
    for (const name of ['Problem discovery', 'Contact', 'IAM unlocks the account']) assert.ok(names.includes(name), name);
    assert.ok(symbols.some((s) => (s.children ?? []).length > 0));
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: mapUri } });
    assert.ok(folds.length > 3);
    assert.ok(folds.every((f) => f.endLine > f.startLine));
    assert.ok(folds.some((f) => f.startLine === lineOf(CLEAN_MAP, 'stages:')));
  });

  it('journeymap/documentSymbols is the same outline, packed; a document that is not a map has none', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: mapUri } });
    const packed = await client.request<PackedSymbols>(DOCUMENT_SYMBOLS, { textDocument: { uri: mapUri } });
    const rebuilt = unpackSymbols<DocumentSymbol>(packed, (name, detail, kind, range, selection, children) => ({
      name, ...(detail ? { detail } : {}), kind: kind as DocumentSymbol['kind'],
      range: { start: { line: range[0], character: range[1] }, end: { line: range[2], character: range[3] } },
      selectionRange: { start: { line: selection[0], character: selection[1] }, end: { line: selection[2], character: selection[3] } },
      children,
    }));
    assert.deepEqual(rebuilt, symbols);
    assert.ok(JSON.stringify(packed).length < JSON.stringify(symbols).length / 2, 'packed in under half the bytes');
    const runbook = await client.request<PackedSymbols>(DOCUMENT_SYMBOLS, { textDocument: { uri: uriOf(join(root, 'runbooks/lockout.md')) } });
    assert.deepEqual(runbook, { names: [], details: [], numbers: [] });
    assert.throws(() => unpackSymbols({ names: ['a'], details: [''], numbers: [5, 2, 0, 0, 0, 1, 0, 0, 0, 1] }, () => 0), /does not add up/);
  });

  it('offers the quick fixes of the core as code actions, from the diagnostic\'s data, and a disable comment', async () => {
    const text = edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n');
    await client.change(mapUri, 13, text);
    const [diagnostic] = (await client.diagnostics(mapUri, (d, v) => v === 13 && d.length > 0)).filter((d) => d.code === 'unknown-reference');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: mapUri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    assert.deepEqual(actions.map((a) => a.title), ["Change to 'iam'", 'Disable unknown-reference for this line']);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(applyTo(text, textEdits(actions[0].edit!, mapUri)), CLEAN_MAP);
    assert.match(applyTo(text, textEdits(actions[1].edit!, mapUri)), /\n {8}# journeymap-disable-next-line unknown-reference\n {8}lane: iamm\n/);
    const refactors = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: mapUri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['refactor'] },
    });
    assert.deepEqual(refactors, []);
  });

  it('a fix that changes another file edits it (a missing runbook heading) or creates it (a missing runbook)', async () => {
    let text = edit(CLEAN_MAP, 'lockout.md#symptoms', 'lockout.md#escalation');
    await client.change(mapUri, 14, text);
    let [diagnostic] = (await client.diagnostics(mapUri, (d, v) => v === 14 && d.length > 0)).filter((d) => d.code === 'runbook-anchor-missing');
    assert.ok(diagnostic);
    let actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: mapUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const heading = actions.find((a) => a.title.startsWith('Add the heading'))!;
    const runbookUri = uriOf(join(root, 'runbooks/lockout.md'));
    assert.equal(applyTo(RUNBOOK, textEdits(heading.edit!, runbookUri)), `${RUNBOOK}\n## Escalation\n\n`);
    // The client's copy of the finding names another file: the fix still writes the runbook the
    // server found, never a path taken from the request.
    const forged = { ...diagnostic, data: { ...(diagnostic.data as object), path: join(root, 'maps/admin.journey.yaml').split('\\').join('/') } };
    const again = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: mapUri }, range: diagnostic.range, context: { diagnostics: [forged] } });
    const written = again.flatMap((a) => (a.edit?.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : (c as { uri: string }).uri)));
    assert.ok(written.includes(runbookUri), written.join(', '));
    assert.ok(written.every((uri) => uri === runbookUri || uri === mapUri), written.join(', '));

    text = edit(CLEAN_MAP, 'lockout.md#symptoms', 'reset.md#symptoms');
    await client.change(mapUri, 15, text);
    [diagnostic] = (await client.diagnostics(mapUri, (d, v) => v === 15 && d.length > 0)).filter((d) => d.code === 'runbook-missing');
    assert.ok(diagnostic);
    actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: mapUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const create = actions.find((a) => a.title.startsWith('Create the runbook'))!;
    const newUri = uriOf(join(root, 'runbooks/reset.md'));
    assert.deepEqual(create.edit!.documentChanges!.length, 2, 'nothing changes in the map itself');
    assert.deepEqual(create.edit!.documentChanges![0], { kind: 'create', uri: newUri, options: { overwrite: false, ignoreIfExists: false } });
    assert.match(applyTo('', textEdits(create.edit!, newUri)), /^# .+\n\n## Symptoms\n\n$/);
    await client.change(mapUri, 16, CLEAN_MAP);
    await client.diagnostics(mapUri, (d, v) => v === 16 && d.length === 0);
  });

  it('lists links without reading them, and resolves a runbook link to its heading\'s line', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: mapUri } });
    const runbook = links.find((l) => l.range.start.line === lineOf(CLEAN_MAP, 'runbook:'))!;
    assert.equal(runbook.target, undefined);
    const resolved = await client.request<DocumentLink>('documentLink/resolve', runbook);
    assert.equal(resolved.target, `${uriOf(join(root, 'runbooks/lockout.md'))}#L3`);
    // A link is followed only where its map has one: a range elsewhere, or another file's key, is refused.
    const elsewhere = { ...runbook, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } } };
    await assert.rejects(client.request('documentLink/resolve', elsewhere), /not one of an open map's links/);
    await assert.rejects(client.request('documentLink/resolve', { ...runbook, data: join(root, 'runbooks/lockout.md') }), /not one of an open map's links/);
  });

  it('shows stage summaries as code lenses on a map, and "used by" lenses on a runbook\'s headings', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: mapUri } });
    assert.deepEqual(lenses.map((l) => l.command?.title), [
      '1 touchpoint · feels -2 on average · misses target: repeat_contact_rate',
      '3 touchpoints · feels +2 on average · misses target: fcr, csat',
    ]);
    assert.equal(lenses[0].command?.command, 'journeymap.openPreviewToSide');
    assert.deepEqual(lenses[0].command?.arguments, [mapUri]);
    const runbookUri = uriOf(join(root, 'runbooks/lockout.md'));
    await client.open(runbookUri, RUNBOOK, 'markdown');
    const used = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: runbookUri } });
    assert.equal(used.length, 1);
    assert.equal(used[0].range.start.line, 2);
    assert.equal(used[0].command?.title, 'used by 1 touchpoint');
    assert.equal((used[0].command?.arguments?.[2] as Location[])[0].uri, mapUri);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: runbookUri } });
  });

  it('journeymap/markReviewed returns the edit; the journeymap.lsp.markReviewed command applies it through the client', async () => {
    const result = await client.request<{ edit: WorkspaceEdit }>('journeymap/markReviewed', { textDocument: { uri: mapUri } });
    assert.match(applyTo(CLEAN_MAP, textEdits(result.edit, mapUri)), new RegExp(`last: ${TODAY}\n`));
    await client.request('workspace/executeCommand', { command: 'journeymap.lsp.markReviewed', arguments: [mapUri] });
    assert.equal(client.applied.length, 1);
    assert.match(applyTo(CLEAN_MAP, textEdits(client.applied[0].edit, mapUri)), new RegExp(`last: ${TODAY}\n`));
  });

  it('journeymap/layout, journeymap/render and journeymap/summary answer for the preview, exports and status', async () => {
    const { layout, errors } = await client.request<LayoutResult>('journeymap/layout', { textDocument: { uri: mapUri } });
    assert.equal(errors, 0);
    assert.equal(layout!.cards.length, 4);
    assert.equal(layout!.lanes.length, 3);
    // Each card knows its touchpoint's lines, so an editor highlights the card under its cursor without parsing.
    const verify = layout!.cards.find((c) => c.key === 'desk-verify')!;
    assert.equal(verify.line, lineOf(CLEAN_MAP, '- id: desk-verify'));
    assert.ok(verify.endLine > verify.line && verify.endLine <= lineOf(CLEAN_MAP, '- id: iam-unlock'));
    const hidden = await client.request<LayoutResult>('journeymap/layout', { textDocument: { uri: mapUri }, hiddenLanes: ['iam'] });
    assert.equal(hidden.layout!.cards.length, 3);
    const { svg } = await client.request<{ svg: string }>('journeymap/render', { textDocument: { uri: mapUri }, theme: 'dark', hiddenLanes: ['iam'] });
    assert.match(svg, /^<svg[^>]*>/);
    assert.ok(svg.includes('Admin locked out of account'));
    assert.ok(!svg.includes('IAM unlocks the account'), 'the hidden lane\'s card is left out of the export');
    const summary = await client.request<{ title: string; baseline?: string }>('journeymap/summary', { textDocument: { uri: mapUri } });
    assert.equal(summary.title, 'Admin locked out of account');
    assert.equal(summary.baseline, undefined);
    await assert.rejects(client.request('journeymap/layout', { textDocument: { uri: 'file:///nowhere/x.journey.yaml' } }), /not a journey map open/);
  });

  it('journeymap/layout in compare mode draws the other side\'s changes; a map with nothing to draw has no layout', async () => {
    const before = edit(CLEAN_MAP, 'name: IAM unlocks the account', 'name: IAM unlocks it');
    const { layout } = await client.request<LayoutResult>('journeymap/layout', { textDocument: { uri: mapUri }, compare: { text: before, label: 'HEAD~1' } });
    assert.deepEqual(layout!.compare && { ...layout!.compare }, { label: 'HEAD~1', added: 0, changed: 1, removed: 0 });
    assert.ok(layout!.cards.find((c) => c.key === 'iam-unlock')?.compare, 'the changed card says what changed');
    // The other side never takes the map's own place: the map's layout afterwards is the map's.
    const after = await client.request<LayoutResult>('journeymap/layout', { textDocument: { uri: mapUri } });
    assert.equal(after.layout!.compare, undefined);
    assert.equal(after.layout!.cards.find((c) => c.key === 'iam-unlock')?.name, 'IAM unlocks the account');
    const emptyUri = uriOf(join(root, 'maps/empty.journey.yaml'));
    await client.open(emptyUri, 'journeymap: 1\ntitle: Nothing yet\n', 'journeymap', 1);
    const empty = await client.request<LayoutResult>('journeymap/layout', { textDocument: { uri: emptyUri } });
    assert.equal(empty.layout, null);
    assert.ok(empty.errors > 0, 'its missing fields are errors');
    await assert.rejects(client.request('journeymap/render', { textDocument: { uri: emptyUri } }), /no lanes or stages to draw/);
  });

  it('journeymap/layout and journeymap/render draw the map as checked: metrics computed from its export', async () => {
    const uri = uriOf(join(root, 'maps/computed.journey.yaml'));
    const text = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, target: 80% }');
    await client.open(uri, text, 'journeymap', 1);
    const { layout } = await client.request<LayoutResult>('journeymap/layout', { textDocument: { uri } });
    const fcr = layout!.cards.find((c) => c.key === 'desk-verify')!.metrics.find((m) => m.name === 'fcr')!;
    assert.match(fcr.computed?.problem ?? '', /no `resolved` column/, 'the export was read for it');
    const { svg } = await client.request<{ svg: string }>('journeymap/render', { textDocument: { uri } });
    assert.match(svg, /no `resolved` column/, 'the SVG says why the metric has no value');
  });

  it('journeymap/layout compares with a baseline file under a key of its own, beside it', async () => {
    const baselineUri = uriOf(join(root, 'maps/current/admin-now.journey.yaml'));
    const before = edit(CLEAN_MAP, 'name: IAM unlocks the account', 'name: IAM unlocks it');
    const { layout } = await client.request<LayoutResult>('journeymap/layout', { textDocument: { uri: mapUri }, compare: { text: before, label: 'the current state', uri: baselineUri } });
    assert.deepEqual(layout!.compare && { ...layout!.compare }, { label: 'the current state', added: 0, changed: 1, removed: 0 });
  });

  it('journeymap/rules lists every rule with its group, severity and summary', async () => {
    const rules = await client.request<RulesResult>('journeymap/rules', {});
    assert.deepEqual(rules.map((r) => r.name), RULES.map((r) => r.name));
    const silent = rules.find((r) => r.name === 'silent-handoff')!;
    assert.equal(silent.severity, 'warning');
    assert.match(silent.summary, /\S/);
    assert.ok(rules.some((r) => r.fixed), 'the rules that cannot be switched off say so');
  });

  it('an open runbook\'s unsaved text counts: a heading typed in it clears the map\'s missing anchor', async () => {
    const text = edit(CLEAN_MAP, 'lockout.md#symptoms', 'lockout.md#unsaved-heading');
    await client.change(mapUri, 16, text);
    await client.diagnostics(mapUri, (d, v) => v === 16 && d.some((x) => x.code === 'runbook-anchor-missing'));
    const runbookUri = uriOf(join(root, 'runbooks/lockout.md'));
    await client.open(runbookUri, RUNBOOK, 'markdown', 1);
    await client.change(runbookUri, 2, `${RUNBOOK}\n## Unsaved heading\n`);
    await client.diagnostics(mapUri, (d) => !d.some((x) => x.code === 'runbook-anchor-missing'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: runbookUri } });
  });

  it('re-validates a map when a runbook it links to changes on disk (didChangeWatchedFiles)', async () => {
    const text = edit(CLEAN_MAP, 'lockout.md#symptoms', 'lockout.md#escalation');
    await client.change(mapUri, 17, text);
    await client.diagnostics(mapUri, (d, v) => v === 17 && d.some((x) => x.code === 'runbook-anchor-missing'));
    writeFileSync(join(root, 'runbooks/lockout.md'), `${RUNBOOK}\n## Escalation\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(root, 'runbooks/lockout.md')), type: 2 }] });
    await client.diagnostics(mapUri, (d) => d.length === 0);
  });

  it('closing a map publishes what is on disk again', async () => {
    writeFileSync(join(root, 'maps/admin.journey.yaml'), edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamx\n'));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: mapUri } });
    const found = await client.diagnostics(mapUri, (d) => d.some((x) => x.code === 'unknown-reference'));
    assert.equal(found.length, 1);
    writeFileSync(join(root, 'maps/admin.journey.yaml'), CLEAN_MAP);
  });
});

describe('the language server for a client that pulls diagnostics', function () {
  this.timeout(60_000);
  let root: string;
  let client: LspClient;
  let init: InitializeResult;
  const closedMap = () => uriOf(join(root, 'maps/broken.journey.yaml'));

  before(async function () {
    if (!bundlesBuilt()) throw new Error('The bundles are missing: run `npm run build` (dist/cli.js, dist/server.js).');
    root = workspace({ ...FILES, 'maps/broken.journey.yaml': edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n') });
    client = new LspClient(SETTINGS);
    init = await client.initialize(root, capabilities({ pull: true }));
  });
  after(async () => {
    if (client) await client.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('announces a diagnostic provider with workspace diagnostics and pushes nothing', async () => {
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'journeymap', interFileDependencies: true, workspaceDiagnostics: true });
    const uri = uriOf(join(root, 'maps/admin.journey.yaml'));
    await client.open(uri, edit(CLEAN_MAP, 'lane: desk\n', 'lane: deskk\n'));
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual((report as { items: Diagnostic[] }).items.map((d) => d.code), ['unknown-reference']);
    await new Promise((done) => setTimeout(done, 600));
    assert.deepEqual(client.published, []);
  });

  it('reports the workspace\'s closed maps, then the unchanged ones as unchanged', async () => {
    const first = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const broken = first.items.find((i) => i.uri === closedMap())!;
    assert.equal(broken.kind, 'full');
    assert.deepEqual((broken as { items: Diagnostic[] }).items.map((d) => d.code), ['unknown-reference']);
    assert.ok(!first.items.some((i) => i.uri.endsWith('admin.journey.yaml')), 'open maps are reported by document pulls');
    const second = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [{ uri: closedMap(), value: broken.resultId! }] });
    assert.equal(second.items.find((i) => i.uri === closedMap())!.kind, 'unchanged');
  });
});

describe('the language server\'s root and its plain clients', function () {
  this.timeout(60_000);
  let root: string;
  let outside: string;

  before(function () {
    if (!bundlesBuilt()) throw new Error('The bundles are missing: run `npm run build` (dist/cli.js, dist/server.js).');
    outside = workspace({ 'secret.md': '# Secret\n\n## Symptoms\n\nTOP SECRET TEXT\n' });
    root = workspace({ 'maps/admin.journey.yaml': CLEAN_MAP, 'data/tickets.csv': 'id,opened\n1,2026-07-01\n' });
    mkdirSync(join(root, 'runbooks'));
    symlinkSync(join(outside, 'secret.md'), join(root, 'runbooks/lockout.md'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('never reads a runbook whose symbolic link leads out of the workspace folder', async () => {
    const client = new LspClient(SETTINGS);
    try {
      await client.initialize(root);
      const uri = uriOf(join(root, 'maps/admin.journey.yaml'));
      await client.open(uri, CLEAN_MAP);
      const found = await client.diagnostics(uri, (d) => d.length > 0);
      assert.ok(found.some((d) => /outside the workspace folder through a symbolic link/.test(d.message)), JSON.stringify(found));
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(CLEAN_MAP, 'lockout.md#symptoms', 3) });
      assert.ok(!JSON.stringify(hover).includes('TOP SECRET'));
      const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
      await assert.rejects(client.request('documentLink/resolve', links.find((l) => l.range.start.line === lineOf(CLEAN_MAP, 'runbook:'))), /symbolic link/);
    } finally {
      await client.stop();
    }
  });

  it('takes settings from initializationOptions from a client without workspace/configuration, and plain `changes` edits', async () => {
    const client = new LspClient();
    try {
      const caps = capabilities({ plainEdits: true });
      delete caps.workspace!.configuration;
      await client.initialize(root, caps, { journeymap: { today: '2027-06-01' } });
      const uri = uriOf(join(root, 'maps/admin.journey.yaml'));
      await client.open(uri, CLEAN_MAP);
      await client.diagnostics(uri, (d) => d.some((x) => x.code === 'review-overdue'));
      assert.equal(client.configurationRequests.length, 0);
      const at = positionOf(CLEAN_MAP, '- id: iam', 7);
      const renamed = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at, newName: 'identity' });
      assert.equal(renamed.changes![uri].length, 2);
    } finally {
      await client.stop();
    }
  });

  it('`journeymap lsp` needs a transport and explains itself', () => {
    const none = spawnSync(process.execPath, [BIN, 'lsp'], { encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /choose a transport, usually --stdio/);
    const help = spawnSync(process.execPath, [BIN, 'lsp', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: journeymap lsp --stdio/);
  });

  it('dist/server.js is the same server as its own bundle', async () => {
    const client = new LspClient(SETTINGS, [resolve('dist/server.js'), '--stdio']);
    try {
      await client.initialize(root);
      const uri = uriOf(join(root, 'maps/admin.journey.yaml'));
      await client.open(uri, CLEAN_MAP);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(CLEAN_MAP, 'lane: iam\n', 7) });
      assert.match((hover.contents as MarkupContent).value, /IAM team/);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});

describe('the language server for the VS Code extension (journeymap/validated, /scanned, /validateWorkspace)', function () {
  this.timeout(60_000);
  let root: string;
  let client: LspClient;
  const validated: {
    uri: string; version?: number; diagnostics: { code: string }[];
    summary?: { map: string; title?: string; review: { status: string; cadenceDays: number }; findings: { errors: number; warnings: number; infos: number } };
  }[] = [];
  const scanned: { maps: number }[] = [];

  before(async function () {
    if (!bundlesBuilt()) throw new Error('The bundles are missing: run `npm run build` (dist/cli.js, dist/server.js).');
    root = workspace({ ...FILES, 'maps/broken.journey.yaml': edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n'), 'maps/sub/gone.journey.yaml': edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n') });
    client = new LspClient(SETTINGS);
    client.connection.onNotification('journeymap/validated', (p: (typeof validated)[number]) => void validated.push(p));
    client.connection.onNotification('journeymap/scanned', (p: { maps: number }) => void scanned.push(p));
    await client.initialize(root, capabilities({ progress: true }), { validatedNotifications: true });
  });
  after(async () => {
    if (client) assert.equal(await client.stop(), 0);
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('follows each publication with the findings and the map\'s summary, and says when the first scan is done', async () => {
    await client.until('the first scan', () => scanned[0]);
    assert.deepEqual(scanned, [{ maps: 3 }]);
    const broken = uriOf(join(root, 'maps/broken.journey.yaml'));
    const note = validated.find((v) => v.uri === broken)!;
    assert.ok(note, JSON.stringify(validated.map((v) => v.uri)));
    // The findings are in publishDiagnostics; the notification counts them in its summary.
    const published = client.published.find((p) => p.uri === broken)!.diagnostics;
    assert.ok(published.some((d) => d.code === 'unknown-reference'));
    assert.deepEqual(note.diagnostics, []);
    assert.deepEqual(note.summary?.findings, {
      errors: published.filter((d) => d.severity === 1).length, warnings: published.filter((d) => d.severity === 2).length,
      infos: published.filter((d) => (d.severity ?? 3) >= 3).length,
    });
    assert.equal(note.summary?.map, broken);
    assert.equal(note.summary?.title, 'Admin locked out of account');
    assert.equal(note.summary?.review.cadenceDays, 92);
  });

  it('an open map\'s notification carries its version and the summary of the editor\'s text', async () => {
    const uri = uriOf(join(root, 'maps/admin.journey.yaml'));
    await client.open(uri, edit(CLEAN_MAP, 'title: Admin locked out of account', 'title: Renamed'), 'journeymap', 4);
    const note = await client.until('the open map\'s notification', () => validated.find((v) => v.uri === uri && v.version === 4));
    assert.equal(note.summary?.title, 'Renamed');
  });

  it('an edit that changes no finding is not published again, but journeymap/validated names its version', async () => {
    const uri = uriOf(join(root, 'maps/broken.journey.yaml'));
    const text = edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n');
    await client.open(uri, text, 'journeymap', 1);
    await client.until('version 1 checked', () => validated.find((v) => v.uri === uri && v.version === 1));
    const published = client.published.filter((p) => p.uri === uri).length;
    await client.change(uri, 2, text.replace('title: Admin locked out of account', 'title: Admin locked out of the account'));
    await client.until('version 2 checked', () => validated.find((v) => v.uri === uri && v.version === 2));
    assert.equal(client.published.filter((p) => p.uri === uri).length, published, 'the same findings were not sent again');
    await client.change(uri, 3, CLEAN_MAP);
    await client.diagnostics(uri, (d, version) => version === 3 && d.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('journeymap/validateWorkspace checks every map again and answers the totals', async () => {
    const before = validated.length;
    const result = await client.request<{ maps: number; files: number; errors: number; warnings: number; infos: number }>('journeymap/validateWorkspace', {});
    assert.equal(result.maps, 3);
    assert.equal(result.files, 3);
    assert.ok(result.errors >= 1, JSON.stringify(result));
    assert.ok(validated.length - before >= 3, 'each map published again');
  });

  it('a deleted folder takes its maps\' findings with it', async () => {
    const gone = uriOf(join(root, 'maps/sub/gone.journey.yaml'));
    assert.ok(client.published.some((p) => p.uri === gone && p.diagnostics.length > 0), 'the map had findings before');
    rmSync(join(root, 'maps/sub'), { recursive: true, force: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(root, 'maps/sub')), type: 3 }] });
    await client.until('the cleared notification', () => validated.find((v, i) => i > 0 && v.uri === gone && v.diagnostics.length === 0 && !v.summary));
    const last = [...client.published].reverse().find((p) => p.uri === gone)!;
    assert.deepEqual(last.diagnostics, []);
  });

  it('a new folder is searched for maps: a watcher may report the folder and miss the files written into it', async () => {
    await client.until('the first scan', () => scanned[0]); // else the scan, not the event, could find the map
    const folder = join(root, 'maps/added');
    mkdirSync(join(folder, 'deeper'), { recursive: true });
    writeFileSync(join(folder, 'deeper/new.journey.yaml'), edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n'));
    const skipped = join(root, 'node_modules/pkg');
    mkdirSync(skipped, { recursive: true });
    writeFileSync(join(skipped, 'vendored.journey.yaml'), 'journeymap: 1\n');
    // The skipped folder first: had it been searched, its map would be published before the other.
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(skipped), type: 1 }, { uri: uriOf(folder), type: 1 }] });
    const found = await client.diagnostics(uriOf(join(folder, 'deeper/new.journey.yaml')), (d) => d.length > 0);
    assert.ok(found.some((d) => /iamm/.test(d.message)), JSON.stringify(found));
    assert.ok(!client.published.some((p) => p.uri.includes('/node_modules/')), 'node_modules is never searched');
  });
});
