/** The palette commands this module owns (the preview registers its own in ./preview). */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { MARK_REVIEWED, RULES_LIST, type MarkReviewedParams, type MarkReviewedResult, type RulesResult } from '../server/protocol';
import { log } from './log';
import { isMapDocument, type ServerDiagnostics } from './diagnostics';
import { today } from './service';
import type { DocsView } from './docsView';
import { instantiate, TEMPLATES } from './templates';

export interface NewMapArgs {
  /** Template id (locked-out-admin, billing-dispute, production-outage, blank); asked when absent. */
  template?: string;
  /** Where to write the map; asked when absent. */
  uri?: vscode.Uri | string;
  /** The folder to propose for it (the Explorer folder the command was run on). */
  folder?: vscode.Uri;
}

export interface ValidateAllResult {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return /^[a-z][a-z0-9+.-]*:/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

const MAP_SUFFIX = /\.journey\.ya?ml$/i;

/** The file a typed name becomes: `.journey.yaml` added when it lacks the suffix. */
export function mapFileName(typed: string): string {
  const name = typed.trim();
  return MAP_SUFFIX.test(name) ? name : `${name.replace(/\.ya?ml$/i, '')}.journey.yaml`;
}

/**
 * Asks for the new map's name, checked while it is typed (characters a file name cannot hold, a
 * file that exists); the suffix is added when it is left out. Undefined when cancelled.
 */
async function askForName(folder: vscode.Uri, templateId: string): Promise<vscode.Uri | undefined> {
  const stem = templateId === 'blank' ? 'new' : templateId;
  let name = `${stem}.journey.yaml`;
  for (let i = 2; await exists(vscode.Uri.joinPath(folder, name)); i++) name = `${stem}-${i}.journey.yaml`;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('New Journey Map'),
    prompt: vscode.l10n.t('File name, relative to {0}', vscode.workspace.asRelativePath(folder, true) || folder.path),
    value: name,
    valueSelection: [0, name.indexOf('.journey')],
    validateInput: async (value) => {
      if (!value.trim()) return vscode.l10n.t('Type a name for the map.');
      if (/[\\:*?"<>|]/.test(value) || value.split('/').some((part) => part === '..')) return vscode.l10n.t('A file name cannot hold \\ : * ? " < > | or "..".');
      const file = mapFileName(value);
      if (await exists(vscode.Uri.joinPath(folder, file))) return vscode.l10n.t('{0} already exists: choose another name.', file);
      return file === value.trim() ? undefined : { message: vscode.l10n.t('Will be saved as {0}', file), severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
  return typed?.trim() ? vscode.Uri.joinPath(folder, mapFileName(typed)) : undefined;
}

/** The blank template's title, from the file's name (`vpn-access.journey.yaml` -> "Vpn access"). */
export function withTitle(text: string, templateId: string, fileName: string): string {
  if (templateId !== 'blank') return text;
  const words = fileName.replace(MAP_SUFFIX, '').replace(/[-_.]+/g, ' ').trim();
  if (!words) return text;
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  return text.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`);
}

/** The folder for a new map: beside the active file, else the first workspace folder. */
function defaultFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(active)) {
    return vscode.Uri.joinPath(active, '..');
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

export function registerCommands(
  client: BaseLanguageClient, diagnostics: ServerDiagnostics, docs: DocsView,
): vscode.Disposable {
  const newMap = async (args: NewMapArgs | vscode.Uri = {}): Promise<vscode.Uri | undefined> => {
    if (args instanceof vscode.Uri) args = { folder: args }; // from the Explorer's context menu
    let template = TEMPLATES.find((t) => t.id === args.template);
    if (args.template && !template) throw new Error(`Unknown journey map template: ${args.template}`);
    if (!template) {
      const picked = await vscode.window.showQuickPick(
        TEMPLATES.map((t) => ({ label: t.label, description: t.description, template: t })),
        { title: vscode.l10n.t('New Journey Map'), placeHolder: vscode.l10n.t('Start from a template') },
      );
      if (!picked) return undefined;
      template = picked.template;
    }
    let target = asUri(args.uri);
    if (!target) {
      const folder = args.folder ?? defaultFolder();
      if (!folder) {
        // No folder open: an untitled map the user saves where they like.
        const doc = await vscode.workspace.openTextDocument({ language: 'journeymap', content: instantiate(template, today()) });
        await vscode.window.showTextDocument(doc);
        return doc.uri;
      }
      target = await askForName(folder, template.id);
      if (!target) return undefined;
    } else if (await exists(target)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} already exists; choose another name.', vscode.workspace.asRelativePath(target)));
      return undefined;
    }
    const name = target.path.slice(target.path.lastIndexOf('/') + 1);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(withTitle(instantiate(template, today()), template.id, name)));
    const doc = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(doc);
    const preview = vscode.l10n.t('Open Preview');
    void vscode.window.showInformationMessage(vscode.l10n.t('Created {0}.', vscode.workspace.asRelativePath(target)), preview)
      .then((choice) => (choice === preview ? vscode.commands.executeCommand('journeymap.openPreviewToSide', target) : undefined));
    return target;
  };

  const markReviewed = async (arg?: unknown): Promise<boolean> => {
    const uri = asUri(arg);
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || !isMapDocument(doc)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a journey map (*.journey.yaml) to mark it reviewed.'));
      return false;
    }
    // The server computes the edit from the text it holds, which is this document's (it is synced).
    const params: MarkReviewedParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(doc.uri) } };
    const review = await client.sendRequest<MarkReviewedResult>(MARK_REVIEWED, params);
    if ('refused' in review) {
      void vscode.window.showWarningMessage(review.refused);
      return false;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(review.edit);
    if (edit.size === 0 || edit.entries().every(([, edits]) => edits.length === 0)) {
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Journey Map: already reviewed today'), 3000);
      return false;
    }
    const before = /^\s*last:\s*(\S+)/m.exec(doc.getText().slice(doc.getText().search(/^review:/m)))?.[1];
    const applied = await vscode.workspace.applyEdit(edit);
    // Say what changed: the date written, and the one it replaced.
    if (applied) void vscode.window.setStatusBarMessage(before ? vscode.l10n.t('Journey Map: review.last set to {0} (was {1})', today(), before) : vscode.l10n.t('Journey Map: review.last set to {0}', today()), 6000);
    return applied;
  };

  /** From the review status bar item: asks first, since a click should not rewrite the map unasked. */
  const markReviewedAsked = async (): Promise<boolean> => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isMapDocument(doc)) return false;
    const mark = vscode.l10n.t('Mark Reviewed Today');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Mark {0} as reviewed today ({1})? This sets review.last; do it after checking the map against current tickets and agents.', vscode.workspace.asRelativePath(doc.uri), today()),
      mark,
    );
    return choice === mark ? markReviewed(doc.uri) : false;
  };

  const validateAll = async (): Promise<ValidateAllResult> => {
    const totals = await diagnostics.validateWorkspace();
    const message = vscode.l10n.t(
      'Journey Map: checked {0} maps: {1} errors, {2} warnings, {3} infos.', totals.files, totals.errors, totals.warnings, totals.infos,
    );
    const show = vscode.l10n.t('Show Problems');
    void (totals.errors || totals.warnings ? vscode.window.showWarningMessage(message, show) : vscode.window.showInformationMessage(message, show))
      .then((choice) => (choice === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
    return totals;
  };

  /** The rule's documentation, rendered and read-only, scrolled to the rule (asked for when not given). */
  const showRuleDocs = async (arg?: unknown): Promise<boolean> => {
    let rule = typeof arg === 'string' ? arg : undefined;
    if (!rule) {
      // The rules come from the language server, which holds them (this host loads no rule code).
      const rules = client.sendRequest<RulesResult>(RULES_LIST).then(
        (list) => list.map((r) => ({ label: r.name, description: r.severity, detail: r.summary })),
        (error: unknown) => {
          log().error(`The language server did not list the rules: ${String(error)}`);
          return [];
        },
      );
      const picked = await vscode.window.showQuickPick(rules,
        { title: vscode.l10n.t('Journey Map rules'), placeHolder: vscode.l10n.t('Which rule?'), matchOnDetail: true },
      );
      if (!picked) return false;
      rule = picked.label;
    }
    return docs.show('docs/rules.md', rule);
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('journeymap.newMap', newMap),
    vscode.commands.registerCommand('journeymap.markReviewed', markReviewed),
    vscode.commands.registerCommand('journeymap.markReviewedAsked', markReviewedAsked),
    vscode.commands.registerCommand('journeymap.validateAll', validateAll),
    vscode.commands.registerCommand('journeymap.showRuleDocs', showRuleDocs),
  );
}
