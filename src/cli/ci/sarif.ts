/**
 * `lint --format sarif`: SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer). Findings
 * persist across runs there, matched by `partialFingerprints`, instead of the handful of
 * annotations per step that workflow commands get.
 */
import type * as Sarif from 'sarif';
import { RULES, type Diagnostic, type RuleInfo, type Severity } from '../../core';
import type { FileResult } from '../formatters';
import { safeJson } from '../terminal';
import { fingerprints } from './fingerprint';
import { fileUri, relativeUri, reportedPath, repositoryPath, rootUri, type CiContext } from './locations';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** The partialFingerprints key: versioned, so a change of recipe does not pass for the old one. */
const FINGERPRINT_KEY = 'journeymap/v1';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level & Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** The whole log as JSON; `safeJson` keeps a terminal or CI log safe and the strings exact. */
export function formatSarif(results: FileResult[], context: CiContext): string {
  return safeJson(JSON.stringify(sarifLog(results, context), null, 2)) + '\n';
}

export function sarifLog(results: FileResult[], context: CiContext): Sarif.Log {
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.name, i]));
  const run: Sarif.Run = {
    tool: { driver: { name: 'journeymap', rules: RULES.map((rule) => ruleDescriptor(rule, context.docsUrl)) } },
    originalUriBaseIds: { [SRCROOT]: { uri: rootUri(context.srcRoot) } },
    // The core's columns count UTF-16 code units, as editors do; SARIF's default is code points.
    columnKind: 'utf16CodeUnits',
    results: results.flatMap((result) => fileResults(result, context, ruleIndex)),
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function ruleDescriptor(rule: RuleInfo, docsUrl: string | undefined): Sarif.ReportingDescriptor {
  return {
    id: rule.name,
    name: ruleTitle(rule.name),
    shortDescription: { text: rule.summary },
    fullDescription: { text: fullDescription(rule) },
    helpUri: docsUrl === undefined ? undefined : `${docsUrl}#${rule.name}`,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['journeymap', rule.group] },
  };
}

/** The summary with what the catalogue knows beside it: default severity, group, whether it can be changed. */
function fullDescription(rule: RuleInfo): string {
  const fixed = rule.fixed ? ' A file that cannot be read as a map always fails: this rule cannot be switched off or downgraded.' : '';
  return `${rule.summary} Default severity: ${rule.severity}. Group: ${rule.group}.${fixed}`;
}

/** SARIF's `name` is an identifier-like title: `silent-handoff` becomes `SilentHandoff`. */
function ruleTitle(name: string): string {
  return name.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

function fileResults(result: FileResult, context: CiContext, ruleIndex: Map<string, number>): Sarif.Result[] {
  const prints = fingerprints(result, reportedPath(context, result));
  const location = artifactLocation(result, context);
  return result.diagnostics.map((d, i) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(d) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
  }));
}

/** Inside the source root: a relative URI on `%SRCROOT%` (what code scanning needs); else an absolute file URI. */
function artifactLocation(result: FileResult, context: CiContext): Sarif.ArtifactLocation {
  const relative = repositoryPath(context, result);
  if (relative !== undefined) return { uri: relativeUri(relative), uriBaseId: SRCROOT };
  return { uri: result.file === undefined ? relativeUri(result.path) : fileUri(result.file) };
}

/** One-based lines and columns; the end column is the one after the last character, in SARIF as in the core. */
function region(d: Diagnostic): Sarif.Region {
  return {
    startLine: d.range.start.line + 1,
    startColumn: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}
