/**
 * CodeLens both ways between maps and runbooks: above each stage of a map, its touchpoint count,
 * average `feels` and metrics that miss their target; above each heading of a runbook that maps
 * link to, "used by N touchpoints", opening those places.
 */
import * as vscode from 'vscode';
import { markdownHeadings, type LanguageService } from '../core';
import { toRange } from './convert';
import { LANGUAGE_ID } from './diagnostics';
import type { MapIndex, RunbookLink } from './mapIndex';

function enabled(): boolean {
  return vscode.workspace.getConfiguration('journeymap').get<boolean>('codeLens.enabled') !== false;
}

function formatFeels(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

export class StageLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly service: LanguageService) {}

  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!enabled()) return [];
    return this.service.stageSummaries(doc.uri.toString(), doc.getText()).map((s) => {
      const parts = [s.touchpointCount === 1 ? vscode.l10n.t('1 touchpoint') : vscode.l10n.t('{0} touchpoints', s.touchpointCount)];
      if (s.averageFeels !== undefined) parts.push(vscode.l10n.t('feels {0} on average', formatFeels(s.averageFeels)));
      // "On target" only when something was judged: metrics without values or targets say so instead.
      if (s.missingTarget.length) parts.push(vscode.l10n.t('misses target: {0}', s.missingTarget.join(', ')));
      else if (s.judged && s.judged === s.metricCount) parts.push(vscode.l10n.t('all metrics on target'));
      else if (s.judged) parts.push(vscode.l10n.t('{0} of {1} metrics on target, the rest without a value or target', s.judged, s.metricCount));
      else if (s.metricCount) parts.push(vscode.l10n.t('no metric has both a value and a target yet'));
      const range = toRange(s.range);
      return new vscode.CodeLens(new vscode.Range(range.start, range.start), {
        title: parts.join(' · '),
        command: 'journeymap.openPreviewToSide',
        tooltip: vscode.l10n.t('Open the swimlane preview'),
        arguments: [doc.uri],
      });
    });
  }
}

export class RunbookLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly index: MapIndex) {
    index.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!enabled()) return [];
    const links = this.index.linksTo(doc.uri);
    if (!links.length) return [];
    const byAnchor = new Map<string, RunbookLink[]>();
    for (const link of links) {
      const anchor = link.anchor ?? '';
      byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), link]);
    }
    const lenses: vscode.CodeLens[] = [];
    const lens = (line: number, used: RunbookLink[], what: string) => {
      const position = new vscode.Position(line, 0);
      const title = used.length === 1 ? vscode.l10n.t('used by 1 touchpoint{0}', what) : vscode.l10n.t('used by {0} touchpoints{1}', used.length, what);
      lenses.push(new vscode.CodeLens(new vscode.Range(position, position), {
        title,
        command: 'editor.action.showReferences',
        tooltip: used.map((l) => l.touchpointName ?? l.touchpointId ?? '').filter(Boolean).join(', '),
        arguments: [doc.uri, position, used.map((l) => new vscode.Location(l.mapUri, l.range))],
      }));
    };
    const whole = byAnchor.get('');
    if (whole) lens(0, whole, vscode.l10n.t(' (whole runbook)'));
    for (const heading of markdownHeadings(doc.getText())) {
      const used = byAnchor.get(heading.slug);
      if (used) lens(heading.line, used, '');
    }
    return lenses;
  }
}

export function registerCodeLenses(service: LanguageService, index: MapIndex, onDidValidate: vscode.Event<unknown>): vscode.Disposable {
  const stages = new StageLensProvider(service);
  const runbooks = new RunbookLensProvider(index);
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider({ language: LANGUAGE_ID }, stages),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, runbooks),
    onDidValidate(() => stages.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('journeymap')) stages.refresh();
    }),
  );
}
