import * as assert from 'node:assert/strict';
import { getLanguageService, type FileReader } from '../../src/core';
import { generateJourney, generatedFiles } from '../../bench/generate';
import { memoryReader } from '../core/fixtures';

const ROOT = '/ws';
const URI = `${ROOT}/generated.journey.yaml`;

function reader(): FileReader {
  return memoryReader(Object.fromEntries([...generatedFiles()].map(([path, text]) => [`${ROOT}/${path}`, text])));
}

describe('bench generator', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    assert.equal(generateJourney(100, 7), generateJourney(100, 7));
    assert.notEqual(generateJourney(100, 7), generateJourney(100, 8));
  });

  it('writes the requested shape: n touchpoints, ~n/10 stages, 6 lanes, 3 metrics and a runbook each, n/5 handoffs', () => {
    const service = getLanguageService({ today: () => '2026-11-20' });
    const { map } = service.parse(URI, generateJourney(120, 3));
    assert.equal(map.touchpoints.length, 120);
    assert.equal(map.stages.length, 12);
    assert.deepEqual(new Set(map.lanes.map((l) => l.kind?.value)), new Set(['customer', 'frontstage', 'backstage', 'system']));
    assert.equal(map.lanes.length, 6);
    assert.ok(map.touchpoints.every((tp) => tp.metrics.length === 3 && tp.runbook !== undefined));
    assert.ok(map.touchpoints.every((tp) => tp.metrics.every((m) => m.value && m.target && m.source)));
    assert.equal(map.handoffs.length, 24);
    assert.ok(map.improvements.length > 0);
  });

  for (const n of [1, 10, 100, 250]) {
    it(`produces a map of ${n} touchpoints with no error-severity diagnostics (links resolved)`, async () => {
      const service = getLanguageService({ fileReader: reader(), today: () => '2026-11-20', workspaceRoot: ROOT });
      const diagnostics = await service.validate(URI, generateJourney(n, 1));
      const errors = diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => `${d.code} ${d.range.start.line + 1}: ${d.message}`), []);
      const linkFindings = diagnostics.filter((d) => /^(runbook|source)-|link-outside/.test(d.code));
      assert.deepEqual(linkFindings.map((d) => d.message), []);
    });
  }
});
