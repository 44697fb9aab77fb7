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
