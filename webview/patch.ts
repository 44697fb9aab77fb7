/**
 * Patches the shown SVG into the new one instead of replacing it. The renderer hands over the SVG
 * in parts (root, top-level leaves, layers of items); the patcher remembers the markup behind every
 * DOM node it made, so an edit only parses and swaps the items whose markup changed (usually one
 * card). Unchanged items keep their DOM nodes (focus, hover, highlight), and the container's
 * zoom and scroll are never touched. Parsing is XML parsing (DOMParser, image/svg+xml): nothing
 * in the markup runs.
 */
import { joinSvg, type SvgParts } from '../src/core/diagram';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface PatchStats {
  replaced: number;
  kept: number;
}

interface MirrorItem { key: string; markup: string; node: Element }
interface MirrorChild { key: string; kind: 'leaf' | 'layer'; open: string; markup: string; node: Element; items: MirrorItem[] }
export interface Mirror { open: string; root: Element; children: MirrorChild[] }

/** Parses elements (each markup string is exactly one element) into nodes of this document. */
function parseElements(markups: string[]): Element[] {
  if (markups.length === 0) return [];
  const doc = new DOMParser().parseFromString(`<svg xmlns="${SVG_NS}">${markups.join('')}</svg>`, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG_NS || root.getElementsByTagName('parsererror').length) throw new Error('The diagram could not be drawn (invalid SVG).');
  const nodes = Array.from(root.children, (el) => document.importNode(el, true));
  if (nodes.length !== markups.length) throw new Error('The diagram could not be drawn (unexpected SVG structure).');
  return nodes;
}

function syncAttributes(target: Element, source: Element): void {
  for (const attr of Array.from(target.attributes)) if (!source.hasAttribute(attr.name)) target.removeAttribute(attr.name);
  for (const attr of Array.from(source.attributes)) if (target.getAttribute(attr.name) !== attr.value) target.setAttribute(attr.name, attr.value);
}

/** Puts `nodes` into `parent` in this order, moving only what is out of place, and drops the rest. */
function arrange(parent: Element, nodes: Element[]): void {
  let cursor: Element | null = parent.firstElementChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(node, cursor);
  }
  while (cursor) {
    const next = cursor.nextElementSibling;
    cursor.remove();
    cursor = next;
  }
}

function childKeys(parts: SvgParts): string[] {
  let leaves = 0;
  return parts.children.map((c) => (c.kind === 'layer' ? `layer:${c.key}` : `leaf:${c.key ?? `#${leaves++}`}`));
}

/** Draws from scratch: one parse of the whole SVG, then a mirror of what each node was made from. */
function fresh(container: Element, parts: SvgParts): Mirror {
  const doc = new DOMParser().parseFromString(joinSvg(parts), 'image/svg+xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG_NS || root.getElementsByTagName('parsererror').length) throw new Error('The diagram could not be drawn (invalid SVG).');
  const svg = document.importNode(root, true);
  container.querySelector(':scope > svg')?.remove();
  container.appendChild(svg);
  const keys = childKeys(parts);
  const children: MirrorChild[] = parts.children.map((c, i) => {
    const node = svg.children[i];
    if (c.kind === 'leaf') return { key: keys[i], kind: 'leaf', open: '', markup: c.markup, node, items: [] };
    let unkeyed = 0;
    const items = c.items.map((it, j) => ({ key: it.key ?? `#${unkeyed++}`, markup: it.markup, node: node.children[j] }));
    return { key: keys[i], kind: 'layer', open: c.open, markup: '', node, items };
  });
  return { open: parts.open, root: svg, children };
}

export function patchSvg(container: Element, parts: SvgParts, previous: Mirror | undefined, stats: PatchStats): Mirror {
  if (!previous || !previous.root.isConnected || previous.root.parentElement !== container) {
    stats.replaced++;
    return fresh(container, parts);
  }
  const svg = previous.root;
  if (parts.open !== previous.open) syncAttributes(svg, parseElements([`${parts.open}</svg>`])[0]);
  const old = new Map(previous.children.map((c) => [c.key, c]));
  const keys = childKeys(parts);
  const children: MirrorChild[] = [];
  // Leaves and whole layers that must be parsed, batched into one parse.
  const pending: { index: number; markup: string }[] = [];
  parts.children.forEach((c, i) => {
    const prev = old.get(keys[i]);
    if (c.kind === 'leaf') {
      if (prev && prev.kind === 'leaf' && prev.markup === c.markup) { children.push(prev); stats.kept++; return; }
      children.push({ key: keys[i], kind: 'leaf', open: '', markup: c.markup, node: svg, items: [] });
      pending.push({ index: i, markup: c.markup });
      return;
    }
    let unkeyed = 0;
    const itemKeys = c.items.map((it) => it.key ?? `#${unkeyed++}`);
    if (!prev || prev.kind !== 'layer' || prev.open !== c.open) {
      children.push({ key: keys[i], kind: 'layer', open: c.open, markup: '', node: svg, items: c.items.map((it, j) => ({ key: itemKeys[j], markup: it.markup, node: svg })) });
      pending.push({ index: i, markup: `${c.open}${c.items.map((it) => it.markup).join('')}${c.close}` });
      return;
    }
    // Same layer: keep the items whose markup is unchanged, parse the others in one go.
    const oldItems = new Map(prev.items.map((it) => [it.key, it]));
    const items: MirrorItem[] = [];
    const changed: number[] = [];
    c.items.forEach((it, j) => {
      const was = oldItems.get(itemKeys[j]);
      if (was && was.markup === it.markup) { items.push(was); stats.kept++; } else { items.push({ key: itemKeys[j], markup: it.markup, node: prev.node }); changed.push(j); }
    });
    const nodes = parseElements(changed.map((j) => c.items[j].markup));
    changed.forEach((j, k) => { items[j].node = nodes[k]; stats.replaced++; });
    if (changed.length || items.length !== prev.items.length) arrange(prev.node, items.map((it) => it.node));
    children.push({ ...prev, items });
  });
  const nodes = parseElements(pending.map((p) => p.markup));
  pending.forEach((p, k) => {
    const child = children[p.index];
    child.node = nodes[k];
    stats.replaced++;
    if (child.kind === 'layer') child.items.forEach((it, j) => { it.node = nodes[k].children[j]; });
  });
  arrange(svg, children.map((c) => c.node));
  return { open: parts.open, root: svg, children };
}
