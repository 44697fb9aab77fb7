/**
 * Findings you can trust: a file that does not parse always fails, one mistake gives one finding,
 * the rules added from QA on maps written by ITSM teams must not fire where they should not, and
 * the messages say what to do (with the quick fix where one is obvious).
 */
import * as assert from 'node:assert/strict';
import { applyEdits, CLEAN_MAP, codes, edit, lint, MAP_URI, service } from './fixtures';

async function firstFix(text: string, code: string): Promise<{ text: string; title: string }> {
  const diagnostic = (await lint(text)).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code}: ${JSON.stringify(codes(await lint(text)))}`);
  const fixes = service().fixes(MAP_URI, text, diagnostic);
  assert.ok(fixes.length > 0, `no fix for ${code}`);
  return { text: applyEdits(text, fixes[0].edits), title: fixes[0].title };
}

describe('findings you can trust', () => {
  describe('a file that cannot be read as a map always fails', () => {
    it('an empty file, or a list, is an error even with its rule switched off or silenced', async () => {
      for (const [text, code] of [['', 'missing-field'], ['- a\n- b\n', 'invalid-value']] as const) {
        const ds = await lint(`# journeymap-disable-next-line ${code}\n${text}`, { rules: { [code]: 'off' } });
        assert.ok(ds.some((d) => d.code === code && d.severity === 'error' && d.fatal), `${JSON.stringify(ds)}`);
      }
    });

    it('switching off the rule a readable map\'s finding comes from still works (only unreadable files are fixed)', async () => {
      const ds = await lint(edit(CLEAN_MAP, 'feels: -2', 'feels: -4'), { rules: { 'invalid-value': 'off' } });
      assert.ok(!codes(ds).includes('invalid-value'));
    });
  });

  describe('one mistake, one finding', () => {
    // A value written wrong is reported as what it is; the rules about the field stay quiet.
    const cases: [string, string, string][] = [
      ['notifies_customer: true', 'notifies_customer: yes', 'silent-handoff'],
      ['owner: Service desk team lead', 'owner: [Service desk, IAM]', 'no-owner'],
      ['kind: tickets', 'kind: ticket-export', 'assumption-only'],
      ['experiment: Show when the lock expires on the sign-in page', 'experiment: [Show when the lock expires]', 'hypothesis-incomplete'],
      ['          time_to_resolution: { value: 3h, target: 4h }', '          time_to_resolution: 3 hours', 'metric-without-target'],
      ['csat: { value: 4.1/5, target: 4.5/5 }', 'csat: { value: 4.1/5, target: 4.5/5, better: up }', 'unknown-metric'],
    ];
    for (const [from, to, quiet] of cases) {
      it(`\`${to.trim()}\` is one invalid-value on its line, not also ${quiet}`, async () => {
        const text = edit(CLEAN_MAP, from, to);
        const ds = await lint(text); // the clean map has no findings: all of these are the mutation's
        const line = text.split('\n').findIndex((l) => l.includes(to.trim().split('\n')[0]));
        assert.ok(ds.some((d) => d.code === 'invalid-value' && d.range.start.line === line), JSON.stringify(ds.map((d) => [d.code, d.range.start.line])));
        assert.ok(!codes(ds).includes(quiet), `${quiet} fired too: ${JSON.stringify(codes(ds))}`);
      });
    }

    it('`metrics: fcr` on a touchpoint is an invalid value, not also "measures nothing"; `metrics: {}` does measure nothing', async () => {
      const wrong = await lint(edit(CLEAN_MAP, '        metrics:\n          fcr: { value: 64%, target: 80% }\n', '        metrics: fcr\n'));
      assert.ok(codes(wrong).includes('invalid-value') && !codes(wrong).includes('missing-metric'), JSON.stringify(codes(wrong)));
      const empty = await lint(edit(CLEAN_MAP, '        metrics:\n          fcr: { value: 64%, target: 80% }\n', '        metrics: {}\n'));
      assert.ok(codes(empty).includes('missing-metric'), JSON.stringify(codes(empty)));
    });

    it('a mistyped lane reference is one unknown-reference, not also an unused lane', async () => {
      const ds = await lint(edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n'));
      assert.deepEqual(codes(ds), ['unknown-reference']);
      const unrelated = await lint(edit(CLEAN_MAP, 'lane: iam\n', 'lane: facilities\n'));
      assert.deepEqual(codes(unrelated).sort(), ['unknown-reference', 'unused-lane'], 'a lane no reference was meant for is still unused');
    });
  });

  describe('new rules stay quiet where they must', () => {
    const pains = (list: string) => edit(CLEAN_MAP, 'pains: [No hint how long the lock lasts]', `pains: ${list}`);

    it('split-list-item: a comma inside a number or a continued sentence, not a list of separate pains', async () => {
      assert.ok(codes(await lint(pains('[The form is generic, not one for this printer]'))).includes('split-list-item'));
      for (const fine of ['[Slow portal, Confusing form]', '[slow portal, confusing form]', '[Slow portal, confusing form]', '["Refunds above 1,000 EUR take a week"]', '[No hint, No timer]']) {
        assert.ok(!codes(await lint(pains(fine))).includes('split-list-item'), fine);
      }
    });

    it('split-list-item: the fix quotes the entry back into one', async () => {
      const fixed = await firstFix(pains('[Refunds above 1,000 EUR take a week]'), 'split-list-item');
      assert.equal(fixed.text, pains('["Refunds above 1,000 EUR take a week"]'));
      assert.deepEqual(codes(await lint(fixed.text)), []);
    });

    it('improvement-overdue: not when done or dropped, not before its due date', async () => {
      const overdue = edit(CLEAN_MAP, 'due: 2026-12-31', 'due: 2026-10-31');
      assert.ok(codes(await lint(overdue)).includes('improvement-overdue'));
      for (const status of ['done', 'dropped']) {
        assert.ok(!codes(await lint(edit(overdue, '    due: 2026-10-31\n', `    due: 2026-10-31\n    status: ${status}\n`))).includes('improvement-overdue'), status);
      }
      const d = (await lint(edit(overdue, '    due: 2026-10-31\n', '    due: 2026-10-31\n    status: in-progress\n'))).find((x) => x.code === 'improvement-overdue')!;
      assert.match(d.message, /due 2026-10-31, 27 days ago, and is still `in-progress`.*with its owner \(IAM team\)/);
    });

    it('stale-metric: not for a metric computed from an export, nor one measured near the review', async () => {
      assert.ok(!codes(await lint(edit(CLEAN_MAP, 'as_of: 2026-09-30', 'as_of: 2026-08-15'))).includes('stale-metric'));
      const d = (await lint(edit(CLEAN_MAP, 'as_of: 2026-09-30', 'as_of: 2026-03-31'))).find((x) => x.code === 'stale-metric')!;
      assert.match(d.message, /`repeat_contact_rate` was measured 2026-03-31, 213 days before the last review \(2026-10-30\)/);
    });

    it('assumed-metric: not for a metric whose source is measured evidence', async () => {
      assert.ok(!codes(await lint(CLEAN_MAP)).includes('assumed-metric'));
    });

    it('improvement-unlinked: the fix links it to a touchpoint whose pains nobody addresses', async () => {
      const text = edit(CLEAN_MAP, '    for: [locked-out]\n', '');
      const d = (await lint(text)).find((x) => x.code === 'improvement-unlinked')!;
      assert.match(d.message, /Touchpoints with pains no improvement addresses: locked-out\./);
      const fixed = await firstFix(text, 'improvement-unlinked');
      assert.match(fixed.title, /Link it to 'locked-out'/);
      assert.deepEqual(codes(await lint(fixed.text)), []);
    });
  });

  describe('messages that say what to do', () => {
    it('sla-exceeded names the handoff, the SLA, the wait and what to look at', async () => {
      const d = (await lint(edit(CLEAN_MAP, 'wait: 3h', 'wait: 6h'))).find((x) => x.code === 'sla-exceeded')!;
      assert.match(d.message, /^The handoff from `desk-verify` to `iam-unlock` waits 6h against an SLA of 4h \(2h over\)\. Find where the work stalls/);
    });

    it('improvement-unowned names exactly the missing fields', async () => {
      const noOwner = (await lint(edit(CLEAN_MAP, '    owner: IAM team\n', ''))).find((x) => x.code === 'improvement-unowned')!;
      assert.match(noOwner.message, /has no owner: .* Add `owner:` \(who delivers it\)\.$/);
      assert.doesNotMatch(noOwner.message, /due/);
      const both = (await lint(edit(edit(CLEAN_MAP, '    owner: IAM team\n', ''), '    due: 2026-12-31\n', ''))).find((x) => x.code === 'improvement-unowned')!;
      assert.match(both.message, /has no owner and no due date: .* Add `owner:` \(who delivers it\) and `due:` \(by when, YYYY-MM-DD\)\.$/);
    });

    it('unknown-reference says when the id belongs to another kind', async () => {
      const d = (await lint(edit(CLEAN_MAP, '        name: Signs in again\n', '        name: Signs in again\n        next: [contact]\n'))).find((x) => x.code === 'unknown-reference')!;
      assert.match(d.message, /`contact` is a stage id, and this field takes a touchpoint id/);
    });

    it('unknown-metric: a near miss of a catalogue name gets the name, and the fix renames it', async () => {
      const text = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'frc: { value: 64%, target: 80% }');
      const d = (await lint(text)).find((x) => x.code === 'unknown-metric')!;
      assert.match(d.message, /Did you mean `fcr` \(First Contact Resolution\)\?/);
      assert.equal((await firstFix(text, 'unknown-metric')).text, CLEAN_MAP);
    });

    it('a number without its unit gets the unit, as a quick fix', async () => {
      const metric = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64, target: 80% }');
      const d = (await lint(metric)).find((x) => x.code === 'invalid-value')!;
      assert.match(d.message, /Did you mean `64%`\?/);
      assert.equal((await firstFix(metric, 'invalid-value')).text, CLEAN_MAP);
      const sla = edit(CLEAN_MAP, 'sla: 4h', 'sla: 4');
      assert.match((await lint(sla)).find((x) => x.code === 'invalid-value')!.message, /`4` has no unit\. Did you mean `4h` \(hours\)\?/);
      assert.equal((await firstFix(sla, 'invalid-value')).text, CLEAN_MAP);
      const rating = edit(CLEAN_MAP, 'csat: { value: 4.1/5, target: 4.5/5 }', 'csat: { value: 4.1/5, target: 4.5 }');
      assert.equal((await firstFix(rating, 'invalid-value')).text, CLEAN_MAP);
    });

    it('feels off the scale: the first fix sets it to the nearest end, and is preferred', async () => {
      const text = edit(CLEAN_MAP, 'feels: 2', 'feels: 5');
      const d = (await lint(text)).find((x) => x.code === 'invalid-value')!;
      const fixes = service().fixes(MAP_URI, text, d);
      assert.equal(fixes[0].title, "Change to '3'");
      assert.equal(fixes[0].isPreferred, true);
      assert.equal(applyEdits(text, fixes[0].edits), edit(CLEAN_MAP, 'feels: 2', 'feels: 3'));
    });

    it('missing-metric suggests metrics that fit the touchpoint\'s stage and lane, not the same three everywhere', async () => {
      const without = (tp: string) => (t: string) => t.replace(new RegExp(`(- id: ${tp}\\n(?: {8}.*\\n)*?) {8}metrics:\\n(?: {10}.*\\n)+`), '$1');
      const text = without('back-in')(without('iam-unlock')(CLEAN_MAP));
      assert.notEqual(text, CLEAN_MAP);
      const ds = (await lint(text)).filter((d) => d.code === 'missing-metric');
      assert.equal(ds.length, 2);
      const [iam, back] = ds.map((d) => d.message);
      assert.match(iam, /time_to_resolution|mttr|backlog_age/, iam);
      assert.match(back, /csat|ces|repeat_contact_rate/, back);
      assert.notEqual(iam.split(':')[1], back.split(':')[1]);
    });

    it('a loop behind the line of visibility is rework by the teams, not the customer repeating a step', async () => {
      const text = edit(CLEAN_MAP, '        name: IAM unlocks the account\n', '        name: IAM unlocks the account\n        next: [desk-verify]\n');
      const d = (await lint(text)).find((x) => x.code === 'loop')!;
      assert.match(d.message, /the front line repeats a step \(rework\)/);
      assert.doesNotMatch(d.message, /customer/);
    });

    it('a disable comment takes its reason after `--` as ESLint writes it, without a finding per word', async () => {
      const text = edit(CLEAN_MAP, '    notifies_customer: true', '    # journeymap-disable-next-line silent-handoff -- the bridge call tells them\n    notifies_customer: false');
      assert.deepEqual(codes(await lint(text)), []);
    });
  });
});
