/**
 * What every map in the workspace links to: runbooks (with anchors, for the "used by" CodeLens in
 * Markdown files) and source files. The diagnostics manager keeps it current as maps are
 * validated, and asks it which maps depend on a runbook or source that changed.
 */
import * as vscode from 'vscode';
import type { LanguageService } from '../core';
import { toRange } from './convert';

export interface RunbookLink {
  /** The map that links. */
  mapUri: vscode.Uri;
  /** The resolved runbook uri string, without anchor. */
  target: string;
  anchor?: string;
  /** The `runbook:` value in the map. */
  range: vscode.Range;
  touchpointId?: string;
  touchpointName?: string;
}

interface Entry {
  uri: vscode.Uri;
  /** Resolved uri strings of every file this map links to. */
  dependencies: Set<string>;
  runbooks: RunbookLink[];
}

/** Uri strings compare reliably only in one normal form. */
export function normalizeUri(uri: string): string {
  try { return vscode.Uri.parse(uri).toString(); } catch { return uri; }
}

export class MapIndex implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.onDidChangeEmitter.event;

  constructor(private readonly service: LanguageService) {}

  update(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    const dependencies = new Set<string>();
    const runbooks: RunbookLink[] = [];
    for (const link of this.service.links(key, text)) {
      const target = normalizeUri(link.target);
      dependencies.add(target);
      if (link.kind !== 'runbook') continue;
      runbooks.push({
        mapUri: uri, target, anchor: link.anchor, range: toRange(link.range),
        touchpointId: link.touchpoint?.id, touchpointName: link.touchpoint?.name,
      });
    }
    const previous = this.entries.get(key);
    this.entries.set(key, { uri, dependencies, runbooks });
    if (!previous || JSON.stringify(previous.runbooks.map(linkKey)) !== JSON.stringify(runbooks.map(linkKey))) {
      this.onDidChangeEmitter.fire();
    }
  }

  delete(uri: vscode.Uri): void {
    if (this.entries.delete(uri.toString())) this.onDidChangeEmitter.fire();
  }

  has(uri: vscode.Uri): boolean {
    return this.entries.has(uri.toString());
  }

  get size(): number {
    return this.entries.size;
  }

  /** Maps that link to the file at `uri`. */
  dependents(uri: vscode.Uri): vscode.Uri[] {
    const key = normalizeUri(uri.toString());
    return [...this.entries.values()].filter((e) => e.dependencies.has(key)).map((e) => e.uri);
  }

  /** Runbook links (from every map) that point at the Markdown file `uri`. */
  linksTo(uri: vscode.Uri): RunbookLink[] {
    const key = normalizeUri(uri.toString());
    return [...this.entries.values()].flatMap((e) => e.runbooks.filter((r) => r.target === key));
  }

  dispose(): void {
    this.onDidChangeEmitter.dispose();
  }
}

function linkKey(link: RunbookLink): string {
  return `${link.target}#${link.anchor ?? ''}@${link.range.start.line}:${link.range.start.character}`;
}
