import type { Nodes } from 'mdast';

/**
 * The text a reader sees: raw HTML (where declarations live) is left out,
 * as a browser shows nothing of a comment. Iterative, so deep nesting cannot
 * overflow the stack.
 */
export function visibleText(node: Nodes, skip?: (n: Nodes) => boolean): string {
  const out: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current !== node && skip?.(current)) continue;
    if (current.type === 'break') out.push('\n');
    else if (current.type === 'html') continue;
    else if ('value' in current) out.push(current.value);
    else if ('children' in current) {
      for (let i = current.children.length - 1; i >= 0; i--) {
        stack.push(current.children[i]);
      }
    }
  }
  return out.join('');
}
