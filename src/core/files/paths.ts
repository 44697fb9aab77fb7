/**
 * Link resolution with '/'-separated paths, so it works the same for file paths, URIs and the
 * virtual file systems of vscode.dev. No Node `path` here: the core runs in browsers too.
 *
 * A link is untrusted text. It is decoded first (`%2e%2e` and `..%2F` are `..` and `../`, as in
 * Markdown links), then split on `/` and `\`, then folded, and only then checked against the
 * workspace root: the check always sees the path a file system will be asked for. Symbolic links
 * are the adapters' part: their readers resolve real paths and check the root again before reading.
 */

export interface LinkTarget {
  /** The resolved path (or URI) of the linked file. */
  path: string;
  /** The `#anchor`, if any, without the `#`. */
  anchor?: string;
}

/** Why a link is not followed: it points outside the workspace, or is not a relative path. */
export type LinkProblem = 'absolute' | 'url' | 'outside';

export function splitAnchor(link: string): { file: string; anchor?: string } {
  const hash = link.indexOf('#');
  if (hash < 0) return { file: link };
  return { file: link.slice(0, hash), anchor: link.slice(hash + 1) || undefined };
}

/** The folder part of a path or URI, with a trailing slash. */
export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash + 1);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const DRIVE = /^[A-Za-z]:[\\/]/;

/** Classifies a link that must not be followed, or returns undefined for a relative path. */
export function linkProblem(link: string): LinkProblem | undefined {
  const decoded = percentDecode(link);
  for (const text of [link, decoded]) {
    if (SCHEME.test(text) && !DRIVE.test(text)) return 'url';
    if (text.startsWith('/') || text.startsWith('\\') || DRIVE.test(text)) return 'absolute';
  }
  return undefined;
}

/** `%XX` escapes decoded; text that is not a valid escape sequence stays as written. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // A lone `%` (`100%.md`): decode the valid escapes one run at a time, keep the rest.
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try { return decodeURIComponent(run); } catch { return run; }
    });
  }
}

/** A path or URI split into the part before its path and the path's decoded segments. */
interface Location {
  /** `scheme://authority` for a URI, '' for a plain path. */
  prefix: string;
  /** For plain paths: '/' when absolute. */
  lead: string;
  segments: string[];
  uri: boolean;
}

function locate(text: string): Location {
  const schemeEnd = text.indexOf('://');
  if (schemeEnd > 0 && SCHEME.test(text)) {
    const pathStart = text.indexOf('/', schemeEnd + 3);
    const prefix = pathStart < 0 ? text : text.slice(0, pathStart);
    const rest = pathStart < 0 ? '' : text.slice(pathStart).replace(/[?#].*$/, '');
    return { prefix, lead: '/', segments: rest.split('/').filter(Boolean).map(percentDecode), uri: true };
  }
  if (SCHEME.test(text) && !DRIVE.test(text)) {
    // `untitled:Untitled-1`, `vscode-vfs:/x`: a scheme with no authority.
    const colon = text.indexOf(':');
    const rest = text.slice(colon + 1);
    return { prefix: text.slice(0, colon + 1), lead: rest.startsWith('/') ? '/' : '', segments: rest.split('/').filter(Boolean).map(percentDecode), uri: true };
  }
  return { prefix: '', lead: text.startsWith('/') ? '/' : '', segments: text.split('/').filter(Boolean), uri: false };
}

function format(location: Location, segments: string[]): string {
  const parts = location.uri ? segments.map(encodeURIComponent) : segments;
  return location.prefix + location.lead + parts.join('/');
}

/** Control characters (NUL above all) never name a file: a link holding one is refused. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Where a link in a map points: a path inside the workspace, or why it is not followed. Every
 * reader of links (validation, computed metrics, document links, the preview, the extension's
 * index) uses this. Without a `root`, the map's own folder bounds the link; a map that is in no
 * folder (an unsaved editor) follows no link.
 */
export function resolveLink(from: string, link: string, root?: string): { path: string } | { outside: string } {
  const problem = linkProblem(link);
  if (problem === 'url') return { outside: 'is a URL' };
  if (problem === 'absolute') return { outside: 'is an absolute path' };
  if (!inAFolder(from)) return { outside: 'cannot be followed: the map is not saved in a folder' };
  const base = locate(dirname(from));
  const bound = locate(root ?? dirname(from));
  const decoded = percentDecode(link);
  if (CONTROL.test(decoded)) return { outside: 'holds a control character' };
  const stack = [...base.segments];
  for (const part of decoded.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!stack.length) return { outside: 'resolves outside the workspace folder' };
      stack.pop();
    } else {
      stack.push(part);
    }
  }
  const inside = bound.prefix.toLowerCase() === base.prefix.toLowerCase()
    && bound.lead === base.lead
    && bound.segments.length < stack.length
    && bound.segments.every((segment, i) => stack[i] === segment);
  return inside ? { path: format(base, stack) } : { outside: 'resolves outside the workspace folder' };
}

/** Whether a map's path or URI names a folder its links are relative to (an unsaved editor's does not). */
export function inAFolder(from: string): boolean {
  const folder = dirname(from);
  if (!folder) return false;
  const base = locate(folder);
  return base.segments.length > 0 || base.lead === '/';
}

/** Whether a path or URI lies inside `root` (after decoding and folding both), for paths from elsewhere than a map. */
export function isInsideRoot(path: string, root: string): boolean {
  const target = locate(path);
  const bound = locate(root);
  if (target.prefix.toLowerCase() !== bound.prefix.toLowerCase() || target.lead !== bound.lead) return false;
  const stack: string[] = [];
  for (const part of target.segments) {
    if (part === '.') continue;
    if (part === '..') {
      if (!stack.length) return false;
      stack.pop();
    } else stack.push(part);
  }
  return bound.segments.length <= stack.length && bound.segments.every((segment, i) => stack[i] === segment);
}

/** A relative path from a folder to a file, with forward slashes (`../runbooks/x.md`, `./x.md`). */
export function relativePath(fromFolder: string, to: string): string {
  const a = fromFolder.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rel = [...up, ...b.slice(i)].join('/');
  return up.length ? rel : `./${rel}`.replace(/^\.\/(?=\.\.)/, '');
}
