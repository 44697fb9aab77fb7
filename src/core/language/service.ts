/**
 * The one entry point of the core, in the style of vscode-json-languageservice: create a service
 * with what it needs from outside (file access, a clock, rule settings) and call its features.
 * Text in, plain data out; no `vscode`, no Node APIs.
 */
import { parseIsoDate } from '../format';
import { parseJourney, reparse, type JourneyDocument, type ParseOptions } from '../parse';
import type {
  CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Position, Range, SeveritySetting, Today,
} from '../base';
import type { FileReader } from '../files';
import { validate, type BaselineCache, type RunbookCache } from './validate';
import type { TicketCache } from '../evidence';
import { doHover } from './hover';
import { doComplete } from './completion';
import { documentSymbols, foldingRanges } from './symbols';
import { findDefinition, findReferences, documentHighlights, prepareRename, doRename, type RenameResult } from './navigation';
import { codeFixes, type CodeFix } from './fixes';
import { markReviewedEdits, type ReviewEdits } from './edits';
import { documentLinks, type DocumentLink } from './documentLinks';
import { stageSummaries, type StageSummary } from './summaries';

export interface LanguageServiceOptions {
  /** File access for link checks (runbooks, sources). Without it, link rules are skipped. */
  fileReader?: FileReader;
  /**
   * The clock: today's date as YYYY-MM-DD, for the review rules, hovers and Mark Reviewed. The
   * adapter owns the calendar (the CLI's UTC date or `--today`, the editor's local date or its
   * `journeymap.today` setting); the core never reads a clock itself.
   */
  today: () => string;
  /** Per-rule severity overrides: `{ "silent-handoff": "off" }`. */
  rules?: Record<string, SeveritySetting>;
  /** Links resolving outside this folder (path or URI) are reported and never read. */
  workspaceRoot?: string;
  parse?: ParseOptions;
}

export interface LanguageService {
  /** Parses (or returns the cached parse of) a document; the same text is never parsed twice. */
  parse(uri: string, text: string): JourneyDocument;
  validate(uri: string, text: string): Promise<Diagnostic[]>;
  hover(uri: string, text: string, position: Position): Hover | undefined;
  complete(uri: string, text: string, position: Position): CompletionItem[];
  symbols(uri: string, text: string): DocumentSymbol[];
  folding(uri: string, text: string): FoldingRange[];
  definition(uri: string, text: string, position: Position): Range | undefined;
  references(uri: string, text: string, position: Position, includeDeclaration: boolean): Range[];
  highlights(uri: string, text: string, position: Position): Range[];
  prepareRename(uri: string, text: string, position: Position): { range: Range; placeholder: string } | undefined;
  rename(uri: string, text: string, position: Position, newName: string): RenameResult;
  /** Quick fixes for one diagnostic, keyed on its code. */
  fixes(uri: string, text: string, diagnostic: Diagnostic): CodeFix[];
  /** Edits that set `review.last` to today, adding the `review` block when missing, or why not. */
  markReviewed(uri: string, text: string): ReviewEdits;
  links(uri: string, text: string): DocumentLink[];
  stageSummaries(uri: string, text: string): StageSummary[];
  /** Drops the cached parse of a closed document. */
  forget(uri: string): void;
}

export function getLanguageService(options: LanguageServiceOptions): LanguageService {
  const cache = new Map<string, JourneyDocument>();
  const ticketCache: TicketCache = new Map();
  const runbookCache: RunbookCache = new Map();
  const baselineCache: BaselineCache = new Map();
  const today = (): Today => {
    const iso = options.today();
    const day = parseIsoDate(iso);
    if (day === undefined) throw new Error(`The clock gave "${iso}", not a date (YYYY-MM-DD).`);
    return { iso, day };
  };

  const parse = (uri: string, text: string): JourneyDocument => {
    const cached = cache.get(uri);
    if (cached && cached.text === text) return cached;
    // An edit inside one touchpoint re-reads that touchpoint only (the same result as a full parse).
    const doc = (cached && reparse(cached, text, options.parse).doc) || parseJourney(text, options.parse);
    cache.set(uri, doc);
    return doc;
  };

  return {
    parse,
    validate: (uri, text) => validate(parse(uri, text), {
      uri, today: today(), rules: options.rules, fileReader: options.fileReader, workspaceRoot: options.workspaceRoot, ticketCache, runbookCache, baselineCache,
    }),
    hover: (uri, text, position) => doHover(parse(uri, text), position, { today: today() }),
    complete: (uri, text, position) => doComplete(parse(uri, text), position),
    symbols: (uri, text) => documentSymbols(parse(uri, text)),
    folding: (uri, text) => foldingRanges(parse(uri, text)),
    definition: (uri, text, position) => findDefinition(parse(uri, text), position),
    references: (uri, text, position, includeDeclaration) => findReferences(parse(uri, text), position, includeDeclaration),
    highlights: (uri, text, position) => documentHighlights(parse(uri, text), position),
    prepareRename: (uri, text, position) => prepareRename(parse(uri, text), position),
    rename: (uri, text, position, newName) => doRename(parse(uri, text), position, newName),
    fixes: (uri, text, diagnostic) => codeFixes(parse(uri, text), diagnostic, { today: today() }),
    markReviewed: (uri, text) => markReviewedEdits(parse(uri, text), today().iso),
    links: (uri, text) => documentLinks(parse(uri, text), uri, options.workspaceRoot),
    stageSummaries: (uri, text) => stageSummaries(parse(uri, text)),
    forget: (uri) => void cache.delete(uri),
  };
}

export type { JourneyDocument } from '../parse';
export type { CodeFix } from './fixes';
export type { ReviewEdits } from './edits';
export type { DocumentLink } from './documentLinks';
export type { StageSummary } from './summaries';
export type { RenameResult } from './navigation';
