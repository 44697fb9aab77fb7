/**
 * The journey map format, version 1, as data. Structure validation, completion, key hovers and the
 * published JSON Schema (schemas/journeymap.schema.json) are all derived from this one table.
 */
import { COLUMN_PRESETS } from './ticketColumns';
import { CADENCES } from './values';

export const FORMAT_VERSION = 1;

/** An id: ASCII letters and digits, `-`, `_` and `.`, starting with a letter or digit. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';
const ID_RE = new RegExp(ID_PATTERN);

export function isValidId(text: string): boolean {
  return ID_RE.test(text);
}

export type RefKind = 'lane' | 'stage' | 'touchpoint' | 'source' | 'improvement';

export type ValueType =
  | { type: 'text' }
  | { type: 'id' }
  | { type: 'version' }
  | { type: 'ref'; target: RefKind }
  | { type: 'refs'; target: RefKind }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'date' }
  | { type: 'interval' }
  | { type: 'cadence' }
  | { type: 'feels' }
  | { type: 'boolean' }
  | { type: 'duration' }
  | { type: 'texts' }
  | { type: 'quantity' }
  | { type: 'object'; shape: ShapeName }
  /** A sentence, or a mapping of the shape's fields (`signal`: a sentence or `{ metric, at, target, by }`). */
  | { type: 'text-or-object'; shape: ShapeName }
  | { type: 'list'; shape: ShapeName }
  | { type: 'metrics' }
  | { type: 'dictionary' }
  /** A preset name (`jira`) or a mapping of logical column -> header name, with `preset:` among them. */
  | { type: 'columns' }
  /** A duration on either clock (`4h`, `8bh`, `2bd`), or a mapping of priority -> duration (`{ P1: 4h, P2: 2bd }`). */
  | { type: 'sla' };

export interface FieldSpec {
  type: ValueType;
  required?: boolean;
  description: string;
  /** A value to show in completion snippets and docs. */
  example?: string;
  /** A list here is allowed by the parser but reported by this rule (one persona per map). */
  listFinding?: string;
}

export type ShapeName =
  | 'map' | 'review' | 'calendar' | 'source' | 'lane' | 'stage' | 'touchpoint' | 'metric' | 'handoff' | 'improvement' | 'signal';

export interface ShapeSpec {
  description: string;
  fields: Record<string, FieldSpec>;
}

export const LANE_KINDS = ['customer', 'frontstage', 'backstage', 'system'] as const;
export type LaneKind = (typeof LANE_KINDS)[number];
export const SOURCE_KINDS = [
  'tickets', 'csat', 'transcripts', 'interviews', 'analytics', 'agent-notes', 'survey', 'assumption',
] as const;
export const LEVELS = ['low', 'medium', 'high'] as const;
/** Which statistic a duration metric reports: its default is the catalogue's (mean for mttr, else the median). */
export const DURATION_STATS = ['p50', 'p90', 'p95', 'mean'] as const;
export const IMPROVEMENT_STATUSES = ['idea', 'planned', 'in-progress', 'done', 'dropped'] as const;
/** A map of the journey as it is today, or as it should become. */
export const MAP_STATES = ['current', 'future'] as const;
export type MapState = (typeof MAP_STATES)[number];

const text = (description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: { type: 'text' }, description, ...extra });

export const SHAPES: Record<ShapeName, ShapeSpec> = {
  map: {
    description: 'A customer journey map: one persona in one scenario, from the problem to the follow-up.',
    fields: {
      journeymap: { type: { type: 'version' }, required: true, description: 'Format version. Always `1` for this format.', example: '1' },
      title: text('A short title for the map.', { required: true, example: 'Admin locked out of account' }),
      persona: text('Exactly one persona: who is on this journey. Map another persona in another file.', { required: true, example: 'Tenant administrator', listFinding: 'multiple-personas' }),
      scenario: text('The one situation this map follows.', { required: true, example: 'Locked out after three failed sign-ins' }),
      goal: text('What success looks like for the persona.', { example: 'Regain access within 30 minutes with one contact' }),
      owner: text('The named person or team who keeps this map current.', { example: 'Service desk team lead' }),
      state: { type: { type: 'enum', values: MAP_STATES }, description: 'Whether the map shows the journey as it is today (`current`) or as it should become (`future`). Default: neither is said.' },
      baseline: text('For a `state: future` map: the current-state map it improves on, a relative path. Its touchpoint ids may be named in improvements\' `for:`.', { example: 'admin-lockout.journey.yaml' }),
      review: { type: { type: 'object', shape: 'review' }, description: 'When the map was last reviewed against live data, and how often it must be.' },
      calendar: { type: { type: 'object', shape: 'calendar' }, description: 'The business calendar that business durations (`8bh`, `2bd`) count in: working days, hours, time zone, holidays. A source may have its own.' },
      sources: { type: { type: 'list', shape: 'source' }, description: 'The evidence the map was built from: tickets, surveys, transcripts, interviews.' },
      lanes: { type: { type: 'list', shape: 'lane' }, required: true, description: 'Swimlanes, top to bottom: the customer, frontstage teams, backstage teams and systems.' },
      stages: { type: { type: 'list', shape: 'stage' }, required: true, description: 'Journey stages, left to right, each with its touchpoints.' },
      handoffs: { type: { type: 'list', shape: 'handoff' }, description: 'Work passing between lanes behind the customer\'s back.' },
      improvements: { type: { type: 'list', shape: 'improvement' }, description: 'Hypotheses: "We believe [experiment] will result in [outcome]. We will know we succeeded when [signal]."' },
    },
  },
  review: {
    description: 'The map\'s review cycle: a journey map is a living document.',
    fields: {
      last: { type: { type: 'date' }, description: 'ISO date of the last review (YYYY-MM-DD).', example: '2026-09-30' },
      every: { type: { type: 'cadence' }, description: `Review cadence: ${CADENCES.join(' | ')} | <N>d. Default quarter.`, example: 'quarter' },
      triggers: { type: { type: 'texts' }, description: 'Events that call for a review before the cadence is due.', example: '[New self-service portal launch]' },
    },
  },
  calendar: {
    description: 'Business time: the working days and hours, the time zone they are in, and the holidays. Business durations (`8bh`, `2bd`) count only this time.',
    fields: {
      days: { type: { type: 'texts' }, description: 'The working days: `mon-fri`, or a list such as [mon, tue, wed, thu, fri]. Default mon-fri.', example: 'mon-fri' },
      hours: text('The working hours, 24-hour clock, start-end. One business day (`1bd`) is their length.', { required: true, example: '08:00-18:00' }),
      timezone: text('The IANA time zone the hours are in (Europe/Berlin, America/New_York). Default UTC.', { example: 'Europe/Berlin' }),
      holidays: { type: { type: 'texts' }, description: 'Dates not worked, as ISO dates: [2026-12-25, 2026-12-26].', example: '[2026-12-25]' },
    },
  },
  source: {
    description: 'A piece of evidence the map was built from.',
    fields: {
      id: { type: { type: 'id' }, required: true, description: 'Identifier that metrics refer to with `source:`.', example: 'tickets-q3' },
      kind: { type: { type: 'enum', values: SOURCE_KINDS }, required: true, description: 'What kind of evidence this is. `assumption` marks a guess still to be validated.' },
      path: text('Path to the data, relative to the map file.', { example: 'data/tickets.csv' }),
      period: { type: { type: 'interval' }, description: 'The period the evidence covers, as an ISO interval start/end.', example: '2026-07-01/2026-09-30' },
      note: text('What this evidence is, or what the assumption says.'),
      columns: { type: { type: 'columns' }, description: `For a ticket export: a tool's default layout (${Object.keys(COLUMN_PRESETS).join(' | ')}), or which of its columns hold opened, first_response, resolved, reopened, escalated, transfers, csat, category, channel, priority; \`preset:\` with overrides; other names give a header a short name for \`where:\` (see docs/data.md).`, example: '{ preset: jira, category: "Custom field (Category)" }' },
      date_format: text('How the export writes dates when not ISO 8601, in Unicode tokens: `dd/MMM/yy h:mm a` (Jira), `MM/dd/yyyy h:mm a` (US), `dd.MM.yyyy HH:mm` (European). A preset sets its tool\'s.', { example: 'dd/MMM/yy h:mm a' }),
      timezone: text('The IANA time zone of the export\'s dates that carry no offset (Europe/Berlin). Default UTC.', { example: 'Europe/Berlin' }),
      calendar: { type: { type: 'object', shape: 'calendar' }, description: 'The business calendar for this source\'s business-time SLAs, instead of the map\'s.' },
    },
  },
  lane: {
    description: 'A swimlane: one party in the journey.',
    fields: {
      id: { type: { type: 'id' }, required: true, description: 'Identifier that touchpoints refer to with `lane:`.', example: 'desk' },
      name: text('Display name of the lane.', { example: 'Service desk (Tier 1)' }),
      kind: { type: { type: 'enum', values: LANE_KINDS }, required: true, description: 'customer (the persona), frontstage (seen by the customer), backstage (behind the line of visibility) or system.' },
      team: text('The team that owns the touchpoints in this lane.', { example: 'Support' }),
    },
  },
  stage: {
    description: 'A journey stage: a column of the map.',
    fields: {
      id: { type: { type: 'id' }, required: true, description: 'Identifier of the stage.', example: 'discover' },
      name: text('Display name of the stage.', { example: 'Problem discovery' }),
      touchpoints: { type: { type: 'list', shape: 'touchpoint' }, description: 'Touchpoints in this stage, in the order the customer meets them.' },
    },
  },
  touchpoint: {
    description: 'A touchpoint: one interaction, in one lane, at one stage.',
    fields: {
      id: { type: { type: 'id' }, required: true, description: 'Identifier that `next`, handoffs and improvements refer to.', example: 'reset-email' },
      lane: { type: { type: 'ref', target: 'lane' }, required: true, description: 'The lane (party) this touchpoint belongs to.' },
      name: text('What happens, in a few words.', { required: true, example: 'Requests a password reset' }),
      channel: text('Channel: web, email, phone, chat, portal, status-page...', { example: 'email' }),
      does: text('What the customer (or agent) does.'),
      thinks: text('What they are thinking.'),
      feels: { type: { type: 'feels' }, description: 'How they feel, from -3 (very negative) to +3 (very positive).', example: '-1' },
      pains: { type: { type: 'texts' }, description: 'Pain points observed here: friction, delays, repetition, dead ends.' },
      next: { type: { type: 'refs', target: 'touchpoint' }, description: 'Explicit flow: the touchpoints that follow (branches, loops; [] is a dead end). Default: the next touchpoint in the file.' },
      runbook: text('The runbook for this touchpoint: a relative path with an optional #heading anchor.', { example: '../runbooks/account-lockout.md#symptoms' }),
      metrics: { type: { type: 'metrics' }, description: 'Metrics measured at this touchpoint: `name: value` or `name: { value, target, source, as_of }`.' },
    },
  },
  metric: {
    description: 'A measured value at a touchpoint, with its target and evidence.',
    fields: {
      value: { type: { type: 'quantity' }, description: 'The measured value: 18%, 0.18, 4h, 4.2/5 or a number.', example: '18%' },
      target: { type: { type: 'quantity' }, description: 'The target to meet, in the same unit as the value.', example: '5%' },
      source: { type: { type: 'ref', target: 'source' }, description: 'The source id this value was measured from.' },
      as_of: { type: { type: 'date' }, description: 'ISO date the value was measured.', example: '2026-09-30' },
      better: { type: { type: 'enum', values: ['higher', 'lower'] }, description: 'Direction of improvement; required for metrics outside the catalogue.' },
      from: { type: { type: 'ref', target: 'source' }, description: 'Compute the value from this source\'s ticket export instead of typing it (see docs/data.md).' },
      where: { type: { type: 'dictionary' }, description: 'Which tickets to count: `{ category: access }` or `{ channel: [email, web] }`.', example: '{ category: access }' },
      sla: { type: { type: 'sla' }, description: 'For sla_breach_rate: the resolution time a ticket must meet: wall-clock (`8h`), business time (`8bh`, `2bd`, by the calendar), or per priority (`{ P1: 4h, P2: 2bd }`).', example: '8h' },
      stat: { type: { type: 'enum', values: DURATION_STATS }, description: 'For a computed duration: the statistic, p50 | p90 | p95 | mean. Default: mean for mttr, the median (p50) for the others.', example: 'p90' },
      tolerance: { type: { type: 'quantity' }, description: 'How far a typed value may drift from the computed one before `metric-drift` (default 5 points, or 10%).', example: '3%' },
      note: text('Context for the figure.'),
    },
  },
  handoff: {
    description: 'Work passing between lanes behind the customer\'s back.',
    fields: {
      from: { type: { type: 'ref', target: 'touchpoint' }, required: true, description: 'The touchpoint handing the work over.' },
      to: { type: { type: 'ref', target: 'touchpoint' }, required: true, description: 'The touchpoint receiving it.' },
      sla: { type: { type: 'sla' }, description: 'The agreed time for the handoff: 45s, 35m, 4h, 2d, 1w; in business time 8bh, 2bd (by the map\'s calendar); or per priority { P1: 4h, P2: 2bd }.', example: '4h' },
      wait: { type: { type: 'sla' }, description: 'The typical wait observed, on the same clock as the SLA (and per priority when the SLA is).', example: '6h' },
      notifies_customer: { type: { type: 'boolean' }, description: 'Whether the customer is told that the work moved.', example: 'true' },
      note: text('What is handed over, and what gets lost.'),
    },
  },
  improvement: {
    description: 'A testable improvement hypothesis with an owner and a due date.',
    fields: {
      id: { type: { type: 'id' }, required: true, description: 'Identifier of the improvement.', example: 'reset-status' },
      for: { type: { type: 'refs', target: 'touchpoint' }, description: 'The touchpoints it targets.' },
      experiment: text('We believe [experiment]...'),
      outcome: text('...will result in [outcome].'),
      signal: { type: { type: 'text-or-object', shape: 'signal' }, description: 'We will know we succeeded when [signal]: a measurable change with a number. A sentence, or `{ metric, at, target, by }` so the map can tell whether it is met.' },
      impact: { type: { type: 'enum', values: LEVELS }, description: 'Expected impact: low | medium | high.' },
      effort: { type: { type: 'enum', values: LEVELS }, description: 'Expected effort: low | medium | high.' },
      owner: text('Who delivers it.'),
      due: { type: { type: 'date' }, description: 'ISO due date.', example: '2026-12-31' },
      status: { type: { type: 'enum', values: IMPROVEMENT_STATUSES }, description: 'Where it stands: idea | planned | in-progress | done | dropped.' },
    },
  },
  signal: {
    description: 'A success signal the map can check: a metric at a touchpoint, the target it must reach, and by when.',
    fields: {
      metric: text('The metric that shows success, as written in the touchpoint\'s `metrics:`.', { required: true, example: 'fcr' }),
      at: { type: { type: 'ref', target: 'touchpoint' }, required: true, description: 'The touchpoint where the metric is measured.' },
      target: { type: { type: 'quantity' }, required: true, description: 'The value that counts as success, in the metric\'s unit: 80%, 4h, 4.5/5.', example: '80%' },
      by: { type: { type: 'date' }, description: 'ISO date by which the target must be met; after it, a signal not met is missed.', example: '2027-03-31' },
    },
  },
};

/** The shape of the items inside a field of list or object type, if any. */
export function childShape(field: FieldSpec): ShapeName | undefined {
  const t = field.type;
  return t.type === 'object' || t.type === 'list' || t.type === 'text-or-object' ? t.shape : undefined;
}
