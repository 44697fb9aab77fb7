/**
 * Incremental re-parse: after an edit inside one touchpoint, only that touchpoint's block is read
 * again, and the result is identical to a full parse of the new text.
 *
 * The design. An edit is the span where the old and new texts differ (common prefix and suffix,
 * one linear compare). When it lies inside one touchpoint entry (an item of a stage's
 * `touchpoints:` block list), the block, from the start of the entry's `- ` line to the start of
 * the next line that is indented no deeper than its dash, is parsed on its own with the very
 * same parser (`parseYaml`, at its own indentation, so the block's lines read as they do in the
 * whole file). The new entry's YAML node gets absolute offsets and is spliced into a copy of the
 * YAML tree; its model (a `Touchpoint`), findings, keys, definitions and references come from the
 * same builder code a full parse runs (`ModelBuilder.touchpointEntry`), and replace the old
 * entry's. Everything after the edit is shifted by the change in length. The old document is
 * never changed: another reader may still hold it (an earlier validation still waiting for a
 * link), so the nodes and model objects the shift touches are copies; YAML nodes entirely before
 * the edit are shared (nothing writes to the YAML tree), and so are located texts and numbers the
 * edit does not move (validation writes only on metrics and sources, which are always copied).
 * Whole-map rules still run over the whole model, as they are cheap; what is proportional to the
 * edit is the YAML parse and the model build (the copies and the shift stay linear, and cheap).
 *
 * Why it is the same as a full parse. Inside a block list, an entry's lines are read by the
 * parser from its dash to the first content line indented no deeper than the dash; the lines of
 * the block are all deeper, so no context outside the block changes how they are read, and the
 * context outside is unchanged. The block ends where the parser ends the entry (its node's range):
 * a comment line at the dash's indentation after it belongs to the next entry and stays outside.
 * The re-parse is refused (and the full parse runs) whenever that
 * argument might not hold: the old or the block's YAML has an error or a warning; the edit
 * touches the entry's indentation, dash or first key's first character, or leaves the block; a
 * line of the new block is indented no deeper than the dash (a new entry, a new key above); the
 * block holds a comment (comments attach to neighbouring nodes), a lone CR, an anchor, an alias
 * or a tag, or the file has any anchor, alias, tag or directive; the blank lines that end the
 * block change (they decide the next node's `spaceBefore`); the new entry is not one block
 * mapping; its extent is not the old one's shifted (the ranges of the lists and mappings around
 * it follow from it); the file's nesting or size is over the guards' limits; or the did-you-mean
 * budget a full parse shares across the file could run out. The property tests
 * (test/core/incremental.test.ts) compare thousands of random edits with a full parse.
 */
import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode, type YAMLMap } from 'yaml';
import { LineIndex, SuggestBudget } from '../base';
import { emptyMap, type Touchpoint } from '../format';
import { ModelBuilder } from './builder';
import { sortByStart, type JourneyDocument, type ParseOptions } from './document';
import { DEFAULT_MAX_SIZE, parseYaml, tooDeepAt } from './guards';
import { cloneDocument, cloneModel, shiftFinding, splice } from './shifted';

/** What a parse leaves for the next one to build on. */
interface ParseState {
  how: 'full' | 'incremental';
  /** Per touchpoint, in order: where its findings start and end in `doc.findings`. */
  marks: number[];
  /** Did-you-mean cells left: a bound from below on what a full parse of this text would leave. */
  cells: number;
  /** No anchor, alias, explicit tag or directive anywhere (computed on the first edit). */
  plain?: boolean;
}

const states = new WeakMap<JourneyDocument, ParseState>();

/** Called by `parseJourney` after a full build. */
export function rememberParse(doc: JourneyDocument, marks: number[], cells: number): void {
  states.set(doc, { how: 'full', marks, cells });
}

/** How a document was made: a full parse or an incremental one (for tests and the benchmark). */
export function parseHow(doc: JourneyDocument): 'full' | 'incremental' | undefined {
  return states.get(doc)?.how;
}

/** The new document, or why the edit needs a full parse. */
export type Reparse = { doc: JourneyDocument; fallback?: undefined } | { doc?: undefined; fallback: string };

/** Where an edit lies in the old text and what replaced it. */
interface Edit {
  /** Old text [start, end) became new text [start, end + delta). */
  start: number;
  end: number;
  delta: number;
}

/** The touchpoint entry an edit lies in, with the YAML nodes around it. */
interface Target {
  tp: Touchpoint;
  item: YAMLMap;
  /** Offset of the entry's line and of its dash. */
  blockStart: number;
  dash: number;
  blockEnd: number;
}

/**
 * Re-parses `text`, the new version of `old.text`, reading only the touchpoint an edit changed.
 * The result equals `parseJourney(text, options)`; when that cannot be shown cheaply, it says why
 * and the caller parses in full.
 */
export function reparse(old: JourneyDocument, text: string, options: ParseOptions = {}): Reparse {
  const state = states.get(old);
  if (!state || !old.yaml) return { fallback: 'the old text was not read into a model' };
  if (old.yaml.errors.length || old.yaml.warnings.length) return { fallback: 'the old text has YAML errors or warnings' };
  if (text.length > (options.maxSize ?? DEFAULT_MAX_SIZE)) return { fallback: 'the new text is over the size limit' };
  const edit = editBetween(old.text, text);
  if (!edit) return { fallback: 'the texts are the same' };
  const target = findTarget(old, edit);
  if (typeof target === 'string') return { fallback: target };
  const { item, blockStart, dash, blockEnd } = target;
  const newEnd = blockEnd + edit.delta;
  if (newEnd < text.length && text.charCodeAt(newEnd - 1) !== 10) return { fallback: 'the edit runs into the next line' };
  const oldBlock = old.text.slice(blockStart, blockEnd);
  const newBlock = text.slice(blockStart, newEnd);
  const why = blockProblem(oldBlock, newBlock, dash - blockStart);
  if (why) return { fallback: why };
  state.plain ??= isPlain(old);
  if (!state.plain) return { fallback: 'the file has anchors, aliases, tags or directives' };
  if (tooDeepAt(text) !== undefined) return { fallback: 'the new text is nested too deeply' };

  const blockYaml = parseYaml(newBlock);
  if (blockYaml.errors.length || blockYaml.warnings.length) return { fallback: 'the new block has YAML errors or warnings' };
  const root = blockYaml.contents;
  if (!isSeq(root) || root.flow || root.items.length !== 1) return { fallback: 'the new block is not one list entry' };
  const newItem = root.items[0];
  if (!isMap(newItem) || newItem.flow) return { fallback: 'the new entry is not a block mapping' };
  if (!isPlainTree(newItem)) return { fallback: 'the new block has anchors, aliases or tags' };
  moveTree(newItem, blockStart);
  const shift = (p: number): number => (p >= edit.end ? p + edit.delta : p);
  const oldRange = item.range!;
  const newRange = newItem.range!;
  if (newRange[0] !== oldRange[0] || newRange[1] !== shift(oldRange[1]) || newRange[2] !== shift(oldRange[2])) {
    return { fallback: 'the entry\'s extent changed' };
  }
  // The entry's comments and blank lines before it lie outside the block, as they were.
  copyLeading(item, newItem);

  const lines = new LineIndex(text);
  const scratch: JourneyDocument = { text, lines, map: emptyMap(), findings: [], definitions: [], references: [], keys: [] };
  const builder = new ModelBuilder(scratch, blockYaml, new SuggestBudget(state.cells));
  const index = target.tp.index;
  const model = cloneModel(old.map, shift, target.tp);
  const tp = builder.touchpointEntry(newItem, model.stage, index);
  if (builder.suggestBudget.cells <= 0) return { fallback: 'the did-you-mean budget could run out' };
  model.stage.touchpoints[model.stage.touchpoints.indexOf(target.tp)] = tp;
  model.map.touchpoints[index] = tp;

  const [from, to] = [state.marks[2 * index], state.marks[2 * index + 1]];
  const findings = [
    ...old.findings.slice(0, from).map((f) => shiftFinding(f, shift)),
    ...scratch.findings,
    ...old.findings.slice(to).map((f) => shiftFinding(f, shift)),
  ];
  const moved = scratch.findings.length - (to - from);
  const marks = state.marks.map((m, i) => (i > 2 * index ? m + moved : m));
  const yaml = cloneDocument(old.yaml, edit, shift, item, newItem);
  const doc: JourneyDocument = {
    text, lines, map: model.map, findings,
    definitions: splice(old.definitions, sortByStart(scratch.definitions), blockStart, blockEnd, shift),
    references: splice(old.references, sortByStart(scratch.references), blockStart, blockEnd, shift),
    keys: splice(old.keys, sortByStart(scratch.keys), blockStart, blockEnd, shift),
    yaml,
  };
  states.set(doc, { how: 'incremental', marks, cells: builder.suggestBudget.cells, plain: true });
  return { doc };
}

/** The differing span: old [start, end) became new [start, end + delta). */
function editBetween(before: string, after: string): Edit | undefined {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start === before.length && start === after.length) return undefined;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, delta: after.length - before.length };
}

/** The first pair of a block mapping whose key is `name` (the one the builder reads). */
function blockValue(node: YamlNode | null | undefined, name: string): YamlNode | undefined {
  if (!isMap(node) || node.flow) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === name) return (pair.value ?? undefined) as YamlNode | undefined;
  }
  return undefined;
}

/** The block list entry holding `offset`, by binary search over the entries (in text order). */
function entryAt(list: YamlNode | undefined, offset: number): YamlNode | undefined {
  if (!isSeq(list) || list.flow) return undefined;
  const items = list.items as YamlNode[];
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((items[mid].range?.[0] ?? Infinity) <= offset) low = mid;
    else high = mid - 1;
  }
  const found = items[low];
  return found?.range && found.range[0] <= offset && offset < found.range[2] ? found : undefined;
}

/** The touchpoint entry the edit lies in, or why there is none to re-parse alone. */
function findTarget(old: JourneyDocument, edit: Edit): Target | string {
  const stage = entryAt(blockValue(old.yaml?.contents, 'stages'), edit.start);
  if (!isMap(stage) || stage.flow) return 'the edit is not inside a stage';
  const item = entryAt(blockValue(stage, 'touchpoints'), edit.start);
  if (!isMap(item) || item.flow || !item.range) return 'the edit is not inside a touchpoint';
  const tp = old.map.touchpoints.find((t) => t.span[0] === item.range![0]);
  if (!tp || tp.stage.span[0] !== stage.range?.[0]) {
    return 'the entry is not a touchpoint of the model';
  }
  if (edit.start <= item.range[0]) return 'the edit touches the entry\'s dash or first key';
  const text = old.text;
  let blockStart = item.range[0];
  while (blockStart > 0 && text.charCodeAt(blockStart - 1) !== 10) blockStart--;
  const lead = /^( *)- +$/.exec(text.slice(blockStart, item.range[0]));
  if (!lead) return 'the entry does not start with `- ` on its own line';
  const dash = blockStart + lead[1].length;
  const blockEnd = item.range[2];
  if (edit.end > blockEnd) return 'the edit leaves the entry';
  if (blockEnd < text.length && text.charCodeAt(blockEnd - 1) !== 10) return 'the entry does not end at a line end';
  return { tp, item, blockStart, dash, blockEnd };
}

/** Why the block, old or new, cannot be read alone; undefined when it can. */
function blockProblem(oldBlock: string, newBlock: string, indent: number): string | undefined {
  for (const block of [oldBlock, newBlock]) {
    if (/(^|[ \t\n])#/.test(block)) return 'the block holds a comment';
    if (/\r(?!\n)/.test(block)) return 'the block holds a lone CR';
  }
  if (/[ \t\r\n]*$/.exec(oldBlock)![0] !== /[ \t\r\n]*$/.exec(newBlock)![0]) return 'the blank lines after the entry changed';
  // Every line after the first is blank or indented deeper than the dash.
  let at = newBlock.indexOf('\n') + 1;
  while (at > 0 && at < newBlock.length) {
    let i = at;
    while (newBlock.charCodeAt(i) === 32) i++;
    const c = newBlock.charCodeAt(i);
    const blank = i >= newBlock.length || c === 10 || (c === 13 && newBlock.charCodeAt(i + 1) === 10);
    if (!blank && i - at <= indent) return 'a line of the block is not indented under the entry';
    at = newBlock.indexOf('\n', at) + 1;
  }
  return undefined;
}

/** Whether a YAML tree has no anchor, alias or explicit tag (and the file no directive). */
function isPlain(doc: JourneyDocument): boolean {
  if (/^%/m.test(doc.text)) return false;
  return isPlainTree(doc.yaml!.contents as YamlNode | null);
}

function isPlainTree(node: YamlNode | null | undefined): boolean {
  if (!node) return true;
  if (isAlias(node) || node.anchor || node.tag) return false;
  if (isMap(node)) {
    for (const pair of node.items) if (!isPlainTree(pair.key as YamlNode) || !isPlainTree(pair.value as YamlNode)) return false;
  } else if (isSeq(node)) {
    for (const item of node.items) if (!isPlainTree(item as YamlNode)) return false;
  }
  return true;
}

/** Adds `by` to every offset of a freshly parsed tree (the block's offsets become the file's). */
function moveTree(node: YamlNode | null | undefined, by: number): void {
  if (!node) return;
  if (node.range) node.range = [node.range[0] + by, node.range[1] + by, node.range[2] + by];
  if (isMap(node)) {
    for (const pair of node.items) {
      moveTree(pair.key as YamlNode, by);
      moveTree(pair.value as YamlNode, by);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) moveTree(item as YamlNode, by);
  }
}

function copyLeading(from: YamlNode, to: YamlNode): void {
  if (from.spaceBefore) to.spaceBefore = true;
  else delete to.spaceBefore;
  if (from.commentBefore !== undefined) to.commentBefore = from.commentBefore;
  else delete to.commentBefore;
}
