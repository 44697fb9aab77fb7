import * as assert from 'node:assert/strict';
import { impossibleQuantity, parseQuantity } from '../../src/core/format';

describe('values: impossible quantities', () => {
  const q = (text: string) => parseQuantity(text)!;

  it('a share runs from 0% to 100%', () => {
    assert.equal(impossibleQuantity(q('150%'), true), 'more than 100%');
    assert.equal(impossibleQuantity(q('-5%'), true), 'below 0%');
    for (const ok of ['0%', '100%', '18.5%']) assert.equal(impossibleQuantity(q(ok), true), undefined, ok);
  });

  it('a percentage that is not a share (growth, change) is not bounded', () => {
    assert.equal(impossibleQuantity(q('150%'), false), undefined);
    assert.equal(impossibleQuantity(q('-20%'), false), undefined);
  });

  it('a rating runs from 0 to its scale, whatever the metric', () => {
    assert.match(impossibleQuantity(q('7/5'), false)!, /above its scale: a score out of 5 is at most 5/);
    assert.match(impossibleQuantity(q('-1/5'), true)!, /below zero/);
    for (const ok of ['0/10', '5/5', '4.2/5']) assert.equal(impossibleQuantity(q(ok), false), undefined, ok);
  });

  it('durations and numbers are left alone', () => {
    assert.equal(impossibleQuantity(q('4h'), true), undefined);
    assert.equal(impossibleQuantity(q('-12'), true), undefined);
  });
});

describe('metric status of impossible figures', () => {
  it('an impossible value or target is not judged: no green "meets" on a -5% reopen rate', async () => {
    const { parseJourney, evaluateMetric } = await import('../../src/core');
    const { CLEAN_MAP, edit } = await import('./fixtures');
    const status = (from: string, to: string) => {
      const doc = parseJourney(edit(CLEAN_MAP, from, to));
      const metric = doc.map.touchpoints.flatMap((t) => t.metrics).find((m) => m.name.value === 'fcr')!;
      return evaluateMetric(metric).status;
    };
    assert.equal(status('fcr: { value: 64%, target: 80% }', 'fcr: { value: 85%, target: 80% }'), 'meets');
    assert.equal(status('fcr: { value: 64%, target: 80% }', 'fcr: { value: 150%, target: 80% }'), 'no-value');
    assert.equal(status('fcr: { value: 64%, target: 80% }', 'fcr: { value: 64%, target: 180% }'), 'no-target');
  });
});
