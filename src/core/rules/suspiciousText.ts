import { visit } from 'yaml';
import type { Rule } from './rule';

/**
 * Bidirectional overrides and isolates reorder how text is displayed (the "Trojan Source" trick),
 * and other control characters are invisible: in a reviewed file both hide what the text says.
 * A U+FFFD replacement character is what a reader puts where bytes were not UTF-8: the file was
 * saved in another encoding, and the text around it is not what was written.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPICIOUS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;
const MAX_REPORTS = 20;

function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0xfffd) return 'a replacement character (U+FFFD): the file holds bytes that are not UTF-8, so it was saved in another encoding. Save it as UTF-8, then retype the character';
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c
    ? `a bidirectional control character (${hex}) that changes how the text is displayed`
    : `an invisible control character (${hex})`;
}

export const suspiciousTextRule: Rule = {
  name: 'suspicious-text', group: 'structure', severity: 'warning', summary: 'Invisible control or bidirectional override characters in the text.',
  check({ doc, report }) {
    SUSPICIOUS.lastIndex = 0;
    let count = 0;
    for (let m = SUSPICIOUS.exec(doc.text); m; m = SUSPICIOUS.exec(doc.text)) {
      if (++count > MAX_REPORTS) return;
      report([m.index, m.index + 1], m[0] === '\uFFFD'
        ? `This text contains ${describe(m[0])}.`
        : `This text contains ${describe(m[0])}: what reviewers see is not what the file says. Remove it.`);
    }
    // The same characters written as escapes ("\u202E") reach the values, and hovers and the preview.
    if (!doc.yaml || !/\\[uUx]|\\[0abefv]/.test(doc.text)) return;
    visit(doc.yaml, {
      Scalar(_, node) {
        if (typeof node.value !== 'string' || !node.range || count > MAX_REPORTS) return;
        const raw = doc.text.slice(node.range[0], node.range[1]);
        SUSPICIOUS.lastIndex = 0;
        const decoded = SUSPICIOUS.exec(node.value);
        SUSPICIOUS.lastIndex = 0;
        if (!decoded || SUSPICIOUS.test(raw)) return;
        count++;
        report([node.range[0], node.range[1]], `This value contains ${describe(decoded[0])}, written as an escape: what reviewers see is not what the file says. Remove it.`);
      },
    });
  },
};
