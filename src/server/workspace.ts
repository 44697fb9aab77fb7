/**
 * The server's view of the workspace: its folders (the roots that bound every read and write),
 * the `journeymap.*` settings per root (from `workspace/configuration`, or pushed by clients
 * without it), one core language service per root, and the index of what each map links to
 * (runbooks for the "used by" lens, every linked file for re-validating dependents).
 */
import type { Connection, Range } from 'vscode-languageserver';
import { getLanguageService, isInsideRoot, RULES, type FileStat, type LanguageService, type SeveritySetting } from '../core';
import type { HostFiles, ServerHost } from './host';

export interface Settings {
  rules: Record<string, SeveritySetting>;
  /** YYYY-MM-DD, or undefined for the local date. */
  today?: string;
  /** Milliseconds after the last edit before an open map is validated again. */
  delay: number;
  /** Validate the closed maps of the workspace too (push mode; pull clients ask themselves). */
  workspace: boolean;
  codeLens: boolean;
}

const SEVERITIES: readonly string[] = ['off', 'info', 'warning', 'error'];
const DEFAULT_DELAY = 250;

/** Settings from whatever a client sent: unknown rules, bad severities and bad dates are dropped. */
export function readSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const known = new Set(RULES.filter((r) => !r.fixed).map((r) => r.name));
  const rules: Record<string, SeveritySetting> = {};
  const rawRules = value.rules && typeof value.rules === 'object' ? value.rules as Record<string, unknown> : {};
  for (const [name, severity] of Object.entries(rawRules)) {
    if (typeof severity === 'string' && SEVERITIES.includes(severity) && known.has(name)) rules[name] = severity as SeveritySetting;
  }
  const validation = (value.validation && typeof value.validation === 'object' ? value.validation : {}) as Record<string, unknown>;
  const codeLens = (value.codeLens && typeof value.codeLens === 'object' ? value.codeLens : {}) as Record<string, unknown>;
  const delay = typeof validation.delay === 'number' && validation.delay >= 0 && validation.delay <= 5000 ? validation.delay : DEFAULT_DELAY;
  return {
    rules,
    today: typeof value.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.today) ? value.today : undefined,
    delay,
    workspace: validation.workspace !== false,
    codeLens: codeLens.enabled !== false,
  };
}

/** `journeymap` settings inside what a client pushed: `{ journeymap: {...} }` or the section itself. */
export function journeymapSection(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'journeymap' in raw) return (raw as { journeymap: unknown }).journeymap;
  return raw;
}

export interface RunbookUse {
  map: string;
  target: string;
  anchor?: string;
  range: Range;
  touchpoint?: { id?: string; name?: string };
}

interface Entry {
  dependencies: Set<string>;
  runbooks: RunbookUse[];
}

export interface OpenText { text: string; version: number }

/**
 * A root's files as the editor shows them: an open document's text wins over the file on disk
 * (a runbook heading added by a quick fix and not saved yet is there), but only once the path
 * passed the disk reader's checks (inside the root through every link, a regular file).
 */
export function withOpenDocuments(files: HostFiles, openText: (key: string) => OpenText | undefined): HostFiles {
  const stat = async (path: string): Promise<FileStat> => {
    const checked = await files.stat(path);
    const open = openText(path);
    if (!open || ('problem' in checked && checked.problem.kind !== 'missing')) return checked;
    return { version: `${'version' in checked ? checked.version : 'unsaved'}:${open.version}` };
  };
  return {
    stat,
    readFile: async (path) => {
      if (!openText(path)) return files.readFile(path);
      const checked = await stat(path);
      if ('problem' in checked) return checked;
      const open = openText(path);
      return open ? { text: open.text, version: checked.version } : files.readFile(path);
    },
    readRecords: files.readRecords?.bind(files),
    writable: files.writable.bind(files),
  };
}

export interface Scope {
  /** The root (a core path), or '' for a document without one (an unsaved editor). */
  root: string;
  service: LanguageService;
  files: HostFiles | undefined;
  settings: Settings;
}

export class Workspace {
  /** Workspace folders as core paths, longest first (a nested folder wins). */
  private folders: string[] = [];
  private pushed: Settings;
  private readonly settings = new Map<string, Promise<Settings>>();
  private readonly scopes = new Map<string, Promise<Scope>>();
  private readonly index = new Map<string, Entry>();
  /** Bumped whenever settings change: results computed before are stale. */
  generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly pullsConfiguration: boolean,
    initial: unknown,
    /** An open document's text by core key: an editor's unsaved runbook counts, as in the editor. */
    private readonly openText: (key: string) => OpenText | undefined = () => undefined,
  ) {
    this.pushed = readSettings(journeymapSection(initial));
  }

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map((u) => this.host.toCore(u).replace(/\/$/, '')).filter((f) => this.host.isFile(f))
      .sort((a, b) => b.length - a.length);
    this.reset();
  }

  get roots(): readonly string[] {
    return this.folders;
  }

  /** Settings changed (or folders did): every service is made again with the new ones. */
  settingsChanged(pushed?: unknown): void {
    if (pushed !== undefined) {
      const section = journeymapSection(pushed);
      if (section !== undefined && section !== null) this.pushed = readSettings(section);
    }
    this.reset();
  }

  private reset(): void {
    this.generation++;
    this.settings.clear();
    this.scopes.clear();
  }

  /** The folder that bounds a document's links: its workspace folder, else its own folder. */
  rootOf(key: string): string {
    const folder = this.folders.find((f) => isInsideRoot(key, f));
    if (folder !== undefined) return folder;
    if (!this.host.isFile(key)) return '';
    const slash = key.lastIndexOf('/');
    return slash > 0 ? key.slice(0, slash) : slash === 0 ? '/' : '';
  }

  private settingsFor(root: string): Promise<Settings> {
    let settings = this.settings.get(root);
    if (!settings) {
      settings = this.pullsConfiguration
        ? this.connection.workspace.getConfiguration({ scopeUri: root ? this.host.toUri(root) : undefined, section: 'journeymap' })
          .then((raw) => (raw === null || raw === undefined ? this.pushed : readSettings(journeymapSection(raw))), () => this.pushed)
        : Promise.resolve(this.pushed);
      this.settings.set(root, settings);
    }
    return settings;
  }

  /** The service, files and settings for a document (by its core key). */
  scope(key: string): Promise<Scope> {
    const root = this.rootOf(key);
    let scope = this.scopes.get(root);
    if (!scope) {
      scope = this.settingsFor(root).then((settings) => {
        const disk = root ? this.host.files(root) : undefined;
        const files = disk && (this.host.filesShowOpenDocuments ? disk : withOpenDocuments(disk, this.openText));
        const service = getLanguageService({
          fileReader: files, today: () => settings.today ?? this.host.today(), rules: settings.rules, workspaceRoot: root || undefined,
        });
        return { root, service, files, settings };
      });
      this.scopes.set(root, scope);
    }
    return scope;
  }

  /** Records what a map links to, from the service's links of its current text. */
  updateIndex(key: string, service: LanguageService, text: string): void {
    const dependencies = new Set<string>();
    const runbooks: RunbookUse[] = [];
    for (const link of service.links(key, text)) {
      dependencies.add(link.target);
      if (link.kind === 'runbook') runbooks.push({ map: key, target: link.target, anchor: link.anchor, range: link.range, touchpoint: link.touchpoint });
    }
    this.index.set(key, { dependencies, runbooks });
  }

  dropIndex(key: string): void {
    this.index.delete(key);
  }

  /** Maps that link to the file `key`. */
  dependents(key: string): string[] {
    return [...this.index].filter(([, entry]) => entry.dependencies.has(key)).map(([map]) => map);
  }

  /** Runbook links, from every indexed map, to the Markdown file `key`. */
  linksTo(key: string): RunbookUse[] {
    return [...this.index.values()].flatMap((entry) => entry.runbooks.filter((r) => r.target === key));
  }

  /** Every scope made so far: a closed document's parse is dropped from each. */
  forget(key: string): void {
    for (const scope of this.scopes.values()) void scope.then((s) => s.service.forget(key));
  }
}
