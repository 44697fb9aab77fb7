/**
 * `lint --format sarif|gitlab` and `--output`: the reports CI systems read. SARIF is validated
 * against the official SARIF 2.1.0 schema (OASIS errata01, vendored in test/fixtures/sarif), the
 * GitLab report against the Code Quality shape GitLab documents.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import type { CodeQualityIssue } from '../../src/cli/ci/gitlab';
import { RULES } from '../../src/core';
import { CLEAN_MAP, edit } from '../core/fixtures';
import { runCli } from './capture';

const TODAY = '2026-11-27';
const SCHEMA = JSON.parse(readFileSync(resolve('test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));

/** The official schema, with its formats (uri, uri-reference, date-time) checked too. */
function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}

/**
 * GitLab's Code Quality report format, as its documentation lists it: an array of issues with
 * these required fields and types (a CodeClimate subset; GitLab publishes no schema file).
 */
const GITLAB_CODE_QUALITY = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string' },
      check_name: { type: 'string' },
      fingerprint: { type: 'string', pattern: '^([0-9a-f]{32}|[0-9a-f]{64})$' },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', not: { pattern: '^(/|\\./)' } },
          lines: {
            type: 'object', required: ['begin'],
            properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } },
          },
        },
      },
    },
  },
};

// Text that would act on a terminal, a CI log or a page if it reached them raw.
const HOSTILE_KEYS = [
  'evil\u001b[31mRED\u001b]0;pwned\u0007 \u009b2J \u202eexe',
  '<script>alert(1)</script>',
  '##[stop-commands]tok',
  '::error file=x::forged',
  'nul\u0000 del\u007f bom\ufeff lsep\u2028',
  'lone surrogate \ud800 end',
];

/** Maps that carry hostile text in keys and file names, huge lines, odd encodings, broken YAML. */
function writeHostileRepo(ws: string): void {
  mkdirSync(join(ws, '.git'));
  mkdirSync(join(ws, 'maps'));
  const keys = HOSTILE_KEYS.map((k) => `${JSON.stringify(k)}: 1\n`).join('');
  writeFileSync(join(ws, 'maps', 'keys.journey.yaml'), CLEAN_MAP + keys);
  writeFileSync(join(ws, 'maps', 'e\u001b[2Jvil #1 <b>.journey.yaml'), CLEAN_MAP + '"\u202ename": 1\n');
  writeFileSync(join(ws, 'maps', 'long-line.journey.yaml'), CLEAN_MAP + `zz-long: ${'x<'.repeat(200_000)}\n`);
  writeFileSync(join(ws, 'maps', 'crlf-bom.journey.yaml'), `\uFEFF${CLEAN_MAP.replace(/\n/g, '\r\n')}bad-key: 1\r\n`);
  writeFileSync(join(ws, 'maps', 'broken.journey.yaml'), 'title: [unclosed\npersona: "x\n');
  writeFileSync(join(ws, 'maps', 'empty.journey.yaml'), '');
  writeFileSync(join(ws, 'maps', 'too-large.journey.yaml'), `${CLEAN_MAP}# ${'\u001b'.repeat(5_000_001)}\n`);
  writeFileSync(join(ws, 'maps', 'error.journey.yaml'), edit(CLEAN_MAP, 'lane: iam\n', 'lane: iamm\n'));
}

async function lintSarif(args: string[], cwd: string): Promise<Sarif.Log> {
  const r = await runCli(['lint', ...args, '--format', 'sarif', '--today', TODAY], cwd);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as Sarif.Log;
}

function assertValidSarif(log: Sarif.Log): void {
  const validate = sarifValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

describe('lint --format sarif', () => {
  let ws: string;
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'journeymap-ci-'));
    writeHostileRepo(ws);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('the examples validate against the SARIF 2.1.0 schema, with every rule in the driver', async () => {
    const log = await lintSarif(['examples'], process.cwd());
    assertValidSarif(log);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.deepEqual(driver.rules!.map((r) => r.id), RULES.map((r) => r.name));
    for (const [i, rule] of driver.rules!.entries()) {
      assert.equal(rule.shortDescription!.text, RULES[i].summary);
      assert.ok(rule.fullDescription!.text.startsWith(RULES[i].summary), rule.id);
      assert.ok(rule.helpUri!.endsWith(`/docs/rules.md#${rule.id}`), rule.helpUri);
      assert.equal(rule.defaultConfiguration!.level, { error: 'error', warning: 'warning', info: 'note' }[RULES[i].severity]);
    }
    assert.ok(log.runs[0].results!.length > 0);
  });

  it('places each result repository-relative on %SRCROOT% with a one-based region', async () => {
    const log = await lintSarif(['examples'], process.cwd());
    const run = log.runs[0];
    assert.equal(run.originalUriBaseIds!['%SRCROOT%'].uri, `file://${process.cwd()}/`);
    const json = JSON.parse((await runCli(['lint', 'examples', '--format', 'json', '--today', TODAY], process.cwd())).stdout);
    const diagnostics = json.files.flatMap((f: { path: string; diagnostics: object[] }) => f.diagnostics.map((d) => ({ path: f.path, ...d })));
    assert.equal(run.results!.length, diagnostics.length);
    for (const [i, result] of run.results!.entries()) {
      const d = diagnostics[i];
      const location = result.locations![0].physicalLocation!;
      assert.deepEqual(location.artifactLocation, { uri: d.path, uriBaseId: '%SRCROOT%' });
      assert.deepEqual(location.region, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
      assert.equal(result.ruleId, d.code);
      assert.equal(run.tool.driver.rules![result.ruleIndex!].id, d.code);
    }
  });

  it('the hostile fixtures validate too, and every message round-trips exactly', async () => {
    const log = await lintSarif(['maps'], ws);
    assertValidSarif(log);
    const json = JSON.parse((await runCli(['lint', 'maps', '--format', 'json', '--today', TODAY], ws)).stdout);
    const messages = json.files.flatMap((f: { diagnostics: { message: string }[] }) => f.diagnostics.map((d) => d.message));
    assert.deepEqual(log.runs[0].results!.map((r) => r.message.text), messages);
    const all = messages.join('\n');
    for (const key of HOSTILE_KEYS.slice(0, 4)) assert.ok(all.includes(key), key);
    const codes = new Set(log.runs[0].results!.map((r) => r.ruleId));
    for (const code of ['unknown-key', 'yaml-syntax', 'file-too-large', 'unknown-reference']) assert.ok(codes.has(code), code);
  });

  it('prints no raw control or bidi character, and no line a CI log would run as a command', async () => {
    const r = await runCli(['lint', 'maps', '--format', 'sarif', '--today', TODAY], ws);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\ufeff]/.test(r.stdout));
    assert.ok(!r.stdout.includes('##['));
    assert.ok(!/^\s*::/m.test(r.stdout));
  });

  it('percent-encodes file names in URIs and keeps the name exact once decoded', async () => {
    const log = await lintSarif(['maps'], ws);
    const uris = log.runs[0].results!.map((r) => r.locations![0].physicalLocation!.artifactLocation!.uri!);
    const evil = uris.find((u) => u.includes('vil'))!;
    assert.equal(evil, 'maps/e%1B%5B2Jvil%20%231%20%3Cb%3E.journey.yaml');
    assert.equal(decodeURIComponent(evil), 'maps/e\u001b[2Jvil #1 <b>.journey.yaml');
  });

  it('a map outside the source root gets an absolute file URI', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'journeymap-outside-'));
    try {
      writeFileSync(join(outside, 'o.journey.yaml'), CLEAN_MAP + 'stray: 1\n');
      const log = await lintSarif([join(outside, 'o.journey.yaml'), '--root', ws], ws);
      assertValidSarif(log);
      const location = log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!;
      assert.equal(location.uri, `file://${join(outside, 'o.journey.yaml')}`);
      assert.equal(location.uriBaseId, undefined);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('fingerprints (SARIF and GitLab)', () => {
  let ws: string;
  const MAP = edit(CLEAN_MAP, 'notifies_customer: true', 'notifies_customer: false') + 'stray: 1\nstray2: 1\n';
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'journeymap-prints-'));
    mkdirSync(join(ws, '.git'));
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  async function prints(text: string): Promise<{ sarif: Map<string, string>; gitlab: Map<string, string>; lines: number[] }> {
    writeFileSync(join(ws, 'm.journey.yaml'), text);
    const log = await lintSarif(['m.journey.yaml'], ws);
    const gitlab = JSON.parse((await runCli(['lint', 'm.journey.yaml', '--format', 'gitlab', '--today', TODAY], ws)).stdout);
    const key = (message: string, rule: string) => `${rule}: ${message}`;
    return {
      sarif: new Map(log.runs[0].results!.map((r) => [key(r.message.text!, r.ruleId!), r.partialFingerprints!['journeymap/v1']])),
      gitlab: new Map(gitlab.map((i: { description: string; check_name: string; fingerprint: string }) => [key(i.description, i.check_name), i.fingerprint])),
      lines: log.runs[0].results!.map((r) => r.locations![0].physicalLocation!.region!.startLine!),
    };
  }

  it('stay the same when unrelated lines are inserted above and the findings move', async () => {
    const before = await prints(MAP);
    const moved = MAP.replace('journeymap: 1\n', 'journeymap: 1\n# a note\n\n# another note\n');
    const after = await prints(moved);
    assert.ok(before.sarif.size >= 3, [...before.sarif.keys()].join('\n'));
    assert.deepEqual(after.lines, before.lines.map((l) => l + 3));
    assert.deepEqual(after.sarif, before.sarif);
    assert.deepEqual(after.gitlab, before.gitlab);
  });

  it('differ between findings, and change when the finding\'s own line changes', async () => {
    const before = await prints(MAP);
    assert.equal(new Set(before.sarif.values()).size, before.sarif.size);
    const after = await prints(MAP.replace('stray: 1', 'stray:   2'));
    const changed = [...before.sarif].filter(([k, v]) => after.sarif.get(k) !== v).map(([k]) => k);
    assert.equal(changed.length, 1, changed.join('\n'));
    assert.match(changed[0], /^unknown-key: .*`stray`/);
  });

  it('findings alike in rule, message and line text still get different fingerprints', async () => {
    const bogus = (text: string, after: string) => text.replace(`${after}\n`, `${after}\n        bogus: 1\n`);
    const { sarif } = await prints(bogus(bogus(CLEAN_MAP, 'name: Agent verifies identity'), 'name: IAM unlocks the account'));
    const log = await lintSarif(['m.journey.yaml'], ws);
    const all = log.runs[0].results!.map((r) => r.partialFingerprints!['journeymap/v1']);
    assert.ok(all.length > sarif.size, 'two findings share a message');
    assert.equal(new Set(all).size, all.length);
  });
});

describe('lint --format gitlab', () => {
  it('matches the Code Quality shape: fields, types, severities and repository paths', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'journeymap-gitlab-'));
    try {
      writeHostileRepo(ws);
      const r = await runCli(['lint', 'maps', '--format', 'gitlab', '--today', TODAY], ws);
      assert.equal(r.code, 1, r.stderr);
      const issues: CodeQualityIssue[] = JSON.parse(r.stdout);
      const ajv = new Ajv({ allErrors: true });
      const validate = ajv.compile(GITLAB_CODE_QUALITY);
      assert.ok(validate(issues), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      const severities = new Set(issues.map((i) => i.severity));
      assert.ok(severities.has('critical') && severities.has('major') && severities.has('minor'), [...severities].join());
      assert.ok(issues.every((i) => i.location.path.startsWith('maps/')));
      assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
      const json = JSON.parse((await runCli(['lint', 'maps', '--format', 'json', '--today', TODAY], ws)).stdout);
      const messages = json.files.flatMap((f: { diagnostics: { message: string }[] }) => f.diagnostics.map((d) => d.message));
      assert.deepEqual(issues.map((i) => i.description), messages);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('lint --output FILE', () => {
  let ws: string;
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'journeymap-output-'));
    mkdirSync(join(ws, '.git'));
    writeFileSync(join(ws, 'm.journey.yaml'), CLEAN_MAP + 'stray: 1\n');
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  for (const format of ['sarif', 'gitlab', 'json', 'github', 'text']) {
    it(`writes ${format} to the file, creating its folders, and prints the text report`, async () => {
      const file = join('reports', format, `lint.${format}`);
      const r = await runCli(['lint', 'm.journey.yaml', '--format', format, '--output', file, '--today', TODAY], ws);
      const text = await runCli(['lint', 'm.journey.yaml', '--today', TODAY], ws);
      const alone = await runCli(['lint', 'm.journey.yaml', '--format', format, '--today', TODAY], ws);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, text.stdout);
      assert.equal(readFileSync(join(ws, file), 'utf8'), alone.stdout);
    });
  }

  it('refuses a folder, and says so before linting', async () => {
    mkdirSync(join(ws, 'out'), { recursive: true });
    for (const target of ['out', 'new-folder/']) {
      const r = await runCli(['lint', 'm.journey.yaml', '--format', 'sarif', '--output', target], ws);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--output .*: is a folder; name the report file/);
      assert.equal(r.stdout, '');
    }
  });

  it('exits 2 when the file cannot be written', async () => {
    writeFileSync(join(ws, 'a-file'), '');
    const r = await runCli(['lint', 'm.journey.yaml', '--format', 'sarif', '--output', 'a-file/report.sarif'], ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write a-file\/report\.sarif: (ENOTDIR|EEXIST)/);
  });

  it('--docs-url sets the rules\' help links, and must be an absolute URL without an anchor', async () => {
    const log = await lintSarif(['m.journey.yaml', '--docs-url', 'https://example.com/jm/docs/rules.md'], ws);
    assert.equal(log.runs[0].tool.driver.rules![0].helpUri, `https://example.com/jm/docs/rules.md#${RULES[0].name}`);
    for (const bad of ['docs/rules.md', 'https://x.example/rules.md#top', 'javascript:alert(1)']) {
      const r = await runCli(['lint', 'm.journey.yaml', '--format', 'sarif', '--docs-url', bad], ws);
      assert.equal(r.code, 2, bad);
    }
  });
});
