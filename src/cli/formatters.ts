/** Output formats of `journeymap lint`: text (like ESLint's stylish), json, github (SARIF and GitLab: ci/). */
import type { Diagnostic, Severity } from '../core';
import { safeJson, safeLines, visible, visibleLine } from './terminal';

export interface FileResult {
  /** As the text report shows it: relative to the current folder when inside it. */
  path: string;
  diagnostics: Diagnostic[];
  /** The absolute path, for the repository-relative locations of SARIF and GitLab reports. */
  file?: string;
  /** The map's text (absent when it was refused unread), for the fingerprints of findings. */
  text?: string;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(results: FileResult[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(results: FileResult[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31', warning: '33', info: '36' };
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const where = `${visibleLine(r.path)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`${where}  ${paint(sevColor[d.severity], d.severity.padEnd(7))}  ${visibleLine(d.message)}  ${paint('2', visibleLine(d.code))}`);
    }
  }
  const s = summarize(results);
  const summary = `${s.errors + s.warnings ? '✖' : '✔'} ${plural(results.length, 'map')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`;
  lines.push(paint(s.errors ? '31' : s.warnings ? '33' : '32', summary));
  return safeLines(lines.join('\n') + '\n');
}

/** JSON keeps the exact text; `safeJson` escapes what `JSON.stringify` leaves raw. */
export function formatJson(results: FileResult[]): string {
  return safeJson(JSON.stringify({
    files: results.map((r) => ({
      path: r.path,
      diagnostics: r.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      })),
    })),
    summary: summarize(results),
  }, null, 2)) + '\n';
}

/** GitHub Actions workflow commands; `info` maps to `notice`. */
export function formatGithub(results: FileResult[]): string {
  const lines: string[] = [];
  const level: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const props = [
        `file=${escapeProperty(r.path)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escapeProperty(d.code)}`,
      ].join(',');
      lines.push(`::${level[d.severity]} ${props}::${escapeData(d.message)}`);
    }
  }
  const s = summarize(results);
  lines.push(`journeymap: ${plural(results.length, 'map')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}`);
  return lines.join('\n') + '\n';
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts; line breaks are
// escaped first (GitHub shows them as line breaks in the annotation), then other controls.
function escapeData(s: string): string {
  return visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
