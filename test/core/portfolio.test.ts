import * as assert from 'node:assert/strict';
import { briefSummary, groupMaps, improvementBoard, parseIsoDate, summarizeMap, type MapSummary } from '../../src/core';
import { CLEAN_MAP, edit, MAP_URI, service, TODAY } from './fixtures';

async function summary(text: string, map = MAP_URI, today = TODAY): Promise<MapSummary> {
  const s = service({ today: () => today });
  const diagnostics = await s.validate(map, text);
  return summarizeMap(map, s.parse(map, text), diagnostics, parseIsoDate(today)!);
}

describe('portfolio', () => {
  it('summarizeMap: review status, findings as the Problems panel counts them, misses worst first', async () => {
    const s = await summary(CLEAN_MAP);
    assert.equal(s.title, 'Admin locked out of account');
    assert.equal(s.owner, 'Service desk team lead');
    assert.deepEqual(s.review, { status: 'ok', daysLeft: 64, last: '2026-10-30', text: 'due in 64 days', cadenceDays: 92 });
    assert.deepEqual(s.findings, { errors: 0, warnings: 0, infos: 0 });
    // repeat_contact_rate 18% vs 5% (2.6x the target away) is worse than fcr 64% vs 80% (0.2) and csat 4.1/5 vs 4.5/5.
    assert.deepEqual(s.misses.map((m) => [m.metric, m.touchpoint, m.value, m.target]), [
      ['repeat_contact_rate', 'locked-out', '18%', '5%'], ['fcr', 'desk-verify', '64%', '80%'], ['csat', 'back-in', '4.1/5', '4.5/5'],
    ]);
    assert.equal(s.judged, 4);
    assert.equal(s.missCount, 3);
    assert.equal(s.openImprovements, 1);
    assert.equal(s.unreadable, false);
  });

  it('briefSummary keeps the worst misses and still counts them all', async () => {
    const s = await summary(CLEAN_MAP);
    const brief = briefSummary(s, 1);
    assert.deepEqual(brief.misses, s.misses.slice(0, 1));
    assert.equal(brief.missCount, 3);
    assert.deepEqual({ ...brief, misses: s.misses }, s, 'nothing else changes');
    assert.equal(briefSummary(s, 3), s, 'a summary with few misses is kept as it is');
  });

  it('review: overdue, due soon, due today and no date', async () => {
    assert.deepEqual((await summary(CLEAN_MAP, MAP_URI, '2027-02-10')).review, { status: 'overdue', daysLeft: -11, last: '2026-10-30', text: 'overdue 11 days', cadenceDays: 92 });
    assert.equal((await summary(CLEAN_MAP, MAP_URI, '2027-01-25')).review.text, 'due in 5 days');
    assert.equal((await summary(CLEAN_MAP, MAP_URI, '2027-01-25')).review.status, 'due-soon');
    assert.equal((await summary(CLEAN_MAP, MAP_URI, '2027-01-30')).review.text, 'due today');
    const undated = edit(CLEAN_MAP, 'review:\n  last: 2026-10-30\n  every: quarter\n', '');
    assert.deepEqual((await summary(undated)).review, { status: 'no-date', text: 'no review date', cadenceDays: 92 });
    assert.equal((await summary(edit(CLEAN_MAP, 'every: quarter', 'every: 30d'))).review.cadenceDays, 30);
  });

  it('a map that does not parse is unreadable, with its error counted', async () => {
    const s = await summary('journeymap: 1\ntitle: [broken\n');
    assert.equal(s.unreadable, true);
    assert.ok(s.findings.errors >= 1);
  });

  it('improvementBoard: overdue first (most late first), then by status, then due date', async () => {
    const many = CLEAN_MAP + [
      ['late', 'planned', '2026-09-01'], ['later', 'in-progress', '2026-06-01'], ['done-late', 'done', '2026-01-01'],
      ['soon', 'planned', '2027-01-10'], ['now', 'in-progress', '2027-03-01'], ['someday', 'idea', undefined],
    ].map(([id, status, due]) => `  - id: ${id}\n    for: [desk-verify]\n    experiment: Try ${id}\n    outcome: Better\n    signal: FCR up\n    owner: Desk lead\n    status: ${status}\n${due ? `    due: ${due}\n` : ''}`).join('');
    const board = improvementBoard([await summary(many)]);
    assert.deepEqual(board.map((i) => [i.id, i.overdue]), [
      ['later', true], ['late', true], ['now', false], ['soon', false], ['lock-hint', false], ['someday', false], ['done-late', false],
    ]);
    assert.equal(board[0].daysLate, 179);
  });

  it('groupMaps: by owner (no owner last), by folder, by review status (overdue first)', async () => {
    const a = await summary(CLEAN_MAP, '/ws/maps/access/admin.journey.yaml');
    const b = await summary(edit(CLEAN_MAP, 'owner: Service desk team lead\n', ''), '/ws/maps/b.journey.yaml');
    const c = await summary(edit(edit(CLEAN_MAP, 'owner: Service desk team lead', 'owner: IAM lead'), 'last: 2026-10-30', 'last: 2026-01-01'), '/ws/maps/access/c.journey.yaml');
    assert.deepEqual(groupMaps([a, b, c], 'owner').map((g) => [g.label, g.maps.map((m) => m.map)]), [
      ['IAM lead', ['/ws/maps/access/c.journey.yaml']], ['Service desk team lead', ['/ws/maps/access/admin.journey.yaml']], ['No owner', ['/ws/maps/b.journey.yaml']],
    ]);
    assert.deepEqual(groupMaps([a, b, c], 'folder').map((g) => [g.label, g.maps.length]), [['/ws/maps', 1], ['/ws/maps/access', 2]]);
    assert.deepEqual(groupMaps([a, b, c], 'review').map((g) => [g.key, g.maps.length]), [['overdue', 1], ['ok', 2]]);
  });

  it('groupMaps: maps with one title are ordered by path, whatever order they were read in', async () => {
    const paths = ['/ws/maps/z.journey.yaml', '/ws/maps/a.journey.yaml', '/ws/maps/m.journey.yaml'];
    const maps = await Promise.all(paths.map((path) => summary(CLEAN_MAP, path)));
    for (const order of [maps, [...maps].reverse()]) {
      assert.deepEqual(groupMaps(order, 'owner')[0].maps.map((m) => m.map), [...paths].sort());
    }
  });
});
