import { getLanguageService, type Diagnostic, type FileReader, type LanguageServiceOptions, type ReviewEdits, type TextEdit } from '../../src/core';

export const TODAY = '2026-11-27';
export const MAP_URI = '/ws/maps/admin.journey.yaml';

/** A map that triggers no rule at all, not even an info: each rule test mutates it. */
export const CLEAN_MAP = `journeymap: 1
title: Admin locked out of account
persona: Tenant administrator
scenario: Locked out after three failed sign-ins
goal: Regain access within 30 minutes with one contact
owner: Service desk team lead
review:
  last: 2026-10-30
  every: quarter
sources:
  - id: tickets-q3
    kind: tickets
    path: ../data/tickets.csv
    period: 2026-07-01/2026-09-30
lanes:
  - id: admin
    name: Tenant admin
    kind: customer
  - id: desk
    name: Service desk
    kind: frontstage
    team: Support
  - id: iam
    name: IAM team
    kind: backstage
stages:
  - id: discover
    name: Problem discovery
    touchpoints:
      - id: locked-out
        lane: admin
        name: Sees "account locked"
        channel: web
        feels: -2
        pains: [No hint how long the lock lasts]
        runbook: ../runbooks/lockout.md#symptoms
        metrics:
          repeat_contact_rate: { value: 18%, target: 5%, source: tickets-q3, as_of: 2026-09-30 }
  - id: contact
    name: Contact
    touchpoints:
      - id: desk-verify
        lane: desk
        name: Agent verifies identity
        metrics:
          fcr: { value: 64%, target: 80% }
      - id: iam-unlock
        lane: iam
        name: IAM unlocks the account
        metrics:
          time_to_resolution: { value: 3h, target: 4h }
      - id: back-in
        lane: admin
        name: Signs in again
        feels: 2
        metrics:
          csat: { value: 4.1/5, target: 4.5/5 }
handoffs:
  - from: desk-verify
    to: iam-unlock
    sla: 4h
    wait: 3h
    notifies_customer: true
improvements:
  - id: lock-hint
    for: [locked-out]
    experiment: Show when the lock expires on the sign-in page
    outcome: Fewer contacts while the lock runs out
    signal: 30% fewer lockout tickets within one quarter
    impact: high
    effort: low
    owner: IAM team
    due: 2026-12-31
`;

export const FILES: Record<string, string> = {
  '/ws/runbooks/lockout.md': '# Account lockout\n\n## Symptoms\n\nThe admin sees "account locked".\n\n## Resolution\n',
  '/ws/data/tickets.csv': 'id,opened\n1,2026-07-01\n',
};

/**
 * A FileReader over files in memory, as the adapters' readers answer: a text with its version, or
 * `missing`. `onAsk` sees every path the core asks about (security tests spy with it).
 */
export function memoryReader(files: Record<string, string> = FILES, onAsk: (path: string) => void = () => undefined): FileReader {
  const has = (path: string) => Object.prototype.hasOwnProperty.call(files, path);
  return {
    readFile: async (path) => (onAsk(path), has(path) ? { text: files[path], version: `v1:${files[path].length}` } : { problem: { kind: 'missing' } }),
    stat: async (path) => (onAsk(path), has(path) ? { version: `v1:${files[path].length}` } : { problem: { kind: 'missing' } }),
    // Test fixtures hold no quoted fields, so a plain split stands in for the CSV parser here.
    readRecords: async (path, onRecord) => {
      onAsk(path);
      if (!has(path)) throw { message: 'no such file' };
      const lines = files[path].split('\n').filter(Boolean);
      const width = lines[0]?.split(',').length;
      lines.forEach((line, i) => {
        const cells = line.split(',');
        if (cells.length !== width) throw { message: `expected ${width} fields, got ${cells.length}`, line: i + 1 };
        onRecord(cells);
      });
    },
  };
}

export function service(options: Partial<LanguageServiceOptions> = {}) {
  return getLanguageService({ fileReader: memoryReader(), today: () => TODAY, workspaceRoot: '/ws', ...options });
}

export async function lint(text: string, options: Partial<LanguageServiceOptions> = {}): Promise<Diagnostic[]> {
  return service(options).validate(MAP_URI, text);
}

/** Replaces exactly one occurrence of `from` (throws when it is missing or ambiguous). */
export function edit(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0) throw new Error(`fixture edit: "${from}" not found`);
  if (text.indexOf(from, first + 1) >= 0) throw new Error(`fixture edit: "${from}" is ambiguous`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** The zero-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found`);
  return text.slice(0, at).split('\n').length - 1;
}

/** Applies non-overlapping edits (zero-based positions) to a text, last first. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const e of sorted) result = result.slice(0, offset(e.range.start)) + e.newText + result.slice(offset(e.range.end));
  return result;
}

/** The position of the first occurrence of `needle`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The edits of Mark Reviewed Today; none when it refused. */
export function reviewEdits(review: ReviewEdits): TextEdit[] {
  return 'edits' in review ? review.edits : [];
}
