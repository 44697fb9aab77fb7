import { getLanguageService, type Diagnostic, type FileReader, type LanguageServiceOptions } from '../../src/core';

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

export function memoryReader(files: Record<string, string> = FILES): FileReader {
  return {
    readFile: async (path) => files[path],
    exists: async (path) => path in files,
  };
}

export function service(options: LanguageServiceOptions = {}) {
  return getLanguageService({ fileReader: memoryReader(), today: () => TODAY, workspaceRoot: '/ws', ...options });
}

export async function lint(text: string, options: LanguageServiceOptions = {}): Promise<Diagnostic[]> {
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
