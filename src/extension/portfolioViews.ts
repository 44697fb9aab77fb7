/**
 * Every map of the workspace at a glance, in the Explorer: "Journey Maps" (grouped by owner,
 * folder or review status; each map's review status, findings and worst metric) and "Journey
 * Improvements" (every improvement across maps, overdue first). Both are fed by the validation
 * the Problems panel already runs: each result carries the map's summary (core portfolio), so no
 * file is read again, and a 2,000-map workspace is one summary per map.
 */
import * as vscode from 'vscode';
import { IMPROVEMENT_STATUSES } from '../core/format';
import { groupMaps, improvementBoard, type Grouping, type ImprovementSummary, type MapGroup, type MapSummary } from '../core/portfolio';
import type { ValidationEvent } from './diagnostics';

/** What the views know about a map: its summary, or the finding that refused it. */
interface Known {
  uri: vscode.Uri;
  summary?: MapSummary;
  /** For a refused file (too large, a link out): the counts of the finding it got. */
  refused?: { errors: number; warnings: number; message: string };
}

/** Redraws after a burst of results (a workspace scan validates maps one after another). */
const REFRESH_DEBOUNCE_MS = 150;

export class PortfolioStore implements vscode.Disposable {
  private readonly known = new Map<string, Known>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(onDidValidate: vscode.Event<ValidationEvent>) {
    this.subscription = onDidValidate((e) => this.take(e));
  }

  private take(e: ValidationEvent): void {
    const key = e.uri.toString();
    // The portfolio is the workspace's maps: a map opened from elsewhere is checked, not listed.
    if (!vscode.workspace.getWorkspaceFolder(e.uri)) return;
    if (e.summary) this.known.set(key, { uri: e.uri, summary: e.summary });
    else if (e.diagnostics.length) {
      const d = e.diagnostics[0];
      this.known.set(key, { uri: e.uri, refused: { errors: d.severity === 'error' ? 1 : 0, warnings: d.severity === 'warning' ? 1 : 0, message: d.message } });
    } else this.known.delete(key); // cleared: deleted, or no longer checked
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void vscode.commands.executeCommand('setContext', 'journeymap.hasMaps', this.known.size > 0);
      this.changed.fire();
    }, REFRESH_DEBOUNCE_MS);
  }

  maps(): Known[] {
    return [...this.known.values()];
  }

  /** What the views know about one map, by its URI string. */
  get(uri: string): Known | undefined {
    return this.known.get(uri);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

// ---- Journey Maps -------------------------------------------------------------------------------

export type MapsNode = { kind: 'group'; group: MapGroup; refused?: Known[] } | { kind: 'map'; known: Known };

const GROUPING_KEY = 'journeymap.mapsGrouping';
const GROUPING_WORDS: Record<Grouping, string> = { owner: 'by owner', folder: 'by folder', review: 'by review status' };

export class MapsTree implements vscode.TreeDataProvider<MapsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MapsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  grouping: Grouping;

  constructor(private readonly store: PortfolioStore, private readonly state: vscode.Memento) {
    this.grouping = state.get<Grouping>(GROUPING_KEY) ?? 'owner';
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
    void vscode.commands.executeCommand('setContext', GROUPING_KEY, this.grouping);
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    void this.state.update(GROUPING_KEY, grouping);
    void vscode.commands.executeCommand('setContext', GROUPING_KEY, grouping);
    this.changed.fire(undefined);
  }

  get description(): string {
    return GROUPING_WORDS[this.grouping];
  }

  getChildren(node?: MapsNode): MapsNode[] {
    if (node?.kind === 'map') return [];
    if (node?.kind === 'group') {
      // A summary's map is the store's key: one lookup per row, not a rebuilt index per group.
      return [...node.group.maps.map((m): MapsNode => ({ kind: 'map', known: this.store.get(m.map)! })), ...(node.refused ?? []).map((known): MapsNode => ({ kind: 'map', known }))];
    }
    const all = this.store.maps();
    const summaries = all.flatMap((k) => (k.summary ? [k.summary] : []));
    const refused = all.filter((k) => !k.summary);
    const groups: MapsNode[] = groupMaps(summaries, this.grouping, (map) => folderOf(map)).map((group) => ({ kind: 'group', group }));
    if (refused.length) groups.push({ kind: 'group', group: { key: '#refused', label: 'Not read', maps: [] }, refused });
    return groups;
  }

  getTreeItem(node: MapsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const count = node.group.maps.length + (node.refused?.length ?? 0);
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${count} map${count === 1 ? '' : 's'}`;
      item.contextValue = 'journeymap.mapGroup';
      item.id = `group:${this.grouping}:${node.group.key}`;
      return item;
    }
    return mapItem(node.known);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function folderOf(map: string): string {
  const uri = vscode.Uri.parse(map);
  const relative = vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning", or "no findings". */
function findingWords(f: { errors: number; warnings: number }): string {
  const parts = [f.errors ? plural(f.errors, 'error') : '', f.warnings ? plural(f.warnings, 'warning') : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no errors or warnings';
}

export function mapItem(known: Known): vscode.TreeItem {
  const { summary, refused, uri } = known;
  const item = new vscode.TreeItem(summary?.title ?? fileName(uri), vscode.TreeItemCollapsibleState.None);
  item.id = `map:${uri.toString()}`;
  item.resourceUri = uri;
  item.contextValue = 'journeymap.map';
  item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
  if (!summary) {
    item.description = findingWords(refused!);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.tooltip = refused!.message;
    return item;
  }
  const worst = summary.misses[0];
  item.description = [
    summary.review.text,
    findingWords(summary.findings),
    worst ? `worst: ${worst.metric} ${worst.value} / ${worst.target}` : '',
  ].filter(Boolean).join(' · ');
  item.iconPath = mapIcon(summary);
  item.tooltip = mapTooltip(summary, uri);
  return item;
}

function mapIcon(summary: MapSummary): vscode.ThemeIcon {
  if (summary.unreadable || summary.findings.errors) return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (summary.review.status === 'overdue' || summary.review.status === 'no-date') return new vscode.ThemeIcon('calendar', new vscode.ThemeColor('list.warningForeground'));
  if (summary.findings.warnings) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
}

function mapTooltip(summary: MapSummary, uri: vscode.Uri): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  md.appendMarkdown('**').appendText(summary.title ?? fileName(uri)).appendMarkdown('**  \n');
  md.appendText(vscode.workspace.asRelativePath(uri)).appendMarkdown('\n\n');
  if (summary.persona) md.appendMarkdown('Persona: ').appendText(summary.persona).appendMarkdown('  \n');
  if (summary.owner) md.appendMarkdown('Owner: ').appendText(summary.owner).appendMarkdown('  \n');
  md.appendMarkdown('Review: ').appendText(`${summary.review.text}${summary.review.last ? ` (last ${summary.review.last})` : ''}`).appendMarkdown('  \n');
  md.appendMarkdown('Findings: ').appendText(`${findingWords(summary.findings)}${summary.findings.infos ? `, ${plural(summary.findings.infos, 'info')}` : ''}`).appendMarkdown('  \n');
  md.appendMarkdown('Metrics: ').appendText(`${summary.missCount} of ${summary.judged} judged miss their target`).appendMarkdown('  \n');
  for (const miss of summary.misses.slice(0, 3)) {
    md.appendMarkdown('- ').appendText(`${miss.metric} at ${miss.touchpoint}: ${miss.value}, target ${miss.target} (off by ${miss.gap})${miss.n !== undefined ? `, n ${miss.n}` : ''}`).appendMarkdown('\n');
  }
  md.appendMarkdown('\n').appendText(`${plural(summary.openImprovements, 'open improvement')}, ${summary.stages} stages, ${summary.touchpoints} touchpoints`);
  return md;
}

// ---- Journey Improvements -----------------------------------------------------------------------

export type ImprovementsNode = { kind: 'status'; status: string; items: ImprovementSummary[] } | { kind: 'improvement'; item: ImprovementSummary };

const KNOWN_STATUSES: ReadonlySet<string> = new Set(IMPROVEMENT_STATUSES);

const STATUS_GROUPS: [string, string, (i: ImprovementSummary) => boolean][] = [
  ['overdue', 'Overdue', (i) => i.overdue],
  ['in-progress', 'In progress', (i) => !i.overdue && i.status === 'in-progress'],
  ['planned', 'Planned', (i) => !i.overdue && i.status === 'planned'],
  ['idea', 'Ideas', (i) => !i.overdue && i.status === 'idea'],
  ['done', 'Done', (i) => i.status === 'done'],
  ['dropped', 'Dropped', (i) => i.status === 'dropped'],
  // A status the format does not know (a typo, `blocked`) is reported by its rule; the improvement
  // is still listed here rather than lost.
  ['other', 'Other statuses', (i) => !i.overdue && !KNOWN_STATUSES.has(i.status)],
];

export class ImprovementsTree implements vscode.TreeDataProvider<ImprovementsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ImprovementsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: PortfolioStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: ImprovementsNode): ImprovementsNode[] {
    if (node?.kind === 'improvement') return [];
    if (node?.kind === 'status') return node.items.map((item) => ({ kind: 'improvement', item }));
    const board = improvementBoard(this.store.maps().flatMap((k) => (k.summary ? [k.summary] : [])));
    return STATUS_GROUPS.map(([status, , test]) => ({ kind: 'status' as const, status, items: board.filter(test) })).filter((g) => g.items.length > 0);
  }

  getTreeItem(node: ImprovementsNode): vscode.TreeItem {
    if (node.kind === 'status') {
      const [, label] = STATUS_GROUPS.find(([status]) => status === node.status)!;
      const closed = node.status === 'done' || node.status === 'dropped';
      const item = new vscode.TreeItem(label, closed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = `status:${node.status}`;
      item.description = String(node.items.length);
      return item;
    }
    return improvementItem(node.item);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function improvementItem(i: ImprovementSummary): vscode.TreeItem {
  const uri = vscode.Uri.parse(i.map);
  const item = new vscode.TreeItem(i.id, vscode.TreeItemCollapsibleState.None);
  item.id = `improvement:${i.map}#${i.id}:${i.line}`;
  const due = i.overdue ? `${plural(i.daysLate ?? 0, 'day')} late (due ${i.due})` : i.due ? `due ${i.due}` : 'no due date';
  item.description = [i.owner, due, i.mapTitle ?? fileName(uri)].filter(Boolean).join(' · ');
  item.iconPath = i.overdue ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : new vscode.ThemeIcon(i.status === 'done' ? 'pass' : i.status === 'dropped' ? 'circle-slash' : 'lightbulb');
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(i.id).appendMarkdown('** · ').appendText(i.status).appendMarkdown('\n\n');
  if (i.experiment) md.appendText(i.experiment).appendMarkdown('\n\n');
  md.appendMarkdown('For: ').appendText(i.for.join(', ') || 'no touchpoint').appendMarkdown('  \n');
  if (i.signal) md.appendMarkdown('Signal: ').appendText(i.signal === 'not-yet' ? 'not yet met' : i.signal === 'unknown' ? 'not known' : i.signal).appendMarkdown('  \n');
  md.appendMarkdown('Map: ').appendText(vscode.workspace.asRelativePath(uri));
  item.tooltip = md;
  item.contextValue = 'journeymap.improvement';
  item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(i.line, 0, i.line, 0) } satisfies vscode.TextDocumentShowOptions] };
  return item;
}

// ---- registration -------------------------------------------------------------------------------

export interface PortfolioViews extends vscode.Disposable {
  readonly maps: MapsTree;
  readonly improvements: ImprovementsTree;
}

export function registerPortfolioViews(onDidValidate: vscode.Event<ValidationEvent>, state: vscode.Memento): PortfolioViews {
  const store = new PortfolioStore(onDidValidate);
  const maps = new MapsTree(store, state);
  const improvements = new ImprovementsTree(store);
  const mapsView = vscode.window.createTreeView('journeymap.maps', { treeDataProvider: maps, showCollapseAll: true });
  mapsView.description = maps.description;
  const improvementsView = vscode.window.createTreeView('journeymap.improvements', { treeDataProvider: improvements, showCollapseAll: true });
  const group = (grouping: Grouping) => () => {
    maps.setGrouping(grouping);
    mapsView.description = maps.description;
  };
  const uriOf = (node?: MapsNode) => (node?.kind === 'map' ? node.known.uri : undefined);
  const disposable = vscode.Disposable.from(
    store, maps, improvements, mapsView, improvementsView,
    vscode.commands.registerCommand('journeymap.maps.groupByOwner', group('owner')),
    vscode.commands.registerCommand('journeymap.maps.groupByFolder', group('folder')),
    vscode.commands.registerCommand('journeymap.maps.groupByReview', group('review')),
    vscode.commands.registerCommand('journeymap.maps.open', (node?: MapsNode) => uriOf(node) && vscode.commands.executeCommand('vscode.open', uriOf(node))),
    vscode.commands.registerCommand('journeymap.maps.preview', (node?: MapsNode) => uriOf(node) && vscode.commands.executeCommand('journeymap.openPreview', uriOf(node))),
    vscode.commands.registerCommand('journeymap.maps.markReviewed', (node?: MapsNode) => uriOf(node) && vscode.commands.executeCommand('journeymap.markReviewed', uriOf(node))),
  );
  return { maps, improvements, dispose: () => disposable.dispose() };
}
