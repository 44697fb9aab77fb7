/**
 * Security properties, each proved on hostile input (docs/security.md maps every guarantee to a
 * test here or elsewhere):
 *  - every string that reaches an SVG is escaped (parsed with a strict XML parser and walked);
 *  - hovers never carry live Markdown links, images, HTML or command links from file content;
 *  - the preview page carries a strict CSP with a per-render nonce, no inline handlers and no
 *    remote sources, and the webview can load only from the extension's own folders;
 *  - runbook and source links that resolve outside the workspace are never read and are reported.
 */
import * as assert from 'node:assert/strict';
import Module = require('node:module');
import { DOMParser } from '@xmldom/xmldom';
import { getLanguageService, LineIndex, parseJourney, type Diagnostic, type FileReader } from '../../src/core';
import { layoutJourney, DARK_THEME, LIGHT_THEME, renderSvg, stripUnsafe } from '../../src/core/diagram';
import { checkSvg } from '../fuzz/harness';
import type * as PreviewModuleTypes from '../../src/extension/preview/preview';
import { CLEAN_MAP, FILES, TODAY, edit, lineOf, memoryReader } from './fixtures';
import { HOSTILE, hostileIdsMap, hostileMap } from './hostile';

const q = (s: string) => JSON.stringify(s);

function service(reader?: FileReader) {
  return getLanguageService({ fileReader: reader, today: () => TODAY, workspaceRoot: '/ws' });
}

describe('security: SVG output', () => {
  it('every hostile map is valid YAML that parses into the model (the test inputs reach the renderer)', () => {
    for (const h of HOSTILE) {
      const doc = parseJourney(hostileMap(h));
      assert.deepEqual(doc.findings.filter((f) => f.code === 'yaml-syntax'), [], q(h));
      assert.equal(doc.map.touchpoints.length, 2, q(h));
    }
  });

  for (const theme of [LIGHT_THEME, DARK_THEME]) {
    it(`(${theme.name}) every string in every field is escaped: well-formed SVG, only drawing elements, no handlers, no javascript: or remote hrefs`, function () {
      this.timeout(60_000);
      for (const h of HOSTILE) {
        for (const text of [hostileMap(h), hostileIdsMap(h)]) {
          const svg = renderSvg(layoutJourney(parseJourney(text)), { theme });
          checkSvg(svg, q(h));
          assert.ok(!/<(script|iframe|foreignObject|style|use|image|a)\b/i.test(svg), `${q(h)}: markup element in ${svg.length} chars of SVG`);
          assert.ok(!/<!\[CDATA\[|<!DOCTYPE|<!ENTITY|<\?xml-stylesheet/i.test(svg), `${q(h)}: CDATA, DOCTYPE or processing instruction`);
          assert.ok(!/[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(svg), `${q(h)}: bidi or control characters`);
        }
      }
    });
  }

  it('the hostile text is kept, as text: the title reads back exactly (bidi and control characters removed)', () => {
    for (const h of HOSTILE) {
      const svg = renderSvg(layoutJourney(parseJourney(hostileMap(h))));
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as { documentElement: { textContent: string } };
      const expected = stripUnsafe(`Title ${h}`).replace(/\s+/g, ' ').trim();
      assert.ok(doc.documentElement.textContent.replace(/\s+/g, ' ').includes(expected), `${q(h)}: title text not found`);
    }
  });
});

/** Removes what Markdown treats as escaped text: backslash escapes and code spans. */
function liveMarkdown(md: string): string {
  return md.replace(/\\[\s\S]/g, '_').replace(/(`+)[\s\S]*?\1/g, '_');
}

describe('security: hover Markdown', () => {
  it('hovers at every offset of every hostile map carry no live link, image, HTML, autolink, bare URL or command link from the file', function () {
    this.timeout(60_000);
    const svc = service();
    let hovers = 0;
    for (const h of HOSTILE) {
      for (const text of [hostileMap(h), hostileIdsMap(h)]) {
        const uri = '/ws/maps/hostile.journey.yaml';
        const lines = new LineIndex(text);
        for (let offset = 0; offset <= text.length; offset++) {
          const hover = svc.hover(uri, text, lines.positionAt(offset));
          if (!hover) continue;
          hovers++;
          const md = hover.contents;
          const live = liveMarkdown(md);
          const where = `${q(h)} at ${offset}: ${q(md)}`;
          assert.ok(!/\]\s*[([]/.test(live), `link or image syntax: ${where}`);
          assert.ok(!/!\[/.test(live), `image syntax: ${where}`);
          // The hover's own help text may show placeholders like `<N>d`; file text may bring no tag.
          assert.ok(!/<\/?(script|img|svg|a|style|iframe|foreignobject|use|https?:|javascript:|command:|[!?%])/i.test(live), `raw HTML or autolink: ${where}`);
          assert.ok(!/^\s{0,3}\[[^\]]*\]:/m.test(live), `link reference definition: ${where}`);
          assert.ok(!/[(<]\s*command:/i.test(live), `command: link target: ${where}`);
          assert.ok(!/https?:\/\/|www\./i.test(live), `bare URL (GFM autolink): ${where}`);
        }
      }
    }
    assert.ok(hovers > 1000, `only ${hovers} hovers were shown`);
  });

  it('the hover of a hostile name shows the text escaped, not dropped', () => {
    const svc = service();
    const h = '[click me](command:workbench.action.terminal.new)';
    const text = hostileMap(h);
    const hover = svc.hover('/ws/maps/h.journey.yaml', text, { line: lineOf(text, 'for: [locked-out]'), character: '    for: [locked'.length });
    assert.ok(hover, 'a hover on the reference');
    assert.ok(hover.contents.includes('\\[click me\\]\\(command:workbench.action.terminal.new\\)'), hover.contents);
  });
});

// ---- the preview page ---------------------------------------------------------------------------

type FakeUri = { path: string; toString(): string };
const fakeUri = (path: string): FakeUri => ({ path, toString: () => `file://${path}` });
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

/** Loads a module that imports `vscode` with a minimal stand-in (only Uri.joinPath is used). */
function loadWithVscodeStub<T>(path: string): T {
  const stub = { Uri: { joinPath: (base: FakeUri, ...parts: string[]) => fakeUri([base.path, ...parts].join('/')) } };
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  const id = '\0vscode-stub';
  require.cache[id] = { id, filename: id, loaded: true, exports: stub } as unknown as NodeJS.Module;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? id : original.call(this, request, ...rest);
  };
  try {
    return require(path) as T;
  } finally {
    M._resolveFilename = original;
    delete require.cache[id];
  }
}

type PreviewModule = typeof PreviewModuleTypes;

function renderPage(preview: PreviewModule, resource: string): string {
  const self = {
    panel: { webview: { cspSource: CSP_SOURCE, asWebviewUri: (u: FakeUri) => ({ toString: () => `${CSP_SOURCE}${u.path}` }) } },
    host: { extensionUri: fakeUri('/ext') },
    resourceUri: { toString: () => resource },
  };
  return (preview.JourneyPreview.prototype as unknown as { html(this: unknown): string }).html.call(self);
}

interface HtmlNode { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<HtmlNode>; attributes?: ArrayLike<{ name: string; value: string }>; getAttribute?(name: string): string | null }

function elements(root: HtmlNode): HtmlNode[] {
  const out: HtmlNode[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === 1) out.push(n);
    for (let i = 0; i < n.childNodes.length; i++) stack.push(n.childNodes[i]);
  }
  return out;
}

function parseCsp(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name.toLowerCase(), values] as [string, string[]];
  }));
}

describe('security: the preview page', () => {
  const preview = loadWithVscodeStub<PreviewModule>('../../src/extension/preview/preview');
  const resource = 'file:///ws/maps/"><script>alert(1)</script><img src=x onerror=alert(2)>.journey.yaml';

  it('the page served by the extension: strict CSP, a nonce on every script, no inline code or handlers, nothing remote', () => {
    const html = renderPage(preview, resource);
    const problems: string[] = [];
    const doc = new DOMParser({ onError: (level: string, message: string) => { problems.push(`${level}: ${message}`); } })
      .parseFromString(html, 'text/html') as unknown as { documentElement: HtmlNode };
    assert.deepEqual(problems, []);
    const all = elements(doc.documentElement);

    const metas = all.filter((e) => e.nodeName.toLowerCase() === 'meta' && e.getAttribute!('http-equiv')?.toLowerCase() === 'content-security-policy');
    assert.equal(metas.length, 1, 'exactly one CSP meta');
    const csp = parseCsp(metas[0].getAttribute!('content') ?? '');
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    const scriptSrc = csp.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1, `script-src ${scriptSrc.join(' ')}`);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scriptSrc[0])?.[1];
    assert.ok(nonce, `script-src is a nonce: ${scriptSrc[0]}`);
    for (const [name, values] of csp) {
      for (const v of values) {
        assert.ok(!/unsafe-(inline|eval|hashes)|wasm-unsafe-eval|^\*$|^https?:$|^http:\/\/|^data:$/.test(v) || (name === 'img-src' && v === 'data:'), `${name} allows ${v}`);
        assert.ok(v.startsWith("'") || v === CSP_SOURCE || v === 'blob:' || v === 'data:', `${name}: unexpected source ${v}`);
      }
    }

    const scripts = all.filter((e) => e.nodeName.toLowerCase() === 'script');
    assert.ok(scripts.length >= 1);
    for (const s of scripts) {
      assert.equal(s.getAttribute!('nonce'), nonce, 'every script carries the page nonce');
      assert.ok((s.getAttribute!('src') ?? '').startsWith(`${CSP_SOURCE}/ext/`), 'scripts come from the extension folder');
      assert.equal((s.textContent ?? '').trim(), '', 'no inline script');
    }
    for (const e of all) {
      const tag = e.nodeName.toLowerCase();
      assert.ok(!['style', 'iframe', 'object', 'embed', 'base', 'form'].includes(tag), `<${tag}> element`);
      for (let i = 0; i < (e.attributes?.length ?? 0); i++) {
        const { name, value } = e.attributes![i];
        assert.ok(!/^on/i.test(name), `inline event handler ${name} on <${tag}>`);
        assert.notEqual(name.toLowerCase(), 'style', `style attribute on <${tag}> (CSP)`);
        if (/^(src|href|action|formaction|poster|data)$/i.test(name)) {
          assert.ok(value.startsWith(`${CSP_SOURCE}/ext/`), `<${tag} ${name}="${value}">: only the extension's own files`);
        }
      }
      if (tag === 'link') assert.equal(e.getAttribute!('rel'), 'stylesheet');
    }
    // The hostile resource URI is an attribute value, nothing more.
    const body = all.find((e) => e.nodeName.toLowerCase() === 'body')!;
    assert.equal(body.getAttribute!('data-uri'), resource);
    assert.equal(scripts.length, 1, 'the hostile resource URI added no script');
    assert.ok(!all.some((e) => e.nodeName.toLowerCase() === 'img'), 'the hostile resource URI added no <img>');
  });

  it('every render gets a fresh nonce', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => /<script nonce="([^"]+)"/.exec(renderPage(preview, 'file:///ws/a.journey.yaml'))![1]));
    assert.equal(nonces.size, 20);
  });

  it('the webview loads local resources only from the extension\'s dist/webview and media folders, and enables no command links', () => {
    const options = preview.webviewOptions(fakeUri('/ext') as never) as { localResourceRoots?: FakeUri[]; enableCommandUris?: unknown; enableForms?: unknown };
    assert.deepEqual(options.localResourceRoots?.map((u) => u.path), ['/ext/dist/webview', '/ext/media']);
    assert.ok(!options.enableCommandUris, 'no command: URIs in the webview');
    assert.ok(!options.enableForms, 'no forms');
  });
});

// ---- link containment ----------------------------------------------------------------------------

/** A FileReader that records every path it is asked about. */
function spyingReader(files: Record<string, string> = FILES): { reader: FileReader; asked: string[] } {
  const asked: string[] = [];
  return { asked, reader: memoryReader(files, (p) => asked.push(p)) };
}

const OUTSIDE = [
  '../../../etc/passwd',
  '../../../../../../../../etc/passwd#root',
  '../../etc/passwd',
  '../runbooks/../../../etc/passwd',
  './../../x.md',
  '..\\..\\..\\Windows\\win.ini',
  '/etc/passwd',
  '/ws/runbooks/lockout.md',
  '\\\\evil-host\\share\\x.md',
  'C:\\Windows\\win.ini',
  'C:/Windows/win.ini',
  'file:///etc/passwd',
  'file://evil-host/share/x.md',
  'http://evil.example/x.md',
  'https://evil.example/runbook.md#symptoms',
  'vscode://file/etc/passwd',
  'command:workbench.action.quit',
  'javascript:alert(1)',
  'data:text/plain,hello',
];

/** Paths a read may legitimately touch: inside /ws, with no `..` left in them. */
const inside = (p: string) => p.startsWith('/ws/') && !p.split(/[\\/]/).includes('..');

describe('security: links outside the workspace', () => {
  for (const field of ['runbook', 'source path'] as const) {
    it(`a ${field} outside the workspace is never read and gets link-outside-workspace on its line`, async () => {
      for (const link of OUTSIDE) {
        const text = field === 'runbook'
          ? edit(CLEAN_MAP, 'runbook: ../runbooks/lockout.md#symptoms', `runbook: ${q(link)}`)
          : edit(CLEAN_MAP, 'path: ../data/tickets.csv', `path: ${q(link)}`);
        const { reader, asked } = spyingReader();
        const svc = service(reader);
        const uri = '/ws/maps/admin.journey.yaml';
        const diagnostics = await svc.validate(uri, text);
        const line = lineOf(text, field === 'runbook' ? 'runbook:' : '    path:');
        const found = diagnostics.filter((d) => d.code === 'link-outside-workspace');
        assert.equal(found.length, 1, `${link}: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
        assert.equal(found[0].range.start.line, line, link);
        assert.equal(found[0].severity, 'warning');
        assert.ok(asked.every(inside), `${link}: read ${JSON.stringify(asked.filter((p) => !inside(p)))}`);
        assert.ok(!asked.some((p) => /passwd|win\.ini|evil|share/.test(p)), `${link}: asked about ${JSON.stringify(asked)}`);
        assert.ok(!diagnostics.some((d) => d.code === 'runbook-missing' || d.code === 'source-missing' || d.code === 'runbook-anchor-missing'), `${link}: also reported as missing`);
        assert.deepEqual(svc.links(uri, text).filter((l) => !inside(l.target)), [], `${link}: offered as a document link`);
        for (const d of diagnostics) {
          for (const fix of svc.fixes(uri, text, d as Diagnostic)) {
            if (fix.fileChange) assert.ok(inside(fix.fileChange.path), `${link}: fix "${fix.title}" writes ${fix.fileChange.path}`);
          }
        }
      }
    });
  }

  it('the same holds for maps addressed by URI (file:// and vscode-vfs://)', async () => {
    for (const [uri, root, file] of [
      ['file:///ws/maps/admin.journey.yaml', 'file:///ws', 'file:///ws/runbooks/lockout.md'],
      ['vscode-vfs://github/org/repo/maps/admin.journey.yaml', 'vscode-vfs://github/org/repo', 'vscode-vfs://github/org/repo/runbooks/lockout.md'],
    ]) {
      for (const link of OUTSIDE) {
        const text = edit(CLEAN_MAP, 'runbook: ../runbooks/lockout.md#symptoms', `runbook: ${q(link)}`);
        const { reader, asked } = spyingReader({ [file]: FILES['/ws/runbooks/lockout.md'] });
        const svc = getLanguageService({ fileReader: reader, today: () => TODAY, workspaceRoot: root });
        const diagnostics = await svc.validate(uri, text);
        assert.ok(diagnostics.some((d) => d.code === 'link-outside-workspace'), `${uri} ${link}: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
        assert.ok(asked.every((p) => p.startsWith(`${root}/`) && !p.split('/').includes('..')), `${uri} ${link}: read ${JSON.stringify(asked)}`);
      }
    }
  });

  it('links inside the workspace are still read (the spy sees them), so the test above is not vacuous', async () => {
    const { reader, asked } = spyingReader();
    const diagnostics = await service(reader).validate('/ws/maps/admin.journey.yaml', CLEAN_MAP);
    assert.deepEqual(diagnostics, []);
    assert.ok(asked.includes('/ws/runbooks/lockout.md'), JSON.stringify(asked));
  });
});

describe('security: suspicious text', () => {
  it('bidi overrides and control characters in a name get a suspicious-text warning on that line', async () => {
    for (const ch of ['\u202E', '\u202D', '\u202A', '\u202B', '\u2066', '\u2067', '\u2068', '\u200F', '\u0007', '\u001B']) {
      const hex = ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      // The character itself in the file, and the same character written as a YAML escape.
      for (const written of [ch, `\\u${hex}`]) {
        const text = edit(CLEAN_MAP, 'name: Agent verifies identity', `name: "Agent ${written}verifies identity"`);
        const found = (await service().validate('/ws/maps/admin.journey.yaml', text)).filter((d) => d.code === 'suspicious-text');
        assert.equal(found.length, 1, `U+${hex} written ${written === ch ? 'as is' : 'as an escape'}`);
        assert.equal(found[0].severity, 'warning');
        assert.equal(found[0].range.start.line, lineOf(text, 'name: "Agent'));
      }
    }
    for (const escape of ['\\x07', '\\e', '\\a', '\\U0000202E']) {
      const text = edit(CLEAN_MAP, 'name: Agent verifies identity', `name: "Agent ${escape}verifies identity"`);
      assert.ok((await service().validate('/ws/maps/admin.journey.yaml', text)).some((d) => d.code === 'suspicious-text'), escape);
    }
  });
});

describe('security: the extension manifest', () => {
  const manifest = JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: string }; virtualWorkspaces?: unknown };
    activationEvents?: string[];
  };

  it('supports untrusted workspaces fully (nothing in a map is executed) and says why', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
    assert.match(manifest.capabilities?.untrustedWorkspaces?.description ?? '', /nothing in a map is executed/i);
  });

  it('never activates on every start-up (`*`): only for maps, the preview and its own commands', () => {
    assert.ok(!(manifest.activationEvents ?? []).includes('*'));
    assert.ok(!(manifest.activationEvents ?? []).includes('onStartupFinished'));
  });
});
