import { isMap, isScalar, isSeq, Node } from 'yaml';
import type { Document, LineCounter } from 'yaml';
import type { YamlPath } from './types';

/**
 * 1-based line of the node at `path`, pointing at the key for map entries. When the
 * path does not exist (a missing field) the deepest existing ancestor is used.
 */
export function lineOf(
  doc: Document,
  lineCounter: LineCounter,
  path: YamlPath,
): number {
  let node: unknown = doc.contents;
  let anchor: Node | undefined = isNode(node) ? node : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        p => (isScalar(p.key) ? p.key.value : p.key) === segment,
      );
      if (!pair) break;
      if (isNode(pair.key)) anchor = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (isNode(node)) anchor = node;
      else break;
    } else {
      break;
    }
  }
  const offset = anchor?.range?.[0] ?? doc.range?.[0] ?? 0;
  return lineCounter.linePos(offset).line;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
