/**
 * The dates of a ticket export: ISO 8601 by default, or in the source's `date_format:` (Unicode
 * tokens, parsed with luxon), read in the source's `timezone:` when a date carries no offset. A date
 * in another layout is never guessed: `formatHint` names the formats it could be, for the message.
 */
import { DateTime, IANAZone } from 'luxon';
import { quoteShort } from '../base';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses `2026-07-01`, `2026-07-01T09:12:00Z`, `2026-07-01 09:12:00` (read as UTC). Milliseconds. */
export function parseDateTime(text: string): number | undefined {
  return parseIso(text)?.ms;
}

/** An ISO date-time as milliseconds, and whether it carried its own offset. */
function parseIso(text: string): { ms: number; offset: boolean } | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const m = ISO_RE.exec(t);
  if (!m) return undefined;
  let ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (m[7] && m[7] !== 'Z') {
    const sign = m[7][0] === '-' ? -1 : 1;
    const digits = m[7].slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return Number.isFinite(ms) ? { ms, offset: !!m[7] } : undefined;
}

/**
 * A time zone's offset from UTC, remembered per hour: offsets change only on the hour or half hour,
 * and an export's million rows fall in a few thousand distinct hours, so Intl is asked rarely.
 */
export class ZoneOffsets {
  private readonly zone: IANAZone | undefined;
  private readonly cache = new Map<number, number>();

  constructor(readonly name: string) {
    this.zone = name === 'UTC' ? undefined : IANAZone.create(name);
  }

  /** Milliseconds to add to a UTC instant to get the local wall-clock time. */
  at(utcMs: number): number {
    if (!this.zone) return 0;
    const hour = Math.floor(utcMs / 1800000);
    let offset = this.cache.get(hour);
    if (offset === undefined) {
      offset = this.zone.offset(utcMs) * 60000;
      if (this.cache.size > 200000) this.cache.clear();
      this.cache.set(hour, offset);
    }
    return offset;
  }

  /** The UTC instant of a local wall-clock time (given as if it were UTC milliseconds). */
  fromLocal(localMs: number): number {
    const guess = localMs - this.at(localMs);
    return localMs - this.at(guess);
  }
}

export interface DateSettings {
  /** Unicode tokens, as `date_format:` takes them. */
  format?: string;
  /** IANA name for dates without an offset; UTC when absent. */
  timezone?: string;
}

/** Reads an export's date cells by its settings. */
export class DateReader {
  private readonly parser: ReturnType<typeof DateTime.buildFormatParser> | undefined;
  private readonly formatHasOffset: boolean;
  private readonly zone: ZoneOffsets;

  constructor(readonly settings: DateSettings = {}) {
    this.zone = new ZoneOffsets(settings.timezone ?? 'UTC');
    this.parser = settings.format ? DateTime.buildFormatParser(settings.format, { locale: 'en-US' }) : undefined;
    this.formatHasOffset = !!settings.format && /[Zz]/.test(settings.format.replace(/'[^']*'/g, ''));
  }

  /** Milliseconds since the epoch, or undefined when the cell is empty or not a date in the settings' format. */
  parse(text: string): number | undefined {
    const t = text.trim();
    if (!t) return undefined;
    // ISO 8601 is unambiguous, so it is read even when a format is set (a mixed export stays readable).
    const iso = parseIso(t);
    if (iso) return iso.offset ? iso.ms : this.zone.fromLocal(iso.ms);
    if (!this.parser) return undefined;
    const parsed = DateTime.fromFormatParser(t, this.parser, { zone: 'UTC', locale: 'en-US' });
    if (!parsed.isValid) return undefined;
    const ms = parsed.toMillis();
    return this.formatHasOffset ? ms : this.zone.fromLocal(ms);
  }
}

/** The `date_format:` that reads a date written like `text`, as candidates (two when day and month could swap). */
export function formatHint(text: string): string[] {
  const t = text.trim();
  const time = (rest: string): string => {
    const r = rest.trim();
    if (!r) return '';
    const ampm = /[ap]\.?m\.?$/i.test(r) ? ' a' : '';
    const hour = /^\d{2}/.test(r) ? (ampm ? 'hh' : 'HH') : (ampm ? 'h' : 'H');
    const seconds = /^\d{1,2}:\d{2}:\d{2}/.test(r) ? ':ss' : '';
    return /^\d{1,2}:\d{2}/.test(r) ? ` ${hour}:mm${seconds}${ampm}` : '';
  };
  let m = /^(\d{1,2})\/([A-Za-z]{3})\/(\d{4}|\d{2})(?!\d)(.*)$/.exec(t);
  if (m) return [`dd/MMM/${m[3].length === 2 ? 'yy' : 'yyyy'}${time(m[4])}`];
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)(.*)$/.exec(t);
  if (m) {
    const [a, sep, b, y, rest] = [Number(m[1]), m[2], Number(m[3]), m[4], m[5]];
    const year = y.length === 2 ? 'yy' : 'yyyy';
    const dayFirst = `dd${sep}MM${sep}${year}${time(rest)}`;
    const monthFirst = `MM${sep}dd${sep}${year}${time(rest)}`;
    if (a > 12 && b <= 12) return [dayFirst];
    if (b > 12 && a <= 12) return [monthFirst];
    return sep === '.' ? [dayFirst] : [monthFirst, dayFirst];
  }
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(.*)$/.exec(t);
  if (m) return [`yyyy/MM/dd${time(m[4])}`];
  return [];
}

/** What to do about a date that could not be read: the format that reads it, never a guess. */
export function dateFix(value: string, format: string | undefined): string {
  if (format) return `check the source's \`date_format: "${quoteShort(format)}"\` against the export, so no ticket is silently left out.`;
  const hints = formatHint(value);
  if (hints.length === 1) return `say how the export writes dates with \`date_format: "${hints[0]}"\` on the source (or use the tool's preset in \`columns:\`), so no ticket is silently left out.`;
  if (hints.length > 1) return `the day and the month could be either way round, so journeymap does not guess: add \`date_format: "${hints[0]}"\` (month first, US) or \`date_format: "${hints[1]}"\` (day first) to the source.`;
  return 'convert the column to ISO 8601, or say how the export writes dates with `date_format:` on the source (Unicode tokens such as `dd/MMM/yy h:mm a`), so no ticket is silently left out.';
}
