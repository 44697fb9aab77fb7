/**
 * Markdown headings and anchors, for runbook links (both directions), read the way GitHub reads
 * them, since GitHub is where teams click these links: headings come from a CommonMark parser
 * (markdown-it, with HTML on, as GitHub renders it) and slugs from github-slugger, which counts
 * duplicates (`-1`, `-2`). Explicit HTML anchors (`<a name="x">`, any `id="x"`) count as anchors,
 * and YAML front matter is not a heading. Parsing is linear in the text.
 */
import MarkdownIt from 'markdown-it';
import GithubSlugger from 'github-slugger';

export interface MarkdownHeading {
  /** The heading's text as displayed (code spans keep their content, emphasis marks go). */
  text: string;
  level: number;
  /** Zero-based line of the heading. */
  line: number;
  /** The anchor GitHub gives it (deduplicated with -1, -2...). */
  slug: string;
}

export interface MarkdownAnchor {
  name: string;
  /** Zero-based line where it is defined. */
  line: number;
}

export interface MarkdownOutline {
  headings: MarkdownHeading[];
  /** Anchors written as HTML: `<a name="x">`, `<span id="x">`. */
  explicit: MarkdownAnchor[];
}

const parser = new MarkdownIt({ html: true, linkify: false, typographer: false });
// Inline content is parsed only where a heading's text or an anchor can come from (see
// `markdownOutline`): the paragraphs' inline parse was most of the time spent reading a runbook.
parser.core.ruler.disable('inline');

/** GitHub's slug of one heading text, without deduplication. */
export function slugify(heading: string): string {
  return new GithubSlugger().slug(heading);
}

export function markdownOutline(text: string): MarkdownOutline {
  const env = {};
  const tokens = parser.parse(withoutFrontMatter(text), env);
  const slugger = new GithubSlugger();
  const headings: MarkdownHeading[] = [];
  const explicit: MarkdownAnchor[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const line = token.map?.[0] ?? 0;
    if (token.type === 'heading_open') {
      const inline = tokens[i + 1];
      const children = inline?.type === 'inline' ? inlineChildren(inline, env) : [];
      const title = children.map(displayedText).join('').trim();
      headings.push({ text: title, level: Number(token.tag.slice(1)), line, slug: slugger.slug(title) });
      for (const child of children) if (child.type === 'html_inline') explicit.push(...htmlAnchors(child.content, line));
      if (inline?.type === 'inline') i++; // the heading's text, read above
    } else if (token.type === 'html_block') {
      explicit.push(...htmlAnchors(token.content, line));
    } else if (token.type === 'inline' && token.content.includes('<')) {
      // Other inline content matters only when it may hold an HTML tag (an explicit anchor).
      for (const child of inlineChildren(token, env)) if (child.type === 'html_inline') explicit.push(...htmlAnchors(child.content, line));
    }
  }
  return { headings, explicit };
}

export function markdownHeadings(text: string): MarkdownHeading[] {
  return markdownOutline(text).headings;
}

/** Every anchor a link may name: heading slugs and explicit HTML anchors, lower-cased. */
export function markdownAnchors(outline: MarkdownOutline): Set<string> {
  return new Set([...outline.headings.map((h) => h.slug), ...outline.explicit.map((a) => a.name.toLowerCase())]);
}

/** The line an anchor points at, or undefined. */
export function anchorLine(outline: MarkdownOutline, anchor: string): number | undefined {
  const wanted = anchor.toLowerCase();
  return outline.headings.find((h) => h.slug === wanted)?.line ?? outline.explicit.find((a) => a.name.toLowerCase() === wanted)?.line;
}

type InlineToken = MarkdownIt.Token;

/** The inline tokens of a block's content, parsed on demand (the parser's own inline pass is off). */
function inlineChildren(token: InlineToken, env: MarkdownIt.StateCore['env']): InlineToken[] {
  token.children = [];
  parser.inline.parse(token.content, parser, env, token.children);
  return token.children;
}

function displayedText(token: InlineToken): string {
  switch (token.type) {
    case 'text': case 'text_special': case 'code_inline': // text_special: an escaped character (`\#`)
      return token.content;
    case 'softbreak': case 'hardbreak':
      return ' ';
    case 'image':
      return (token.children ?? []).map(displayedText).join('');
    default:
      return '';
  }
}

/** An opening tag; `[^<>]` keeps every match attempt within one tag, so the scan stays linear. */
const TAG = /<[A-Za-z][^<>]*>/g;
const ANCHOR_ATTRIBUTE = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

function htmlAnchors(html: string, line: number): MarkdownAnchor[] {
  const anchors: MarkdownAnchor[] = [];
  for (const tag of html.matchAll(TAG)) {
    for (const m of tag[0].matchAll(ANCHOR_ATTRIBUTE)) {
      const name = (m[1] ?? m[2] ?? m[3] ?? '').trim();
      if (name) anchors.push({ name, line: line + countLines(html.slice(0, tag.index)) });
    }
  }
  return anchors;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * YAML front matter (`---` on the first line, up to the next `---` or `...`) blanked out line by
 * line, so line numbers stay and its closing `---` cannot turn the line above into a heading.
 */
function withoutFrontMatter(text: string): string {
  if (!/^---[ \t]*\r?\n/.test(text)) return text;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const firstBreak = text.indexOf('\n') + 1;
  const rest = text.slice(firstBreak);
  const match = close.exec(rest);
  if (!match) return text;
  const end = firstBreak + match.index + match[0].length;
  return text.slice(0, end).replace(/[^\r\n]/g, '') + text.slice(end);
}

/** The section of a runbook a link points at: from its heading to the next heading of the same or a higher level. */
export function markdownSection(text: string, anchor: string | undefined, maxLines: number): string | undefined {
  const lines = text.split(/\r?\n/);
  const outline = markdownOutline(text);
  const start = anchor ? anchorLine(outline, anchor) : 0;
  if (start === undefined) return undefined;
  const heading = outline.headings.find((h) => h.line === start);
  const next = outline.headings.find((h) => h.line > start && (!heading || h.level <= heading.level));
  const end = next ? next.line : lines.length;
  const section = lines.slice(start, Math.min(end, start + maxLines));
  return `${section.join('\n').trimEnd()}${end > start + maxLines ? '\n\n…' : ''}`;
}
