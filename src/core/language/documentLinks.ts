/** Document links: runbooks, source data files and a future map's baseline, resolved relative to the map. */
import type { JourneyDocument } from '../parse';
import type { Touchpoint } from '../format';
import { resolveLink, splitAnchor } from '../files';
import type { Range } from '../base';

export interface DocumentLink {
  kind: 'runbook' | 'source' | 'baseline';
  range: Range;
  /** The resolved path or URI of the linked file. */
  target: string;
  anchor?: string;
  /** For a runbook link: the touchpoint that links. */
  touchpoint?: { id?: string; name?: string };
}

/** Every link of the map that may be followed (links outside the workspace are left out). */
export function documentLinks(doc: JourneyDocument, uri: string, root?: string): DocumentLink[] {
  const links: DocumentLink[] = [];
  const add = (kind: DocumentLink['kind'], value: string, span: readonly [number, number], tp?: Touchpoint) => {
    const { file, anchor } = splitAnchor(value);
    if (!file) return;
    const target = resolveLink(uri, file, root);
    if (!('path' in target)) return;
    const link: DocumentLink = { kind, range: doc.lines.range(span[0], span[1]), target: target.path, anchor };
    if (tp) link.touchpoint = { id: tp.id?.value, name: tp.name?.value };
    links.push(link);
  };
  for (const tp of doc.map.touchpoints) if (tp.runbook) add('runbook', tp.runbook.value, tp.runbook.span, tp);
  for (const source of doc.map.sources) if (source.path) add('source', source.path.value, source.path.span);
  if (doc.map.baseline) add('baseline', doc.map.baseline.value, doc.map.baseline.span);
  return links;
}
