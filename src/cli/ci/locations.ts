/** Where a finding is, for reports that outlive the run (SARIF, GitLab Code Quality). */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range } from '../../core';
import type { FileResult } from '../formatters';

/** What the CI formats need beyond the findings: the folder paths are relative to. */
export interface CiContext {
  /** Absolute: the git repository around the workspace root, else the workspace root. */
  srcRoot: string;
  /** The base URL of docs/rules.md, for SARIF's help links (each rule adds `#name`). */
  docsUrl?: string;
}

/**
 * The map's path relative to the source root with '/' separators, or undefined when it lies
 * outside it (code scanning and GitLab can only place findings in the repository).
 */
export function repositoryPath(context: CiContext, result: FileResult): string | undefined {
  if (result.file === undefined) return undefined;
  const relative = path.relative(context.srcRoot, result.file);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** The path a report names: repository-relative when possible, else as the text report shows it. */
export function reportedPath(context: CiContext, result: FileResult): string {
  return repositoryPath(context, result) ?? result.path;
}

/** A relative path as a URI reference: every segment percent-encoded (spaces, `#`, controls). */
export function relativeUri(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

/** The source root as SARIF's `%SRCROOT%` wants it: an absolute file URI ending in '/'. */
export function rootUri(srcRoot: string): string {
  const href = pathToFileURL(srcRoot).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A file outside the source root, as an absolute file URI. */
export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/** At most this many lines of a finding feed its fingerprint: a finding over a whole section
 * would otherwise change identity with every edit inside it. */
const MAX_FINGERPRINT_LINES = 5;

/**
 * The trimmed text of the lines a finding covers, one per line. A range that ends at the start
 * of a line does not cover that line (it stops at the line break before it).
 */
export function findingLines(text: string | undefined, range: Range): string {
  if (text === undefined) return '';
  const lines = text.split(/\r\n|\r|\n/);
  const last = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  const end = Math.min(last, range.start.line + MAX_FINGERPRINT_LINES - 1);
  return lines.slice(range.start.line, end + 1).map((l) => l.trim()).join('\n');
}
