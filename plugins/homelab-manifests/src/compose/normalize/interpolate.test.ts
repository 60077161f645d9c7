import { interpolate, InterpolationContext } from './interpolate';

/** The environment of the compose-spec examples: SET=value, EMPTY is set to "", FOO=foo. */
const vars: Record<string, string> = { SET: 'value', EMPTY: '', FOO: 'foo' };

function run(text: string) {
  const ctx: InterpolationContext = {
    lookup: name =>
      name in vars ? { value: vars[name], source: 'env-file' } : undefined,
    path: 'services.web.image',
    uses: [],
    missing: [],
    unset: [],
  };
  return { value: interpolate(text, ctx), ctx };
}

describe('compose interpolation (compose-spec interpolation.md)', () => {
  it.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['pre-${SET}-post', 'pre-value-post'],
    ['${UNSET:-default}', 'default'],
    ['${EMPTY:-default}', 'default'],
    ['${SET:-default}', 'value'],
    ['${UNSET-default}', 'default'],
    ['${EMPTY-default}', ''],
    ['${SET:+replacement}', 'replacement'],
    ['${EMPTY:+replacement}', ''],
    ['${UNSET:+replacement}', ''],
    ['${EMPTY+replacement}', 'replacement'],
    ['${UNSET+replacement}', ''],
    ['${VARIABLE:-${FOO}}', 'foo'],
    ['${VARIABLE:-${FOO:-default}}', 'foo'],
    ['${VARIABLE:-${UNSET:-default}}', 'default'],
    ['${VARIABLE:-a-${FOO}-b}', 'a-foo-b'],
    ['$$VAR_NOT_INTERPOLATED_BY_COMPOSE', '$VAR_NOT_INTERPOLATED_BY_COMPOSE'],
    ['$${SET}', '${SET}'],
    ['price: 5$', 'price: 5$'],
    ['$1 and $ alone', '$1 and $ alone'],
    ['repo/app:${APP_TAG:-1.2.3}', 'repo/app:1.2.3'],
  ])('%s gives %s', (text, expected) => {
    expect(run(text).value).toBe(expected);
  });

  it('replaces an unset variable without default by "" and reports it', () => {
    const { value, ctx } = run('a${UNSET}b$ALSO_UNSET');
    expect(value).toBe('ab');
    expect(ctx.unset).toEqual(['UNSET', 'ALSO_UNSET']);
  });

  it('reports a required variable with its interpolated message', () => {
    const { ctx } = run('${UNSET:?set it, $FOO}${EMPTY:?empty}${EMPTY?fine}');
    expect(ctx.missing).toEqual([
      { variable: 'UNSET', path: 'services.web.image', message: 'set it, foo' },
      { variable: 'EMPTY', path: 'services.web.image', message: 'empty' },
    ]);
    expect(run('${VARIABLE?$FOO}').ctx.missing[0].message).toBe('foo');
  });

  it('does not evaluate an unused default', () => {
    expect(run('${SET:-${UNSET:?never}}').ctx.missing).toEqual([]);
  });

  it('records which value each variable got and where it came from', () => {
    expect(run('${SET}:${NOPE:-1.2}').ctx.uses).toEqual([
      { variable: 'SET', source: 'env-file', value: 'value' },
      { variable: 'NOPE', source: 'default', value: '1.2' },
    ]);
  });

  it.each(['${VAR/foo/bar}', '${SET', '${}', '${1X}', '${SET:=x}'])(
    'refuses the unsupported or broken form %s, naming the field',
    text => {
      expect(() => run(text)).toThrow(
        /invalid interpolation format for services\.web\.image/,
      );
    },
  );

  it('quotes only the broken part, and nothing of a secret-looking field', () => {
    expect(() => run('keep-this-out ${VAR/foo}')).toThrow(
      'invalid interpolation format for services.web.image near "${VAR/foo}"',
    );
    const secret: InterpolationContext = {
      lookup: () => undefined,
      path: 'services.db.environment.POSTGRES_PASSWORD',
      uses: [],
      missing: [],
      unset: [],
    };
    expect(() => interpolate('hunter2${', secret)).toThrow(
      /^invalid interpolation format for services\.db\.environment\.POSTGRES_PASSWORD; /,
    );
  });
});
