/**
 * Fingerprints that follow a finding across commits: code scanning and GitLab match findings of
 * two runs by them, to say which are new, fixed or still open.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../core';
import type { FileResult } from '../formatters';
import { findingLines } from './locations';

/**
 * One SHA-256 hex fingerprint per finding of the file, in order. It hashes the rule, the path,
 * the message and the trimmed text of the finding's lines, never a line number, so inserting
 * lines above a finding or re-indenting it keeps its identity. Findings alike in all of those get
 * their rank among them as well, so each fingerprint of a report is different.
 */
export function fingerprints(result: FileResult, reportedPath: string): string[] {
  const seen = new Map<string, number>();
  return result.diagnostics.map((d) => {
    const key = JSON.stringify([d.code, reportedPath, withoutPositions(d.message), findingLines(result.text, d.range)]);
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return createHash('sha256').update(`${key}\n${rank}`).digest('hex');
  });
}

/** A few messages name a line of the map (the first of several YAML errors): that number moves with unrelated edits. */
function withoutPositions(message: Diagnostic['message']): string {
  return message.replace(/\b(line|column) \d+/g, '$1 N');
}
