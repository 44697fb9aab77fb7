/**
 * A seeded generator of the maps the diagram is judged on: service blueprints as ITSM teams write
 * them, with two customer lanes (a requester and an approver), two frontstage lanes, three
 * backstage lanes (one with a long team name) and a system lane; the flow walks from the customer
 * to the desk, into the back office and back, with approvals, retries that loop back, explicit
 * branches, and handoffs with SLAs and waits (some silent, some over their SLA). The same
 * (touchpoints, seed) always gives the same text. Pure: no Node APIs.
 */
import { mulberry32 } from './random';

const LANES = [
  { id: 'requester', name: 'Employee (requester)', kind: 'customer' },
  { id: 'manager', name: 'Line manager (approver)', kind: 'customer' },
  { id: 'desk', name: 'Service desk (Tier 1)', kind: 'frontstage', team: 'Support' },
  { id: 'chat', name: 'Virtual agent', kind: 'frontstage', team: 'Digital workplace' },
  { id: 'tier2', name: 'Application support (Tier 2)', kind: 'backstage', team: 'Support' },
  { id: 'iam', name: 'Identity and access', kind: 'backstage', team: 'Security operations' },
  { id: 'vendor', name: 'Hardware vendor', kind: 'backstage', team: 'Procurement and vendor management, EMEA region' },
  { id: 'itsm', name: 'ITSM platform', kind: 'system', team: 'Support operations' },
] as const;

const STAGES = [
  'Notice the problem', 'Ask for help', 'Triage and route', 'Approve the request', 'Diagnose',
  'Fix or replace', 'Confirm the fix', 'Close and follow up',
];

const ACTIONS: Record<string, readonly string[]> = {
  requester: ['Sees an error when signing in', 'Searches the portal for an answer', 'Opens a ticket in the portal', 'Calls the service desk', 'Waits for an update', 'Tries the workaround', 'Confirms it works again', 'Rates the support received', 'Chases the ticket by email'],
  manager: ['Gets an approval request by email', 'Approves the access request', 'Asks why the request is needed', 'Is told the device ships next week'],
  desk: ['Agent verifies identity', 'Agent logs the call and sets priority', 'Agent tries the knowledge-base fix', 'Agent escalates to Tier 2', 'Agent updates the customer', 'Agent confirms and closes'],
  chat: ['Virtual agent suggests articles', 'Virtual agent collects device details', 'Hands the chat to a human agent'],
  tier2: ['Reproduces the fault', 'Reads the application logs', 'Applies the configuration fix', 'Asks the requester for a screenshot'],
  iam: ['Checks the account in the directory', 'Resets multi-factor authentication', 'Grants the requested role', 'Reviews the access for separation of duties'],
  vendor: ['Diagnoses the laptop remotely', 'Ships a replacement device', 'Collects the faulty device'],
  itsm: ['Routes the ticket by category', 'Sends the automatic acknowledgement', 'Breaches the SLA timer', 'Sends the satisfaction survey'],
};

const PAINS = [
  'No status update for two days', 'Had to repeat the details three times', 'The portal form asks for an asset tag nobody knows',
  'Approval email lands in the junk folder', 'Escalation loses the screenshots', 'Knowledge article is out of date',
];

const METRICS = [
  'fcr: { value: 64%, target: 80% }', 'first_response_time: { value: 6h, target: 4h }', 'csat: { value: 4.1/5, target: 4.5/5 }',
  'reopen_rate: { value: 9%, target: 5% }', 'time_to_resolution: { value: 2d, target: 1d }',
];

/** The walk a request takes through the lanes: customer, front, back office, front, customer. */
const WALK = ['requester', 'chat', 'desk', 'itsm', 'tier2', 'iam', 'manager', 'vendor', 'desk', 'requester'] as const;

export function blueprintMap(touchpoints: number, seed = 1): string {
  const random = mulberry32(seed * 7919 + touchpoints);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const stageCount = Math.max(2, Math.min(STAGES.length * 3, Math.round(touchpoints / 5)));
  const lines: string[] = [
    'journeymap: 1',
    `title: Laptop and access requests, ${touchpoints} touchpoints`,
    'persona: Employee who cannot work',
    'scenario: A laptop stops signing in the day before a deadline',
    'goal: Working again the same day, with one contact',
    'owner: Service desk team lead',
    'review: { last: 2026-11-01, every: quarter }',
    'sources:',
    '  - { id: tickets, kind: tickets, period: 2026-07-01/2026-09-30 }',
    'lanes:',
    ...LANES.map((l) => `  - { id: ${l.id}, name: "${l.name}", kind: ${l.kind}${'team' in l ? `, team: "${l.team}"` : ''} }`),
    'stages:',
  ];
  const ids: string[] = [];
  const laneOf: string[] = [];
  const handoffs: string[] = [];
  let walk = 0;
  let made = 0;
  for (let s = 0; s < stageCount && made < touchpoints; s++) {
    const name = `${STAGES[s % STAGES.length]}${s >= STAGES.length ? ` (round ${Math.floor(s / STAGES.length) + 1})` : ''}`;
    lines.push(`  - id: stage-${s + 1}`, `    name: "${name}"`, '    touchpoints:');
    const inStage = s === stageCount - 1 ? touchpoints - made : Math.max(1, Math.round(touchpoints / stageCount + (random() - 0.5) * 3));
    for (let k = 0; k < inStage && made < touchpoints; k++, made++) {
      const lane = WALK[walk % WALK.length];
      walk += random() < 0.2 ? 2 : 1;
      const id = `tp-${String(made + 1).padStart(3, '0')}`;
      ids.push(id);
      laneOf.push(lane);
      lines.push(`      - id: ${id}`, `        lane: ${lane}`, `        name: "${pick(ACTIONS[lane])}"`);
      if (lane === 'requester' || lane === 'manager') {
        lines.push(`        feels: ${Math.floor(random() * 7) - 3}`);
        if (random() < 0.5) lines.push(`        pains: ["${pick(PAINS)}"]`);
      }
      if (random() < 0.4) lines.push(`        metrics: { ${pick(METRICS)} }`);
      // A retry now and then: the requester goes back to an earlier step, then on.
      const earlier = ids.length - 1 - 3 - Math.floor(random() * 3);
      if (lane === 'requester' && made > 6 && random() < 0.25 && earlier >= 0) {
        lines.push(`        next: [${ids[earlier]}, NEXT${made}]`);
      }
      // A handoff into the back office from the lane before.
      const previous = ids.length - 2;
      if (previous >= 0 && laneOf[previous] !== lane && (lane === 'tier2' || lane === 'iam' || lane === 'vendor' || lane === 'desk')) {
        const sla = pick(['30m', '4h', '8h', '1d']);
        const wait = pick(['15m', '2h', '6h', '2d']);
        handoffs.push(`  - { from: ${ids[previous]}, to: ${id}, sla: ${sla}, wait: ${wait}, notifies_customer: ${random() < 0.6} }`);
      }
    }
  }
  // NEXTi: the touchpoint after touchpoint i, so a retry also goes on (none after the last).
  let text = lines.join('\n').replace(/, NEXT(\d+)\]/g, (_, i: string) => (Number(i) + 1 < ids.length ? `, ${ids[Number(i) + 1]}]` : ']'));
  if (handoffs.length) text += `\nhandoffs:\n${handoffs.join('\n')}`;
  return `${text}\n`;
}
