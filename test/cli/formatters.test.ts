import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { formatGithub, formatJson, formatText } from '../../src/cli/formatters';
import { safeLines, safeXml, visible, visibleText } from '../../src/cli/terminal';
import type { Diagnostic } from '../../src/core';
import { CLEAN_MAP, edit } from '../core/fixtures';
import { captureRender } from './capture';

const diagnostic = (message: string): Diagnostic => ({
  code: 'silent-handoff', severity: 'warning', message,
  range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } },
});

describe('CLI formatters', () => {
  it('github: escapes %, line breaks, and the property separators in file names', () => {
    const out = formatGithub([{ path: 'maps/a,b:c.journey.yaml', diagnostics: [diagnostic('100% silent\nsecond line')] }]);
    assert.equal(out.split('\n')[0], '::warning file=maps/a%2Cb%3Ac.journey.yaml,line=5,col=3,endLine=5,endColumn=10,title=silent-handoff::100%25 silent%0Asecond line');
  });

  it('text: colours only when asked, and keeps each finding on one line', () => {
    const plain = formatText([{ path: 'a.journey.yaml', diagnostics: [diagnostic('first\nsecond')] }], false);
    assert.equal(plain.split('\n')[0], 'a.journey.yaml:5:3  warning  first second  silent-handoff');
    assert.ok(!plain.includes('\u001b['));
    assert.ok(formatText([{ path: 'a.journey.yaml', diagnostics: [diagnostic('x')] }], true).includes('\u001b[33m'));
  });
});

/** Any character a terminal or a CI log acts on, except the line feeds between lines. */
 
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = 'evil\u001b[31mRED\u001b]0;pwned\u0007 \u009b2J \u202egnp.exe\u202c tab\there del\u007f ##[stop-commands]tok';

describe('CLI output boundary: control characters from a map never reach the terminal raw', () => {
  it('text: controls, C1, bidi and tabs shown as \\u escapes; the rest of the message kept', () => {
    const out = formatText([{ path: 'maps/e\u001b[2Jvil.journey.yaml', diagnostics: [diagnostic(HOSTILE)] }], false);
    assert.ok(!CONTROL.test(out), JSON.stringify(out));
    assert.equal(out.split('\n')[0], 'maps/e\\u001b[2Jvil.journey.yaml:5:3  warning  evil\\u001b[31mRED\\u001b]0;pwned\\u0007 \\u009b2J \\u202egnp.exe\\u202c tab\\u0009here del\\u007f ##\\u005bstop-commands]tok  silent-handoff');
    // Colour is still ours: the only ESC bytes are the CLI's own SGR sequences.
    const coloured = formatText([{ path: 'a.journey.yaml', diagnostics: [diagnostic(HOSTILE)] }], true);
    assert.deepEqual(coloured.match(/\u001b\[[\d;]*m/g)!.length, coloured.split('\u001b').length - 1);
  });

  it('text: a file name cannot start a GitHub workflow command line', () => {
    const out = formatText([{ path: '::error title=x::pwned.journey.yaml', diagnostics: [diagnostic('m')] }], false);
    assert.ok(out.split('\n').every((line) => !line.trimStart().startsWith('::')), out);
    assert.ok(out.startsWith('\\u003a:error title=x::pwned.journey.yaml:5:3'), out);
  });

  it('github: %, CR and LF keep their workflow-command escapes; other controls become \\u escapes', () => {
    const out = formatGithub([{ path: 'maps/e\u001bvil,x.journey.yaml', diagnostics: [diagnostic(`100%\r\n${HOSTILE}`)] }]);
    assert.ok(!CONTROL.test(out), JSON.stringify(out));
    assert.equal(out.split('\n')[0], '::warning file=maps/e\\u001bvil%2Cx.journey.yaml,line=5,col=3,endLine=5,endColumn=10,title=silent-handoff::'
      + '100%25%0D%0Aevil\\u001b[31mRED\\u001b]0;pwned\\u0007 \\u009b2J \\u202egnp.exe\\u202c tab\\u0009here del\\u007f ##\\u005bstop-commands]tok');
  });

  it('json: reads back exactly, with the characters JSON.stringify leaves raw escaped', () => {
    const path = 'maps/\u009bx\u202e.journey.yaml';
    const out = formatJson([{ path, diagnostics: [diagnostic(HOSTILE)] }]);
    assert.ok(!CONTROL.test(out), JSON.stringify(out));
    assert.ok(!out.includes('##['), out);
    const json = JSON.parse(out);
    assert.equal(json.files[0].path, path);
    assert.equal(json.files[0].diagnostics[0].message, HOSTILE);
  });

  it('the helpers: visible, visibleText, safeLines', () => {
    assert.equal(visible('a\u0000b\u001fc\u0085d\u2066e\u2069'), 'a\\u0000b\\u001fc\\u0085d\\u2066e\\u2069');
    assert.equal(visible('plain text, é, 日本, emoji 🙂 kept'), 'plain text, é, 日本, emoji 🙂 kept');
    // Invisible characters and the line and paragraph separators are shown, not passed on.
    assert.equal(visible('a\u200Bb\u200Dc\u2028d\u2029e\uFEFFf\u00ADg\u2060h'), 'a\\u200bb\\u200dc\\u2028d\\u2029e\\ufefff\\u00adg\\u2060h');
    assert.equal(visibleText('one\r\n::two\u0007\n  ::three'), 'one\n\\u003a:two\\u0007\n  \\u003a:three');
    assert.equal(safeLines('x ::y\n::z'), 'x ::y\n\\u003a:z');
  });

  it('safeXml: an XML reader gets the same text back, with no raw C1, bidi, CR, ##[ or line-leading ::', () => {
    const text = 'a\u009bb\u202ec ##[error]d';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><text title="${text}">${text}\r::warning::e\r\nf</text></svg>`;
    const safe = safeXml(svg);
    assert.ok(!CONTROL.test(safe) && !safe.includes('##[') && !/^\s*::/m.test(safe), safe);
    const parse = (s: string) => new DOMParser().parseFromString(s, 'image/svg+xml').documentElement!.firstChild as unknown as { textContent: string; getAttribute(n: string): string };
    assert.equal(parse(safe).textContent, parse(svg).textContent);
    assert.equal(parse(safe).textContent, `${text}\n::warning::e\nf`);
    assert.equal(parse(safe).getAttribute('title'), text);
  });

  it('render: the SVG on stdout and the messages on stderr carry no raw control character', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jm-boundary-'));
    try {
      const map = join(dir, 'm.journey.yaml');
      writeFileSync(map, edit(CLEAN_MAP, 'title: Admin locked out of account', 'title: "Admin \\x9b2J locked ##[stop-commands]tok out"'));
      const ok = await captureRender([map]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.ok(!CONTROL.test(ok.stdout.replace(/\n/g, '')) && !ok.stdout.includes('##['), 'raw control in the SVG');
      assert.ok(ok.stdout.includes('Admin &#x9b;2J locked ##&#x5b;stop-commands]tok out'), 'the title is kept as character references');
      const broken = join(dir, 'b\u001b]0;x\u0007.journey.yaml');
      writeFileSync(broken, '"\u001b[2J": [\n');
      const bad = await captureRender([broken]);
      assert.equal(bad.code, 1);
      assert.ok(!CONTROL.test(bad.stderr.replace(/\n/g, '')), JSON.stringify(bad.stderr));
      assert.match(bad.stderr, /cannot draw .*b\\u001b\]0;x\\u0007\.journey\.yaml:/);
      const usage = await captureRender(['--theme', 'x\u001b[2J']);
      assert.equal(usage.code, 2);
      assert.ok(!CONTROL.test(usage.stderr.replace(/\n/g, '')), JSON.stringify(usage.stderr));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
