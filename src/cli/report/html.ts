/**
 * The HTML of `journeymap report`: escaping, the one style sheet and the one script (both inline,
 * allowed by their hashes in each page's Content-Security-Policy, so a page needs no server and no
 * network), and the page shell every page shares (landmarks, navigation, footer).
 */
import { createHash } from 'node:crypto';
import { escapeXml } from '../../core/diagram';

/** Text from a map (or a file name) as HTML text or an attribute value: escaped, controls and bidi marks removed. */
export function esc(value: unknown): string {
  return escapeXml(value);
}

/** `1 map`, `2 maps`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

export type Theme = 'light' | 'dark' | 'auto';

const LIGHT = `--bg:#ffffff;--fg:#1f2328;--muted:#57606a;--link:#0550ae;--border:#d0d7de;--head:#f6f8fa;--stripe:#f6f8fa;
--error:#b42318;--warning:#8a4b00;--ok:#1a7f37;--focus:#0969da;color-scheme:light;`;
const DARK = `--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--link:#6cb6ff;--border:#3d444d;--head:#161b22;--stripe:#151b23;
--error:#ff8e86;--warning:#e3b341;--ok:#56d364;--focus:#6cb6ff;color-scheme:dark;`;

/** The colours for a theme: fixed, or following the reader's system setting. */
function themeRules(theme: Theme): string {
  if (theme === 'light') return `:root{${LIGHT}}`;
  if (theme === 'dark') return `:root{${DARK}}`;
  return `:root{${LIGHT}}@media (prefers-color-scheme: dark){:root{${DARK}}}`;
}

/** With both pictures on the page (auto), the one for the reader's setting; after the base rules, which hide the dark one. */
function pictureRules(theme: Theme): string {
  return theme === 'auto' ? '@media screen and (prefers-color-scheme: dark){.diagram-light{display:none}.diagram-dark{display:block}}' : '';
}

const BASE_CSS = `*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Ubuntu,Roboto,sans-serif}
a{color:var(--link)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-10000px;top:0;background:var(--bg);padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:1}
header,main,footer{padding:0 1.5rem}
header{border-bottom:1px solid var(--border);background:var(--head);display:flex;flex-wrap:wrap;gap:.25rem 2rem;align-items:baseline;padding-top:.6rem;padding-bottom:.6rem}
header .site{font-weight:700;margin:0}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1.25rem;margin:0;padding:0}
nav a[aria-current="page"]{font-weight:700;text-decoration:none;color:var(--fg)}
main{max-width:110rem}
h1{font-size:1.6rem;margin:1.25rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem}
.meta,.summary{margin:.25rem 0}
dl.meta{display:flex;flex-wrap:wrap;gap:.25rem 2rem}
dl.meta dt{font-weight:600;color:var(--muted);font-size:.85rem}
dl.meta dd{margin:0}
tr:target{outline:3px solid var(--focus);outline-offset:-3px}
.muted,.path{color:var(--muted)}
.path{font-size:.85rem;overflow-wrap:anywhere}
.summary{font-size:1.05rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem;color:var(--fg)}
caption .muted{font-weight:400}
th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid var(--border);overflow-wrap:break-word}
thead th{background:var(--head);border-bottom:2px solid var(--border)}
tbody th{font-weight:400}
tbody th a{font-weight:600}
.nowrap{white-space:nowrap}
tbody tr:nth-child(even){background:var(--stripe)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:700;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
th button::after{content:" \\2195";color:var(--muted)}
th[aria-sort="ascending"] button::after{content:" \\2191";color:var(--fg)}
th[aria-sort="descending"] button::after{content:" \\2193";color:var(--fg)}
.error,.overdue,.misses,.missed{color:var(--error);font-weight:600}
.warning,.due-soon,.not-yet-met{color:var(--warning);font-weight:600}
.ok,.meets,.met{color:var(--ok)}
figure{margin:1rem 0}
.diagram{overflow-x:auto;border:1px solid var(--border);border-radius:6px}
.diagram svg{display:block;max-width:none;height:auto}
.diagram-dark{display:none}
figcaption{color:var(--muted);margin:.4rem 0}
details{margin:.5rem 0}
summary{cursor:pointer;color:var(--link)}
ol.stages>li{margin:.4rem 0}
.hypothesis{max-width:60rem}
.notice{border-left:4px solid var(--error);padding:.5rem 1rem;background:var(--head)}
footer{border-top:1px solid var(--border);margin-top:2rem;padding-top:.75rem;padding-bottom:1.5rem;color:var(--muted);font-size:.9rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
:root{${LIGHT}}
body{font-size:10pt}
nav,.skip,.sort-hint{display:none}
header{background:none}
a{color:inherit;text-decoration:none}
.diagram{overflow:visible;border:0}
.diagram svg{max-width:100%;height:auto}
.diagram-light{display:block!important}.diagram-dark{display:none!important}
figure{break-inside:avoid}
thead{display:table-header-group}
tr,li{break-inside:avoid}
h2{break-after:avoid}
details{display:none}
}`;

/**
 * Click-to-sort on the headers of tables marked `data-sortable`: each header becomes a button and
 * says its order with aria-sort. Cells sort by `data-sort` when they have one, else by their text;
 * numbers as numbers. Without it, the table reads the same in its first order.
 */
const SORT_SCRIPT = `(function(){
var live=document.getElementById('sort-status');
document.querySelectorAll('table[data-sortable]').forEach(function(table){
var heads=Array.prototype.slice.call(table.tHead.rows[0].cells);
var hint=table.querySelector('.sort-hint');if(hint)hint.hidden=false;
heads.forEach(function(th,col){
var button=document.createElement('button');
button.type='button';
while(th.firstChild)button.appendChild(th.firstChild);
th.appendChild(button);
button.addEventListener('click',function(){
var ascending=th.getAttribute('aria-sort')!=='ascending';
heads.forEach(function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',ascending?'ascending':'descending');
var body=table.tBodies[0];
var key=function(row){var cell=row.cells[col];var v=cell.getAttribute('data-sort');return v===null?cell.textContent.trim():v;};
var rows=Array.prototype.slice.call(body.rows);
var numeric=rows.every(function(r){var k=key(r);return k!==''&&!isNaN(Number(k));});
rows.sort(function(a,b){var x=key(a),y=key(b);var d=numeric?Number(x)-Number(y):x.localeCompare(y,undefined,{numeric:true,sensitivity:'base'});return ascending?d:-d;});
rows.forEach(function(r){body.appendChild(r);});
if(live)live.textContent='Sorted by '+button.textContent.trim()+', '+(ascending?'ascending':'descending')+'.';
});
});
});
})();`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The style sheet and script of a run, with the hashes the pages' CSP allows them by. */
export interface Assets {
  css: string;
  cssHash: string;
  script: string;
  scriptHash: string;
}

export function assets(theme: Theme): Assets {
  const css = `${themeRules(theme)}\n${BASE_CSS}\n${pictureRules(theme)}`;
  return { css, cssHash: sha256(css), script: SORT_SCRIPT, scriptHash: sha256(SORT_SCRIPT) };
}

/** Where a page sits: its links to the other pages are relative to it. */
export interface PageShell {
  title: string;
  /** The report's own name, shown in the header of every page. */
  site: string;
  /** '' for pages at the top of the folder, '../' for the map pages. */
  up: string;
  current: 'index' | 'board' | 'map';
  /** Set on pages that sort tables. */
  withScript?: boolean;
  footer: string;
}

/** A whole page: head with its CSP, skip link, header with navigation, main, footer. */
export function page(shell: PageShell, a: Assets, main: string): string {
  const scriptSrc = shell.withScript ? `script-src ${a.scriptHash}` : "script-src 'none'";
  const csp = `default-src 'none'; style-src ${a.cssHash}; ${scriptSrc}; base-uri 'none'; form-action 'none'`;
  const link = (href: string, text: string, here: boolean) => `<li><a href="${shell.up}${href}"${here ? ' aria-current="page"' : ''}>${text}</a></li>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="journeymap report">
<title>${esc(shell.title)} · ${esc(shell.site)}</title>
<style>${a.css}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header>
<p class="site">${esc(shell.site)}</p>
<nav aria-label="Report">
<ul>${link('index.html', 'All maps', shell.current === 'index')}${link('improvements.html', 'Improvements board', shell.current === 'board')}</ul>
</nav>
</header>
<main id="main" tabindex="-1">
${main}
</main>
<footer>
<p>${shell.footer}</p>
</footer>
${shell.withScript ? `<script>${a.script}</script>\n` : ''}</body>
</html>
`;
}
