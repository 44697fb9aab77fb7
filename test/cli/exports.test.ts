/**
 * Ticket data as ITSM tools export it: each preset's layout, each date format, time zones, business
 * hours across a weekend and holidays, per-priority SLAs, percentiles, `where:` on any column and
 * .xlsx exports, checked against `journeymap metrics` as it prints them. Every expected figure is
 * worked out by hand in the comments beside it, from the small fixtures here.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './capture';
import { exportMap } from './exportMap';
import { xlsxWorkbook } from './xlsxFixture';

/** `journeymap metrics` in JSON: each metric's printed value (or why not) and n, in document order. */
async function figures(ws: string, map: string, files: Record<string, string | Uint8Array>): Promise<string[]> {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(ws, name), content);
  writeFileSync(join(ws, 'desk.journey.yaml'), map);
  const run = await runCli(['metrics', 'desk.journey.yaml', '--format', 'json', '--today', '2026-11-27'], ws);
  assert.equal(run.code, 0, run.stderr);
  const rows = JSON.parse(run.stdout).metrics as { metric: string; value: string | null; n: number | null }[];
  return rows.map((r) => `${r.metric} ${r.value ?? '-'}${r.n !== null ? ` n=${r.n}` : ''}`);
}

/** The lint findings about metrics and sources, for the messages. */
async function findings(ws: string): Promise<string> {
  const run = await runCli(['lint', 'desk.journey.yaml', '--format', 'json'], ws);
  return run.stdout;
}

describe('ticket exports as ITSM tools write them (journeymap metrics)', () => {
  let ws: string;
  beforeEach(() => { ws = mkdtempSync(join(tmpdir(), 'journeymap-exports-')); mkdirSync(join(ws, 'data')); });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  // Jira's default CSV: dd/MMM/yy h:mm a, in the exporting user's zone (Europe/Berlin here).
  const JIRA = [
    'Issue key,Summary,Priority,Created,Resolved,Custom field (Request Type)',
    'SD-1,Cannot log in,High,21/Sep/26 9:00 AM,21/Sep/26 1:00 PM,Access', //          4h
    'SD-2,VPN down,Medium,21/Sep/26 10:00 AM,22/Sep/26 10:00 AM,Access', //           24h
    'SD-3,Invoice,Medium,22/Sep/26 03:00 PM,22/Sep/26 05:30 PM,Billing', //           2.5h
    'SD-4,New laptop,Low,23/Sep/26 8:00 AM,,Access', //                               open
    'SD-5,Password,High,24/Oct/26 12:00 PM,25/Oct/26 12:00 PM,Access', //             25h in Berlin (DST ends on the 25th), 24h if read as UTC
  ].join('\n');

  it('jira: the preset reads Jira\'s headers and dates; timezone: counts the DST hour; stat: p90', async () => {
    // Durations: 4h, 24h, 2.5h, 25h (SD-4 is open).
    //   mttr: mean (4 + 24 + 2.5 + 25) / 4 = 13.875h, printed 13.9h
    //   p90: sorted 2.5, 4, 24, 25; rank (4 - 1) * 0.9 = 2.7: 24 + 0.7 * (25 - 24) = 24.7h
    //   sla 24h: only SD-5 (25h) is over: 1 of 4 = 25%
    const rows = await figures(ws, exportMap('path: data/jira.csv\ncolumns: jira\ntimezone: Europe/Berlin', [
      'mttr: { from: export }',
      'time_to_resolution: { from: export, stat: p90 }',
      'sla_breach_rate: { from: export, sla: 24h }',
    ]), { 'data/jira.csv': JIRA });
    assert.deepEqual(rows, ['mttr 13.9h n=4', 'time_to_resolution 24.7h n=4', 'sla_breach_rate 25% n=4']);
    const median = await figures(ws, exportMap('path: data/jira.csv\ncolumns: jira\ntimezone: Europe/Berlin', [
      'time_to_resolution: { from: export }',
    ]), { 'data/jira.csv': JIRA });
    assert.deepEqual(median, ['time_to_resolution 14h n=4']);
    const billing = await figures(ws, exportMap('path: data/jira.csv\ncolumns: jira\ntimezone: Europe/Berlin', [
      'time_to_resolution: { from: export, where: { category: Billing } }',
    ]), { 'data/jira.csv': JIRA });
    assert.deepEqual(billing, ['time_to_resolution 2.5h n=1']);
    // Read as UTC, SD-5 took 24h: nothing is over a 24h SLA.
    const utc = await figures(ws, exportMap('path: data/jira.csv\ncolumns: jira', ['sla_breach_rate: { from: export, sla: 24h }']), { 'data/jira.csv': JIRA });
    assert.deepEqual(utc, ['sla_breach_rate 0% n=4']);
  });

  it('jira: a column overridden beside the preset (`{ preset: jira, category: ... }`) and `where:` on a header name', async () => {
    const csv = JIRA.replace('Custom field (Request Type)', 'Custom field (Category)');
    const rows = await figures(ws, exportMap('path: data/jira.csv\ncolumns: { preset: jira, category: "Custom field (Category)" }\ntimezone: Europe/Berlin', [
      'time_to_resolution: { from: export, where: { category: Access } }', // SD-1 4h, SD-2 24h, SD-5 25h: median 24h
      'mttr: { from: export, where: { Priority: High } }', //                   header name: SD-1 4h, SD-5 25h: mean 14.5h
    ]), { 'data/jira.csv': csv });
    assert.deepEqual(rows, ['time_to_resolution 24h n=3', 'mttr 14.5h n=2']);
  });

  // ServiceNow's CSV: field names as headers, yyyy-MM-dd HH:mm:ss in the user's zone.
  const SERVICENOW = [
    'number,opened_at,resolved_at,reopen_count,reassignment_count,category,contact_type,priority,assignment_group',
    'INC1,2026-09-21 09:00:00,2026-09-21 11:00:00,0,0,network,phone,1 - Critical,Network', //           Mon, 2h
    'INC2,2026-09-21 10:00:00,2026-09-22 10:00:00,1,2,network,email,3 - Moderate,Service Desk', //      Mon 10:00 -> Tue 10:00: 8bh + 2bh = 10bh
    'INC3,2026-09-22 08:00:00,2026-09-22 09:00:00,0,0,software,self-service,2 - High,Service Desk', //  1h
    'INC4,2026-09-23 12:00:00,,0,1,software,email,4 - Low,Service Desk', //                             open
  ].join('\n');

  it('servicenow: the preset, `where:` on a header that is no logical column, and an SLA per priority in business days', async () => {
    const rows = await figures(ws, exportMap('path: data/incidents.csv\ncolumns: servicenow\ntimezone: America/New_York\ncalendar: { days: mon-fri, hours: 08:00-18:00, timezone: America/New_York }', [
      'fcr: { from: export }', //                                            INC1, INC3 of 3 resolved: 66.7%
      'transfer_rate: { from: export }', //                                  INC2, INC4 of 4: 50%
      'reopen_rate: { from: export }', //                                    INC2 of 3: 33.3%
      'escalation_rate: { from: export, where: { assignment_group: Service Desk } }', // no escalation column: not computed
      'sla_breach_rate: { from: export, sla: { "1 - Critical": 4h, "2 - High": 30m, "3 - Moderate": 2bd } }', // INC1 2h ok, INC3 1h > 30m, INC2 10bh <= 20bh: 1 of 3 = 33.3%
    ]), { 'data/incidents.csv': SERVICENOW });
    assert.deepEqual(rows, ['fcr 66.7% n=3', 'transfer_rate 50% n=4', 'reopen_rate 33.3% n=3', 'escalation_rate not computed', 'sla_breach_rate 33.3% n=3']);
    const group = await figures(ws, exportMap('path: data/incidents.csv\ncolumns: servicenow', [
      'fcr: { from: export, where: { assignment_group: Service Desk } }', // INC2 (no), INC3 (yes): 50%
    ]), { 'data/incidents.csv': SERVICENOW });
    assert.deepEqual(group, ['fcr 50% n=2']);
  });

  it('zendesk: the preset reads its headers', async () => {
    const csv = [
      'Id,Subject,Status,Priority,Via,Ticket type,Created at,Solved at,Reopens',
      '101,a,Solved,Normal,Mail,Incident,2026-09-01 09:00:00,2026-09-01 12:00:00,0', //  3h
      '102,b,Solved,High,Web form,Problem,2026-09-01 10:00:00,2026-09-03 10:00:00,2', // 48h, reopened
      '103,c,Open,Normal,Mail,Incident,2026-09-02 10:00:00,,0',
    ].join('\n');
    const rows = await figures(ws, exportMap('path: data/zendesk.csv\ncolumns: zendesk', [
      'reopen_rate: { from: export }', //                                    102 of 2 resolved: 50%
      'time_to_resolution: { from: export }', //                             median of 3h, 48h = 25.5h
      'mttr: { from: export, where: { channel: Mail } }', //                 101: 3h
    ]), { 'data/zendesk.csv': csv });
    assert.deepEqual(rows, ['reopen_rate 50% n=2', 'time_to_resolution 25.5h n=2', 'mttr 3h n=1']);
  });

  it('freshservice: the preset reads its headers, first responses included', async () => {
    const csv = [
      'Ticket Id,Subject,Status,Priority,Source,Category,Created Date,First Responded Date,Resolved Date',
      '1,a,Resolved,Low,Email,Hardware,2026-09-01 09:00:00,2026-09-01 09:30:00,2026-09-01 10:00:00', // 30m, 1h
      '2,b,Resolved,High,Portal,Software,2026-09-01 10:00:00,2026-09-01 12:00:00,2026-09-01 16:00:00', // 2h, 6h
      '3,c,Open,Medium,Email,Software,2026-09-02 10:00:00,2026-09-02 10:10:00,', //                      10m
    ].join('\n');
    const rows = await figures(ws, exportMap('path: data/fs.csv\ncolumns: freshservice', [
      'first_response_time: { from: export }', //                            median of 10m, 30m, 2h = 30m
      'time_to_resolution: { from: export }', //                             median of 1h, 6h = 3.5h
      'mttr: { from: export, where: { category: Software } }', //            ticket 2: 6h
    ]), { 'data/fs.csv': csv });
    assert.deepEqual(rows, ['first_response_time 30m n=3', 'time_to_resolution 3.5h n=2', 'mttr 6h n=1']);
  });

  const GENERIC = (dates: [string, string][]) => ['id,opened,resolved', ...dates.map(([o, r], i) => `T${i + 1},${o},${r}`)].join('\n');

  it('date_format: US and European dates read as written', async () => {
    // 2h, 26h, 30m: mean 9.5h
    const us = GENERIC([['09/21/2026 9:00 AM', '09/21/2026 11:00 AM'], ['09/21/2026 10:00 PM', '09/23/2026 12:00 AM'], ['12/01/2026 11:45 PM', '12/02/2026 12:15 AM']]);
    assert.deepEqual(await figures(ws, exportMap('path: data/us.csv\ndate_format: MM/dd/yyyy h:mm a', ['mttr: { from: export }']), { 'data/us.csv': us }), ['mttr 9.5h n=3']);
    const eu = GENERIC([['21.09.2026 09:00', '21.09.2026 11:00'], ['21.09.2026 22:00', '23.09.2026 00:00'], ['01.12.2026 23:45', '02.12.2026 00:15']]);
    assert.deepEqual(await figures(ws, exportMap('path: data/eu.csv\ndate_format: dd.MM.yyyy HH:mm', ['mttr: { from: export }']), { 'data/eu.csv': eu }), ['mttr 9.5h n=3']);
  });

  it('an ambiguous date without date_format is not guessed: the metric is not computed and the finding gives both formats', async () => {
    const us = GENERIC([['09/10/2026 9:00 AM', '09/10/2026 11:00 AM']]);
    assert.deepEqual(await figures(ws, exportMap('path: data/us.csv', ['mttr: { from: export }']), { 'data/us.csv': us }), ['mttr not computed']);
    const out = await findings(ws);
    assert.match(out, /the day and the month could be either way round, so journeymap does not guess: add `date_format: \\"MM\/dd\/yyyy h:mm a\\"` \(month first, US\) or `date_format: \\"dd\/MM\/yyyy h:mm a\\"` \(day first\)/);
  });

  it('business hours: an SLA in bh and bd counts only working time, across a weekend and two holidays, in the calendar\'s zone', async () => {
    // Calendar: Mon-Fri 09:00-17:00 Europe/Berlin (UTC+1 in December); 2026-12-25 (Fri) and 2026-12-28 (Mon) are holidays.
    const csv = GENERIC([
      ['2026-12-24T14:00:00Z', '2026-12-29T10:00:00Z'], // Thu 15:00 -> Tue 11:00 Berlin: Thu 2h, Fri holiday, weekend, Mon holiday, Tue 2h = 4bh (116h wall)
      ['2026-12-18T15:00:00Z', '2026-12-21T09:00:00Z'], // Fri 16:00 -> Mon 10:00: 1bh + 1bh = 2bh (66h wall)
      ['2026-12-21T07:00:00Z', '2026-12-21T19:00:00Z'], // Mon 08:00 -> 20:00: 09:00-17:00 = 8bh (12h wall)
    ]);
    const calendar = 'calendar:\n  days: mon-fri\n  hours: 09:00-17:00\n  timezone: Europe/Berlin\n  holidays: [2026-12-25, 2026-12-28]\n';
    const rows = await figures(ws, exportMap('path: data/t.csv', [
      'sla_breach_rate: { from: export, sla: 4bh }', // over 4bh: the third only: 33.3%
    ], calendar), { 'data/t.csv': csv });
    assert.deepEqual(rows, ['sla_breach_rate 33.3% n=3']);
    const more = async (sla: string) => (await figures(ws, exportMap('path: data/t.csv', [`sla_breach_rate: { from: export, sla: ${sla} }`], calendar), { 'data/t.csv': csv }))[0];
    assert.equal(await more('3bh'), 'sla_breach_rate 66.7% n=3'); //   4bh and 8bh are over 3bh
    assert.equal(await more('1bd'), 'sla_breach_rate 0% n=3'); //      1bd is 8 working hours: none is over
    assert.equal(await more('0.5bd'), 'sla_breach_rate 33.3% n=3'); // 4 working hours: the 8bh one
    assert.equal(await more('24h'), 'sla_breach_rate 66.7% n=3'); //   wall-clock: 116h and 66h are over 24h
    // Without the holidays, the first ticket counts Fri and Mon too: 2 + 8 + 8 + 2 = 20bh, over 4bh.
    const noHolidays = calendar.replace('  holidays: [2026-12-25, 2026-12-28]\n', '');
    assert.deepEqual(await figures(ws, exportMap('path: data/t.csv', ['sla_breach_rate: { from: export, sla: 4bh }'], noHolidays), { 'data/t.csv': csv }), ['sla_breach_rate 66.7% n=3']);
  });

  it('an .xlsx export and the same data as CSV give identical metrics', async () => {
    const rows = SERVICENOW.split('\n').map((l) => l.split(','));
    const metrics = ['fcr: { from: export }', 'transfer_rate: { from: export }', 'mttr: { from: export, stat: p90 }', 'sla_breach_rate: { from: export, sla: 4h }'];
    const csv = await figures(ws, exportMap('path: data/incidents.csv\ncolumns: servicenow', metrics), { 'data/incidents.csv': SERVICENOW });
    const xlsx = await figures(ws, exportMap('path: data/incidents.xlsx\ncolumns: servicenow', metrics), { 'data/incidents.xlsx': xlsxWorkbook(rows, { dateColumns: ['opened_at', 'resolved_at'] }) });
    assert.deepEqual(xlsx, csv);
    // fcr: INC1, INC3 of 3 resolved; transfers: INC2, INC4 of 4; p90 of 1h, 2h, 24h: rank 1.8, 2 + 0.8 * 22 = 19.6h; over 4h: INC2.
    assert.deepEqual(csv, ['fcr 66.7% n=3', 'transfer_rate 50% n=4', 'mttr 19.6h n=3', 'sla_breach_rate 33.3% n=3']);
  });
});
