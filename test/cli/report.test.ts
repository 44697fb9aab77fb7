import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE, hostileIdsMap, hostileMap } from '../core/hostile';
import { runCli } from './capture';

const REPO = join(__dirname, '..', '..', '..');
const REPO_URL = 'https://github.com/org/repo/blob/main/';
const TODAY = '2027-01-20';

/** Every page of a written report, by its path in the folder. */
function pages(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of ['index.html', 'improvements.html']) found.set(name, readFileSync(join(dir, name), 'utf8'));
  for (const name of readdirSync(join(dir, 'maps'))) found.set(`maps/${name}`, readFileSync(join(dir, 'maps', name), 'utf8'));
  return found;
}

/** The targets of every link on a page (attribute values as written, entities decoded). */
function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

/**
 * Every start tag of a page with its attribute names, read with the attribute syntax the report
 * writes (name="value", values without a raw quote); a `<` followed by a letter that is not such a
 * tag is reported as `?`, so text that slipped through unescaped cannot hide from the checks.
 */
function tags(html: string): { name: string; attributes: string[] }[] {
  const found: { name: string; attributes: string[] }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)([^<>]*)>/g)) {
    const rest = m[2].replace(/\/$/, '');
    const attributes = [...rest.matchAll(/\s([\w:-]+)(?:="[^"<>]*")?/g)].map((a) => a[1].toLowerCase());
    const wellFormed = /^(?:\s+[\w:-]+(?:="[^"<>]*")?)*\s*$/.test(rest);
    found.push({ name: wellFormed ? m[1].toLowerCase() : '?', attributes });
  }
  return found;
}

/** Element names that must never come from a map: markup that runs, loads or embeds. */
const FORBIDDEN = /<(iframe|img|image|object|embed|link|base|form|input|foreignObject|use|math|meta\s+http-equiv="refresh")\b/i;

describe('journeymap report', function () {
  this.timeout(120000);
  let ws: string;

  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'journeymap-report-'));
    mkdirSync(join(ws, '.git'));
    cpSync(join(REPO, 'examples'), join(ws, 'examples'), { recursive: true });
    cpSync(join(REPO, 'test', 'maps'), join(ws, 'test', 'maps'), { recursive: true });
    // The same file name in two folders: two pages.
    const printer = readFileSync(join(REPO, 'test', 'maps', 'printer-ticket-minimal.journey.yaml'), 'utf8');
    for (const team of ['emea', 'apac']) {
      mkdirSync(join(ws, 'teams', team), { recursive: true });
      writeFileSync(join(ws, 'teams', team, 'printer.journey.yaml'), printer.replace(/^title: .*$/m, `title: Printer jam (${team})`));
    }
    mkdirSync(join(ws, 'broken'));
    writeFileSync(join(ws, 'broken', 'unclosed.journey.yaml'), 'journeymap: 1\ntitle: [unclosed\n');
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('writes an index, a page per map and the improvements board for folders of maps (exit 0)', async () => {
    const r = await runCli(['report', 'examples', 'test/maps', 'teams', 'broken', '-o', 'site', '--today', TODAY], ws);
    assert.equal(r.code, 0, r.stderr);
    const site = pages(join(ws, 'site'));
    const mapPages = [...site.keys()].filter((p) => p.startsWith('maps/'));
    assert.equal(mapPages.length, 3 + 10 + 2 + 1, mapPages.join(', '));
    assert.match(r.stderr, /wrote 18 pages to site: index\.html, improvements\.html and 16 map pages in maps\/ \(1 of the maps cannot be read/);
    // Two maps named printer.journey.yaml in different folders get two pages.
    assert.ok(site.has('maps/teams-emea-printer.html') && site.has('maps/teams-apac-printer.html'), mapPages.join(', '));
    for (const html of site.values()) {
      assert.match(html, /^<!doctype html>\n<html lang="en">/);
      assert.equal(html.match(/<h1>/g)?.length, 1, 'one h1 per page');
      for (const landmark of ['<header>', '<nav aria-label="Report">', '<main id="main"', '<footer>']) assert.ok(html.includes(landmark), landmark);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src ('sha256-[^']+'|'none');/);
    }
  });

  it('the index has one row per map, linking to its page, with review, findings, misses and improvements', () => {
    const index = readFileSync(join(ws, 'site', 'index.html'), 'utf8');
    const rows = index.slice(index.indexOf('<tbody>'), index.indexOf('</tbody>')).split('<tr>').slice(1);
    assert.equal(rows.length, 16);
    const locked = rows.find((row) => row.includes('Admin locked out of account'))!;
    assert.match(locked, /<th scope="row" [^>]*><a href="maps\/examples-locked-out-admin\.html">Admin locked out of account<\/a>/);
    assert.match(locked, /examples\/locked-out-admin\.journey\.yaml/);
    assert.match(locked, /Service desk team lead \(Priya Raman\)/);
    assert.match(locked, /overdue \d+ days|due in \d+ days/);
    assert.match(locked, /worst: [\w_]+ at [\w-]+, [^<]+ against [^<]+ \(misses by [^)]+\)/);
    for (const href of hrefs(index).filter((h) => h.startsWith('maps/'))) assert.ok(existsSync(join(ws, 'site', href)), href);
    assert.match(index, /<p class="summary">16 maps, \d+ overdue for review, .* 1 map cannot be read\.<\/p>/);
    assert.match(index, /<caption id="maps-caption">/);
    assert.match(index, /<th scope="col">Owner<\/th>/);
    // Needing attention first: the review column runs overdue → due soon → no date → reviewed.
    const order = rows.map((row) => /<span class="(overdue|due-soon|no-date|ok)">/.exec(row)?.[1]).filter(Boolean);
    const rank = order.map((s) => ['overdue', 'due-soon', 'no-date', 'ok'].indexOf(s!));
    assert.deepEqual(rank, [...rank].sort((a, b) => a - b));
  });

  it('a map page has the diagram as render draws it, the metrics with n, the improvements and the findings', () => {
    const html = readFileSync(join(ws, 'site', 'maps', 'examples-locked-out-admin.html'), 'utf8');
    assert.match(html, /<h1>Admin locked out of account<\/h1>/);
    assert.match(html, /<figure>\n<div class="diagram diagram-light" role="region" [^>]*><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="jm-diagram"[^>]* data-theme="light" data-detail="full"/);
    assert.match(html, /<div class="diagram diagram-dark" [^>]*><svg [^>]*aria-labelledby="dark-jm-title"[^>]*data-theme="dark"/);
    assert.equal(html.match(/ id="jm-title"/g)?.length, 1, 'the two pictures have their own ids');
    assert.match(html, /<figcaption>The swimlane diagram: 16 touchpoints in 6 stages across 5 lanes/);
    assert.match(html, /<tr><th scope="row">desk-ack<\/th><td>fcr<\/td><td>[\d.]+% <span class="muted">\(computed\)<\/span><\/td><td>75%<\/td><td><span class="misses">misses by [^<]+<\/span><\/td><td>desk-export<\/td><td class="num">\d+<\/td><\/tr>/);
    assert.match(html, /<tr id="improvement-L\d+"><th scope="row">kb-refresh<\/th><td class="hypothesis">We believe that /);
    assert.match(html, /<h2 id="findings">Findings<\/h2>/);
    assert.match(html, /<td class="num" data-sort="\d+">Line \d+<\/td><td><span class="info">info<\/span><\/td>/, 'without --repo-url, lines are plain text');
    assert.ok(!html.includes('github.com'));
    // The board's links land on the improvements' rows.
    const board = readFileSync(join(ws, 'site', 'improvements.html'), 'utf8');
    const anchors = hrefs(board).filter((h) => h.includes('#') && !h.startsWith('#'));
    assert.ok(anchors.length > 20);
    for (const href of anchors) {
      const [file, id] = href.split('#');
      assert.ok(readFileSync(join(ws, 'site', file), 'utf8').includes(`id="${id}"`), href);
    }
    assert.match(board, /<h2 id="board-0">Overdue/, 'on 2027-01-20 some improvements are overdue, and they come first');
    assert.ok(board.indexOf('>Overdue') < board.indexOf('>In progress'), 'overdue before in progress');
  });

  it('a map that cannot be read still gets a row and a page saying why, with its errors', () => {
    const html = readFileSync(join(ws, 'site', 'maps', 'broken-unclosed.html'), 'utf8');
    assert.match(html, /<h1>unclosed\.journey\.yaml<\/h1>/);
    assert.match(html, /cannot be read as a journey map/);
    assert.match(html, /<span class="error">error<\/span><\/td><td>The <code>\[<\/code> list on this line is not closed\.(?:[^<]|<\/?code>)+<\/td><td><code>yaml-syntax<\/code>/);
    assert.ok(!html.includes('<svg'));
    const index = readFileSync(join(ws, 'site', 'index.html'), 'utf8');
    assert.match(index, /<a href="maps\/broken-unclosed\.html">unclosed\.journey\.yaml <span class="error">\(cannot be read\)<\/span><\/a>/);
  });

  it('--repo-url links each map and each finding line to the file in the repository', async () => {
    const r = await runCli(['report', 'examples', '-o', 'site-repo', '--today', TODAY, '--repo-url', 'https://github.com/org/repo/blob/main', '--theme', 'dark'], ws);
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(join(ws, 'site-repo', 'maps', 'examples-locked-out-admin.html'), 'utf8');
    assert.ok(html.includes(`<a href="${REPO_URL}examples/locked-out-admin.journey.yaml">examples/locked-out-admin.journey.yaml`), 'the file');
    assert.match(html, new RegExp(`<a href="${REPO_URL.replace(/\./g, '\\.')}examples/locked-out-admin\\.journey\\.yaml#L\\d+">Line \\d+<span class="visually-hidden"> of examples/locked-out-admin\\.journey\\.yaml in the repository</span></a>`));
    // --theme dark: one picture, dark.
    assert.equal(html.match(/<svg /g)?.length, 1);
    assert.match(html, /data-theme="dark"/);
  });

  it('escapes hostile text from maps on every page: nothing runs, loads or embeds', async () => {
    mkdirSync(join(ws, 'hostile'));
    HOSTILE.forEach((h, i) => {
      writeFileSync(join(ws, 'hostile', `h${i}.journey.yaml`), hostileMap(h));
      writeFileSync(join(ws, 'hostile', `ids${i}.journey.yaml`), hostileIdsMap(h));
    });
    const r = await runCli(['report', 'hostile', '-o', 'site-hostile', '--today', TODAY, '--repo-url', REPO_URL, '--title', 'Maps <script>alert(1)</script>'], ws);
    assert.equal(r.code, 0, r.stderr);
    const site = pages(join(ws, 'site-hostile'));
    assert.equal(site.size, 2 + 2 * HOSTILE.length);
    for (const [name, html] of site) {
      assert.equal(html.match(/<script\b/gi)?.length ?? 0, name === 'index.html' ? 1 : 0, `${name}: only the report's own script`);
      assert.equal(html.match(/<style\b/gi)?.length, 1, `${name}: only the report's own style sheet`);
      assert.ok(!FORBIDDEN.test(html), `${name}: ${FORBIDDEN.exec(html)?.[0]}`);
      for (const tag of tags(html)) {
        assert.notEqual(tag.name, '?', `${name}: a tag the report does not write`);
        assert.ok(!tag.attributes.some((a) => a.startsWith('on') || a === 'style' || a === 'src' || a === 'xlink:href'), `${name}: <${tag.name} ${tag.attributes.join(' ')}>`);
      }
      assert.ok(!/<!\[CDATA\[|<!DOCTYPE x|<\?xml/i.test(html), `${name}: CDATA, DOCTYPE or a processing instruction`);
      assert.ok(!/[\u202a-\u202e\u2066-\u2069\u0000-\u0008]/.test(html), `${name}: bidi or control characters`);
      for (const href of hrefs(html)) {
        assert.ok(/^(maps\/[a-z0-9-]+\.html(#improvement-L\d+)?|\.\.\/(index|improvements)\.html|index\.html|improvements\.html|#main)$/.test(href) || href.startsWith(REPO_URL), `${name}: link to ${href}`);
      }
    }
    const index = site.get('index.html')!;
    assert.ok(index.includes('Title &lt;script&gt;alert(1)&lt;/script&gt;'), 'the hostile title is shown, as text');
    assert.ok(index.includes('<p class="site">Maps &lt;script&gt;alert(1)&lt;/script&gt;</p>'));
    const page = site.get('maps/hostile-h0.html')!;
    assert.ok(page.includes('We believe that experiment &lt;script&gt;alert(1)&lt;/script&gt;'), page.slice(page.indexOf('hypothesis'), page.indexOf('hypothesis') + 300));
    assert.ok(site.get('improvements.html')!.includes('Experiment &lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('refuses to write outside the folder: a symbolic link in it that leads out (exit 2)', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'journeymap-outside-'));
    try {
      mkdirSync(join(ws, 'linked'));
      symlinkSync(outside, join(ws, 'linked', 'maps'));
      let r = await runCli(['report', 'examples', '-o', 'linked', '--today', TODAY], ws);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /its maps folder leads outside it \(a symbolic link\); nothing is written outside it/);
      assert.deepEqual(readdirSync(outside), []);
      mkdirSync(join(ws, 'linked2'));
      writeFileSync(join(outside, 'index.html'), 'mine');
      symlinkSync(join(outside, 'index.html'), join(ws, 'linked2', 'index.html'));
      r = await runCli(['report', 'examples', '-o', 'linked2', '--today', TODAY], ws);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot write index\.html in linked2: it leads outside the folder/);
      assert.equal(readFileSync(join(outside, 'index.html'), 'utf8'), 'mine');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('exit 2 for usage and I/O errors, with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['report', 'examples'], /report needs -o DIR/],
      [['report', 'examples', '-o', 'x', '--theme', 'sepia'], /--theme must be light, dark or auto, not "sepia"/],
      [['report', 'examples', '-o', 'x', '--today', '2026-02-30'], /--today must be a real date/],
      [['report', 'examples', '-o', 'x', '--repo-url', 'not a url'], /--repo-url must be a URL/],
      [['report', 'examples', '-o', 'x', '--repo-url', 'javascript:alert(1)'], /--repo-url must be an http or https URL/],
      [['report', 'examples', '-o', 'x', '--frobnicate'], /Unknown option '--frobnicate'/],
      [['report', 'nowhere', '-o', 'x'], /no such file or folder: nowhere/],
      [['report', '.git', '-o', 'x'], /no journey maps/],
      [['report', 'examples', '-o', 'examples/locked-out-admin.journey.yaml'], /is not a folder/],
      [['report', 'examples', '-o', 'x', '--root', 'nowhere'], /--root nowhere: no such folder/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, ws);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, argv.join(' '));
    }
    assert.ok(!existsSync(join(ws, 'x')), 'nothing written on a usage error');
  });

  it('help names the command and its options', async () => {
    const r = await runCli(['report', '--help'], ws);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: journeymap report \[files or folders\.\.\.\] -o DIR/);
    assert.match((await runCli(['help'], ws)).stdout, /report \[paths\.\.\.\] -o DIR/);
  });
});
