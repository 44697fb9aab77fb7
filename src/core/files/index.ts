/**
 * The files room: links from a map to the files beside it. Link resolution (decoded, folded and
 * checked against the workspace root as text), the injected file access contract (FileReader and
 * what a reader found, FileProblem), and Markdown headings and anchors as GitHub reads them. It
 * imports only the base room; the adapters implement FileReader.
 */
export {
  basename, dirname, inAFolder, isInsideRoot, linkProblem, percentDecode, relativePath, resolveLink, splitAnchor, type LinkProblem, type LinkTarget,
} from './paths';
export { describeFileProblem, type FileProblem, type FileRead, type FileReader, type FileStat } from './reader';
export {
  anchorLine, markdownAnchors, markdownHeadings, markdownOutline, markdownSection, slugify, type MarkdownAnchor, type MarkdownHeading, type MarkdownOutline,
} from './markdown';
