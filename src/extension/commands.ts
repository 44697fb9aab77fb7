/** The palette commands this module owns (the preview registers its own in ./preview). */
import * as vscode from 'vscode';
import { markdownHeadings, RULES, type LanguageService } from '../core';
import { toWorkspaceEdit } from './convert';
import { isMapDocument, type DiagnosticsManager } from './diagnostics';
import { today } from './service';
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

/** The folder for a new map: beside the active file, else the first workspace folder. */
function defaultFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(active)) {
    return vscode.Uri.joinPath(active, '..');
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

export function registerCommands(
  context: vscode.ExtensionContext, service: LanguageService, diagnostics: DiagnosticsManager,
): vscode.Disposable {
  const docsUri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');

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
    const text = instantiate(template, today());
    let target = asUri(args.uri);
    if (!target) {
      const folder = args.folder ?? defaultFolder();
      if (!folder) {
        // No folder open: an untitled map the user saves where they like.
        const doc = await vscode.workspace.openTextDocument({ language: 'journeymap', content: text });
        await vscode.window.showTextDocument(doc);
        return doc.uri;
      }
      let name = `${template.id === 'blank' ? 'new' : template.id}.journey.yaml`;
      for (let i = 2; await exists(vscode.Uri.joinPath(folder, name)); i++) name = `${template.id === 'blank' ? 'new' : template.id}-${i}.journey.yaml`;
      const typed = await vscode.window.showInputBox({
        title: vscode.l10n.t('New Journey Map'),
        prompt: vscode.l10n.t('File name, relative to {0}', vscode.workspace.asRelativePath(folder, true) || folder.path),
        value: name,
        valueSelection: [0, name.indexOf('.journey')],
        validateInput: (value) => (/\.journey\.ya?ml$/.test(value.trim()) ? undefined : vscode.l10n.t('The name must end in .journey.yaml or .journey.yml')),
      });
      if (!typed) return undefined;
      target = vscode.Uri.joinPath(folder, typed.trim());
    }
    if (await exists(target)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} already exists; choose another name.', vscode.workspace.asRelativePath(target)));
      return undefined;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(target);
    await vscode.window.showTextDocument(doc);
    return target;
  };

  const markReviewed = async (arg?: unknown): Promise<boolean> => {
    const uri = asUri(arg);
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc || !isMapDocument(doc)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a journey map (*.journey.yaml) to mark it reviewed.'));
      return false;
    }
    const review = service.markReviewed(doc.uri.toString(), doc.getText());
    if ('refused' in review) {
      void vscode.window.showWarningMessage(review.refused);
      return false;
    }
    if (!review.edits.length) {
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Journey Map: already reviewed today'), 3000);
      return false;
    }
    return vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, review.edits));
  };

  const validateAll = async (): Promise<ValidateAllResult> => {
    await diagnostics.validateWorkspace({ force: true, notify: true });
    const totals = diagnostics.totals();
    const message = vscode.l10n.t(
      'Journey Map: checked {0} maps: {1} errors, {2} warnings, {3} infos.', totals.files, totals.errors, totals.warnings, totals.infos,
    );
    const show = vscode.l10n.t('Show Problems');
    void (totals.errors || totals.warnings ? vscode.window.showWarningMessage(message, show) : vscode.window.showInformationMessage(message, show))
      .then((choice) => (choice === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
    return totals;
  };

  const showRuleDocs = async (arg?: unknown): Promise<vscode.TextEditor | undefined> => {
    let rule = typeof arg === 'string' ? arg : undefined;
    if (!rule) {
      const picked = await vscode.window.showQuickPick(
        RULES.map((r) => ({ label: r.name, description: r.severity, detail: r.summary })),
        { title: vscode.l10n.t('Journey Map rules'), placeHolder: vscode.l10n.t('Which rule?'), matchOnDetail: true },
      );
      if (!picked) return undefined;
      rule = picked.label;
    }
    const doc = await vscode.workspace.openTextDocument(docsUri);
    const heading = markdownHeadings(doc.getText()).find((h) => h.slug === rule || h.text.trim() === rule);
    const position = new vscode.Position(heading?.line ?? 0, 0);
    return vscode.window.showTextDocument(doc, {
      preview: true, selection: new vscode.Range(position, position),
    }).then((editor) => {
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
      return editor;
    });
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('journeymap.newMap', newMap),
    vscode.commands.registerCommand('journeymap.markReviewed', markReviewed),
    vscode.commands.registerCommand('journeymap.validateAll', validateAll),
    vscode.commands.registerCommand('journeymap.showRuleDocs', showRuleDocs),
  );
}
