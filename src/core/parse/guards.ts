/**
 * What stands between untrusted text and the YAML parser: the size limit, the nesting pre-scan
 * (the parser recurses per level, and a second stack overflow in one process can abort Node), the
 * one parse every part of the core uses, and the findings for a map refused before reading.
 */
import { parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../base';
import { describeFileProblem, type FileProblem } from '../files';

export const DEFAULT_MAX_SIZE = 5_000_000;

/**
 * The finding for a map the adapter refused before reading it (too large, a symbolic link out of
 * the workspace, not a regular file, no permission), or undefined when it simply does not exist.
 */
export function unreadableMapDiagnostic(problem: FileProblem): Diagnostic | undefined {
  const start = { line: 0, character: 0 };
  const at = { start, end: start };
  switch (problem.kind) {
    case 'missing':
      return undefined;
    case 'too-large':
      return { code: 'file-too-large', severity: 'error', message: tooLargeMessage(problem.size, problem.limit, 'bytes'), range: at, fatal: true };
    case 'outside':
      return { code: 'link-outside-workspace', severity: 'warning', message: `This map ${describeFileProblem(problem)}: it was not read.`, range: at };
    default:
      return { code: 'file-unreadable', severity: 'error', message: `This file ${describeFileProblem(problem)}: it was not checked.`, range: at, fatal: true };
  }
}

/** Why a map was not checked: its size, the limit, and what to do. For adapters that refuse a file before reading it too. */
export function tooLargeMessage(size: number, limit: number, unit: 'characters' | 'bytes'): string {
  return `The file has ${size.toLocaleString('en-US')} ${unit}, over the ${limit.toLocaleString('en-US')} limit: it was not checked. Split it into one map per scenario.`;
}
/**
 * The YAML parse every part of the core uses, so a check after an edit sees what validation sees.
 * Duplicate keys are found by the model walk with a Set: the parser's own check is quadratic. The
 * YAML parser does not take a lone CR (classic Mac) as a line break; a LF in its place keeps every
 * offset, so the findings still point into the text as written.
 */
export function parseYaml(text: string): Document.Parsed {
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return parseDocument(source, { prettyErrors: false, uniqueKeys: false, strict: true, keepSourceTokens: false });
}

export const MAX_FLOW_DEPTH = 64;
export const MAX_BLOCK_DEPTH = 100;

/**
 * The offset where nesting first exceeds the limits, or undefined. Flow nesting counts `[`/`{`
 * outside quotes and comments; block nesting counts the open indentation levels plus the compact
 * `- ` / `? ` markers that start a line. Both are cheap, linear scans.
 */
export function tooDeepAt(text: string): number | undefined {
  if (text.length < MAX_FLOW_DEPTH * 2) return undefined;
  let depth = 0;
  let quote = 0;
  const indents: number[] = [];
  let lineStart = true;
  /** The last character on this line that is not a space, or -1 at the start of a line. */
  let before = -1;
  for (let i = 0; i < text.length; i++) {
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (text.charCodeAt(j) === 32) j++;
      const first = text.charCodeAt(j);
      if (j < text.length && first !== 10 && first !== 13 && first !== 35 && depth === 0) {
        const indent = j - i;
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let markers = 0;
        while ((text.charCodeAt(j) === 45 || text.charCodeAt(j) === 63) && text.charCodeAt(j + 1) === 32) {
          markers++;
          j += 2;
          while (text.charCodeAt(j) === 32) j++;
        }
        if (indents.length + markers > MAX_BLOCK_DEPTH) return i;
      }
    }
    const c = text.charCodeAt(i);
    // Most characters are none of LF, CR, quotes, `#`, brackets or braces: the fast path.
    if (c >= 40 && c !== 91 && c !== 93 && c !== 123 && c !== 125 && !quote) {
      before = c;
      continue;
    }
    if (c === 10) {
      lineStart = true;
      before = -1;
    }
    if (quote) {
      if (c === quote || c === 10) quote = 0; // an unclosed quote ends with the line, for this scan
      continue;
    }
    // A quote opens a quoted scalar only where a scalar starts (`[a'b` is the plain scalar a'b).
    if ((c === 34 || c === 39) && startsScalar(before)) quote = c;
    else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
    if (c > 32) before = c;
  }
  return undefined;
}

/** Whether a scalar may start after this character: line start, `[`, `{`, `,`, `:`, `-`, `?`. */
function startsScalar(before: number): boolean {
  return before === -1 || before === 91 || before === 123 || before === 44 || before === 58 || before === 45 || before === 63;
}

