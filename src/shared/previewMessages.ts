/**
 * The messages between the preview's host (extension) and its webview: one discriminated union per
 * direction, shared by both sides. Every message names the document (`uri`) it is about, so a
 * message for a document the other side no longer shows is recognised and dropped.
 */
import type { Layout } from '../core/diagram';

export const PREVIEW_VIEW_TYPE = 'journeymap.preview';

/** Layers the toolbar switches on and off. */
export interface PreviewToggles {
  curve: boolean;
  handoffs: boolean;
  metrics: boolean;
  improvements: boolean;
  /** Also try elk's routes for the flow (small maps); kept only where they cross fewer edges than the grid router's. */
  elk: boolean;
}

export const DEFAULT_TOGGLES: PreviewToggles = { curve: true, handoffs: true, metrics: true, improvements: false, elk: false };

/** What the webview keeps with getState/setState and the serializer restores after a reload. */
export interface PreviewState {
  uri?: string;
  locked: boolean;
  zoom?: number;
  panX?: number;
  panY?: number;
  /** True until the user zooms or pans: the picture is fitted to the window. */
  fit: boolean;
  toggles: PreviewToggles;
  hiddenLanes: string[];
}

/** The page's font as the page measured it (widths for FONT_RANGES, thousandths of an em). */
export interface PageFont {
  family: string;
  regular: number[];
  bold: number[];
}

/** Host -> webview. */
export type HostMessage =
  | {
    type: 'update';
    uri: string;
    /** The document version the layout was made from. */
    version: number;
    fileName: string;
    /** Null when the text could not be laid out at all (the webview keeps its last picture). */
    layout: Layout | null;
    errorCount: number;
    locked: boolean;
    /** Where the webview may load elk from (only fetched when a map is small enough to route with it). */
    elkUri?: string;
  }
  | { type: 'highlight'; uri: string; line: number; key?: string }
  | { type: 'lock'; uri: string; locked: boolean }
  /** Draw this layout (full detail, embedded font metrics) as a PNG and send it back. */
  | { type: 'export'; uri: string; requestId: number; format: 'png'; theme: 'light' | 'dark'; layout: Layout };

/** How many cards of each compare mark a page draws. */
export interface CompareCounts {
  added: number;
  removed: number;
  changed: number;
}

/** Webview -> host. */
export type WebviewMessage =
  /** The page is listening; with the font it draws in, measured, for the layout. */
  | { type: 'ready'; uri?: string; font?: PageFont }
  | { type: 'reveal'; uri: string; line: number }
  | { type: 'openProblems'; uri: string }
  | { type: 'setLock'; uri: string; locked: boolean }
  | { type: 'setHiddenLanes'; uri: string; hiddenLanes: string[] }
  | { type: 'openRunbook'; uri: string; runbook: string }
  | {
    type: 'rendered'; uri: string; version: number; router: 'grid' | 'elk';
    /** Time to draw: SVG string, parse and patch; renderMs of it the SVG string. */
    ms: number; renderMs?: number;
    /** Items the patch replaced and kept. */
    replaced?: number; kept?: number;
    /** The zoom the picture is shown at after this drawing (1 is actual size). */
    zoom?: number;
    /** Compare mode: the marks the page really shows (new, removed and changed cards, counted in its DOM). */
    compare?: CompareCounts;
  }
  /** Compare mode: the user left it (the toolbar's control); the preview shows the map alone again. */
  | { type: 'exitCompare'; uri: string }
  | { type: 'exported'; uri: string; requestId: number; format: 'png'; data?: string; error?: string }
  /** Something the page caught and worked around, for the extension's log. */
  | { type: 'log'; uri: string; message: string };

/**
 * The card whose touchpoint holds a line of the map (the editor's cursor), for the 'highlight'
 * message: the last one starting at or above it, since one block's last line can be where the next
 * starts. None on a line outside every touchpoint, or for the other side's cards in compare mode
 * (their lines are -1).
 */
export function cardAtLine(cards: Layout['cards'], line: number): Layout['cards'][number] | undefined {
  let found: Layout['cards'][number] | undefined;
  for (const card of cards) {
    if (card.line <= line && line <= card.endLine && (!found || card.line > found.line)) found = card;
  }
  return found;
}

export function isHostMessage(value: unknown): value is HostMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'update' || type === 'highlight' || type === 'lock' || type === 'export';
}

/** Bounds on what a page may send: strings a map could hold, lanes a map could have. */
const MAX_MESSAGE_TEXT = 4096;
const MAX_HIDDEN_LANES = 1000;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_MESSAGE_TEXT;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/** A width table's length is checked against the ranges when it is used (pageMeasure); here only its bound. */
const MAX_WIDTHS = 4096;
const isWidths = (v: unknown): v is number[] => Array.isArray(v) && v.length <= MAX_WIDTHS && v.every((w) => typeof w === 'number');
const isCompareCounts = (v: unknown): v is CompareCounts => {
  const c = v as Record<string, unknown> | null;
  return typeof c === 'object' && c !== null && isCount(c.added) && isCount(c.removed) && isCount(c.changed);
};
const isPageFont = (v: unknown): v is PageFont => {
  const f = v as Record<string, unknown> | null;
  return typeof f === 'object' && f !== null && isText(f.family) && isWidths(f.regular) && isWidths(f.bold);
};

/**
 * Whether a value is a well-formed message from the page, field by field. The page is untrusted
 * (it renders text from the map, and a compromised page could post anything): a message of the
 * wrong shape is dropped here, before any handler reads a field of it.
 */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  const uri = isText(m.uri);
  switch (m.type) {
    case 'ready': return (m.uri === undefined || uri) && (m.font === undefined || isPageFont(m.font));
    case 'reveal': return uri && isCount(m.line);
    case 'openProblems': return uri;
    case 'setLock': return uri && typeof m.locked === 'boolean';
    case 'setHiddenLanes': return uri && Array.isArray(m.hiddenLanes) && m.hiddenLanes.length <= MAX_HIDDEN_LANES && m.hiddenLanes.every(isText);
    case 'openRunbook': return uri && isText(m.runbook);
    case 'rendered': return uri && isCount(m.version) && (m.router === 'grid' || m.router === 'elk') && typeof m.ms === 'number'
      && (m.zoom === undefined || (typeof m.zoom === 'number' && Number.isFinite(m.zoom)))
      && (m.compare === undefined || isCompareCounts(m.compare));
    case 'exitCompare': return uri;
    case 'exported': return uri && typeof m.requestId === 'number' && m.format === 'png'
      && (m.data === undefined || typeof m.data === 'string') && (m.error === undefined || isText(m.error));
    case 'log': return uri && isText(m.message);
    default: return false;
  }
}
