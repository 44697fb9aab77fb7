import { describeFileProblem, splitAnchor } from '../files';
import { quoteShort, closest } from '../base';
import type { Rule } from './rule';

/** Anchor slugs listed in a message when the one asked for is missing. */
const LISTED_ANCHORS = 6;

export const linkRules: Rule[] = [
  {
    name: 'runbook-missing', group: 'links', severity: 'warning', summary: 'A touchpoint\'s runbook file does not exist or is not a readable file.',
    check({ map, links, report }) {
      if (!links.checked) return;
      for (const tp of map.touchpoints) {
        if (!tp.runbook) continue;
        const file = splitAnchor(tp.runbook.value).file;
        const problem = links.runbooks.get(file)?.problem;
        if (!problem || problem.kind === 'outside') continue;
        const path = links.runbooks.get(file)?.path;
        report(tp.runbook.span, problem.kind === 'missing'
          ? `The runbook \`${quoteShort(file)}\` does not exist (paths are relative to this map's folder). Fix the path or write the runbook.`
          : `The runbook \`${quoteShort(file)}\` ${describeFileProblem(problem)}: it is not read. Link to a Markdown file.`,
        problem.kind === 'missing' ? { path } : undefined);
      }
    },
  },
  {
    name: 'runbook-anchor-missing', group: 'links', severity: 'warning', summary: 'A runbook link\'s #anchor matches no heading or HTML anchor.',
    check({ map, links, report }) {
      if (!links.checked) return;
      for (const tp of map.touchpoints) {
        if (!tp.runbook) continue;
        const { file, anchor } = splitAnchor(tp.runbook.value);
        const fact = links.runbooks.get(file);
        if (!anchor || !fact?.anchors || fact.anchors.has(anchor.toLowerCase())) continue;
        const slugs = fact.slugs ?? [];
        const guess = closest(anchor.toLowerCase(), fact.anchors);
        const listed = slugs.slice(0, LISTED_ANCHORS).map((slug) => quoteShort(slug)).join(', ');
        const encoding = fact.notUtf8 ? ' The runbook is not valid UTF-8 (its headings show �): save it as UTF-8.' : '';
        report(tp.runbook.span,
          `\`${quoteShort(file)}\` has no heading with the anchor \`#${quoteShort(anchor)}\`.` +
          (guess ? ` Did you mean \`#${guess}\`?` : listed ? ` Its headings: ${listed}${slugs.length > LISTED_ANCHORS ? ` and ${slugs.length - LISTED_ANCHORS} more` : ''}.` : ' It has no headings.') + encoding,
          { path: fact.path, anchor, ...(guess ? { suggestion: guess } : {}) });
      }
    },
  },
  {
    name: 'source-missing', group: 'links', severity: 'warning', summary: 'A source\'s data file does not exist or is not a readable file.',
    check({ map, links, report }) {
      if (!links.checked) return;
      for (const source of map.sources) {
        if (!source.path) continue;
        const fact = links.sources.get(source.path.value);
        const problem = fact?.problem;
        if (!problem || problem.kind === 'outside') continue;
        report(source.path.span, problem.kind === 'missing'
          ? `The data file \`${quoteShort(source.path.value)}\` does not exist (paths are relative to this map's folder).`
          : `The data file \`${quoteShort(source.path.value)}\` ${describeFileProblem(problem)}: it is not read.`,
        problem.kind === 'missing' ? { path: fact?.path } : undefined);
      }
    },
  },
  {
    name: 'link-outside-workspace', group: 'links', severity: 'warning', summary: 'A link points outside the workspace: to an absolute path, a URL, or through a symbolic link; it is never opened.',
    check({ map, links, report }) {
      for (const tp of map.touchpoints) {
        const fact = tp.runbook && links.runbooks.get(splitAnchor(tp.runbook.value).file);
        const why = fact?.outside ?? (fact?.problem?.kind === 'outside' ? describeFileProblem(fact.problem) : undefined);
        if (tp.runbook && why) report(tp.runbook.span, `The runbook link \`${quoteShort(tp.runbook.value)}\` ${why}: it is not read or opened. Link to a runbook inside the workspace with a relative path.`);
      }
      for (const source of map.sources) {
        const fact = source.path && links.sources.get(source.path.value);
        const why = fact ? fact.outside ?? (fact.problem?.kind === 'outside' ? describeFileProblem(fact.problem) : undefined) : undefined;
        if (source.path && why) report(source.path.span, `The source path \`${quoteShort(source.path.value)}\` ${why}: it is not read. Keep the data inside the workspace and use a relative path.`);
      }
      const baseline = links.baseline;
      const baselineWhy = baseline && (baseline.outside ?? (baseline.problem?.kind === 'outside' ? describeFileProblem(baseline.problem) : undefined));
      if (map.baseline && baselineWhy) report(map.baseline.span, `The baseline \`${quoteShort(map.baseline.value)}\` ${baselineWhy}: it is not read. Keep the current-state map inside the workspace and use a relative path.`);
    },
  },
];
