/**
 * Text measurement for the layout: widths from a font's real advance widths, word wrapping and
 * ellipsis. Two measures exist:
 *  - the embedded one (`EMBEDDED_MEASURE`): DejaVu Sans and DejaVu Sans Bold, measured once by
 *    scripts/generate-font-metrics.mjs, for the font stack the SVG declares (`FONT_FAMILY`). The CLI,
 *    the exports and the tests lay out with it.
 *  - a page's own (`tableMeasure`): the preview measures its font with the browser and sends the
 *    widths to the host, so the picture it shows is laid out for the text it draws.
 * Characters outside a table are estimated (wide scripts as a full em), and every width carries a
 * small margin, so a fallback font slightly wider than the one measured still fits.
 */
import { BOLD, FONT_FAMILY, RANGES, REGULAR } from './fontMetrics';

export { FONT_FAMILY, RANGES as FONT_RANGES } from './fontMetrics';

export interface TextMeasure {
  /** The CSS font family the widths were measured for (what the SVG declares). */
  readonly family: string;
  /** Width in pixels of a single line of text at a font size. */
  width(text: string, fontSize: number, bold?: boolean): number;
}

/** Widths in thousandths of an em per code point, from RANGES-ordered tables. */
export interface WidthTable {
  ranges: readonly (readonly [number, number])[];
  regular: readonly number[];
  bold: readonly number[];
}

/** Room for a fallback font a little wider than the measured one (and for kerning, ignored here). */
const SAFETY = 1.03;

function isWide(code: number): boolean {
  return code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60) || code >= 0x1f300);
}

/** A measure over width tables: exact for the characters they hold, estimated for the others. */
export function tableMeasure(family: string, table: WidthTable): TextMeasure {
  const regular = new Map<number, number>();
  const bold = new Map<number, number>();
  let i = 0;
  for (const [from, to] of table.ranges) {
    for (let c = from; c <= to; c++, i++) {
      if (Number.isFinite(table.regular[i])) regular.set(c, table.regular[i]);
      if (Number.isFinite(table.bold[i])) bold.set(c, table.bold[i]);
    }
  }
  // Unknown characters: a full em for wide scripts, else the width of a typical lower-case letter.
  const fallback = (widths: Map<number, number>) => widths.get(0x6f) ?? 600;
  return {
    family,
    width(text: string, fontSize: number, isBold = false): number {
      const widths = isBold ? bold : regular;
      let total = 0;
      for (const ch of text) {
        const code = ch.codePointAt(0)!;
        total += widths.get(code) ?? (isWide(code) ? 1000 : fallback(widths));
      }
      return (total / 1000) * fontSize * SAFETY;
    },
  };
}

/** DejaVu Sans, as the SVG declares it first: the measure for everything drawn outside the preview. */
export const EMBEDDED_MEASURE: TextMeasure = tableMeasure(FONT_FAMILY, { ranges: RANGES, regular: REGULAR, bold: BOLD });

/** How many code points FONT_RANGES covers: the length of a page's width tables. */
export const FONT_RANGE_SIZE = RANGES.reduce((n, [from, to]) => n + to - from + 1, 0);

/**
 * A measure from widths a page measured for FONT_RANGES (thousandths of an em), or undefined when
 * the tables are not that: the page is untrusted, so a table of the wrong length or with widths no
 * font has is refused, and the embedded measure stays.
 */
export function pageMeasure(family: string, regular: readonly number[], bold: readonly number[]): TextMeasure | undefined {
  const plausible = (widths: readonly number[]) => widths.length === FONT_RANGE_SIZE && widths.every((w) => Number.isFinite(w) && w >= 0 && w <= 3000);
  if (!family.trim() || !plausible(regular) || !plausible(bold)) return undefined;
  // Most letters of a real font are wider than nothing: a table of zeros would pack text on top of itself.
  if (regular.filter((w) => w > 0).length < FONT_RANGE_SIZE / 4 || bold.filter((w) => w > 0).length < FONT_RANGE_SIZE / 4) return undefined;
  return tableMeasure(family, { ranges: RANGES, regular, bold });
}

/** Collapses whitespace (including newlines) to single spaces. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The longest start of `text` that fits `budget` pixels (widths add up: kerning is ignored). */
function fittingStart(m: TextMeasure, text: string, budget: number, fontSize: number, bold: boolean): string {
  let out = '';
  let width = 0;
  for (const ch of text) {
    width += m.width(ch, fontSize, bold);
    if (width > budget) break;
    out += ch;
  }
  return out;
}

/** The most characters of one text the diagram draws: a card is not a place for a whole document. */
const MAX_TEXT = 2000;

function truncateTo(m: TextMeasure, text: string, maxWidth: number, fontSize: number, bold: boolean): string {
  const ellipsis = '…';
  return fittingStart(m, text, maxWidth - m.width(ellipsis, fontSize, bold), fontSize, bold).trimEnd() + ellipsis;
}

/** Shortens a single line to fit a width, ending with an ellipsis when cut. */
export function ellipsize(m: TextMeasure, text: string, maxWidth: number, fontSize: number, bold = false): string {
  const clean = normalizeSpace(text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);
  return m.width(clean, fontSize, bold) <= maxWidth ? clean : truncateTo(m, clean, maxWidth, fontSize, bold);
}

const BREAK_AFTER = new Set(['-', '/', '_']);
const LETTER = /\p{L}/u;

/** Where a line may break: at a space, and after a hyphen, slash or underscore that follows a letter (not in `-3` or `2026-09-30`). */
function pieces(text: string): { text: string; space: boolean }[] {
  const out: { text: string; space: boolean }[] = [];
  for (const word of text.split(' ')) {
    let start = 0;
    for (let i = 1; i < word.length - 1; i++) {
      if (BREAK_AFTER.has(word[i]) && LETTER.test(word[i - 1]) && !BREAK_AFTER.has(word[i + 1])) {
        out.push({ text: word.slice(start, i + 1), space: start === 0 });
        start = i + 1;
      }
    }
    out.push({ text: word.slice(start), space: start === 0 });
  }
  return out;
}

/**
 * Wraps text into lines no wider than maxWidth, breaking at spaces, after hyphens, slashes and
 * underscores, and inside words longer than a line. At most maxLines lines; the last one ends with
 * an ellipsis when text was left out.
 */
export function wrapText(m: TextMeasure, text: string, maxWidth: number, fontSize: number, maxLines = Infinity, bold = false): string[] {
  const clean = normalizeSpace(text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);
  if (!clean) return [];
  const lines: string[] = [];
  const space = m.width(' ', fontSize, bold);
  let current = '';
  let currentWidth = 0;
  let truncated = false;
  for (const piece of pieces(clean)) {
    let word = piece.text;
    const wordWidth = m.width(word, fontSize, bold);
    const glue = current && piece.space ? space : 0;
    if (currentWidth + glue + wordWidth <= maxWidth) {
      current = `${current}${glue ? ' ' : ''}${word}`;
      currentWidth += glue + wordWidth;
      continue;
    }
    if (current) {
      lines.push(current);
      current = '';
      if (lines.length >= maxLines) { truncated = true; break; }
    }
    // A word longer than a line is cut into pieces.
    while (m.width(word, fontSize, bold) > maxWidth) {
      const part = fittingStart(m, word, maxWidth, fontSize, bold) || [...word][0];
      lines.push(part);
      word = word.slice(part.length);
      if (lines.length >= maxLines) { truncated = true; break; }
    }
    if (truncated) break;
    current = word;
    currentWidth = m.width(word, fontSize, bold);
  }
  if (!truncated && current) {
    if (lines.length >= maxLines) truncated = true;
    else lines.push(current);
  }
  if (truncated && lines.length) {
    const last = lines.length - 1;
    lines[last] = truncateTo(m, lines[last], maxWidth, fontSize, bold);
  }
  return lines;
}
