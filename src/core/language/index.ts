/**
 * The language room: the service the adapters call, in the style of vscode-json-languageservice
 * (`getLanguageService(options)` returns an object whose methods are the features), and one file
 * per feature: validation, hover, completion, symbols and folding, navigation and rename, quick
 * fixes and their edits, document links and stage summaries. It imports every room below it.
 */
export {
  getLanguageService, type CodeFix, type DocumentLink, type LanguageService, type LanguageServiceOptions, type RenameResult, type ReviewEdits,
  type StageSummary,
} from './service';
export { validateSync, type ValidateOptions } from './validate';
export { hypothesisSentence } from './hover';
export { carryOverFindings, FROM_LAST_VALID } from './carryOver';
