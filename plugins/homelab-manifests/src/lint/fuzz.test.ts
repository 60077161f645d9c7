import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { lintManifests } from './lintManifests';
import { parseServiceSpecYaml } from '../spec/parseServiceSpec';

const corpusDir = path.resolve(__dirname, '../../fixtures/broken');
const corpus = fs
  .readdirSync(corpusDir)
  .filter(f => f.endsWith('.yaml'))
  .map(f => fs.readFileSync(path.join(corpusDir, f), 'utf8'));

/** Structured damage to real manifests: deletions, duplications, splices, odd characters. */
const mutated = fc
  .tuple(
    fc.constantFrom(...corpus),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat({ max: 40 }),
        fc.oneof(
          fc.constantFrom(
            '',
            ':',
            '- ',
            '  ',
            '\t',
            '{',
            '[',
            '&a ',
            '*a',
            '!!binary ',
            '---\n',
            '\n',
            '"',
            "'",
            '${X}',
            '\u0000',
            '\ufeff',
            '? ',
          ),
          fc.string({ maxLength: 8 }),
        ),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((acc, [at, length, insert]) => {
      const i = acc.length === 0 ? 0 : at % acc.length;
      return acc.slice(0, i) + insert + acc.slice(i + length);
    }, text),
  );

const randomBytes = fc
  .uint8Array({ maxLength: 400 })
  .map(b => Buffer.from(b).toString('utf8'));

/** Every finding of a fuzzed run must still be well formed. */
function lintNeverThrows(content: string): boolean {
  const result = lintManifests([{ path: 'fuzz.yaml', content }]);
  return result.findings.every(
    f => f.line >= 1 && ['error', 'warning', 'info'].includes(f.severity),
  );
}

describe('fuzzed input', () => {
  it('lint survives random strings and bytes', () => {
    const input = fc.oneof(fc.string({ maxLength: 300 }), randomBytes);
    expect(() =>
      fc.assert(fc.property(input, lintNeverThrows), { numRuns: 300, seed: 18 }),
    ).not.toThrow();
  });

  it('lint survives mutated manifests', () => {
    expect(() =>
      fc.assert(fc.property(mutated, lintNeverThrows), { numRuns: 400, seed: 18 }),
    ).not.toThrow();
  });

  it('lint reports an alias bomb as a yaml finding', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
      .concat(
        Array.from(
          { length: 8 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
              98 + i,
            )} [${Array(9)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(',')}]`,
        ),
      )
      .join('\n');
    const result = lintManifests([{ path: 'bomb.yaml', content: bomb }]);
    expect(result.findings.map(f => f.rule)).toEqual(['yaml']);
  });

  it('spec parsing survives mutated specs', () => {
    fc.assert(
      fc.property(mutated, text => {
        expect(() => parseServiceSpecYaml(text)).not.toThrow();
      }),
      { numRuns: 200, seed: 18 },
    );
  });
});
