/**
 * YAML syntax errors: the parser's first errors are reported, its echoes counted, and the rules
 * wait until the YAML parses (a partial tree would make them report fields that are there).
 */
import * as assert from 'node:assert/strict';
import { parseJourney } from '../../src/core';
import { CLEAN_MAP, codes, edit, lint } from './fixtures';

describe('syntax errors', () => {
  it('a syntax error pauses the other rules (a partial tree would make them report fields that are there) and says so', async () => {
    const text = edit(edit(CLEAN_MAP, 'owner: Service desk team lead\n', ''), 'pains: [No hint how long the lock lasts]', 'pains: [No hint how long the lock lasts]]');
    const ds = await lint(text);
    assert.deepStrictEqual([...new Set(codes(ds))], ['yaml-syntax'], JSON.stringify(codes(ds)));
    assert.match(ds[0].message, /The other checks run once the YAML is valid\.$/);
    // Fixed, the map is checked again: the owner is still missing.
    assert.ok(codes(await lint(edit(CLEAN_MAP, 'owner: Service desk team lead\n', ''))).includes('no-owner'));
  });

  it('a stray tab reports the syntax error, not fields it hid as unknown or missing', async () => {
    const text = CLEAN_MAP.replace(/\n( +)feels: /, (_, indent: string) => `\n${indent.slice(1)}\tfeels: `);
    assert.notStrictEqual(text, CLEAN_MAP);
    const found = codes(await lint(text));
    assert.ok(found.includes('yaml-syntax'));
    for (const noise of ['unknown-key', 'missing-emotion', 'unused-lane', 'missing-field']) assert.ok(!found.includes(noise), `${noise} in ${JSON.stringify(found)}`);
  });

  it('one stray bracket gives a handful of syntax errors and a count of the rest, not a thousand', async () => {
    const text = edit(CLEAN_MAP, 'pains: [No hint how long the lock lasts]', 'pains: ] [No hint how long the lock lasts]');
    const doc = parseJourney(text);
    assert.ok(doc.yaml && doc.yaml.errors.length > 6, `the parser reports ${doc.yaml?.errors.length} errors`);
    const ds = (await lint(text)).filter((d) => d.code === 'yaml-syntax');
    assert.strictEqual(ds.length, 6);
    assert.match(ds[5].message, new RegExp(`^${doc.yaml!.errors.length - 5} more YAML errors? from here on, most likely caused by the first one \\(line \\d+\\)`));
  });


  it('a value of the wrong type reached through an alias is reported where the alias is used, not at its anchor', async () => {
    const anchored = edit(CLEAN_MAP, 'pains: [No hint how long the lock lasts]', 'pains: &lock [No hint how long the lock lasts]');
    const text = edit(anchored, 'name: Agent verifies identity', 'name: *lock');
    const d = (await lint(text)).find((x) => x.code === 'invalid-value');
    assert.ok(d, JSON.stringify(codes(await lint(text))));
    assert.equal(text.split('\n')[d.range.start.line].trim(), 'name: *lock');
    assert.match(d.message, /`name` should be plain text, not a list/);
  });

  it('an alias to no anchor says so, once, instead of a type error', async () => {
    const text = edit(CLEAN_MAP, 'goal: Regain access within 30 minutes with one contact', 'goal: *nowhere');
    const ds = await lint(text);
    const d = ds.find((x) => x.code === 'yaml-syntax');
    assert.ok(d);
    assert.equal(d.message, '`*nowhere` refers to no anchor: define `&nowhere` on a value above it, or write the value out.');
    assert.equal(text.split('\n')[d.range.start.line], 'goal: *nowhere');
    assert.ok(!codes(ds).includes('invalid-value'), JSON.stringify(codes(ds)));
  });

  it('a file that is one long text quotes only its start in the message', async () => {
    const ds = await lint('lorem ipsum '.repeat(300));
    assert.equal(ds.length, 1);
    assert.ok(ds[0].message.length < 200, `${ds[0].message.length} characters`);
    assert.match(ds[0].message, /not `lorem ipsum lorem.*…`\.$/);
  });

  it('a file with classic Mac line endings (CR only) is read like its LF twin', async () => {
    const lf = edit(CLEAN_MAP, 'channel: web', 'chanel: web');
    const cr = lf.replace(/\n/g, '\r');
    const summary = (ds: Awaited<ReturnType<typeof lint>>) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}:${d.code}`);
    assert.deepEqual(summary(await lint(cr)), summary(await lint(lf)));
    assert.ok(codes(await lint(cr)).includes('unknown-key'));
  });

  it('the parser\'s common complaints are said in plain words, in sentences, with what to do', async () => {
    const colon = (await lint(edit(CLEAN_MAP, 'name: Agent verifies identity', 'name: Agent verifies: identity'))).find((d) => d.code === 'yaml-syntax');
    assert.match(colon!.message, /^A colon followed by a space inside this value starts another key\. Put the whole value in quotes/);
    const quoted = (await lint(edit(CLEAN_MAP, 'pains: [No hint how long the lock lasts]', 'pains:\n          - "No hint" how long the lock lasts'))).find((d) => d.code === 'yaml-syntax');
    assert.match(quoted!.message, /^Text follows the closing quote of this value\. Put the whole value in quotes, or drop the quotes\./);
    // No parser jargon, and no example that reads as a quote of the user's own line.
    for (const d of [colon!, quoted!]) assert.doesNotMatch(d.message, /scalar|node end|compact mapping|Approval pending/);
  });

  it('an unclosed quote or bracket is reported on the line that opened it, not where the parser noticed', async () => {
    const quote = edit(CLEAN_MAP, 'scenario: Locked out after three failed sign-ins', 'scenario: "Locked out after three failed sign-ins');
    const q = (await lint(quote)).find((d) => d.code === 'yaml-syntax')!;
    assert.equal(quote.split('\n')[q.range.start.line], 'scenario: "Locked out after three failed sign-ins');
    assert.match(q.message, /^The quote that opens this value is never closed\./);
    const bracket = edit(CLEAN_MAP, 'pains: [No hint how long the lock lasts]', 'pains: [No hint how long the lock lasts');
    const b = (await lint(bracket)).find((d) => d.code === 'yaml-syntax')!;
    assert.equal(bracket.split('\n')[b.range.start.line].trim(), 'pains: [No hint how long the lock lasts');
    assert.match(b.message, /^The `\[` list on this line is not closed\./);
  });
});
