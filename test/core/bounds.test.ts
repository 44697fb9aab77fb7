/**
 * Small inputs that used to blow up: each must finish, under a generous timeout, with the finding
 * a user needs. Times and peak memory are measured in `npm run bench` (BENCHMARKS.md), not here.
 */
import * as assert from 'node:assert/strict';
import { LineIndex, parseJourney } from '../../src/core';
import { layoutJourney, elkBound, routeWithElk, type ElkLike } from '../../src/core/diagram';
import { markdownOutline } from '../../src/core/files';
import { boundedDistance, closest, editDistance, SuggestBudget } from '../../src/core/base';
import { CLEAN_MAP, codes, edit, FILES, lint, memoryReader } from './fixtures';
import { nearMissIdsMap, longHeadingRunbook, wideFlowMap } from '../../bench/blowups';

describe('bounded did-you-mean', () => {
  it('the banded distance agrees with the full one whenever it is within the limit', () => {
    const words = ['desk-verify', 'desk-verfy', 'dsek-verify', 'iam-unlock', 'iam-unlcok', 'x', '', 'locked-out', 'lockedout'];
    for (const a of words) {
      for (const b of words) {
        const full = editDistance(a, b);
        for (let limit = 0; limit <= 4; limit++) {
          const banded = boundedDistance(a, b, limit, new SuggestBudget());
          if (full <= limit) assert.equal(banded, full, `${a} / ${b} / ${limit}`);
          else assert.ok(banded > limit, `${a} / ${b} / ${limit}`);
        }
      }
    }
  });

  it('still suggests slips (typos and transpositions) as before', () => {
    assert.equal(closest('iamm', ['iam', 'desk']), 'iam');
    assert.equal(closest('dsek-verify', ['desk-verify', 'iam-unlock']), 'desk-verify');
    assert.equal(closest('zzzzzzzz', ['id', 'lane', 'name']), undefined);
  });

  it('a word over the compared length gets no guess, and a spent budget ends the search', () => {
    assert.equal(closest('a'.repeat(5000), ['a'.repeat(4999)]), undefined);
    assert.equal(closest('desk-verfy', ['desk-verify'], new SuggestBudget(0)), undefined);
  });

  for (const kb of [20, 80]) {
    it(`a ${kb} KB map of near-miss long ids finishes, with every unknown reference reported`, async function () {
      this.timeout(60000);
      const text = nearMissIdsMap(kb * 1024);
      const diagnostics = await lint(text);
      const unknown = diagnostics.filter((d) => d.code === 'unknown-reference');
      assert.ok(unknown.length >= 5, `${unknown.length} unknown references`);
      // Messages quote the id, not all of it.
      assert.ok(unknown.every((d) => d.message.length < 1000), unknown[0]?.message.slice(0, 200));
    });
  }
});

describe('bounded elk input', () => {
  it('a map whose arrows cross too many columns is not given to elk; the grid routes stand, with the reason', async function () {
    this.timeout(60000);
    const layout = layoutJourney(parseJourney(wideFlowMap(300, 20)));
    const reason = elkBound(layout);
    assert.match(reason ?? '', /flow arrows/);
    let called = false;
    const elk: ElkLike = { layout: async (g) => { called = true; return g; } };
    const routed = await routeWithElk(layout, elk);
    assert.equal(called, false, 'elk was not called');
    assert.equal(routed.router, 'grid');
  });

  it('a real-sized map is still given to elk', () => {
    const layout = layoutJourney(parseJourney(CLEAN_MAP));
    assert.equal(elkBound(layout), undefined);
  });
});

describe('bounded runbook parsing', () => {
  it('a 200 KB runbook of long heading lines is read, and read once while it does not change', async function () {
    this.timeout(60000);
    const runbook = longHeadingRunbook(200 * 1024);
    const outline = markdownOutline(runbook);
    assert.ok(outline.headings.length > 0);
    let reads = 0;
    const files = { ...FILES, '/ws/runbooks/lockout.md': runbook };
    const base = memoryReader(files);
    const counting = { ...base, readFile: async (p: string) => { if (p.endsWith('lockout.md')) reads++; return base.readFile(p); } };
    const { service } = await import('./fixtures');
    const ls = service({ fileReader: counting });
    for (let i = 0; i < 3; i++) {
      const d = await ls.validate(`/ws/maps/map${i}.journey.yaml`, CLEAN_MAP);
      assert.ok(codes(d).includes('runbook-anchor-missing'));
    }
    assert.equal(reads, 1, 'parsed once per file version, not per validation');
  });
});

describe('bounded messages', () => {
  it('a huge value from a map is quoted in at most 60 characters', async () => {
    const d = await lint(edit(CLEAN_MAP, 'lane: iam\n', `lane: ${'q'.repeat(100000)}\n`));
    const unknown = d.find((x) => x.code === 'unknown-reference');
    assert.ok(unknown && unknown.message.length < 300, unknown?.message.slice(0, 300));
  });

  it('a 10 MB field in a ticket export is quoted, not echoed', async function () {
    this.timeout(60000);
    const field = 'Z'.repeat(10 * 1024 * 1024);
    const csv = `opened,resolved,category\n2026-09-01,2026-09-02,${field}\n`;
    const text = edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, where: { category: hardware }, target: 80% }');
    const d = await lint(text, { fileReader: memoryReader({ ...FILES, '/ws/data/tickets.csv': csv }) });
    const notComputed = d.find((x) => x.code === 'metric-not-computed');
    assert.ok(notComputed, JSON.stringify(codes(d)));
    assert.ok(notComputed.message.length < 1000, `${notComputed.message.length} characters`);
    assert.match(notComputed.message, /ZZZ…/);
  });
});

describe('bounded nesting scan', () => {
  it('a quote inside a flow scalar does not hide deep nesting from the pre-scan', function () {
    this.timeout(60000);
    const text = `journeymap: 1\ntitle: [a'b, ${'['.repeat(5000)}\n`;
    const doc = parseJourney(text);
    const finding = doc.findings.find((f) => f.code === 'yaml-syntax');
    assert.match(finding?.message ?? '', /nested too deeply/);
    assert.equal(new LineIndex(text).positionAt(finding!.span[0]).line, 1);
  });

  it('a quoted scalar still hides its brackets from the scan', () => {
    const text = `journeymap: 1\ntitle: "${'['.repeat(200)}"\n`;
    assert.ok(!parseJourney(text).findings.some((f) => /nested too deeply/.test(f.message)));
  });
});
