import type { LaneKind } from './shapes';
import type { UnitKind } from './values';

/** What the core knows about a support metric, drawn from the seed articles' tables. */
export interface MetricInfo {
  name: string;
  fullName: string;
  definition: string;
  /** Where in the journey it says the most, and what it reveals there. */
  reveals: string;
  /** Units a value may be written in; the first is the usual one. */
  units: readonly UnitKind[];
  better: 'higher' | 'lower';
  /** Word stems of the moments it fits (matched against a touchpoint's stage, name and channel). */
  moments: readonly string[];
  /** The lanes where it is measured. */
  lanes: readonly LaneKind[];
}

const catalogue: MetricInfo[] = [
  {
    name: 'fcr', fullName: 'First Contact Resolution',
    definition: 'Share of issues resolved in the first interaction, with no follow-up contact.',
    reveals: 'Initial contact: whether the first agent has the context and authority to resolve.',
    units: ['percent'], better: 'higher',
    moments: ['contact', 'call', 'phone', 'chat', 'desk', 'first', 'ask', 'help', 'support'], lanes: ['frontstage'],
  },
  {
    name: 'mttr', fullName: 'Mean Time to Resolve',
    definition: 'Average time from submission to closure.',
    reveals: 'Resolution: delays from internal processes, queues and handoffs.',
    units: ['duration'], better: 'lower',
    moments: ['resolv', 'fix', 'restor', 'repair', 'recover', 'outage', 'incident', 'unlock'], lanes: ['backstage', 'system'],
  },
  {
    name: 'csat', fullName: 'Customer Satisfaction Score',
    definition: 'Satisfaction rated by the customer after closure (a rating such as 4.2/5, or % satisfied).',
    reveals: 'Post-resolution: how the whole experience felt; low response rates can mask dissatisfaction.',
    units: ['rating', 'percent', 'number'], better: 'higher',
    moments: ['close', 'closure', 'follow', 'survey', 'feedback', 'confirm', 'rate', 'done', 'resolution'], lanes: ['customer'],
  },
  {
    name: 'ces', fullName: 'Customer Effort Score',
    definition: 'How much effort the customer had to spend to get the issue resolved.',
    reveals: 'Resolution: a high score means customers work too hard (repeat information, switch channels).',
    units: ['rating', 'number'], better: 'lower',
    moments: ['resolv', 'fix', 'verif', 'retry', 'repeat', 'effort', 'workaround', 'self-service'], lanes: ['customer'],
  },
  {
    name: 'nps', fullName: 'Net Promoter Score',
    definition: 'Promoters minus detractors, from -100 to 100.',
    reveals: 'Long-term relationship: the effect of support quality on loyalty.',
    units: ['number'], better: 'higher',
    moments: ['relationship', 'renew', 'loyal', 'long-term', 'review'], lanes: ['customer'],
  },
  {
    name: 'reopen_rate', fullName: 'Reopen Rate',
    definition: 'Share of resolved tickets reopened by the customer.',
    reveals: 'Post-resolution: whether "resolved" tickets truly fixed the root issue.',
    units: ['percent'], better: 'lower',
    moments: ['close', 'closure', 'confirm', 'follow', 'resolution', 'reopen'], lanes: ['frontstage', 'customer'],
  },
  {
    name: 'escalation_rate', fullName: 'Escalation Rate',
    definition: 'Share of tickets escalated to a higher tier or another team.',
    reveals: 'Escalation handoff: information lost between tiers, gaps in front-line capability.',
    units: ['percent'], better: 'lower',
    moments: ['escalat', 'tier', 'hand', 'specialist', 'triage'], lanes: ['frontstage', 'backstage'],
  },
  {
    name: 'deflection_rate', fullName: 'Self-Service Deflection Rate',
    definition: 'Share of self-service sessions that end without a ticket.',
    reveals: 'Self-service: whether the portal and knowledge base answer the question.',
    units: ['percent'], better: 'higher',
    moments: ['self', 'portal', 'search', 'knowledge', 'kb', 'faq', 'article', 'help centre', 'help center', 'bot', 'virtual'], lanes: ['customer', 'frontstage'],
  },
  {
    name: 'search_to_ticket', fullName: 'Search-to-Ticket Ratio',
    definition: 'Help-centre searches per ticket submitted.',
    reveals: 'Self-service / discovery: documentation effectiveness; near 1:1 means the knowledge base fails.',
    units: ['number'], better: 'higher',
    moments: ['search', 'knowledge', 'kb', 'faq', 'article', 'help centre', 'help center', 'discover', 'notice'], lanes: ['customer'],
  },
  {
    name: 'first_response_time', fullName: 'First Response Time',
    definition: 'Time from submission to the first human response.',
    reveals: 'Contact: how long the customer waits without knowing whether anyone has seen the issue.',
    units: ['duration'], better: 'lower',
    moments: ['contact', 'report', 'submit', 'ticket', 'open', 'request', 'ask', 'acknowledg', 'log'], lanes: ['frontstage', 'system'],
  },
  {
    name: 'time_to_resolution', fullName: 'Time to Resolution',
    definition: 'Elapsed time from first contact to confirmed resolution.',
    reveals: 'Troubleshooting: delays caused by internal processes or handoffs.',
    units: ['duration'], better: 'lower',
    moments: ['resolv', 'fix', 'troubleshoot', 'diagnos', 'investigat', 'repair', 'deploy', 'restor'], lanes: ['backstage', 'system'],
  },
  {
    name: 'backlog_age', fullName: 'Backlog Age',
    definition: 'Age of open tickets waiting in a queue.',
    reveals: 'Triage and diagnosis: queues that stall behind the customer\'s back.',
    units: ['duration'], better: 'lower',
    moments: ['triage', 'queue', 'diagnos', 'investigat', 'backlog', 'wait', 'pending', 'approv'], lanes: ['backstage'],
  },
  {
    name: 'sla_breach_rate', fullName: 'SLA Breach Rate',
    definition: 'Share of tickets that missed their service-level target.',
    reveals: 'Handoffs: transitions between teams where SLA breaches and repeat contacts occur.',
    units: ['percent'], better: 'lower',
    moments: ['hand', 'escalat', 'approv', 'assign', 'route', 'sla', 'vendor', 'transfer'], lanes: ['backstage', 'system'],
  },
  {
    name: 'transfer_rate', fullName: 'Transfer Rate',
    definition: 'Share of contacts transferred to another agent or team.',
    reveals: 'Contact and triage: routing that makes customers repeat themselves.',
    units: ['percent'], better: 'lower',
    moments: ['contact', 'triage', 'route', 'transfer', 'assign', 'call'], lanes: ['frontstage'],
  },
  {
    name: 'repeat_contact_rate', fullName: 'Repeat Contact Rate',
    definition: 'Share of customers who contact support again about the same issue.',
    reveals: 'Any stage: incomplete resolutions and missing status updates.',
    units: ['percent'], better: 'lower',
    moments: ['wait', 'chase', 'update', 'status', 'follow', 'again', 'repeat'], lanes: ['customer'],
  },
  {
    name: 'abandonment_rate', fullName: 'Abandonment Rate',
    definition: 'Share of contacts abandoned before reaching an agent (calls, chats, forms, searches).',
    reveals: 'Contact and self-service: waits and dead ends that make customers give up.',
    units: ['percent'], better: 'lower',
    moments: ['wait', 'queue', 'call', 'chat', 'hold', 'self', 'portal', 'form'], lanes: ['customer'],
  },
  {
    name: 'churn_rate', fullName: 'Churn Rate',
    definition: 'Share of customers lost in a period.',
    reveals: 'Long-term relationship: the impact of support quality on retention.',
    units: ['percent'], better: 'lower',
    moments: ['renew', 'cancel', 'relationship', 'long-term', 'contract'], lanes: ['customer'],
  },
  {
    name: 'misclassification_rate', fullName: 'Misclassification Rate',
    definition: 'Share of tickets given the wrong category or priority at intake.',
    reveals: 'Priority assignment: tickets escalated manually by users because triage got them wrong.',
    units: ['percent'], better: 'lower',
    moments: ['triage', 'priorit', 'classif', 'categor', 'route', 'assign'], lanes: ['frontstage', 'system'],
  },
  {
    name: 'form_completion_rate', fullName: 'Form Completion Rate',
    definition: 'Share of started ticket forms that are submitted complete.',
    reveals: 'Ticket submission: incomplete submissions that delay triage.',
    units: ['percent'], better: 'higher',
    moments: ['form', 'submit', 'request', 'ticket', 'portal', 'raise'], lanes: ['customer'],
  },
  {
    name: 'survey_response_rate', fullName: 'Survey Response Rate',
    definition: 'Share of closed tickets whose satisfaction survey was answered.',
    reveals: 'Feedback: low response rates mask dissatisfaction in CSAT.',
    units: ['percent'], better: 'higher',
    moments: ['survey', 'feedback', 'rate', 'close'], lanes: ['customer', 'system'],
  },
];

export const METRIC_CATALOGUE: ReadonlyMap<string, MetricInfo> = new Map(catalogue.map((m) => [m.name, m]));

export function metricInfo(name: string): MetricInfo | undefined {
  return METRIC_CATALOGUE.get(name);
}

/**
 * The catalogue metrics that fit a touchpoint best, by what it is about (its stage's and its own
 * words, its channel) and its lane: for `missing-metric`, so a self-service step is offered
 * deflection_rate, a hand-off queue backlog_age, a closing step csat. Best first; at most `count`.
 */
export function suggestMetrics(words: string, lane: LaneKind | undefined, count = 3): MetricInfo[] {
  const text = words.toLowerCase();
  const scored = catalogue.map((info, order) => {
    const hits = info.moments.filter((stem) => text.includes(stem)).length;
    return { info, order, score: hits * 2 + (lane && info.lanes.includes(lane) ? 1 : 0) };
  });
  return scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.order - b.order).slice(0, count).map((s) => s.info);
}
