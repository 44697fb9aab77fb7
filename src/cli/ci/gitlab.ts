/**
 * `lint --format gitlab`: GitLab Code Quality (a CodeClimate subset), shown in merge requests
 * as new and fixed findings, matched by `fingerprint`.
 */
import type { Severity } from '../../core';
import type { FileResult } from '../formatters';
import { safeJson } from '../terminal';
import { fingerprints } from './fingerprint';
import { reportedPath, type CiContext } from './locations';

/** One entry of the report, as GitLab documents the format. */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

// Errors fail the lint run: GitLab's `major`; a file that cannot be read as a map at all (the
// fatal findings no setting silences) is `critical`. `blocker` is left for security tools.
const SEVERITY: Record<Severity, CodeQualityIssue['severity']> = { error: 'major', warning: 'minor', info: 'info' };

export function formatGitlab(results: FileResult[], context: CiContext): string {
  return safeJson(JSON.stringify(codeQualityIssues(results, context), null, 2)) + '\n';
}

export function codeQualityIssues(results: FileResult[], context: CiContext): CodeQualityIssue[] {
  return results.flatMap((result) => {
    const where = reportedPath(context, result);
    const prints = fingerprints(result, where);
    return result.diagnostics.map((d, i) => ({
      description: d.message,
      check_name: d.code,
      fingerprint: prints[i],
      severity: d.fatal ? 'critical' : SEVERITY[d.severity],
      location: { path: where, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
    }));
  });
}
