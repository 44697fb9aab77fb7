/** `# journeymap-disable-next-line RULE` comments: what they silence, and a misspelt rule name. */
import * as assert from 'node:assert/strict';
import { applyEdits, CLEAN_MAP, codes, edit, lint, MAP_URI, service } from './fixtures';

const HANDOFF = '    notifies_customer: true';

describe('disable comments', () => {
  it('silence several rules, comma- or space-separated, and stop at a second # (a note on why)', async () => {
    const text = edit(CLEAN_MAP, HANDOFF, '    # journeymap-disable-next-line sla-exceeded, silent-handoff # the desk calls back\n    notifies_customer: false');
    const ds = await lint(text);
    assert.ok(!codes(ds).includes('silent-handoff'), JSON.stringify(codes(ds)));
    assert.ok(!codes(ds).includes('invalid-value'), 'the note after # is not read as rule names');
  });

  it('a misspelt rule name is reported on the comment with a did-you-mean fix, and silences nothing', async () => {
    const text = edit(CLEAN_MAP, HANDOFF, '    # journeymap-disable-next-line silent-handof\n    notifies_customer: false');
    const ds = await lint(text);
    assert.ok(codes(ds).includes('silent-handoff'), 'the finding is still shown');
    const d = ds.find((x) => x.code === 'invalid-value');
    assert.ok(d, JSON.stringify(codes(ds)));
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /^`silent-handof` is not a journeymap rule, so this comment silences nothing\. Did you mean `silent-handoff`\?$/);
    const line = text.split('\n')[d.range.start.line];
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'silent-handof');
    const fixes = service().fixes(MAP_URI, text, d);
    assert.equal(fixes.length, 1);
    const fixed = applyEdits(text, fixes[0].edits);
    assert.ok(fixed.includes('# journeymap-disable-next-line silent-handoff\n'));
    assert.ok(!codes(await lint(fixed)).includes('silent-handoff'), 'the fixed comment silences the finding');
  });

  it('a name that is nothing like a rule points to the rule list', async () => {
    const text = edit(CLEAN_MAP, HANDOFF, '    # journeymap-disable-next-line zzzz\n    notifies_customer: false');
    const d = (await lint(text)).find((x) => x.code === 'invalid-value');
    assert.ok(d);
    assert.match(d.message, /listed in docs\/rules\.md/);
  });
});
