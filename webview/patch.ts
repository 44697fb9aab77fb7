/**
 * Patches the shown SVG into the new one instead of replacing it: the root's attributes are
 * updated, and inside each layer (a top-level `g[data-key]`) only the items (`[data-key]`) that
 * changed are replaced, keyed by data-key. Unchanged cards keep their DOM nodes (and focus,
 * highlight classes, hover state), and the scroll/zoom of the container is never touched.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface PatchStats {
  replaced: number;
  kept: number;
}

function keyOf(el: Element): string | null {
  return el.getAttribute('data-key');
}

function syncAttributes(target: Element, source: Element): void {
  for (const attr of Array.from(target.attributes)) {
    if (!source.hasAttribute(attr.name) && attr.name !== 'class') target.removeAttribute(attr.name);
  }
  for (const attr of Array.from(source.attributes)) {
    if (target.getAttribute(attr.name) !== attr.value) target.setAttribute(attr.name, attr.value);
  }
}

/** Keyed children patch of one container; elements without a key are compared by position. */
function patchChildren(target: Element, source: Element, depth: number, stats: PatchStats): void {
  const oldByKey = new Map<string, Element>();
  const oldUnkeyed: Element[] = [];
  for (const child of Array.from(target.children)) {
    const key = keyOf(child);
    if (key !== null && !oldByKey.has(key)) oldByKey.set(key, child);
    else oldUnkeyed.push(child);
  }
  let unkeyedIndex = 0;
  let cursor: Element | null = target.firstElementChild;
  const used = new Set<Element>();
  for (const next of Array.from(source.children)) {
    const key = keyOf(next);
    let current: Element | undefined = key !== null ? oldByKey.get(key) : oldUnkeyed[unkeyedIndex++];
    if (current && current.tagName === next.tagName) {
      if (depth > 0 && key !== null && next.children.length > 0 && current.isEqualNode(next) === false && hasKeyedChildren(next)) {
        syncAttributes(current, next);
        patchChildren(current, next, depth - 1, stats);
      } else if (!current.isEqualNode(next)) {
        const fresh = document.importNode(next, true);
        const wasHighlighted = current.classList.contains('jm-highlight');
        current.replaceWith(fresh);
        if (wasHighlighted) fresh.classList.add('jm-highlight');
        if (cursor === current) cursor = fresh;
        current = fresh;
        stats.replaced++;
      } else {
        stats.kept++;
      }
    } else {
      current = document.importNode(next, true);
      target.insertBefore(current, cursor);
      stats.replaced++;
    }
    used.add(current);
    if (current === cursor) cursor = cursor.nextElementSibling;
    else target.insertBefore(current, cursor);
  }
  for (const child of Array.from(target.children)) if (!used.has(child)) child.remove();
}

function hasKeyedChildren(el: Element): boolean {
  const first = el.firstElementChild;
  return first !== null && first.hasAttribute('data-key');
}

/** Parses an SVG string (XML, so nothing in it runs) and patches it into the container. */
export function patchSvg(container: Element, svgText: string): PatchStats {
  const stats: PatchStats = { replaced: 0, kept: 0 };
  const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const next = parsed.documentElement;
  if (next.namespaceURI !== SVG_NS || next.getElementsByTagName('parsererror').length) throw new Error('The diagram could not be drawn (invalid SVG).');
  const current = container.querySelector(':scope > svg');
  if (!current) {
    container.appendChild(document.importNode(next, true));
    stats.replaced++;
    return stats;
  }
  syncAttributes(current, next);
  patchChildren(current, next, 1, stats);
  return stats;
}
