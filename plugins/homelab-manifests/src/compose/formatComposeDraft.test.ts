import fc from 'fast-check';
import { parse, parseDocument } from 'yaml';
import { formatComposeDraft } from './formatComposeDraft';
import type { ComposeImport } from './importComposeService';

const nasty = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc
    .array(
      fc.constantFrom(
        '\n',
        '\r',
        '\r\n',
        '\u0085',
        '\u2028',
        '#',
        ': ',
        '- ',
        '? ',
        '&a',
        '*a',
        '!!str',
        '|',
        '>',
        "'",
        '"',
        '{',
        '}',
        '[',
        ']',
        '%YAML',
        '---',
        '...',
        '@',
        '`',
        ' ',
        '\t',
        'key',
        'null',
        '~',
        'true',
        '0x1',
        '1e3',
        '__proto__',
      ),
    )
    .map(parts => parts.join('')),
);

const draft = fc.record({
  spec: fc.record({
    name: nasty,
    namespace: fc.record({ name: nasty, create: fc.boolean() }),
    image: nasty,
    env: fc.dictionary(nasty, nasty),
    secretEnv: fc.array(nasty),
  }),
  secretKeys: fc.array(nasty),
  warnings: fc.array(nasty),
  unmapped: fc.array(fc.record({ key: nasty, reason: nasty })),
}) as unknown as fc.Arbitrary<
  Pick<ComposeImport, 'spec' | 'secretKeys' | 'warnings' | 'unmapped'>
>;

describe('formatComposeDraft', () => {
  it('parses back to exactly the intended spec whatever the keys, values and notes hold', () => {
    fc.assert(
      fc.property(draft, nasty, (result, source) => {
        const text = formatComposeDraft(result, source);
        const doc = parseDocument(text);
        expect(doc.errors).toEqual([]);
        expect(doc.toJS()).toEqual(result.spec);
      }),
      { numRuns: 400, seed: 18 },
    );
  });

  it('keeps every note on comment lines above the spec', () => {
    fc.assert(
      fc.property(draft, result => {
        const text = formatComposeDraft(result, 'compose.yaml');
        const header = text.slice(0, text.search(/^name:|^"name":/m));
        for (const line of header.split(/\r\n|\r|\n/)) {
          expect(line === '' || line.startsWith('#')).toBe(true);
        }
      }),
      { numRuns: 200, seed: 18 },
    );
  });

  it('lists a key with a newline as one line and cannot add a spec key', () => {
    const text = formatComposeDraft(
      {
        spec: { env: { A: 'x' } } as any,
        secretKeys: [],
        warnings: [],
        unmapped: [{ key: 'labels\nimage: evil:1', reason: 'r\n# x' }],
      },
      'compose.yaml',
    );
    expect(text).toContain('#   - labels image: evil:1: r # x\n');
    expect(parse(text)).toEqual({ env: { A: 'x' } });
  });
});
