import * as assert from 'node:assert/strict';
import { impossibleQuantity, parseQuantity } from '../../src/core';

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
