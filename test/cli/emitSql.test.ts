/**
 * `journeymap metrics --emit-sql`: the DuckDB queries, run by DuckDB itself on the same CSV (the
 * table made by `CREATE TABLE <id> AS SELECT * FROM read_csv(...)`, DuckDB's own type detection),
 * give the figures `journeymap metrics` prints, for every metric and filter of the fixture; the other
 * dialects are held to golden files (test/golden/emit-sql.*.sql).
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { duration } from '../../src/core/evidence/figures';
import { runCli } from './capture';
import { exportMap } from './exportMap';

const CSV = [
  'number,opened_at,first_reply,resolved_at,reopen_count,escalation,reassignment_count,survey,category,contact_type,priority,assignment_group',
  'INC1,2026-12-21 09:00:00,2026-12-21 09:20:00,2026-12-21 11:00:00,0,false,0,5,network,phone,P1,Network',
  'INC2,2026-12-21 10:00:00,2026-12-21 13:00:00,2026-12-22 10:00:00,1,true,2,2,network,email,P3,Service Desk',
  'INC3,2026-12-22 08:00:00,2026-12-22 08:05:00,2026-12-22 09:00:00,0,false,0,4,software,self-service,P2,Service Desk',
  'INC4,2026-12-23 12:00:00,,,0,false,1,,software,email,P4,Service Desk',
  'INC5,2026-12-24 15:00:00,2026-12-24 16:00:00,2026-12-29 11:00:00,0,false,1,3,access,email,P2,Service Desk',
  'INC6,2026-12-18 16:00:00,2026-12-18 16:30:00,2026-12-21 10:00:00,0,true,0,,access,phone,P1,Network',
  'INC7,2026-12-28 09:00:00,,,0,,,,access,web,P3,Service Desk',
  // A plain date is midnight in the source's time zone, not an offset (its "-22" is a day).
  'INC8,2026-12-22,,2026-12-22 10:00:00,0,false,0,,network,phone,P4,Network',
].join('\n');

const SOURCE = 'path: data/incidents.csv\ncolumns: { preset: servicenow, first_response: first_reply, escalated: escalation, csat: survey }\ntimezone: Europe/Berlin';
const CALENDAR = 'calendar: { days: mon-fri, hours: 09:00-17:00, timezone: Europe/Berlin, holidays: [2026-12-25, 2026-12-28] }\n';
const METRICS = [
  'fcr: { from: export, target: 80% }',
  'reopen_rate: { from: export, where: { category: [network, software] } }',
  'escalation_rate: { from: export }',
  'transfer_rate: { from: export, where: { assignment_group: Service Desk } }',
  'csat: { from: export, target: 4.5/5 }',
  'mttr: { from: export }',
  'time_to_resolution: { from: export, stat: p90 }',
  'first_response_time: { from: export, stat: p95, where: { channel: email } }',
  'backlog_age: { from: export }',
  'sla_breach_rate: { from: export, sla: { P1: 4h, P2: 1bd, P3: 6bh } }',
];

/** journeymap's way of printing a value, applied to DuckDB's row (percent 0-100, hours). */
function printed(metric: string, value: number | null): string {
  if (value === null) return '-';
  if (['fcr', 'reopen_rate', 'escalation_rate', 'transfer_rate', 'sla_breach_rate'].includes(metric)) return `${Math.round(value * 10) / 10}%`;
  if (metric === 'csat') return `${Math.round(value * 100) / 100}/5`;
  return duration(value * 3600).text;
}

describe('journeymap metrics --emit-sql', () => {
  let ws: string;
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'journeymap-sql-'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'incidents.csv'), CSV + '\n');
    // Each metric at its own touchpoint would be the same: one touchpoint holds them all (distinct names).
    writeFileSync(join(ws, 'desk.journey.yaml'), exportMap(SOURCE, METRICS, CALENDAR));
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('DuckDB runs every emitted query on the CSV and gets the figures journeymap metrics prints', async () => {
    const metrics = await runCli(['metrics', 'desk.journey.yaml', '--format', 'json'], ws);
    assert.equal(metrics.code, 0, metrics.stderr);
    const expected = (JSON.parse(metrics.stdout).metrics as { metric: string; value: string; n: number }[]).map((r) => `${r.metric} ${r.value} n=${r.n}`);
    const sql = await runCli(['metrics', 'desk.journey.yaml', '--emit-sql', 'duckdb', '--format', 'json'], ws);
    assert.equal(sql.code, 0, sql.stderr);
    const queries = JSON.parse(sql.stdout) as { touchpoint: string; metric: string; sql: string }[];
    assert.deepEqual(queries.map((q) => Object.keys(q)), queries.map(() => ['touchpoint', 'metric', 'sql']));
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    await connection.run(`CREATE TABLE "export" AS SELECT * FROM read_csv('${join(ws, 'data', 'incidents.csv')}')`);
    const got: string[] = [];
    for (const q of queries) {
      const rows = (await connection.runAndReadAll(q.sql)).getRowObjectsJS() as { value: number | null; n: bigint | number }[];
      assert.equal(rows.length, 1, q.sql);
      got.push(`${q.metric} ${printed(q.metric, rows[0].value === null ? null : Number(rows[0].value))} n=${Number(rows[0].n)}`);
    }
    connection.closeSync();
    assert.deepEqual(got, expected);
    assert.ok(!expected.some((e) => e.includes('not computed')), expected.join('\n'));
  });

  for (const dialect of ['postgres', 'bigquery', 'snowflake', 'duckdb']) {
    it(`${dialect}: the emitted SQL matches its golden file`, async () => {
      const run = await runCli(['metrics', 'desk.journey.yaml', '--emit-sql', dialect], ws);
      assert.equal(run.code, 0, run.stderr);
      const golden = join(__dirname, '..', '..', '..', 'test', 'golden', `emit-sql.${dialect}.sql`);
      if (process.env.JOURNEYMAP_UPDATE_GOLDEN) writeFileSync(golden, run.stdout);
      assert.ok(existsSync(golden), `${golden} is missing: write it with JOURNEYMAP_UPDATE_GOLDEN=1 and review it`);
      assert.equal(run.stdout, readFileSync(golden, 'utf8'));
    });
  }
});
