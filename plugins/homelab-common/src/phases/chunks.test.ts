import { splitAtBoundaries } from './chunks';

const texts = (md: string) => splitAtBoundaries(md).map(c => c.text);

describe('splitAtBoundaries', () => {
  it('splits before column-0 headings and bullet items', () => {
    expect(texts('# A\ntext\n## B\n- x\n  more\n- y\n')).toEqual([
      '# A\ntext\n',
      '## B\n',
      '- x\n  more\n',
      '- y\n',
    ]);
  });

  it('does not split inside fenced code or HTML comments', () => {
    const md =
      '````md\n# not a heading\n```\n- nor an item\n````\n<!--\n# hidden\n-->\n';
    expect(texts(md)).toEqual([md]);
  });

  it('records where each piece starts', () => {
    const chunks = splitAtBoundaries('intro\n\n# A\n');
    expect(chunks[1]).toEqual({ text: '# A\n', offset: 7, line: 2 });
  });
});
