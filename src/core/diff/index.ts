/**
 * The diff room: what changed in a journey between two versions of a map (two files, two git
 * revisions, a current and a future state), matched by id with renames followed, and the report
 * a reviewer reads (text, Markdown). It imports base, format, parse and evidence; the CLI's
 * `journeymap diff` and the preview's compare mode read it.
 */
export type * from './types';
export { diffJourneys, hasChanges, type DiffOptions, type DiffSide } from './diff';
export { diffSummary, diffToMarkdown, diffToText, escapeMarkdown } from './report';
