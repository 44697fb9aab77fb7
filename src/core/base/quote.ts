/**
 * A value quoted in a message: one line, at most 60 characters. Messages quote what the user
 * wrote so they can find it; a whole junk file or a 100 MB CSV field is not a quote.
 */
export const MAX_QUOTE = 60;

export function quoteShort(text: string, max = MAX_QUOTE): string {
  // Only the head can be shown: look no further than needed, so a huge value costs nothing.
  const line = text.slice(0, max * 4).replace(/\s+/g, ' ').trim();
  return line.length > max || text.length > max * 4 ? `${line.slice(0, max - 3)}…` : line;
}
