/**
 * The logical columns of a ticket export, mapped to the export's own header names per source
 * (`columns:`): part of the format, read by the parser (which checks the mapping) and by the
 * evidence room (which computes metrics from the columns).
 */

export const TICKET_COLUMNS = {
  id: 'Ticket identifier (optional).',
  opened: 'When the ticket was created (ISO 8601 date-time).',
  first_response: 'First human response (date-time).',
  resolved: 'When the ticket was resolved (date-time; empty while open).',
  reopened: 'How many times it was reopened (a count, or true/false).',
  escalated: 'Whether it was escalated to another tier or team (true/false, yes/no, 1/0, or a count).',
  transfers: 'How many times it was reassigned between agents or groups (a count).',
  csat: 'The satisfaction score the customer gave (a number, empty when not answered).',
  category: 'Ticket category, for `where:` filters.',
  channel: 'Contact channel, for `where:` filters.',
  priority: 'Priority, for `where:` filters.',
} as const;

export type TicketColumn = keyof typeof TICKET_COLUMNS;
