/**
 * Text measurement for the layout: a deterministic character-width estimate (no fonts, no DOM),
 * word wrapping and ellipsis. Widths are in pixels for a sans-serif font at the given size.
 */

const NARROW = new Set([...`iljI.,;:'|!()[]{}\` `]);
const SEMI = new Set([...'frt-"/\\']);
const WIDE = new Set([...'mwMW@%&']);

/** Widths of ASCII characters, precomputed. */
const ASCII: number[] = [];

/** Estimated advance width of one character, as a fraction of the font size. */
function charEm(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c < 128 && ch.length === 1) return ASCII[c] ?? (ASCII[c] = slowCharEm(ch));
  return slowCharEm(ch);
}

function slowCharEm(ch: string): number {
  if (NARROW.has(ch)) return 0.32;
  if (SEMI.has(ch)) return 0.43;
  if (WIDE.has(ch)) return 0.9;
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60) || code >= 0x1f300)) return 1.0;
  if (ch >= 'A' && ch <= 'Z') return 0.7;
  if (ch >= '0' && ch <= '9') return 0.6;
  return 0.58;
}

/** Bold and semibold run about 12% wider than regular in DejaVu Sans Bold, the widest common fallback. */
const BOLD_FACTOR = 1.12;

/**
 * Estimated width in pixels of a string at a font size (bold adds 12%). Calibrated on the wider
 * common sans fonts (DejaVu Sans, Segoe UI), so text fits with narrower fonts too.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) em += ASCII[c] ?? (ASCII[c] = slowCharEm(text[i]));
    else if (c >= 0xdc00 && c <= 0xdfff) continue; // low surrogate: counted with its pair
    else em += slowCharEm(String.fromCodePoint(text.codePointAt(i) ?? c));
  }
  return em * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** Collapses whitespace (including newlines) to single spaces. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncateTo(text: string, maxWidth: number, fontSize: number, bold: boolean): string {
  const ellipsis = '…';
  const budget = maxWidth - textWidth(ellipsis, fontSize, bold);
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = charEm(ch) * fontSize * (bold ? BOLD_FACTOR : 1);
    if (width + w > budget) break;
    out += ch;
    width += w;
  }
  return out.trimEnd() + ellipsis;
}

/** Shortens a single line to fit a width, ending with an ellipsis when cut. */
export function ellipsize(text: string, maxWidth: number, fontSize: number, bold = false): string {
  const clean = normalizeSpace(text);
  return textWidth(clean, fontSize, bold) <= maxWidth ? clean : truncateTo(clean, maxWidth, fontSize, bold);
}

/**
 * Wraps text into lines no wider than maxWidth, breaking at spaces (and inside words longer than a
 * line). At most maxLines lines; the last one ends with an ellipsis when text was left out.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines = Infinity, bold = false): string[] {
  const clean = normalizeSpace(text);
  if (!clean) return [];
  const lines: string[] = [];
  let current = '';
  const words = clean.split(' ');
  let truncated = false;
  const space = textWidth(' ', fontSize, bold);
  let currentWidth = 0;
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    const wordWidth = textWidth(word, fontSize, bold);
    const candidateWidth = current ? currentWidth + space + wordWidth : wordWidth;
    if (candidateWidth <= maxWidth) {
      current = current ? `${current} ${word}` : word;
      currentWidth = candidateWidth;
      continue;
    }
    if (current) {
      lines.push(current);
      current = '';
      if (lines.length >= maxLines) { truncated = true; break; }
    }
    // A word longer than a line is cut into pieces.
    while (textWidth(word, fontSize, bold) > maxWidth) {
      let piece = '';
      let width = 0;
      for (const ch of word) {
        const w = charEm(ch) * fontSize * (bold ? BOLD_FACTOR : 1);
        if (width + w > maxWidth && piece) break;
        piece += ch;
        width += w;
      }
      lines.push(piece);
      word = word.slice(piece.length);
      if (lines.length >= maxLines) { truncated = true; break; }
    }
    if (truncated) break;
    current = word;
    currentWidth = textWidth(word, fontSize, bold);
  }
  if (!truncated && current) {
    if (lines.length >= maxLines) truncated = true;
    else lines.push(current);
  }
  if (truncated && lines.length) {
    const last = lines.length - 1;
    lines[last] = truncateTo(lines[last], maxWidth, fontSize, bold);
  }
  return lines;
}
