import { splitAnchor } from '../paths';
import type { Rule } from './rule';

export const linkRules: Rule[] = [
  {
    name: 'runbook-missing', group: 'links', severity: 'warning', summary: 'A touchpoint\'s runbook file does not exist.',
    check({ map, links, report }) {
      if (!links.checked) return;
      for (const tp of map.touchpoints) {
        if (!tp.runbook) continue;
        const fact = links.runbooks.get(splitAnchor(tp.runbook.value).file);
        if (fact && !fact.exists && !fact.outside) {
          report(tp.runbook.span, `The runbook \`${splitAnchor(tp.runbook.value).file}\` does not exist (paths are relative to this map's folder). Fix the path or write the runbook.`, { path: fact.path });
        }
      }
    },
  },
  {
    name: 'runbook-anchor-missing', group: 'links', severity: 'warning', summary: 'A runbook link\'s #anchor matches no heading.',
    check({ map, links, report }) {
      if (!links.checked) return;
      for (const tp of map.touchpoints) {
        if (!tp.runbook) continue;
        const { file, anchor } = splitAnchor(tp.runbook.value);
        const fact = links.runbooks.get(file);
        if (!anchor || !fact?.exists || !fact.slugs || fact.slugs.has(anchor.toLowerCase())) continue;
        const near = [...fact.slugs].slice(0, 6).join(', ');
        report(tp.runbook.span, `\`${file}\` has no heading with the anchor \`#${anchor}\`.${near ? ` Its headings: ${near}${fact.slugs.size > 6 ? ', ...' : ''}.` : ' It has no headings.'}`, { path: fact.path, anchor });
      }
    },
  },
  {
    name: 'source-missing', group: 'links', severity: 'warning', summary: 'A source\'s data file does not exist.',
    check({ map, links, report }) {
      if (!links.checked) return;
      for (const source of map.sources) {
        if (!source.path) continue;
        const fact = links.sources.get(source.path.value);
        if (fact && !fact.exists && !fact.outside) {
          report(source.path.span, `The data file \`${source.path.value}\` does not exist (paths are relative to this map's folder).`, { path: fact.path });
        }
      }
    },
  },
  {
    name: 'link-outside-workspace', group: 'links', severity: 'warning', summary: 'A link points outside the workspace, to an absolute path or to a URL; it is never opened.',
    check({ map, links, report }) {
      for (const tp of map.touchpoints) {
        const fact = tp.runbook && links.runbooks.get(splitAnchor(tp.runbook.value).file);
        if (tp.runbook && fact?.outside) report(tp.runbook.span, `The runbook link \`${tp.runbook.value}\` ${fact.outside}: it is not read or opened. Link to a runbook inside the workspace with a relative path.`);
      }
      for (const source of map.sources) {
        const fact = source.path && links.sources.get(source.path.value);
        if (source.path && fact?.outside) report(source.path.span, `The source path \`${source.path.value}\` ${fact.outside}: it is not read. Keep the data inside the workspace and use a relative path.`);
      }
    },
  },
];
