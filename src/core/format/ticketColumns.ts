/**
 * The logical columns of a ticket export, mapped to the export's own header names per source
 * (`columns:`): part of the format, read by the parser (which checks the mapping) and by the
 * evidence room (which computes metrics from the columns). With them, the presets: each ITSM tool's
 * default export headers and date format, so `columns: jira` is the whole mapping for a Jira export.
 */

export const TICKET_COLUMNS = {
  id: 'Ticket identifier (optional).',
  opened: 'When the ticket was created (a date-time: ISO 8601, or as the source\'s `date_format` says).',
  first_response: 'First human response (date-time).',
  resolved: 'When the ticket was resolved (date-time; empty while open).',
  reopened: 'How many times it was reopened (a count, or true/false).',
  escalated: 'Whether it was escalated to another tier or team (true/false, yes/no, 1/0, or a count).',
  transfers: 'How many times it was reassigned between agents or groups (a count).',
  csat: 'The satisfaction score the customer gave (a number, empty when not answered).',
  category: 'Ticket category, for `where:` filters.',
  channel: 'Contact channel, for `where:` filters.',
  priority: 'Priority, for `where:` filters and per-priority `sla:`.',
} as const;

export type TicketColumn = keyof typeof TICKET_COLUMNS;

/** A tool's default export: the header names of each logical column, and how it writes dates. */
export interface ColumnPreset {
  /** The tool, as its vendor names it. */
  tool: string;
  /** Where in the tool the export is made. */
  exportPath: string;
  /**
   * Header names per logical column, in the order tried: the first present in the header is used
   * (a tool's CSV and Excel exports may name a column differently).
   */
  columns: Partial<Record<TicketColumn, readonly string[]>>;
  /** The date format (Unicode tokens, as `date_format:` takes them); undefined: ISO 8601-like. */
  dateFormat?: string;
  /** Where these names come from, and what the tool's default export lacks. */
  basis: string;
}

export const COLUMN_PRESETS: Record<string, ColumnPreset> = {
  servicenow: {
    tool: 'ServiceNow',
    exportPath: 'Incident list > column header menu > Export > CSV (or Excel)',
    columns: {
      id: ['number', 'Number'],
      opened: ['opened_at', 'Opened', 'sys_created_on', 'Created'],
      resolved: ['resolved_at', 'Resolved'],
      reopened: ['reopen_count', 'Reopen count'],
      transfers: ['reassignment_count', 'Reassignment count'],
      category: ['category', 'Category'],
      channel: ['contact_type', 'Channel', 'Contact type'],
      priority: ['priority', 'Priority'],
    },
    basis: 'The incident table\'s fields: a CSV export is headed by field names (opened_at), an Excel export by labels (Opened). Dates are written in the exporting user\'s format, by default yyyy-MM-dd HH:mm:ss in the user\'s time zone: set `timezone:`. The default incident form has no first-response time or satisfaction score.',
  },
  jira: {
    tool: 'Jira Service Management',
    exportPath: 'Filters > search the issues > Export > Export CSV (all fields)',
    columns: {
      id: ['Issue key'],
      opened: ['Created'],
      resolved: ['Resolved'],
      priority: ['Priority'],
      category: ['Custom field (Request Type)', 'Request Type'],
      csat: ['Custom field (Satisfaction)', 'Satisfaction'],
    },
    dateFormat: 'dd/MMM/yy h:mm a',
    basis: 'Jira\'s CSV export heads system fields by name (Created, Resolved) and custom fields as `Custom field (Name)`; dates follow the instance\'s default date-time format, dd/MMM/yy h:mm a (21/Sep/26 3:00 PM), in the exporting user\'s time zone: set `timezone:`.',
  },
  zendesk: {
    tool: 'Zendesk',
    exportPath: 'Admin Center > Account > Tools > Reports > Export (CSV)',
    columns: {
      id: ['Id', 'Ticket ID'],
      opened: ['Created at'],
      resolved: ['Solved at'],
      reopened: ['Reopens'],
      priority: ['Priority'],
      channel: ['Via'],
      category: ['Ticket type', 'Type'],
    },
    basis: 'Zendesk\'s ticket CSV export: dates as yyyy-MM-dd HH:mm:ss in the account\'s time zone (set `timezone:`). It gives first reply and satisfaction as minutes and Good/Bad, not as a date and a score, so first_response and csat are not mapped.',
  },
  freshservice: {
    tool: 'Freshservice',
    exportPath: 'Tickets > Export (CSV or Excel), default fields',
    columns: {
      id: ['Ticket Id', 'Ticket ID'],
      opened: ['Created Date', 'Created Time'],
      first_response: ['First Responded Date', 'Initial Response Time'],
      resolved: ['Resolved Date', 'Resolved Time'],
      priority: ['Priority'],
      channel: ['Source'],
      category: ['Category'],
    },
    basis: 'Freshservice\'s ticket export with its default fields: dates as yyyy-MM-dd HH:mm:ss in the helpdesk\'s time zone (set `timezone:`).',
  },
};
