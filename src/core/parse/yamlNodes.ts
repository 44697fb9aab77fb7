/** Small readers of `yaml` nodes shared by the model builder and its field checks. */
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type YAMLMap } from 'yaml';
import { quoteShort, type Span } from '../base';

export function scalarValue(node: YamlNode): unknown {
  return isScalar(node) ? node.value : undefined;
}

export function nodeSpan(node: YamlNode | { range?: [number, number, number] | null }, text: string): Span {
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range) return [0, 0];
  return [Math.min(range[0], text.length), Math.min(range[1], text.length)];
}

export function firstKeySpan(node: YAMLMap, text: string): Span | undefined {
  const first = node.items[0];
  return first && isPair(first) && first.key ? nodeSpan(first.key as YamlNode, text) : undefined;
}

export function emptyScalar(node: YamlNode): YamlNode {
  return { range: node.range, value: null } as unknown as YamlNode;
}

/** A scalar as a message quotes it, or what the node is when it is not a scalar. */
export function shown(scalar: unknown, node: YamlNode): string {
  return scalar === null || scalar === undefined ? describe(node) : quoteShort(String(scalar));
}

export function describe(node: YamlNode): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'an empty value' : typeof node.value === 'object' ? 'a value' : `\`${quoteShort(String(node.value))}\``;
  return 'that';
}
