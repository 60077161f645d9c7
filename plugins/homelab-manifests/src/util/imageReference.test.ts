import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import {
  IMAGE_REFERENCE_PATTERN,
  PINNED_IMAGE_REFERENCE_PATTERN,
  parseImageReference,
} from './imageReference';
import { imageProblem } from './values';

const hex = (n: number) => 'f'.repeat(n);
const sha256 = `sha256:${hex(64)}`;

// Cases from distribution/reference's own tests (reference_test.go, normalize_test.go),
// read through ParseNormalizedNamed as the kubelet does: [input, domain, path, tag, digest].
const valid: Array<[string, string, string, string?, string?]> = [
  ['test_com', 'docker.io', 'library/test_com'],
  ['test.com:tag', 'docker.io', 'library/test.com', 'tag'],
  ['test.com:5000', 'docker.io', 'library/test.com', '5000'],
  ['test.com/repo:tag', 'test.com', 'repo', 'tag'],
  ['test:5000/repo', 'test:5000', 'repo'],
  [`test:5000/repo:tag@${sha256}`, 'test:5000', 'repo', 'tag', sha256],
  ['lowercase:Uppercase', 'docker.io', 'library/lowercase', 'Uppercase'],
  [
    'sub-dom1.foo.com/bar/baz/quux:some-long-tag',
    'sub-dom1.foo.com',
    'bar/baz/quux',
    'some-long-tag',
  ],
  [
    'b.gcr.io/test.example.com/my-app:test.example.com',
    'b.gcr.io',
    'test.example.com/my-app',
    'test.example.com',
  ],
  ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com', 'myimage', 'xn--n3h.com'],
  [
    `xn--7o8h.com/myimage:xn--7o8h.com@sha512:${hex(128)}`,
    'xn--7o8h.com',
    'myimage',
    'xn--7o8h.com',
    `sha512:${hex(128)}`,
  ],
  ['foo_bar.com:8080', 'docker.io', 'library/foo_bar.com', '8080'],
  ['foo/foo_bar.com:8080', 'docker.io', 'foo/foo_bar.com', '8080'],
  ['192.168.1.1:5000/repo:5050', '192.168.1.1:5000', 'repo', '5050'],
  ['[2001:db8::1]/repo', '[2001:db8::1]', 'repo'],
  ['[2001:db8:1:2:3:4:5:6]/repo:tag', '[2001:db8:1:2:3:4:5:6]', 'repo', 'tag'],
  [
    `[2001:db8::1]:5000/repo:tag@${sha256}`,
    '[2001:db8::1]:5000',
    'repo',
    'tag',
    sha256,
  ],
  ['[::1]:5000/repo', '[::1]:5000', 'repo'],
  ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
  ['docker.io/foo', 'docker.io', 'library/foo'],
  ['index.docker.io/library/debian', 'docker.io', 'library/debian'],
  ['localhost/app:1', 'localhost', 'app', '1'],
  ['Foo/bar', 'Foo', 'bar'],
  ['DOCKER/docker', 'DOCKER', 'docker'],
  ['docker---rules/docker', 'docker.io', 'docker---rules/docker'],
  ['dock__er/docker', 'docker.io', 'dock__er/docker'],
  [
    'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
    'docker.io',
    'library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
  ],
  [`example.com/${'a'.repeat(255)}:tag`, 'example.com', 'a'.repeat(255), 'tag'],
  [
    `busybox:latest@sha256:${'8'.repeat(64)}`,
    'docker.io',
    'library/busybox',
    'latest',
    `sha256:${'8'.repeat(64)}`,
  ],
];

const invalid = [
  '',
  ':justtag',
  `@${sha256}`,
  `repo@sha256:${hex(34)}`,
  `validname@invaliddigest:${hex(64)}`,
  'Uppercase:tag',
  'test:5000/Uppercase/lowercase:tag',
  `domain/${'a'.repeat(256)}:tag`,
  'aa/asdf$$^/aa',
  '[2001:db8::1]',
  '[2001:db8::1]:5000',
  '[2001:db8::1]:tag',
  '[fe80::1%eth0]:5000/repo',
  '[fe80::1%@invalidzone]:5000/repo',
  'https://github.com/docker/docker',
  'docker/Docker',
  '-docker',
  '-docker.io/docker/docker',
  'docker///docker',
  'fc00::1:5000/debian',
  '[2001:db8:3:4::192.0.2.33]:5000/debian',
  '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
  'docker-/docker',
  '____/____',
  '_docker/_docker',
  'dock..er/docker',
  'dock_.er/docker',
  'dock-.er/docker',
  'docker/',
  `redis@sha256:${'A'.repeat(64)}`,
  'redis:-dash',
  `redis:${'t'.repeat(129)}`,
];

describe('image references', () => {
  it('accept the quay.io MinIO release tag with upper-case letters', () => {
    const parsed = parseImageReference(
      'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z',
    );
    expect(parsed).toEqual({
      ok: true,
      reference: {
        repository: 'quay.io/minio/minio',
        domain: 'quay.io',
        path: 'minio/minio',
        tag: 'RELEASE.2025-04-22T22-12-26Z',
      },
    });
    expect(
      imageProblem('quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z'),
    ).toBeUndefined();
  });

  it('refuse upper case in the repository path and say it is the path', () => {
    expect(imageProblem('quay.io/MinIO/minio:1.0')).toBe(
      '"quay.io/MinIO/minio:1.0" has upper-case letters in its repository path "MinIO/minio"; repository paths are lower case (only the tag may use upper case), e.g. "minio/minio"',
    );
  });

  it.each(
    valid.map(([input, domain, repoPath, tag, digest]) => ({
      input,
      domain,
      repoPath,
      tag,
      digest,
    })),
  )(
    'read $input as distribution/reference does',
    ({ input, domain, repoPath, tag, digest }) => {
      const parsed = parseImageReference(input);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.reference.domain).toBe(domain);
      expect(parsed.reference.path).toBe(repoPath);
      expect(parsed.reference.tag).toBe(tag);
      expect(parsed.reference.digest).toBe(digest);
    },
  );

  it.each(invalid)('refuse %s as distribution/reference does', input => {
    expect(parseImageReference(input).ok).toBe(false);
  });

  it('name the part that is wrong', () => {
    const problem = (image: string) => {
      const parsed = parseImageReference(image);
      return parsed.ok ? undefined : parsed.problem;
    };
    expect(problem('-docker.io/x:1')).toMatch(/registry host "-docker\.io"/);
    expect(problem('docker///docker:1')).toMatch(/empty path component/);
    expect(problem('library/dock..er:1')).toMatch(
      /path component "dock\.\.er"/,
    );
    expect(problem('dock..er/docker:1')).toMatch(/registry host "dock\.\.er"/);
    expect(problem('redis:-dash')).toMatch(/invalid tag "-dash"/);
    expect(problem(`redis@sha256:${hex(34)}`)).toMatch(/64 hex digits, not 34/);
    expect(problem(`redis@md5:${hex(32)}`)).toMatch(/"md5" is not supported/);
    expect(problem(`redis@sha256:${'A'.repeat(64)}`)).toMatch(/lower case/);
    expect(problem(`domain/${'a'.repeat(256)}:1`)).toMatch(
      /263 characters; the limit is 255/,
    );
  });

  it('keep refusing floating tags as before', () => {
    expect(imageProblem('redis')).toMatch(/no tag/);
    expect(imageProblem('localhost:5000/app')).toMatch(/no tag/);
    expect(imageProblem('redis:latest')).toMatch(/"latest"/);
    expect(imageProblem(`redis:latest@${sha256}`)).toBeUndefined();
  });

  it('answer quickly on long near-miss names (no catastrophic backtracking)', () => {
    // @swimlane/docker-reference takes seconds on 17 such characters.
    const near = ['a'.repeat(5000), 'a-'.repeat(5000), 'a.'.repeat(5000)].map(
      s => `${s}!`,
    );
    for (const image of near) {
      expect(parseImageReference(image).ok).toBe(false);
      expect(new RegExp(IMAGE_REFERENCE_PATTERN, 'u').test(image)).toBe(false);
    }
  });
});

describe("the templates' image pattern", () => {
  const templates = ['homelab-service', 'compose-migration'].map(name =>
    path.resolve(__dirname, '../../../../templates', name, 'template.yaml'),
  );
  const imageField = (file: string) => {
    const doc = parse(fs.readFileSync(file, 'utf8'));
    for (const page of doc.spec.parameters) {
      if (page.properties?.image) return page.properties.image;
    }
    throw new Error(`${file} has no image parameter`);
  };

  it.each(templates)('%s uses the pattern generated from the grammar', file => {
    expect(imageField(file).pattern).toBe(PINNED_IMAGE_REFERENCE_PATTERN);
  });

  // The form validates with ajv, which compiles patterns with the u flag.
  const pinned = new RegExp(PINNED_IMAGE_REFERENCE_PATTERN, 'u');
  const any = new RegExp(IMAGE_REFERENCE_PATTERN, 'u');
  const accepts = (image: string) => imageProblem(image) === undefined;
  const parses = (image: string) => parseImageReference(image).ok;
  const underLimit = ([input]: [string, ...unknown[]]) => input.length < 200;

  it('agrees with the parser on distribution/reference cases', () => {
    const corpus = [
      ...valid.filter(underLimit).map(([input]) => input),
      ...invalid.filter(s => !s.includes('a'.repeat(256))),
      'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z',
      'redis',
      'redis:latest',
      'a_b.c/foo:1',
    ];
    for (const image of corpus) {
      expect([image, pinned.test(image)]).toEqual([image, accepts(image)]);
      expect([image, any.test(image)]).toEqual([image, parses(image)]);
    }
  });

  it('agrees with the parser on generated references', () => {
    const piece = fc.constantFrom(
      'a',
      'z9',
      'A',
      'B1',
      '.',
      '_',
      '__',
      '-',
      '--',
      '/',
      '//',
      ':',
      '5000',
      '@',
      'sha256:',
      hex(64),
      'sha512:',
      hex(128),
      'latest',
      '[',
      ']',
      '::1',
      'io',
      'x.y',
      'localhost',
      'docker.io',
      'index.docker.io',
      'library',
      '%',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), pieces => {
        const image = pieces.join('');
        fc.pre(image.length <= 240);
        expect([image, pinned.test(image)]).toEqual([image, accepts(image)]);
        expect([image, any.test(image)]).toEqual([image, parses(image)]);
      }),
      { numRuns: 5000, seed: 18 },
    );
  });

  it('leaves the 255-character path limit to the parser', () => {
    const long = `example.com/${'a'.repeat(256)}:1`;
    expect(pinned.test(long)).toBe(true);
    expect(imageProblem(long)).toMatch(/limit is 255/);
  });
});
