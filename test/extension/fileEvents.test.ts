import * as assert from 'node:assert/strict';
import type { FileEvent } from 'vscode-languageclient';
import { FileEventBatch } from '../../src/extension/fileEvents';

const event = (name: string): FileEvent => ({ uri: `file:///ws/${name}`, type: 1 });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('FileEventBatch (file events for the language server)', () => {
  it('sends the events of a burst as one batch, after the last one', async () => {
    const sent: string[][] = [];
    const batch = new FileEventBatch(async (changes) => void sent.push(changes.map((c) => c.uri)), (error) => assert.fail(String(error)), 20);
    await batch.add(event('a.md'));
    await batch.add(event('b.md'));
    assert.deepEqual(sent, [], 'nothing before the pause');
    await wait(60);
    assert.deepEqual(sent, [['file:///ws/a.md', 'file:///ws/b.md']]);
  });

  it('keeps an event that arrives while the previous batch is still being sent', async () => {
    const sent: string[][] = [];
    let release: () => void = () => undefined;
    const batch = new FileEventBatch((changes) => {
      sent.push(changes.map((c) => c.uri));
      // The first send hangs until released, as a busy connection would.
      return sent.length === 1 ? new Promise<void>((resolve) => { release = resolve; }) : Promise.resolve();
    }, (error) => assert.fail(String(error)), 10);
    await batch.add(event('runbook.md'));
    await wait(40);
    await batch.add(event('new.journey.yaml'));
    release();
    await wait(40);
    assert.deepEqual(sent, [['file:///ws/runbook.md'], ['file:///ws/new.journey.yaml']]);
  });

  it('reports a failed send instead of throwing', async () => {
    const errors: unknown[] = [];
    const batch = new FileEventBatch(() => Promise.reject(new Error('connection closed')), (error) => errors.push(error), 5);
    await batch.add(event('a.md'));
    await wait(30);
    assert.equal(errors.length, 1);
  });
});
