/** The public surface of the core, for adapters (extension, CLI, webview, benchmarks). */
export * from './types';
export * from './languageService';
export { DEFAULT_MAX_SIZE, parseJourney, tooLargeMessage, unreadableMapDiagnostic, type Finding, type ParseOptions } from './document';
export type * from './model';
export { RULES, ruleByName, type RuleInfo } from './rules';
export { METRICS, metricInfo, type MetricInfo } from './metrics';
export { SHAPES, FORMAT_VERSION } from './format';
export { LineIndex } from './text';
export { anchorLine, markdownAnchors, markdownHeadings, markdownOutline, slugify, type MarkdownHeading, type MarkdownOutline } from './markdown';
export { describeFileProblem, isInsideRoot, resolveLink, splitAnchor } from './paths';
export * from './status';
export * from './values';
