import * as assert from 'node:assert/strict';
import { parseDateTime, TicketAggregator, type TicketQuery } from '../../src/core/evidence';
import type { FileReader, JourneyDocument } from '../../src/core';
import { CLEAN_MAP, edit, memoryReader, service } from './fixtures';

/** Five tickets; every expected figure below is worked out by hand in the comments. */
export const HEADER = ['ticket', 'created', 'first_reply', 'resolved_at', 'reopens', 'escalation', 'reassignments', 'score', 'category', 'contact_type'];
export const ROWS = [
  ['1', '2026-07-01 09:00', '2026-07-01 09:30', '2026-07-01 11:00', '0', 'no', '0', '5', 'access', 'email'], // 2h, FCR
  ['2', '2026-07-02 09:00', '2026-07-02 10:00', '2026-07-02 13:00', '1', 'no', '0', '3', 'access', 'phone'], // 4h, reopened
  ['3', '2026-07-03 09:00', '2026-07-03 09:15', '2026-07-04 09:00', '0', 'yes', '2', '', 'billing', 'email'], // 24h, escalated
  ['4', '2026-07-04 09:00', '', '', '0', 'no', '0', '', 'access', 'web'], // still open
  ['5', '2026-07-05 09:00', '2026-07-05 09:05', '2026-07-05 09:35', '0', 'no', '1', '4', 'access', 'chat, live'], // 35m, transferred
];
export const MAPPING = {
  id: 'ticket', opened: 'created', first_response: 'first_reply', resolved: 'resolved_at', reopened: 'reopens',
  escalated: 'escalation', transfers: 'reassignments', csat: 'score', category: 'category', channel: 'contact_type',
};

function compute(query: TicketQuery, rows = ROWS, mapping: Record<string, string> = MAPPING) {
  const aggregator = new TicketAggregator(HEADER, mapping, [query]);
  for (const row of rows) aggregator.add(row);
  return aggregator.finish().results.values().next().value!;
}

describe('metrics computed from a ticket export', () => {
  it('fcr: resolved with no transfer, escalation or reopen, over resolved (1 of 4)', () => {
    assert.deepEqual(compute({ metric: 'fcr' }), { n: 4, value: { kind: 'percent', amount: 0.25, text: '25%' } });
  });

  it('mttr: the mean resolution time ((2h + 4h + 24h + 35m) / 4 = 27,525 s)', () => {
    assert.deepEqual(compute({ metric: 'mttr' }), { n: 4, value: { kind: 'duration', amount: 27525, text: '7.6h' } });
  });

  it('time_to_resolution: the median ((2h + 4h) / 2 = 3h)', () => {
    assert.deepEqual(compute({ metric: 'time_to_resolution' }), { n: 4, value: { kind: 'duration', amount: 10800, text: '3h' } });
  });

  it('first_response_time: the median of 5m, 15m, 30m, 1h (22.5m)', () => {
    assert.deepEqual(compute({ metric: 'first_response_time' }), { n: 4, value: { kind: 'duration', amount: 1350, text: '22.5m' } });
  });

  it('reopen_rate (1 of 4 resolved), escalation_rate (1 of 5), transfer_rate (2 of 5)', () => {
    assert.equal(compute({ metric: 'reopen_rate' }).value?.text, '25%');
    assert.deepEqual(compute({ metric: 'escalation_rate' }), { n: 5, value: { kind: 'percent', amount: 0.2, text: '20%' } });
    assert.deepEqual(compute({ metric: 'transfer_rate' }), { n: 5, value: { kind: 'percent', amount: 0.4, text: '40%' } });
  });

  it('csat: the mean over answered surveys only ((5 + 3 + 4) / 3)', () => {
    assert.deepEqual(compute({ metric: 'csat' }), { n: 3, value: { kind: 'number', amount: 4, text: '4' } });
  });

  it('csat written as a percentage: the share of 4s and 5s over answered surveys (2 of 3, top-two-box)', () => {
    assert.deepEqual(compute({ metric: 'csat', unit: 'percent' }), { n: 3, value: { kind: 'percent', amount: 0.6667, text: '66.7%' } });
    const tenPoint = ROWS.map((r, i) => (i === 0 ? r.map((c, j) => (j === 7 ? '9' : c)) : r));
    assert.match(compute({ metric: 'csat', unit: 'percent' }, tenPoint).problem!, /score of 9 is above 5/);
  });

  it('a date that is not ISO 8601 or a count that is not a number stops the metric with a precise problem, instead of leaving tickets out', () => {
    const jira = ROWS.map((r, i) => (i === 1 ? r.map((c, j) => (j === 1 ? '02/Jul/26 9:00 AM' : c)) : r));
    const mttr = compute({ metric: 'mttr' }, jira);
    assert.equal(mttr.value, undefined);
    assert.equal(mttr.problem, '1 value in `created` is not an ISO 8601 date (2026-09-21 or 2026-09-21 15:00), starting with `02/Jul/26 9:00 AM` in data row 2: say how the export writes dates with `date_format: "dd/MMM/yy h:mm a"` on the source (or use the tool\'s preset in `columns:`), so no ticket is silently left out.');
    const many = ROWS.map((r, i) => (i === 0 ? r.map((c, j) => (j === 4 ? 'many' : c)) : r));
    assert.match(compute({ metric: 'fcr' }, many).problem!, /^1 value in `reopens` is not a number or yes\/no, starting with `many` in data row 1/);
    // A filter that leaves the bad row out leaves the metric computable.
    assert.equal(compute({ metric: 'mttr', where: { category: ['billing'] } }, jira).value?.text, '24h');
  });

  it('a where: value that matches no row lists the values the export has, with a did-you-mean', () => {
    const r = compute({ metric: 'fcr', where: { category: ['acess'] } });
    assert.equal(r.value, undefined);
    assert.match(r.problem!, /^No ticket in the export matches.* The export's `category` values include `access`, `billing`: did you mean `access`\?$/);
    // A value the export has, but on no resolved ticket: no hint, the filter is right.
    assert.doesNotMatch(compute({ metric: 'reopen_rate', where: { channel: ['web'] } }).problem ?? '', /values include/);
  });

  it('backlog_age: the open ticket\'s age at the newest date in the export (24h 35m)', () => {
    assert.deepEqual(compute({ metric: 'backlog_age' }), { n: 1, value: { kind: 'duration', amount: 88500, text: '24.6h' } });
  });

  it('sla_breach_rate: resolutions longer than the SLA (only the 24h one beats 4h)', () => {
    assert.equal(compute({ metric: 'sla_breach_rate', sla: 4 * 3600 }).value?.text, '25%');
    assert.match(compute({ metric: 'sla_breach_rate' }).problem!, /needs the SLA/);
  });

  it('where filters rows, case-insensitively, with one value or several', () => {
    assert.deepEqual(compute({ metric: 'fcr', where: { category: ['ACCESS'] } }), { n: 3, value: { kind: 'percent', amount: 0.3333, text: '33.3%' } });
    assert.equal(compute({ metric: 'transfer_rate', where: { channel: ['chat, live', 'phone'] } }).value?.text, '50%');
  });

  it('empty results say so instead of dividing by zero', () => {
    assert.match(compute({ metric: 'fcr', where: { category: ['hardware'] } }).problem!, /No ticket in the export matches/);
    assert.match(compute({ metric: 'csat' }, []).problem!, /No matching ticket has a satisfaction score/);
  });

  it('a missing column or an unknown where column is explained', () => {
    const noScore = { ...MAPPING, csat: 'satisfaction' };
    assert.match(compute({ metric: 'csat' }, ROWS, noScore).problem!, /no `satisfaction` column \(csat\)/);
    assert.match(compute({ metric: 'fcr', where: { region: ['emea'] } }).problem!, /`where: region` names no column/);
    assert.match(compute({ metric: 'nps' }).problem!, /cannot be computed from tickets/);
  });

  it('the summary knows the export\'s row count and date range', () => {
    const aggregator = new TicketAggregator(HEADER, MAPPING, []);
    for (const row of ROWS) aggregator.add(row);
    const summary = aggregator.finish();
    assert.equal(summary.rows, 5);
    assert.equal(new Date(summary.oldest! * 86400000).toISOString().slice(0, 10), '2026-07-01');
    assert.equal(new Date(summary.newest! * 86400000).toISOString().slice(0, 10), '2026-07-05');
  });

  it('unmapped logical columns default to their own names', () => {
    const aggregator = new TicketAggregator(['opened', 'resolved'], {}, [{ metric: 'mttr' }]);
    aggregator.add(['2026-07-01T00:00:00Z', '2026-07-01T01:00:00Z']);
    assert.equal(aggregator.finish().results.values().next().value!.value?.text, '1h');
  });

  it('reads ISO dates, date-times with a space or a T, and time-zone offsets', () => {
    assert.equal(parseDateTime('2026-07-01'), Date.UTC(2026, 6, 1));
    assert.equal(parseDateTime('2026-07-01 09:30:15'), Date.UTC(2026, 6, 1, 9, 30, 15));
    assert.equal(parseDateTime('2026-07-01T09:30:00+02:00'), Date.UTC(2026, 6, 1, 7, 30));
    assert.equal(parseDateTime('01/07/2026'), undefined);
    assert.equal(parseDateTime(''), undefined);
  });
});

describe('computed metrics on the parse a check was given (what journeymap/layout relies on)', () => {
  const KEY = '/ws/maps/admin.journey.yaml';
  const computedMap = (name: string) => edit(CLEAN_MAP, 'fcr: { value: 64%, target: 80% }', 'fcr: { from: tickets-q3, target: 80% }')
    .replace('name: Agent verifies identity', `name: ${name}`);
  const fcrOf = (doc: JourneyDocument) => doc.map.touchpoints.find((t) => t.id?.value === 'desk-verify')!.metrics.find((m) => m.name.value === 'fcr')!;

  it('a parse taken before its check keeps the computed value, though another version of the map was parsed while the check read the export', async () => {
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const files = memoryReader();
    const held: FileReader = { ...files, readFile: async (p) => { await gate; return files.readFile(p); }, stat: async (p) => { await gate; return files.stat(p); } };
    const languageService = service({ fileReader: held });
    const [a, b] = [computedMap('Agent verifies who calls'), computedMap('Agent verifies the caller')];
    const docA = languageService.parse(KEY, a);
    const checkA = languageService.validate(KEY, a);
    const docB = languageService.parse(KEY, b);
    const checkB = languageService.validate(KEY, b);
    release();
    await Promise.all([checkA, checkB]);
    assert.ok(fcrOf(docA).computed, 'the first version\'s parse');
    assert.ok(fcrOf(docB).computed, 'the second version\'s parse');
    // Why the order matters: the service keeps one parse per map, so a parse taken after the check
    // of a version that is no longer the latest is a new one, which no check filled in.
    assert.equal(fcrOf(languageService.parse(KEY, a)).computed, undefined);
  });
});
