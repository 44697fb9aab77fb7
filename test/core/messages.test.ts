/** Messages for values a new user gets wrong: each says what is wrong and what to write instead. */
import * as assert from 'node:assert/strict';
import { CLEAN_MAP, edit, lint } from './fixtures';

async function invalid(from: string, to: string): Promise<string> {
  const d = (await lint(edit(CLEAN_MAP, from, to))).find((x) => x.code === 'invalid-value');
  assert.ok(d, `no invalid-value for ${to}`);
  return d.message;
}

describe('messages for common slips', () => {
  it('a quoted feels says to remove the quotes', async () => {
    assert.equal(await invalid('feels: -2', 'feels: "-2"'), '`feels` is a number, but `"-2"` is written as text: remove the quotes.');
  });

  it('a misspelt cadence gets a did-you-mean', async () => {
    assert.match(await invalid('every: quarter', 'every: quaterly'), /^`quaterly` is not a review cadence\. Did you mean `quarter`\?/);
  });

  it('a compound duration is given in one unit', async () => {
    assert.match(await invalid('time_to_resolution: { value: 3h, target: 4h }', 'time_to_resolution: { value: 4h30m, target: 4h }'), /in one unit: 4\.5h for 4h30m/);
  });

  it('an id with accents says ids are ASCII and where such text goes', async () => {
    assert.match(await invalid('  - id: admin\n', '  - id: admïn\n'), /use ASCII letters .*put accented or other scripts in `name:`/);
  });
});

describe('a field written with a wrong value is reported once, as invalid-value, not also as missing', () => {
  const cases: [string, string, string, string][] = [
    ['metric target', 'fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: eighty }', 'metric-without-target'],
    ['handoff sla', 'sla: 4h', 'sla: soon', 'handoff-without-sla'],
    ['customer feels', 'feels: -2', 'feels: -5', 'missing-emotion'],
  ];
  for (const [what, from, to, absence] of cases) {
    it(what, async () => {
      const ds = await lint(edit(CLEAN_MAP, from, to));
      assert.ok(ds.some((d) => d.code === 'invalid-value'), JSON.stringify(ds.map((d) => d.code)));
      assert.ok(!ds.some((d) => d.code === absence), `${absence} too: ${JSON.stringify(ds.map((d) => d.code))}`);
    });
  }

  it('an improvement due date that is not a date is not also "no due date"', async () => {
    const ds = await lint(edit(CLEAN_MAP, 'due: 2026-12-31', 'due: 2026-02-30'));
    assert.ok(ds.some((d) => d.code === 'invalid-value'));
    assert.ok(!ds.some((d) => d.code === 'improvement-unowned'), JSON.stringify(ds.map((d) => `${d.code}: ${d.message}`)));
  });
});
