/**
 * The parse room: text in, a typed model with source spans out, plus the structural findings.
 * Input guards (size, nesting), YAML messages in plain words, the model builder and its field
 * checks, and lookups from an offset to what is there. It imports base, format and files.
 */
export { parseJourney, type Finding, type JourneyDocument, type ParseOptions } from './document';
export { DEFAULT_MAX_SIZE, parseYaml, tooLargeMessage, unreadableMapDiagnostic } from './guards';
export { definitionAt, improvementAt, keyAt, metricAt, referenceAt, touchpointAt, within } from './locate';
export { disableComments, isSilenced, type DisableComments } from './disableComments';
export { parseHow, reparse, type Reparse } from './incremental';
