import path from 'node:path';
import { lintManifests } from '../lintManifests';
import { formatLintGithub } from './github';
import { PRIVILEGED_DEPLOYMENT, resultOf } from './fixtures';

describe('formatLintGithub', () => {
  it('annotates the error at the file and line of the offending field', () => {
    const result = lintManifests(
      [{ path: 'manifests/media/web.yaml', content: PRIVILEGED_DEPLOYMENT }],
      { pssLevel: 'baseline' },
    );
    const lines = formatLintGithub(result, { baseDir: '/repo' }).split('\n');
    const privileged = lines.filter(l => l.includes('title=pss/privileged'));
    expect(privileged).toHaveLength(1);
    expect(privileged[0]).toMatch(
      /^::error file=manifests\/media\/web\.yaml,line=15,title=pss\/privileged::\S/,
    );
    // Warnings become ::warning, and the run ends with the plain summary line.
    expect(lines.some(l => l.startsWith('::warning file='))).toBe(true);
    expect(lines.at(-2)).toMatch(/^1 file\(s\), 1 object\(s\): \d+ error\(s\)/);
    expect(lines.at(-1)).toBe('');
  });

  it('maps info findings to ::notice', () => {
    expect(formatLintGithub(resultOf({ severity: 'info' }))).toMatch(
      /^::notice file=/,
    );
  });

  it("escapes %, CR and LF in the message and also ':' and ',' in properties", () => {
    const out = formatLintGithub(
      resultOf({
        file: 'manifests/a,b:c%d.yaml',
        rule: 'r:1,2',
        message: '100% wrong:\r\nsee, here',
        fix: 'set a: b',
      }),
      { baseDir: process.cwd() },
    );
    expect(out.split('\n')[0]).toBe(
      '::error file=manifests/a%2Cb%3Ac%25d.yaml,line=3,title=r%3A1%2C2::100%25 wrong:%0D%0Asee, here%0Afix: set a: b',
    );
  });

  it('writes paths relative to the checkout, and keeps paths outside it as given', () => {
    const base = path.resolve('/work/repo');
    const inside = formatLintGithub(
      resultOf({ file: path.join(base, 'manifests', 'x.yaml') }),
      { baseDir: base },
    );
    expect(inside).toMatch(/^::error file=manifests\/x\.yaml,/);
    const outside = formatLintGithub(resultOf({ file: '/elsewhere/x.yaml' }), {
      baseDir: base,
    });
    expect(outside).toMatch(/^::error file=\/elsewhere\/x\.yaml,/);
  });
});
