/**
 * Load: a workspace of 2,000 generated maps. Every map gets its diagnostics, an open map is still
 * checked as it is edited while the workspace is being validated, and the extension host's memory
 * stays bounded (the figures are printed for docs/security.md).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, codeOf, note, open, undoUntil, waitFor, workspaceUri } from './helpers';

const COUNT = 2000;

function mapText(i: number, today: string): string {
  return `journeymap: 1
title: Generated map ${i}
persona: Tenant administrator
scenario: Scenario ${i}
owner: Service desk team lead
review: { last: ${today}, every: quarter }
sources:
  - { id: tickets, kind: tickets, period: 2026-07-01/2026-09-30 }
lanes:
  - { id: admin, name: Admin, kind: customer }
  - { id: desk, name: Service desk, kind: frontstage }
stages:
  - id: contact
    touchpoints:
      - id: ask-${i}
        lane: admin
        name: Asks for help
        feels: -1
        pains: [Waits for an answer]
        metrics: { first_response_time: { value: ${1 + (i % 9)}h, target: 4h } }
      - id: answer-${i}
        lane: desk
        name: Answers
        metrics: { fcr: { value: ${50 + (i % 40)}%, target: 80% } }
improvements:
  - { id: faster-${i}, for: [ask-${i}], experiment: Auto-acknowledge, outcome: Fewer chasers, signal: 30% fewer chasers in a month, owner: Desk lead, due: 2027-01-31 }
`;
}

describe('a workspace of 2,000 maps', function () {
  this.timeout(600_000);
  const folder = () => workspaceUri('load').fsPath;

  after(() => fs.rmSync(folder(), { recursive: true, force: true }));

  it('validates every map, keeps checking an open map as it is edited, and stays within bounded memory', async () => {
    const api = await activate();
    await api.workspaceScan;
    const today = new Date().toISOString().slice(0, 10);
    const validated = new Set<string>();
    const sub = api.onDidValidate((e) => {
      if (e.uri.path.includes('/load/')) validated.add(e.uri.toString());
    });
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); }, 25);
    const started = Date.now();
    try {
      // Written asynchronously, in batches: this test runs in the extension host it is measuring.
      await fs.promises.mkdir(folder(), { recursive: true });
      for (let i = 0; i < COUNT; i += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, j) => fs.promises.writeFile(path.join(folder(), `map-${i + j}.journey.yaml`), mapText(i + j, today))));
      }

      // Validate All, as the user would run it (a cancellable progress notification), and type in
      // an open map meanwhile: its edit must be checked before the workspace run is over.
      const all = vscode.commands.executeCommand('journeymap.validateAll');
      const { doc, editor } = await open('maps/clean.journey.yml');
      const original = doc.getText();
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineAt(2).range.end.line, 0), 'titel: typo\n'));
      await waitFor('the edit in the open map to be checked', api.onDidValidate,
        () => vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'unknown-key'), 120_000);
      const validatedWhenEditChecked = validated.size;
      await all;
      await waitFor(`all ${COUNT} maps to be validated`, api.onDidValidate, () => validated.size >= COUNT, 300_000, () => `${validated.size} so far`);
      const seconds = (Date.now() - started) / 1000;
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      const growthMb = (heapPeak - heapBefore) / 1048576;
      note(`2,000 maps validated in ${seconds.toFixed(1)} s; the open map's edit was checked after ${validatedWhenEditChecked} of them; extension-host heap peak +${growthMb.toFixed(0)} MB`);

      assert.ok(validatedWhenEditChecked < COUNT / 2, `the open map's edit waited for ${validatedWhenEditChecked} background validations`);
      for (const i of [0, 999, 1999]) {
        const uri = vscode.Uri.file(path.join(folder(), `map-${i}.journey.yaml`));
        assert.deepStrictEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map(codeOf), [], `map-${i}`);
      }
      // Closed maps keep no parse: the heap grows with the published diagnostics, not with the maps' trees.
      assert.ok(growthMb < 400, `heap grew by ${growthMb.toFixed(0)} MB`);

      // The Journey Maps view has every one of them, from the results above (nothing read again).
      const tree = api.portfolio.maps;
      const rowsStarted = Date.now();
      const groups = (await tree.getChildren()) ?? [];
      const rows = (await Promise.all(groups.map(async (g) => (await tree.getChildren(g)) ?? []))).flat();
      const items = await Promise.all(rows.map(async (r) => tree.getTreeItem(r)));
      const loadRows = items.filter((i) => i.resourceUri?.path.includes('/load/'));
      note(`the Journey Maps view lists ${loadRows.length.toLocaleString('en-US')} generated maps (${items.length.toLocaleString('en-US')} rows) in ${Date.now() - rowsStarted} ms`);
      assert.equal(loadRows.length, COUNT);
      const { improvements } = api.portfolio;
      const board = (await Promise.all(((await improvements.getChildren()) ?? []).map(async (g) => (await improvements.getChildren(g)) ?? []))).flat();
      assert.ok(board.length >= COUNT, `${board.length} improvements listed`);
      await undoUntil(doc, original);
    } finally {
      clearInterval(sampler);
      sub.dispose();
    }
  });

  it('stops validating the workspace when cancelled', async () => {
    const api = await activate();
    const source = new vscode.CancellationTokenSource();
    let checked = 0;
    const sub = api.onDidValidate((e) => {
      if (e.uri.path.includes('/load/') && ++checked === 50) source.cancel();
    });
    try {
      const found = await api.validateAll(source.token);
      assert.ok(found >= COUNT, `found ${found} maps`);
      // The workers finish the map in hand and stop: far fewer than the 2,000 maps were checked.
      assert.ok(checked >= 50 && checked < 100, `${checked} maps were checked after cancelling at 50`);
    } finally {
      sub.dispose();
    }
  });
});
