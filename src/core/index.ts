/** The public surface of the core, for adapters (extension, CLI, webview, benchmarks). */
export * from './types';
export * from './languageService';
export { parseJourney, type Finding, type ParseOptions } from './document';
export type * from './model';
export { RULES, ruleByName, type RuleInfo } from './rules';
export { METRICS, metricInfo, type MetricInfo } from './metrics';
export { SHAPES, FORMAT_VERSION } from './format';
export { LineIndex } from './text';
export { markdownHeadings, slugify, type MarkdownHeading } from './markdown';
export * from './status';
export * from './values';
