/**
 * The preview page's HTML (no vscode import, so the browser test serves exactly this page).
 * Static structure only; everything else arrives as messages. No inline script or style: the CSP
 * allows the one bundle with this page's nonce and the stylesheet from the extension.
 */

export function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => chars[b % chars.length]).join('');
}

export function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The preview's page: static structure only; everything else arrives as messages. */
export function previewHtml(p: { csp: string; nonce: string; scriptUri: string; styleUri: string; uri: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(p.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(p.styleUri)}">
<title>Journey Map Preview</title>
</head>
<body data-uri="${escapeAttr(p.uri)}">
<div id="toolbar" role="toolbar" aria-label="Preview">
  <span id="file-name"></span>
  <div class="group" id="compare-group" hidden>
    <span id="compare-label"></span>
    <vscode-button id="compare-exit" secondary title="Show the map alone, without the marks of what changed">Leave compare</vscode-button>
  </div>
  <div class="group">
    <vscode-button id="zoom-out" secondary title="Zoom out (-)">−</vscode-button>
    <span id="status">100%</span>
    <vscode-button id="zoom-in" secondary title="Zoom in (+)">+</vscode-button>
    <vscode-button id="zoom-reset" secondary title="Actual size">1:1</vscode-button>
    <vscode-button id="zoom-fit" secondary title="Fit to window (0)">Fit</vscode-button>
    <vscode-button id="stages-button" secondary title="Show one stage at a readable size ([ and ] for the previous and next)">Stages…</vscode-button>
  </div>
  <span class="sep"></span>
  <div class="group">
    <vscode-checkbox data-toggle="curve" label="Emotion curve"></vscode-checkbox>
    <vscode-checkbox data-toggle="handoffs" label="Handoffs"></vscode-checkbox>
    <vscode-checkbox data-toggle="metrics" label="Metrics"></vscode-checkbox>
    <vscode-checkbox data-toggle="improvements" label="Improvements"></vscode-checkbox>
    <vscode-checkbox data-toggle="elk" label="Untangle arrows" title="Route the arrows a second way, with the elk layout engine (maps up to 300 touchpoints), and keep its routes only where they cross fewer lines"></vscode-checkbox>
  </div>
  <span class="sep"></span>
  <div class="group">
    <vscode-button id="lanes-button" secondary title="Show or hide lanes">Lanes…</vscode-button>
    <vscode-button id="lock" secondary>Follow editor</vscode-button>
  </div>
  <div id="lanes-menu" hidden></div>
  <div id="stages-menu" role="menu" aria-label="Stages" hidden></div>
</div>
<div id="banner" role="alert" hidden><span id="banner-text"></span><vscode-button id="banner-problems" secondary>Show Problems</vscode-button></div>
<div id="main">
  <div id="viewport" tabindex="0" aria-label="Journey map diagram"><div id="content"></div><div id="lane-rail" aria-hidden="true" hidden></div><div id="stage-rail" aria-hidden="true" hidden></div><div id="empty">Loading the journey map…</div></div>
  <aside id="improvements" hidden aria-label="Improvements"></aside>
</div>
<div id="tooltip" role="tooltip" hidden></div>
<script nonce="${p.nonce}" src="${escapeAttr(p.scriptUri)}"></script>
</body>
</html>`;
}
