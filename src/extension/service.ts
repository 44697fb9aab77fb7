/**
 * The language services of the workspace: one core service per root (a workspace folder, or the
 * folder of a map opened outside any: the root bounds link resolution), recreated when
 * `journeymap.*` settings change. Everything else in the extension, the preview included, talks
 * to one facade that routes each call by document uri, so a settings change never leaves a stale
 * service behind.
 */
import * as vscode from 'vscode';
import { getLanguageService, RULES, type LanguageService, type SeveritySetting } from '../core';
import { rootOf, WorkspaceFiles } from './fileReader';

const SEVERITIES: readonly string[] = ['off', 'info', 'warning', 'error'];

/** `journeymap.rules` for a scope, keeping only known rules that may be changed, and valid severities. */
export function ruleSettings(scope?: vscode.ConfigurationScope): Record<string, SeveritySetting> {
  const raw = vscode.workspace.getConfiguration('journeymap', scope).get<Record<string, unknown>>('rules') ?? {};
  const known = new Set(RULES.filter((r) => !r.fixed).map((r) => r.name));
  const result: Record<string, SeveritySetting> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string' && SEVERITIES.includes(value) && known.has(name)) {
      result[name] = value as SeveritySetting;
    }
  }
  return result;
}

/** An ISO date from `journeymap.today` (for demos and tests), else the local calendar date. */
export function today(): string {
  const configured = vscode.workspace.getConfiguration('journeymap').get<string>('today');
  if (configured && /^\d{4}-\d{2}-\d{2}$/.test(configured)) return configured;
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export class ServiceRegistry implements vscode.Disposable {
  private readonly services = new Map<string, LanguageService>();
  private readonly files = new Map<string, WorkspaceFiles>();
  private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
  /** Fires after settings changed and every service was recreated. */
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly subscription: vscode.Disposable;
  readonly facade: LanguageService;

  constructor() {
    this.subscription = vscode.Disposable.from(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('journeymap')) this.reset();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
    );
    const route = (uri: string) => this.forUri(uri);
    this.facade = {
      parse: (uri, text) => route(uri).parse(uri, text),
      validate: (uri, text) => route(uri).validate(uri, text),
      hover: (uri, text, p) => route(uri).hover(uri, text, p),
      complete: (uri, text, p) => route(uri).complete(uri, text, p),
      symbols: (uri, text) => route(uri).symbols(uri, text),
      folding: (uri, text) => route(uri).folding(uri, text),
      definition: (uri, text, p) => route(uri).definition(uri, text, p),
      references: (uri, text, p, decl) => route(uri).references(uri, text, p, decl),
      highlights: (uri, text, p) => route(uri).highlights(uri, text, p),
      prepareRename: (uri, text, p) => route(uri).prepareRename(uri, text, p),
      rename: (uri, text, p, name) => route(uri).rename(uri, text, p, name),
      fixes: (uri, text, d) => route(uri).fixes(uri, text, d),
      markReviewed: (uri, text) => route(uri).markReviewed(uri, text),
      links: (uri, text) => route(uri).links(uri, text),
      stageSummaries: (uri, text) => route(uri).stageSummaries(uri, text),
      forget: (uri) => { for (const s of this.services.values()) s.forget(uri); },
    };
  }

  /**
   * The folder that bounds links of this document: its workspace folder, else the map's own folder
   * (a map opened without a folder still reads nothing above itself); none for an unsaved editor.
   */
  rootOf(uri: string): vscode.Uri | undefined {
    let parsed: vscode.Uri;
    try { parsed = vscode.Uri.parse(uri); } catch { return undefined; }
    return rootOf(parsed);
  }

  /** The reader bounded by the document's root: for the preview and quick fixes, which read and write too. */
  filesFor(uri: string): WorkspaceFiles | undefined {
    this.forUri(uri);
    return this.files.get(this.rootOf(uri)?.toString().replace(/\/$/, '') ?? '');
  }

  forUri(uri: string): LanguageService {
    const root = this.rootOf(uri);
    const key = root?.toString().replace(/\/$/, '') ?? '';
    let service = this.services.get(key);
    if (!service) {
      const files = root ? new WorkspaceFiles(root) : undefined;
      if (files) this.files.set(key, files);
      service = getLanguageService({ fileReader: files, today, rules: ruleSettings(root), workspaceRoot: key || undefined });
      this.services.set(key, service);
    }
    return service;
  }

  reset(): void {
    this.services.clear();
    this.files.clear();
    this.onDidChangeEmitter.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.onDidChangeEmitter.dispose();
  }
}
