/**
 * The measure behind "typing never holds the extension host for more than a frame"
 * (bench/vscode/typing.js): which processor time in a span where the host's loop did not come
 * round counts as the extension's. Synthetic CPU profiles, one sample per SAMPLE_US.
 */
import * as assert from 'node:assert/strict';

// Plain CommonJS shared by the VS Code suite and the bench; `vscode` is required only when typing.
const { heldByUs, SAMPLE_US } = require('../../../bench/vscode/typing.js') as {
  heldByUs(profile: Profile, gaps: [number, number][], isOurs: (url: string) => boolean, isOthers: (url: string) => boolean): { held: number; seen: number; hostBusy: number; collection: number };
  SAMPLE_US: number;
};

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const OURS = 'file:///ext/journeymap/dist/extension.js';
const MERGE = 'file:///vscode/extensions/merge-conflict/dist/main.js';
const HOST = 'file:///vscode/out/extensionHostProcess.js';

/** A profile of one sample per kind, in order: `ours`, `merge` (another extension), `host`, `gc`, `idle`. */
function profileOf(kinds: string[]): Profile {
  const frames: Record<string, { functionName: string; url: string }> = {
    ours: { functionName: 'didChange', url: OURS },
    merge: { functionName: 'scan', url: MERGE },
    host: { functionName: 'serializeReply', url: HOST },
    gc: { functionName: '(garbage collector)', url: '' },
    idle: { functionName: '(idle)', url: '' },
  };
  const ids = Object.keys(frames);
  const nodes = [
    { id: 1, callFrame: { functionName: '(root)', url: '' }, children: ids.map((_, i) => i + 2) },
    ...ids.map((kind, i) => ({ id: i + 2, callFrame: frames[kind] })),
  ];
  return { nodes, startTime: 0, samples: kinds.map((k) => ids.indexOf(k) + 2), timeDeltas: kinds.map(() => SAMPLE_US) };
}

const measure = (kinds: string[]) => heldByUs(profileOf(kinds), [[0, (kinds.length + 1) * SAMPLE_US]], (url) => url === OURS, (url) => url === MERGE).held;
const ms = (samples: number) => (samples * SAMPLE_US) / 1000;

describe('typing measure (bench/vscode/typing.js heldByUs)', () => {
  it('a span counts only when the extension\'s code ran in it', () => {
    assert.equal(measure(['host', 'host', 'merge', 'gc', 'gc']), 0);
    assert.equal(measure(['ours', 'host', 'host']), ms(3));
  });

  it('leaves out another extension\'s code and idle time in a span shared with it', () => {
    assert.equal(measure(['ours', 'merge', 'merge', 'merge', 'idle', 'host']), ms(2));
  });

  it('leaves garbage collection out: it is the whole host\'s (reported beside as the longest collection)', () => {
    assert.equal(measure(['ours', 'gc', 'gc', 'gc']), ms(1));
    assert.equal(measure(['ours', 'host', 'gc', 'gc', 'host']), ms(3));
  });

  it('reports the host\'s busiest span and longest collection, whoever ran, idle time left out', () => {
    const profile = profileOf(['merge', 'merge', 'gc', 'gc', 'gc', 'idle', 'host', 'ours', 'gc']);
    const result = heldByUs(profile, [[0, 10 * SAMPLE_US]], (url) => url === OURS, (url) => url === MERGE);
    assert.equal(result.hostBusy, ms(8));
    assert.equal(result.collection, ms(3));
    assert.equal(result.held, ms(2), 'the extension: its own code and VS Code\'s beside it, no collection');
  });

  it('reports the longest span and how many samples caught the extension', () => {
    const profile = profileOf(['ours', 'host', 'idle', 'idle', 'ours', 'host', 'host', 'host']);
    const { held, seen } = heldByUs(profile, [[0, 2.5 * SAMPLE_US], [4.5 * SAMPLE_US, 9 * SAMPLE_US]], (url) => url === OURS, () => false);
    assert.equal(held, ms(4));
    assert.equal(seen, 2);
  });
});
