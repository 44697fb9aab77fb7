import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { captureRender } from './capture';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'locked-out-admin.journey.yaml');

const run = captureRender;

function wellFormed(svg: string): void {
  const problems: string[] = [];
  new DOMParser({ onError: (level: string, message: string) => { problems.push(`${level}: ${message}`); } }).parseFromString(svg, 'image/svg+xml');
  assert.deepEqual(problems, []);
}

describe('journeymap render', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'jm-render-'));

  it('writes the SVG of an example to a file (exit 0), in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      const out = join(dir, `map-${theme}.svg`);
      const r = await run([EXAMPLE, '-o', out, '--theme', theme]);
      assert.equal(r.code, 0, r.stderr);
      const svg = readFileSync(out, 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(svg, new RegExp(`data-theme="${theme}"`));
      wellFormed(svg);
    }
  });

  it('produces a well-formed SVG for every example', async () => {
    const examples = join(__dirname, '..', '..', '..', 'examples');
    const files = readdirSync(examples).filter((f) => /\.journey\.ya?ml$/.test(f));
    assert.ok(files.length >= 3);
    for (const file of files) {
      const out = join(dir, `${file}.svg`);
      const r = await run([join(examples, file), '-o', out]);
      assert.equal(r.code, 0, `${file}: ${r.stderr}`);
      wellFormed(readFileSync(out, 'utf8'));
    }
  });

  it('prints to stdout without -o', async () => {
    const r = await run([EXAMPLE, '--router', 'grid']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<svg /);
    assert.match(r.stdout, /class="jm-card/);
  });

  it('exit 1 when the map cannot be drawn, with the reason', async () => {
    const broken = join(dir, 'broken.journey.yaml');
    writeFileSync(broken, 'journeymap: 1\ntitle: [unclosed\n');
    const r = await run([broken]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot draw/);
    const empty = join(dir, 'empty.journey.yaml');
    writeFileSync(empty, 'journeymap: 1\ntitle: No lanes\n');
    assert.equal((await run([empty])).code, 1);
  });

  it('exit 2 for usage and I/O errors, with a clear message', async () => {
    let r = await run([]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing the map file/);
    r = await run([EXAMPLE, '--theme', 'sepia']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--theme must be light or dark/);
    r = await run([EXAMPLE, '--frobnicate']);
    assert.equal(r.code, 2);
    r = await run([join(dir, 'nope.journey.yaml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read/);
    r = await run([EXAMPLE, '-o', join(dir, 'no', 'such', 'dir', 'x.svg')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write/);
    assert.ok(!existsSync(join(dir, 'no')));
  });

  it('--help prints the usage (exit 0)', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /journeymap render <map/);
  });
});
