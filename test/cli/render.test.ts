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
  it('--detail full (the default) writes pains and metric names in full and the improvements; compact shortens', async () => {
    const full = await run([EXAMPLE]);
    const compact = await run([EXAMPLE, '--detail', 'compact']);
    assert.equal(full.code, 0, full.stderr);
    assert.equal(compact.code, 0, compact.stderr);
    assert.match(full.stdout, /data-detail="full"/);
    assert.match(full.stdout, />Improvements</);
    assert.match(full.stdout, />Owner: /);
    assert.match(compact.stdout, /data-detail="compact"/);
    assert.ok(!compact.stdout.includes('>Improvements<'));
    assert.ok(compact.stdout.includes('…') && full.stdout.length > compact.stdout.length);
    const bad = await run([EXAMPLE, '--detail', 'everything']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--detail must be full or compact, not "everything"/);
  });

  it('--stage draws one stage, with the flow to the others ending at the edge; an unknown id names the stages', async () => {
    const r = await run([EXAMPLE, '--stage', 'contact']);
    assert.equal(r.code, 0, r.stderr);
    wellFormed(r.stdout);
    assert.equal(r.stdout.match(/class="jm-stage"/g)?.length, 1);
    assert.match(r.stdout, /class="jm-stub"/);
    assert.match(r.stdout, /← from /);
    const unknown = await run([EXAMPLE, '--stage', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no stage has the id "nope"; the stages are: discover, self-service, contact/);
  });

  it('--split stages writes one picture per stage into the folder, named by stage id', async () => {
    const out = join(dir, 'split', 'deeper');
    const r = await run([EXAMPLE, '--split', 'stages', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    const files = readdirSync(out).sort();
    assert.ok(files.length >= 5 && files.includes('contact.svg'), files.join(', '));
    for (const file of files) {
      const svg = readFileSync(join(out, file), 'utf8');
      wellFormed(svg);
      assert.equal(svg.match(/class="jm-stage"/g)?.length, 1, file);
    }
    assert.match(r.stderr, /wrote \d+ pictures to /);
    const noFolder = await run([EXAMPLE, '--split', 'stages']);
    assert.equal(noFolder.code, 2);
    assert.match(noFolder.stderr, /--split stages needs -o <folder>/);
  });

  it('--split stages names a stage whose id is not a safe file name by its position, inside the folder', async () => {
    const text = readFileSync(EXAMPLE, 'utf8').replace(/- id: contact\b/, '- id: "../../escape"');
    assert.ok(text.includes('../../escape'));
    const map = join(dir, 'hostile.journey.yaml');
    writeFileSync(map, text);
    const out = join(dir, 'split-hostile');
    const r = await run([map, '--split', 'stages', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(readdirSync(out).some((f) => /^stage-\d+\.svg$/.test(f)), readdirSync(out).join(', '));
    assert.equal(existsSync(join(dir, 'escape.svg')), false);
  });
  it('--root is taken as lint takes it; a root that is no folder is a usage error', async () => {
    const ok = await run([EXAMPLE, '--root', join(__dirname, '..', '..', '..')]);
    assert.equal(ok.code, 0, ok.stderr);
    const bad = await run([EXAMPLE, '--root', join(dir, 'nowhere')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--root .*nowhere: no such folder/);
  });
});
