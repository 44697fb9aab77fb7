/** Markdown headings and their anchor slugs, for runbook links (both directions). */

export interface MarkdownHeading {
  text: string;
  level: number;
  /** Zero-based line of the heading. */
  line: number;
  /** The anchor GitHub and VS Code's Markdown preview give it (deduplicated with -1, -2...). */
  slug: string;
}

/** GitHub-style slug: lower case, punctuation dropped, spaces to hyphens. */
export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function markdownHeadings(text: string): MarkdownHeading[] {
  const headings: MarkdownHeading[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1][0];
      else if (fenceMatch[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    let level = 0;
    let title = '';
    const atx = /^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) {
      level = atx[1].length;
      title = atx[2] ?? '';
    } else if (i + 1 < lines.length && line.trim() && /^\s{0,3}(=+|-+)\s*$/.test(lines[i + 1]) && !/^\s{0,3}([-*+]|\d+[.)])\s/.test(line)) {
      level = lines[i + 1].trim().startsWith('=') ? 1 : 2;
      title = line.trim();
    }
    if (!level) continue;
    const plain = title.replace(/`([^`]*)`/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]{1,3}([^*_]+)[*_]{1,3}/g, '$1');
    const base = slugify(plain);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    headings.push({ text: plain, level, line: i, slug: count ? `${base}-${count}` : base });
  }
  return headings;
}
