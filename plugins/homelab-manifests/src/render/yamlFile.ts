import { Document, isMap, isScalar } from 'yaml';

/** A comment placed above the key at `path` (e.g. ['spec', 'strategy']). */
export interface KeyComment {
  path: (string | number)[];
  text: string;
}

export interface YamlDoc {
  value: object;
  header?: string;
  comments?: KeyComment[];
}

/** Serialises documents with their comments; output is stable for equal input. */
export function toYaml(docs: YamlDoc[]): string {
  return docs.map(renderDoc).join('---\n');
}

function renderDoc({ value, header, comments = [] }: YamlDoc): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  if (header) doc.commentBefore = prefixLines(header);
  for (const { path, text } of comments) {
    const parent = doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    if (!isMap(parent)) {
      throw new Error(
        `comment path ${path.join('.')} does not lead to a map entry`,
      );
    }
    const pair = parent.items.find(
      p => (isScalar(p.key) ? p.key.value : p.key) === last,
    );
    if (!pair || !isScalar(pair.key)) {
      throw new Error(`comment path ${path.join('.')} not found`);
    }
    pair.key.commentBefore = prefixLines(text);
  }
  return doc.toString({ lineWidth: 0 });
}

function prefixLines(text: string): string {
  return text
    .split('\n')
    .map(line => ` ${line}`)
    .join('\n');
}
