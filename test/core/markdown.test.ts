/**
 * Runbook anchors as GitHub builds them (github-slugger over the text a CommonMark parser finds):
 * the cases GitHub documents for heading links, plus what a runbook really holds.
 */
import * as assert from 'node:assert/strict';
import { anchorLine, markdownAnchors, markdownHeadings, markdownOutline, markdownSection } from '../../src/core';
import { CLEAN_MAP, codes, edit, FILES, lint, memoryReader } from './fixtures';

const slugs = (text: string) => markdownHeadings(text).map((h) => h.slug);

describe('markdown anchors (GitHub\'s rules)', () => {
  it('lower case, punctuation dropped, spaces to hyphens; a code span keeps its text and underscores', () => {
    assert.deepEqual(slugs('# Account lockout: what to do?\n'), ['account-lockout-what-to-do']);
    assert.deepEqual(slugs('## Use the `snake_case_name` field\n'), ['use-the-snake_case_name-field']);
    assert.deepEqual(slugs('## **Bold** and _em_ and [a link](x.md)\n'), ['bold-and-em-and-a-link']);
    assert.deepEqual(slugs('## Étape 2 — réinitialiser\n'), ['étape-2--réinitialiser']);
  });

  it('an escaped character is part of the heading\'s text; an anchor inside a heading counts once', () => {
    assert.deepEqual(markdownHeadings('## Step \\#2: \\*now\\*\n').map((h) => [h.text, h.slug]), [['Step #2: *now*', 'step-2-now']]);
    const outline = markdownOutline('## Reset <a name="reset-now"></a> MFA\n');
    assert.deepEqual(outline.explicit, [{ name: 'reset-now', line: 0 }]);
    assert.equal(outline.headings[0].slug, 'reset--mfa');
  });

  it('repeated headings get -1, -2, as GitHub numbers them', () => {
    assert.deepEqual(slugs('## Steps\n\n## Steps\n\n## Steps\n'), ['steps', 'steps-1', 'steps-2']);
  });

  it('setext headings count; a list item followed by --- does not make a heading of itself', () => {
    assert.deepEqual(slugs('Triage\n======\n\nDetails\n-------\n'), ['triage', 'details']);
  });

  it('headings in fenced and indented code, and YAML front matter, are not headings', () => {
    const text = '---\ntitle: Lockout\nowner: Desk\n---\n# Real\n\n```\n# not a heading\n```\n\n    # indented code\n';
    assert.deepEqual(slugs(text), ['real']);
    assert.equal(markdownHeadings(text)[0].line, 4, 'line numbers are kept past the front matter');
  });

  it('explicit HTML anchors count: <a name>, <a id>, any element with id', () => {
    const outline = markdownOutline('# Runbook\n\n<a name="reset-mfa"></a>\nText with <span id=\'inline-anchor\'>here</span>.\n\n<div id=block>\n</div>\n');
    const anchors = markdownAnchors(outline);
    for (const name of ['runbook', 'reset-mfa', 'inline-anchor', 'block']) assert.ok(anchors.has(name), name);
    assert.equal(anchorLine(outline, 'reset-mfa'), 2);
  });

  it('a runbook link to a code-span heading, an HTML anchor or a duplicate passes; a near miss gets a did-you-mean', async () => {
    const runbook = '# Lockout\n\n## Use the `unlock_user` command\n\n<a name="escalate"></a>\n\n## Steps\n\n## Steps\n';
    const files = { ...FILES, '/ws/runbooks/lockout.md': runbook };
    for (const anchor of ['use-the-unlock_user-command', 'escalate', 'steps-1']) {
      const d = await lint(edit(CLEAN_MAP, 'lockout.md#symptoms', `lockout.md#${anchor}`), { fileReader: memoryReader(files) });
      assert.ok(!codes(d).includes('runbook-anchor-missing'), anchor);
    }
    const miss = (await lint(edit(CLEAN_MAP, 'lockout.md#symptoms', 'lockout.md#use-the-unlockuser-command'), { fileReader: memoryReader(files) }))
      .find((d) => d.code === 'runbook-anchor-missing');
    assert.match(miss?.message ?? '', /Did you mean `#use-the-unlock_user-command`\?/);
    assert.equal(miss?.data?.suggestion, 'use-the-unlock_user-command');
  });
});

describe('markdownSection (the runbook hover)', () => {
  const runbook = '# Lockout\n\nIntro.\n\n## Symptoms\n\nThe admin sees "locked".\n\n### Detail\n\nMore.\n\n## Resolution\n\nUnlock.\n';
  it('is the heading the anchor names, up to the next heading of the same or a higher level', () => {
    assert.equal(markdownSection(runbook, 'symptoms', 20), '## Symptoms\n\nThe admin sees "locked".\n\n### Detail\n\nMore.');
    assert.equal(markdownSection(runbook, 'resolution', 20), '## Resolution\n\nUnlock.');
  });
  it('is cut to a number of lines, with an ellipsis; an unknown anchor has none', () => {
    assert.equal(markdownSection(runbook, 'symptoms', 3), '## Symptoms\n\nThe admin sees "locked".\n\n…');
    assert.equal(markdownSection(runbook, 'nowhere', 20), undefined);
  });
});
