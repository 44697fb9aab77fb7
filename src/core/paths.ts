/**
 * Link resolution with '/'-separated paths, so it works the same for file paths, URIs and the
 * virtual file systems of vscode.dev. No Node `path` here: the core runs in browsers too.
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

/** Classifies a link that must not be followed, or returns undefined for a relative path. */
export function linkProblem(link: string): LinkProblem | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(link) && !/^[A-Za-z]:[\\/]/.test(link)) return 'url';
  if (link.startsWith('/') || link.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(link)) return 'absolute';
  return undefined;
}

/**
 * Resolves `relative` against the folder of `from`, folding `.` and `..`. Returns undefined when
 * the result climbs above `root` (or above the start of `from` when no root is given).
 */
export function resolveRelative(from: string, relative: string, root?: string): string | undefined {
  const base = dirname(from);
  const schemeEnd = base.indexOf('://');
  const authorityEnd = schemeEnd >= 0 ? base.indexOf('/', schemeEnd + 3) : -1;
  const prefix = authorityEnd >= 0 ? base.slice(0, authorityEnd) : '';
  const stack = (authorityEnd >= 0 ? base.slice(authorityEnd) : base).split('/');
  stack.pop(); // the empty part after the trailing slash
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length <= 1) return undefined;
      stack.pop();
    } else {
      stack.push(part);
    }
  }
  const resolved = prefix + stack.join('/');
  if (root !== undefined) {
    const normalRoot = root.endsWith('/') ? root : root + '/';
    if (!resolved.startsWith(normalRoot)) return undefined;
  }
  return resolved;
}

/**
 * Where a link in a map points: a path inside the workspace, or why it is not followed. Every
 * reader of links (validation, computed metrics, document links, the extension's index) uses this.
 */
export function resolveLink(from: string, link: string, root?: string): { path: string } | { outside: string } {
  const problem = linkProblem(link);
  if (problem === 'url') return { outside: 'is a URL' };
  if (problem === 'absolute') return { outside: 'is an absolute path' };
  const path = resolveRelative(from, link, root);
  return path ? { path } : { outside: 'resolves outside the workspace folder' };
}
