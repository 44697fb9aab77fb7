/**
 * The CLI's output boundary. Text from a map (keys, values, ids, names; file names too) reaches
 * messages the CLI prints to a terminal or a CI log, and a map is untrusted input: an ESC or BEL
 * in it could recolour, retitle, hide or rewrite lines, and a bidi override could reorder them.
 * CI logs also act on text: GitHub Actions runs a workflow command found at the start of a line
 * (`::error ...::`, after leading spaces) or, in the legacy form, anywhere in a line (`##[error]`,
 * `##[stop-commands]`, `##[add-mask]`...).
 *
 * Every text printed with user content goes through `visible` (a single line's pieces), and whole
 * text output through `safeLines`. JSON and SVG keep the exact content and use their own escapes.
 */

// C0 and C1 controls (DEL included), the bidi marks, embeddings, overrides and isolates, the
// invisible ones (soft hyphen, zero-width space and joiners, word joiner, invisible operators,
// byte-order mark) and the line and paragraph separators, which some terminals and log viewers
// take as line breaks.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
// The subset JSON.stringify and XML leave as they are: all of the above but the C0 controls.
const KEPT_BY_FORMATS = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const hex4 = (c: string) => c.charCodeAt(0).toString(16).padStart(4, '0');

/** Shows control and bidi characters as `\u001b`-style escapes, and defuses `##[` commands. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${hex4(c)}`).replace(/##\[/g, '##\\u005b');
}

/** `visible`, with line breaks as spaces first: one message, one line. */
export function visibleLine(text: string): string {
  return visible(text.replace(/[\r\n]+/g, ' '));
}

/** `visible` line by line, keeping the line breaks, and `safeLines`: for multi-line text. */
export function visibleText(text: string): string {
  return safeLines(text.split(/\r?\n/).map(visible).join('\n'));
}

/** Defuses lines that would start a workflow command (`::` after leading spaces). */
export function safeLines(text: string): string {
  return text.replace(/^([ \t]*):(?=:)/gm, '$1\\u003a');
}

/**
 * JSON from `JSON.stringify`, with the characters it leaves raw (C1 controls, DEL, bidi) and
 * `##[` written as `\uXXXX` escapes: a JSON reader gets exactly the same strings back.
 */
export function safeJson(json: string): string {
  return json.replace(KEPT_BY_FORMATS, (c) => `\\u${hex4(c)}`).replace(/##\[/g, '##\\u005b');
}

/**
 * SVG for a terminal: the characters XML may hold but a terminal acts on (C1 controls, DEL,
 * bidi), `##[` and a `::` that starts a line become character references, which an XML reader
 * turns back into the same text; carriage returns become line feeds, as XML reads them. The SVG
 * has no comments or CDATA sections, where references would stay literal.
 */
export function safeXml(xml: string): string {
  return xml
    .replace(/\r\n?/g, '\n') // what an XML reader reads anyway (end-of-line handling); a lone CR would overwrite the line
    .replace(KEPT_BY_FORMATS, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
    .replace(/##\[/g, '##&#x5b;')
    .replace(/^([ \t]*):(?=:)/gm, '$1&#x3a;');
}
