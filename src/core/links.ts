/** Document links: runbooks and source data files, resolved relative to the map. */
import type { JourneyDocument } from './document';
import { linkProblem, resolveRelative, splitAnchor } from './paths';
import type { Range } from './types';

export interface DocumentLink {
  range: Range;
  /** The resolved path or URI of the linked file. */
  target: string;
  anchor?: string;
}

export function documentLinks(doc: JourneyDocument, uri: string, root?: string): DocumentLink[] {
  const links: DocumentLink[] = [];
  const add = (value: string, span: readonly [number, number]) => {
    const { file, anchor } = splitAnchor(value);
    if (!file || linkProblem(file)) return;
    const target = resolveRelative(uri, file, root);
    if (!target) return;
    links.push({ range: doc.lines.range(span[0], span[1]), target, anchor });
  };
  for (const tp of doc.map.touchpoints) if (tp.runbook) add(tp.runbook.value, tp.runbook.span);
  for (const source of doc.map.sources) if (source.path) add(source.path.value, source.path.span);
  return links;
}
