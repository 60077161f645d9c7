import { readEnvFile } from './envFile';

describe('reading .env files by the compose rules', () => {
  // The examples of Docker's "env file syntax" documentation.
  it.each([
    ['VAR=VAL', 'VAL'],
    ['VAR="VAL"', 'VAL'],
    ["VAR='VAL'", 'VAL'],
    ['VAR=VAL # comment', 'VAL'],
    ['VAR=VAL# not a comment', 'VAL# not a comment'],
    ['VAR="VAL # not a comment"', 'VAL # not a comment'],
    ['VAR="VAL" # comment', 'VAL'],
    ["VAR='$OTHER'", '$OTHER'],
    ["VAR='${OTHER}'", '${OTHER}'],
    ["VAR='Let\\'s go!'", "Let's go!"],
    ['VAR="{\\"hello\\": \\"json\\"}"', '{"hello": "json"}'],
    ['VAR="some\\tvalue"', 'some\tvalue'],
    ["VAR='some\\tvalue'", 'some\\tvalue'],
    ['VAR=some\\tvalue', 'some\\tvalue'],
    ['export VAR=exported', 'exported'],
  ])('%s gives %j', (line, expected) => {
    expect(readEnvFile(line, '.env').values.VAR).toBe(expected);
  });

  it('interpolates later lines with earlier ones, except single-quoted values', () => {
    const text = [
      '# a comment',
      'TAG=1.2.3',
      'IMAGE=repo/app:${TAG}',
      'DEFAULTED=${MISSING:-fallback}',
      "LITERAL='${TAG}'",
      'QUOTED="v$TAG"',
      '',
    ].join('\n');
    expect(readEnvFile(text, '.env').values).toEqual({
      TAG: '1.2.3',
      IMAGE: 'repo/app:1.2.3',
      DEFAULTED: 'fallback',
      LITERAL: '${TAG}',
      QUOTED: 'v1.2.3',
    });
  });

  it('lets the outer environment win over earlier lines', () => {
    const { values } = readEnvFile('TAG=1\nIMAGE=app:${TAG}', '.env', name =>
      name === 'TAG' ? { value: '2', source: 'environment' } : undefined,
    );
    expect(values.IMAGE).toBe('app:2');
  });

  it('reports a required variable that is unset, naming the file and line key', () => {
    expect(readEnvFile('A=${NOPE:?set NOPE}', '.env').missing).toEqual([
      { variable: 'NOPE', path: '.env: A', message: 'set NOPE' },
    ]);
  });
});
