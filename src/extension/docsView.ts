/**
 * The rule documentation, rendered and read-only, at the rule: docs/rules.md (and the pages it
 * links to) as shipped with the extension, drawn with markdown-it in one webview panel. Links
 * between the pages open in the same panel at their anchor, web links in the browser; nothing
 * points at a folder the user does not have. The Problems panel's rule links reach it through the
 * extension's URI handler (`<scheme>://journeymap.journeymap/docs/rules.md#rule`).
 */
import * as vscode from 'vscode';
import MarkdownIt from 'markdown-it';
import { slugify } from '../core/files';
import { makeNonce } from './preview/html';

/** The pages the extension ships (see .vscodeignore): only these are ever shown. */
const PAGES = new Set(['docs/rules.md', 'docs/format.md', 'docs/data.md', 'docs/diagram.md', 'docs/security.md', 'README.md', 'CHANGELOG.md']);

export const DOCS_VIEW_TYPE = 'journeymap.docs';

/** What the panel shows now: for tests and the API. */
export interface DocsShown {
  page: string;
  anchor?: string;
  /** The ids of the headings on the page (the anchors links can scroll to). */
  anchors: string[];
}

/** A page name relative to the extension, from a link on `from` (`format.md#x`, `../README.md`), or undefined when it is not a shipped page. */
export function resolvePage(from: string, href: string): { page: string; anchor?: string } | undefined {
  const [path, anchor] = href.split('#', 2);
  if (!path) return { page: from, anchor };
  const base = from.split('/').slice(0, -1);
  for (const part of path.split('/')) {
    if (part === '..') base.pop();
    else if (part !== '.' && part) base.push(part);
  }
  const page = base.join('/');
  return PAGES.has(page) ? { page, anchor: anchor || undefined } : undefined;
}

export class DocsView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly markdown = new MarkdownIt({ html: false, linkify: true });
  private readonly shownEmitter = new vscode.EventEmitter<DocsShown>();
  /** Fires after a page is shown (for tests, which wait on events rather than on time). */
  readonly onDidShow = this.shownEmitter.event;
  shown: DocsShown | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {
    // Headings get GitHub's anchors, the same the rule links and the docs' own links use.
    const open = this.markdown.renderer.rules.heading_open;
    this.markdown.renderer.rules.heading_open = (tokens, i, options, env, self) => {
      const text = tokens[i + 1]?.children?.map((t) => t.content).join('') ?? '';
      const slugs: Map<string, number> = (env as { slugs?: Map<string, number> } | undefined)?.slugs ?? new Map();
      let slug = slugify(text);
      const seen = slugs.get(slug) ?? 0;
      slugs.set(slug, seen + 1);
      if (seen) slug = `${slug}-${seen}`;
      tokens[i].attrSet('id', slug);
      return open ? open(tokens, i, options, env, self) : self.renderToken(tokens, i, options);
    };
  }

  /** Shows a page at an anchor (a rule's name on docs/rules.md). */
  async show(page: string, anchor?: string): Promise<boolean> {
    if (!PAGES.has(page)) return false;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, page)));
    } catch {
      void vscode.window.showErrorMessage(vscode.l10n.t('The documentation page {0} is missing from the extension.', page));
      return false;
    }
    const env = { slugs: new Map<string, number>() };
    const body = this.markdown.render(text, env);
    const anchors = [...body.matchAll(/<h[1-6] id="([^"]+)"/g)].map((m) => m[1]);
    const title = anchor && page === 'docs/rules.md' ? vscode.l10n.t('Rule: {0}', anchor) : vscode.l10n.t('Journey Map: {0}', page.replace(/^docs\//, ''));
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(DOCS_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true, localResourceRoots: [],
      });
      this.panel.onDidDispose(() => { this.panel = undefined; this.shown = undefined; });
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
    }
    this.panel.title = title;
    this.panel.webview.html = this.html(body, anchor && anchors.includes(anchor) ? anchor : undefined);
    this.panel.reveal(undefined, true);
    this.shown = { page, anchor, anchors };
    this.shownEmitter.fire(this.shown);
    return true;
  }

  /** A link the page asks to follow: untrusted, so only shipped pages and web addresses are opened. */
  private async onMessage(message: unknown): Promise<void> {
    const href = (message as { type?: unknown; href?: unknown } | null)?.href;
    if ((message as { type?: unknown } | null)?.type !== 'link' || typeof href !== 'string' || href.length > 2000 || !this.shown) return;
    if (/^https?:\/\//i.test(href)) {
      await vscode.env.openExternal(vscode.Uri.parse(href));
      return;
    }
    const target = resolvePage(this.shown.page, href);
    if (target) await this.show(target.page, target.anchor);
  }

  private html(body: string, anchor: string | undefined): string {
    const nonce = makeNonce();
    const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
    return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); max-width: 52em; margin: 0 auto; padding: 16px 24px 40vh; line-height: 1.5; }
a { color: var(--vscode-textLink-foreground); }
code, pre { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); }
pre { padding: 8px 12px; overflow-x: auto; }
code { padding: 0 3px; border-radius: 3px; } pre code { padding: 0; }
h1, h2 { border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
h3:target, h2:target { outline: 2px solid var(--vscode-focusBorder); outline-offset: 4px; }
table { border-collapse: collapse; } td, th { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; }
</style></head><body data-anchor="${anchor ?? ''}">${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const anchor = document.body.dataset.anchor;
if (anchor) { const el = document.getElementById(anchor); if (el) { el.scrollIntoView(); location.hash = anchor; } }
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!a) return;
  e.preventDefault();
  const href = a.getAttribute('href');
  if (href.startsWith('#')) { const el = document.getElementById(href.slice(1)); if (el) el.scrollIntoView(); return; }
  vscode.postMessage({ type: 'link', href });
});
</script></body></html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    this.shownEmitter.dispose();
  }
}

/** The address of a rule's documentation, for the Problems panel's links: handled by this extension's URI handler. */
export function ruleDocsUri(extensionId: string, rule: string): vscode.Uri {
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: extensionId, path: '/docs/rules.md', fragment: rule });
}
