import type { Html } from 'mdast';

export interface Declaration {
  /** Text after `check:`. */
  text?: string;
  line: number;
  /** Set when the comment looks like a declaration but cannot be one. */
  problem?: string;
}

const COMMENT = /<!--([\s\S]*?)-->/g;

/** The `<!-- check: ... -->` comments of one raw HTML node. */
export function declarationsIn(node: Html): Declaration[] {
  const startLine = node.position?.start.line ?? 1;
  const found: Declaration[] = [];
  for (const m of node.value.matchAll(COMMENT)) {
    const body = m[1].trim();
    if (!/^checks?\b/i.test(body)) continue;
    const line =
      startLine + (node.value.slice(0, m.index).match(/\n/g)?.length ?? 0);
    const colon = /^check\s*:([\s\S]*)$/i.exec(body);
    if (!colon) {
      found.push({
        line,
        problem: `write the declaration as <!-- check: <kind> key=value ... --> (with "check:")`,
      });
    } else if (m[1].includes('--') || m[1].endsWith('-')) {
      // cmark-gfm (GitHub) follows CommonMark 0.29 here: such a comment is not
      // a comment there and its text would show on the page.
      found.push({
        line,
        problem:
          'a comment must not contain "--" or end with "-": GitHub would show it as text; percent-encode the dashes (%2D) or rename',
      });
    } else found.push({ line, text: colon[1].trim() });
  }
  return found;
}
