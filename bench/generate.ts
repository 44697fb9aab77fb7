/**
 * A seeded, deterministic generator of realistic journey maps for the benchmarks and
 * for tests: `generateJourney(n, seed)` writes a map with `n` touchpoints, about n/10 stages,
 * 6 lanes (customer, frontstage, two backstage, two system), 3 metrics with value, target,
 * source and as-of date plus a runbook link on every touchpoint, n/5 handoffs and some
 * improvements. The same (n, seed, options) always gives the same text, byte for byte.
 *
 * The maps lint with no errors: every id is unique, every reference resolves, every metric is in
 * the catalogue with a value and target in its unit. Links point at the files `generatedFiles()`
 * returns (runbooks with the headings the anchors name, and the sources' data files), so with
 * those files beside the map the link rules are silent too. Remaining findings are the ones a
 * real large map has: `overcomplicated`, some `silent-handoff`, `sla-exceeded`, `loop`,
 * `unaddressed-pain`.
 *
 * Pure: no Node APIs, so it runs wherever the core runs.
 */
import { mulberry32 } from './random';

export { mulberry32 };

export interface GenerateOptions {
  /** The `review.last` date (YYYY-MM-DD). Default 2026-11-01. Sources end a month before it. */
  reviewed?: string;
}

export const LANES = [
  { id: 'customer', name: 'Customer (tenant admin)', kind: 'customer', team: undefined },
  { id: 'desk', name: 'Service desk (Tier 1)', kind: 'frontstage', team: 'Support' },
  { id: 'tier2', name: 'Application support (Tier 2)', kind: 'backstage', team: 'Support' },
  { id: 'engineering', name: 'Engineering on-call', kind: 'backstage', team: 'Platform engineering' },
  { id: 'itsm', name: 'ITSM platform (ticketing, SLAs)', kind: 'system', team: 'Support operations' },
  { id: 'identity', name: 'Identity platform and mail relay', kind: 'system', team: 'Platform' },
] as const;

type LaneId = (typeof LANES)[number]['id'];

/** One runbook per lane, each with these sections; anchors are the GitHub-style slugs. */
const RUNBOOK_SECTIONS = [
  'Symptoms', 'Triage', 'Verify identity', 'Known issues', 'Workaround', 'Escalation',
  'Customer updates', 'Resolution', 'Rollback', 'Closure checklist',
];

const SOURCES = [
  { id: 'tickets', kind: 'tickets', path: 'data/tickets.csv' },
  { id: 'csat', kind: 'csat', path: 'data/csat.csv' },
  { id: 'analytics', kind: 'analytics', path: 'data/analytics.csv' },
] as const;

const STAGE_NAMES = [
  'Problem discovery', 'Self-service attempt', 'Contact', 'Triage', 'Diagnosis', 'Escalation',
  'Fix', 'Verification', 'Resolution', 'Follow-up',
];

const CHANNELS: Record<LaneId, readonly string[]> = {
  customer: ['web', 'email', 'phone', 'chat', 'portal', 'status-page', 'help-centre'],
  desk: ['phone', 'chat', 'email', 'portal'],
  tier2: ['ticket', 'chat'],
  engineering: ['pager', 'ticket'],
  itsm: ['portal', 'email'],
  identity: ['email', 'web'],
};

const VERBS: Record<LaneId, readonly string[]> = {
  customer: ['Searches the help centre for', 'Opens a ticket about', 'Calls the desk about', 'Waits for news on', 'Confirms the fix for', 'Re-explains', 'Checks the status page for', 'Reads the reply about'],
  desk: ['Logs and categorises', 'Verifies the caller for', 'Tries the known workaround for', 'Escalates', 'Updates the customer on', 'Closes'],
  tier2: ['Reproduces', 'Collects logs for', 'Applies the runbook fix for', 'Hands over', 'Confirms the root cause of'],
  engineering: ['Pages the owner of', 'Deploys a fix for', 'Rolls back', 'Writes the incident note for'],
  itsm: ['Routes', 'Starts the SLA clock for', 'Sends the auto-reply for', 'Reminds the assignee of'],
  identity: ['Sends the reset email for', 'Unlocks', 'Syncs the directory for', 'Rotates the token for'],
};

const SUBJECTS = [
  'the account lockout', 'the failed invoice', 'the VPN outage', 'the missing licence', 'the slow dashboard',
  'the password reset', 'the mailbox quota', 'the broken SSO login', 'the duplicate charge', 'the printer queue',
  'the MFA enrolment', 'the data export', 'the shared drive permissions', 'the laptop replacement',
];

const PAINS = [
  'Has to repeat the whole story to a second agent',
  'No update for hours after the handoff',
  'The help article shows an old screen',
  'The auto-reply promises a time nobody meets',
  'The ticket was routed to the wrong queue first',
  'The fix is only known to one engineer',
  'The customer cannot tell whether anything is happening',
];

const THOUGHTS = [
  'Is anyone even looking at this?', 'Do I have to explain it all again?', 'How long will this take?',
  'Did that actually fix it?', 'Should I call instead?',
];

/** Catalogue metrics by unit, with plausible value/target pairs (value misses or meets target). */
const METRIC_POOL: readonly { name: string; values: readonly [string, string][] }[] = [
  { name: 'fcr', values: [['64%', '75%'], ['71%', '70%'], ['58%', '80%']] },
  { name: 'csat', values: [['3.8/5', '4.3/5'], ['4.4/5', '4.2/5'], ['78%', '85%']] },
  { name: 'ces', values: [['4.1/5', '2.5/5'], ['2.2/5', '2.5/5']] },
  { name: 'mttr', values: [['6h', '4h'], ['35m', '1h'], ['2d', '1d']] },
  { name: 'first_response_time', values: [['45m', '15m'], ['10m', '15m'], ['3h', '1h']] },
  { name: 'time_to_resolution', values: [['3d', '2d'], ['20h', '1d']] },
  { name: 'reopen_rate', values: [['12%', '5%'], ['4%', '5%']] },
  { name: 'escalation_rate', values: [['31%', '20%'], ['18%', '20%']] },
  { name: 'deflection_rate', values: [['22%', '40%'], ['45%', '40%']] },
  { name: 'transfer_rate', values: [['27%', '10%'], ['9%', '10%']] },
  { name: 'repeat_contact_rate', values: [['18%', '5%'], ['6%', '5%']] },
  { name: 'abandonment_rate', values: [['41%', '15%'], ['12%', '15%']] },
  { name: 'sla_breach_rate', values: [['14%', '5%'], ['3%', '5%']] },
  { name: 'backlog_age', values: [['9d', '3d'], ['2d', '3d']] },
  { name: 'misclassification_rate', values: [['16%', '5%']] },
  { name: 'search_to_ticket', values: [['1.4', '4'], ['5.2', '4']] },
];

/** The runbook path (relative to the map) for a lane. */
export function runbookPath(lane: string): string {
  return `runbooks/${lane}.md`;
}

function slug(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/**
 * The files the generated maps link to, keyed by path relative to the map: one Markdown runbook
 * per lane (with every heading an anchor names) and the sources' data files.
 */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const lane of LANES) {
    const body = RUNBOOK_SECTIONS.map((h) => `## ${h}\n\nWhat the ${lane.name} does for "${h.toLowerCase()}".\n`).join('\n');
    files.set(runbookPath(lane.id), `# Runbook: ${lane.name}\n\n${body}`);
  }
  for (const source of SOURCES) files.set(source.path, 'id,opened,closed,category\n1,2026-09-01,2026-09-02,access\n');
  return files;
}

/** Adds `days` to an ISO date. */
function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** YAML plain scalars we write never need quoting, except these characters; quote defensively. */
function q(text: string): string {
  return /[:#'"{}[\],&*!|>%@`]/.test(text) || /^[-?\s]/.test(text) ? JSON.stringify(text) : text;
}

interface Tp {
  id: string;
  lane: LaneId;
  stage: number;
  index: number;
}

/** A journey map with `touchpoints` touchpoints, deterministic for `seed`. */
export function generateJourney(touchpoints: number, seed = 1, options: GenerateOptions = {}): string {
  const n = Math.max(1, Math.floor(touchpoints));
  const rand = mulberry32(seed * 2654435761 + n);
  const int = (max: number): number => Math.floor(rand() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const reviewed = options.reviewed ?? '2026-11-01';
  const periodEnd = addDays(reviewed, -30);
  const periodStart = addDays(periodEnd, -91);

  const stageCount = Math.max(1, Math.round(n / 10));
  // Spread touchpoints over stages as evenly as possible, so no stage is empty.
  const perStage: number[] = [];
  for (let s = 0; s < stageCount; s++) {
    perStage.push(Math.floor(((s + 1) * n) / stageCount) - Math.floor((s * n) / stageCount));
  }

  // Lanes: customer touchpoints dominate, the rest share the other lanes; every lane gets used.
  const tps: Tp[] = [];
  let index = 0;
  for (let s = 0; s < stageCount; s++) {
    for (let k = 0; k < perStage[s]; k++) {
      const lane: LaneId = index < LANES.length ? LANES[index].id : rand() < 0.35 ? 'customer' : LANES[1 + int(LANES.length - 1)].id;
      tps.push({ id: `tp-${String(index + 1).padStart(5, '0')}`, lane, stage: s, index });
      index++;
    }
  }

  // Which touchpoints have pains, and which of those an improvement targets.
  const pains = new Map<number, string[]>();
  for (const tp of tps) {
    if (rand() < 0.3) pains.set(tp.index, [pick(PAINS)]);
  }
  if (pains.size === 0) pains.set(0, [PAINS[0]]);

  const out: string[] = [];
  const line = (s: string): void => void out.push(s);
  line(`# Generated by bench/generate.ts: ${n} touchpoints, seed ${seed}. Do not edit by hand.`);
  line('journeymap: 1');
  line(`title: Generated support journey (${n} touchpoints)`);
  line('persona: Tenant administrator at a 40-seat customer');
  line('scenario: Reports a problem, is helped by the desk, escalated, fixed and followed up');
  line('goal: Resolved within one business day with one contact');
  line('owner: Service desk team lead');
  line('review:');
  line(`  last: ${reviewed}`);
  line('  every: quarter');
  line('sources:');
  for (const source of SOURCES) {
    line(`  - id: ${source.id}`);
    line(`    kind: ${source.kind}`);
    line(`    path: ${source.path}`);
    line(`    period: ${periodStart}/${periodEnd}`);
  }
  line('lanes:');
  for (const lane of LANES) {
    line(`  - id: ${lane.id}`);
    line(`    name: ${q(lane.name)}`);
    line(`    kind: ${lane.kind}`);
    if (lane.team) line(`    team: ${q(lane.team)}`);
  }
  line('stages:');
  let t = 0;
  for (let s = 0; s < stageCount; s++) {
    line(`  - id: stage-${String(s + 1).padStart(3, '0')}`);
    line(`    name: ${q(`${STAGE_NAMES[s % STAGE_NAMES.length]}${s >= STAGE_NAMES.length ? ` ${Math.floor(s / STAGE_NAMES.length) + 1}` : ''}`)}`);
    line('    touchpoints:');
    for (let k = 0; k < perStage[s]; k++, t++) {
      const tp = tps[t];
      const subject = pick(SUBJECTS);
      const verb = pick(VERBS[tp.lane]);
      line(`      - id: ${tp.id}`);
      line(`        lane: ${tp.lane}`);
      line(`        name: ${q(`${verb} ${subject}`)}`);
      line(`        channel: ${pick(CHANNELS[tp.lane])}`);
      line(`        does: ${q(`${verb} ${subject} and records what was tried`)}`);
      const tpPains = pains.get(tp.index);
      if (tp.lane === 'customer') {
        line(`        thinks: ${q(pick(THOUGHTS))}`);
        // A strongly negative feeling always comes with a pain (no unexplained-low).
        const feels = tpPains ? -3 + int(4) : -1 + int(4);
        line(`        feels: ${feels}`);
      }
      if (tpPains) {
        line('        pains:');
        for (const p of tpPains) line(`          - ${q(p)}`);
      }
      // Now and then an explicit flow: a branch forward, or a loop back (the customer repeats a step).
      if (t > 2 && t < n - 2 && rand() < 0.05) {
        const back = tps[t - 1 - int(Math.min(t, 5))].id;
        line(`        next: [${tps[t + 1].id}, ${back}]`);
      }
      line(`        runbook: ${runbookPath(tp.lane)}#${slug(pick(RUNBOOK_SECTIONS))}`);
      line('        metrics:');
      const start = int(METRIC_POOL.length);
      for (let m = 0; m < 3; m++) {
        const metric = METRIC_POOL[(start + m * 5) % METRIC_POOL.length];
        const [value, target] = pick(metric.values);
        const source = SOURCES[(start + m) % SOURCES.length].id;
        line(`          ${metric.name}: { value: ${value}, target: ${target}, source: ${source}, as_of: ${periodEnd} }`);
      }
    }
  }

  // Handoffs: n/5, between touchpoints in different lanes, mostly forward in the journey.
  const handoffCount = Math.floor(n / 5);
  if (handoffCount > 0 && n > 1) {
    line('handoffs:');
    for (let h = 0; h < handoffCount; h++) {
      const from = int(n - 1);
      let to = from + 1 + int(Math.min(3, n - 1 - from));
      if (to >= n) to = n - 1;
      const sla = pick(['30m', '1h', '4h', '1d']);
      const wait = pick(['20m', '45m', '2h', '6h', '1d']);
      line(`  - from: ${tps[from].id}`);
      line(`    to: ${tps[to].id}`);
      line(`    sla: ${sla}`);
      line(`    wait: ${wait}`);
      line(`    notifies_customer: ${rand() < 0.8}`);
    }
  }

  // Improvements: one per ~20 touchpoints, each targeting painful touchpoints.
  const painful = [...pains.keys()];
  const improvementCount = Math.max(1, Math.floor(n / 20));
  line('improvements:');
  for (let i = 0; i < improvementCount; i++) {
    const targets = new Set<string>();
    for (let k = 0; k < 1 + int(3); k++) targets.add(tps[painful[int(painful.length)]].id);
    line(`  - id: imp-${String(i + 1).padStart(4, '0')}`);
    line(`    for: [${[...targets].join(', ')}]`);
    line(`    experiment: ${q(`Send a status update at every handoff for ${pick(SUBJECTS)}`)}`);
    line('    outcome: Fewer chase-up contacts while the ticket is with another team');
    line(`    signal: ${q(`${10 + int(30)}% fewer repeat contacts within one quarter`)}`);
    line(`    impact: ${pick(['low', 'medium', 'high'])}`);
    line(`    effort: ${pick(['low', 'medium', 'high'])}`);
    line(`    owner: ${q(pick(['Service desk team lead', 'IAM team', 'Support operations', 'Platform engineering']))}`);
    line(`    due: ${addDays(reviewed, 30 + int(120))}`);
  }
  return out.join('\n') + '\n';
}
