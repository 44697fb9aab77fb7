/**
 * Reading the fields that say how a ticket export is laid out and which clock its times run on: a
 * source's `columns:` (a preset or a mapping), `date_format:` and `timezone:`, a `calendar:` (on the
 * map or a source), and SLAs on either clock or per priority. The model builder extends this.
 */
import { IANAZone } from 'luxon';
import { isMap, isScalar, type Node as YamlNode } from 'yaml';
import { closest, quoteShort } from '../base';
import {
  COLUMN_PRESETS, parseClockDuration, parseHours, parseIsoDate, parseWeekdays, TICKET_COLUMNS,
  type Calendar, type ClockDuration, type Located, type SlaSpec, type Source,
} from '../format';
import { FieldReader, type FieldEntry, type FieldValues } from './fields';
import { nodeSpan, scalarValue } from './yamlNodes';

/** Whether the runtime knows an IANA time zone name (through Intl, as luxon asks it). */
export function isKnownTimezone(name: string): boolean {
  return name === 'UTC' || IANAZone.isValidZone(name);
}

/** Letters of a date format outside quoted literals: `dd/MMM/yy 'at' h:mm a` -> `ddMMMyyhmma`. */
function formatTokens(format: string): string {
  return format.replace(/'[^']*'/g, '').replace(/[^A-Za-z]/g, '');
}

export class ExportFieldReader extends FieldReader {
  /** `calendar: { days, hours, timezone, holidays }`. */
  protected calendar(entry: FieldEntry | undefined): Located<Calendar> | undefined {
    if (!entry?.value || !isMap(entry.value)) return undefined;
    const node = entry.value;
    const fields = this.readFields(node, 'calendar');
    const span = nodeSpan(node, this.doc.text);
    this.requireFields(fields, 'calendar', entry.keySpan);
    const calendar: Calendar = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 17 * 60, timezone: 'UTC', holidays: [] };
    const days = fields.get('days');
    if (days?.value) {
      const parsed = parseWeekdays(this.texts(days.value).map((t) => t.value));
      if (parsed) calendar.days = parsed;
      else this.report('invalid-value', nodeSpan(days.value, this.doc.text), 'Working days are weekday names: `mon-fri`, or a list such as [mon, tue, wed, thu, fri].');
    }
    const hours = this.text(fields, 'hours');
    if (hours) {
      const parsed = parseHours(hours.value);
      if (parsed) Object.assign(calendar, parsed);
      else {
        this.report('invalid-value', hours.span, `\`${quoteShort(hours.value)}\` is not working hours: write start-end on the 24-hour clock, such as 08:00-18:00.`);
        return undefined;
      }
    }
    const zone = this.timezone(fields);
    if (zone) calendar.timezone = zone.value;
    const holidays = fields.get('holidays');
    for (const day of holidays?.value ? this.texts(holidays.value) : []) {
      const parsed = parseIsoDate(day.value);
      if (parsed === undefined) this.report('invalid-value', day.span, `\`${quoteShort(day.value)}\` is not a date: write holidays as ISO dates such as 2026-12-25.`);
      else calendar.holidays.push(parsed);
    }
    return { value: calendar, span, keySpan: entry.keySpan };
  }

  /** `timezone:`, checked against the time zones the runtime knows. */
  protected timezone(fields: FieldValues): Located<string> | undefined {
    const zone = this.text(fields, 'timezone');
    if (!zone) return undefined;
    if (isKnownTimezone(zone.value)) return zone;
    this.report('invalid-value', zone.span, `\`${quoteShort(zone.value)}\` is not an IANA time zone: write a name such as Europe/Berlin, America/New_York or UTC.`);
    return undefined;
  }

  /** The fields of a source that describe its export: columns (preset and mapping), date_format, timezone, calendar. */
  protected sourceExport(fields: FieldValues, source: Source): void {
    const columns = fields.get('columns');
    if (columns?.value && isScalar(columns.value) && Object.hasOwn(COLUMN_PRESETS, String(columns.value.value))) {
      source.preset = { value: String(columns.value.value), span: nodeSpan(columns.value, this.doc.text), keySpan: columns.keySpan };
    } else if (columns?.value && isMap(columns.value)) {
      this.columnMapping(columns, source);
    }
    const format = this.text(fields, 'date_format');
    if (format) {
      const tokens = formatTokens(format.value);
      if (!/y/.test(tokens) || !/[ML]/.test(tokens) || !/d/.test(tokens)) {
        this.report('invalid-value', format.span, `\`${quoteShort(format.value)}\` is not a date format with a year, a month and a day. Write it in Unicode tokens: \`dd/MMM/yy h:mm a\` (Jira), \`MM/dd/yyyy h:mm a\` (US), \`dd.MM.yyyy HH:mm\`, \`yyyy-MM-dd HH:mm:ss\`.`);
      } else {
        source.dateFormat = format;
      }
    }
    source.timezone = this.timezone(fields);
    source.calendar = this.calendar(fields.get('calendar'));
  }

  private columnMapping(entry: FieldEntry, source: Source): void {
    const known = Object.keys(TICKET_COLUMNS);
    const mapping = this.dictionary(entry);
    if (!mapping) return;
    const value: Record<string, string> = {};
    for (const [name, values] of Object.entries(mapping.value)) {
      const keyNode = (entry.value as { items: { key: unknown; value: unknown }[] }).items.find((p) => isScalar(p.key) && String(p.key.value) === name);
      const keySpan = keyNode && isScalar(keyNode.key) ? nodeSpan(keyNode.key, this.doc.text) : entry.keySpan;
      if (name === 'preset') {
        if (Object.hasOwn(COLUMN_PRESETS, values[0])) {
          const valueNode = keyNode?.value as YamlNode | undefined;
          source.preset = { value: values[0], span: valueNode ? nodeSpan(valueNode, this.doc.text) : keySpan, keySpan };
        } else {
          const suggestion = closest(values[0], Object.keys(COLUMN_PRESETS), this.suggestBudget);
          this.report('invalid-value', keySpan, `\`${quoteShort(values[0])}\` is not a known export layout. Use one of: ${Object.keys(COLUMN_PRESETS).join(', ')}.`, suggestion ? { suggestion } : undefined);
        }
        continue;
      }
      // A name that is not a logical column gives a header a short name for `where:`, unless it
      // looks like a misspelt logical column (`opend`).
      const suggestion = known.includes(name) ? undefined : closest(name, known, this.suggestBudget);
      if (suggestion && suggestion !== name) {
        this.report('unknown-key', keySpan, `\`${quoteShort(name)}\` is not a ticket-export column. Did you mean \`${suggestion}\`? (Other names give a header a short name for \`where:\`.)`, { suggestion });
        continue;
      }
      value[name] = values[0];
    }
    source.columns = { value, span: mapping.span, keySpan: mapping.keySpan };
  }

  /** `sla: 4h`, `sla: 8bh`, or `sla: { P1: 4h, P2: 2bd }`. */
  protected slaSpec(entry: FieldEntry | undefined): Located<SlaSpec> | undefined {
    if (!entry?.value) return undefined;
    const span = nodeSpan(entry.value, this.doc.text);
    if (isScalar(entry.value)) {
      const all = parseClockDuration(scalarValue(entry.value));
      return all ? { value: { all }, span, keySpan: entry.keySpan } : undefined;
    }
    if (!isMap(entry.value)) return undefined;
    const byPriority: Record<string, ClockDuration> = {};
    for (const pair of entry.value.items) {
      if (!isScalar(pair.key)) continue;
      const priority = String(pair.key.value);
      const node = pair.value ? this.resolve(pair.value as YamlNode) : null;
      const duration = node && isScalar(node) ? parseClockDuration(node.value) : undefined;
      if (!duration) {
        this.report('invalid-value', node ? nodeSpan(node, this.doc.text) : nodeSpan(pair.key, this.doc.text), `The SLA for priority \`${quoteShort(priority)}\` is not a duration. Write 45s, 35m, 4h, 2d, 1w, or in business time 8bh, 2bd.`);
        continue;
      }
      byPriority[priority] = duration;
    }
    return Object.keys(byPriority).length ? { value: { byPriority }, span, keySpan: entry.keySpan } : undefined;
  }
}
