import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  ANNOTATION_CUTOVER,
  ANNOTATION_PHASE_PLAN,
  ANNOTATION_PROPOSED_BRANCH,
} from '@internal/plugin-homelab-common';
import { CutoverAnnotationProcessor } from './CutoverAnnotationProcessor';

const WITH_CUTOVER = `# Phase 1: App

## Tasks

### 1.1 Deploy

- [x] Apply the manifests

### 1.2 Cutover

- [ ] Point DNS at the cluster <!-- check: service namespace=app name=app -->
`;
const WITHOUT_CUTOVER = `# Phase 2: Other

## Tasks

- [ ] Write the manifests
`;

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'app', annotations },
    spec: { type: 'service', owner: 'me', lifecycle: 'production' },
  };
}

function urlReader(pages: Record<string, string>): UrlReaderService {
  return {
    readUrl: async (url: string) => {
      if (!(url in pages)) throw new Error(`NotFoundError: ${url}`);
      return {
        buffer: async () => Buffer.from(pages[url]),
        stream: () => Readable.from([Buffer.from(pages[url])]),
      };
    },
    readTree: async () => {
      throw new Error('not used');
    },
    search: async () => {
      throw new Error('not used');
    },
  };
}

describe('CutoverAnnotationProcessor', () => {
  let repo: string;
  let outside: string;
  let processor: CutoverAnnotationProcessor;
  const location = () => ({
    type: 'file',
    target: join(repo, 'manifests/app/catalog-info.yaml'),
  });
  const annotationOf = async (
    annotations: Record<string, string>,
    where = location(),
  ) =>
    (await processor.preProcessEntity(component(annotations), where)).metadata
      .annotations?.[ANNOTATION_CUTOVER];

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'cutover-annotation-'));
    outside = mkdtempSync(join(tmpdir(), 'cutover-outside-'));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'docs/phases'), { recursive: true });
    mkdirSync(join(repo, 'manifests/app'), { recursive: true });
    writeFileSync(join(repo, 'docs/phases/with.md'), WITH_CUTOVER);
    writeFileSync(join(repo, 'docs/phases/without.md'), WITHOUT_CUTOVER);
    writeFileSync(join(outside, 'plan.md'), WITH_CUTOVER);
    // The default integrations (github.com) resolve a path against a URL location;
    // ScmIntegrations.resolveUrl answers a repository-root path with a tree/ URL.
    processor = CutoverAnnotationProcessor.fromConfig(
      new ConfigReader({
        homelab: { repositoryRoot: repo, phases: { maxBytes: 4096 } },
      }),
      {
        reader: urlReader({
          'https://git.test/with.md': WITH_CUTOVER,
          'https://git.test/huge.md': WITH_CUTOVER.repeat(200),
          'https://github.com/me/app/tree/main/docs/phases/with.md':
            WITH_CUTOVER,
        }),
        logger: mockServices.logger.mock(),
      },
    );
  });
  afterEach(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('marks an entity whose plan, relative to its checkout, has a cutover section', async () => {
    expect(
      await annotationOf({ [ANNOTATION_PHASE_PLAN]: 'docs/phases/with.md' }),
    ).toBe('true');
    expect(
      await annotationOf({ [ANNOTATION_PHASE_PLAN]: '/docs/phases/with.md' }),
    ).toBe('true');
  });

  it('does not mark one whose plan has no cutover section, and drops a value the entity set itself', async () => {
    expect(
      await annotationOf({ [ANNOTATION_PHASE_PLAN]: 'docs/phases/without.md' }),
    ).toBeUndefined();
    expect(
      await annotationOf({
        [ANNOTATION_PHASE_PLAN]: 'docs/phases/without.md',
        [ANNOTATION_CUTOVER]: 'true',
      }),
    ).toBeUndefined();
    expect(
      await annotationOf({ [ANNOTATION_CUTOVER]: 'true' }),
    ).toBeUndefined();
  });

  it('leaves an entity without a phase plan as it is', async () => {
    const entity = component({ 'backstage.io/techdocs-ref': 'dir:.' });
    expect(await processor.preProcessEntity(entity, location())).toBe(entity);
  });

  it('reads no plan outside the checkout, through a link, or that is no markdown file', async () => {
    symlinkSync(join(outside, 'plan.md'), join(repo, 'docs/phases/link.md'));
    writeFileSync(join(repo, 'docs/phases/plan.txt'), WITH_CUTOVER);
    for (const plan of [
      '../escape/plan.md',
      join(outside, 'plan.md'),
      'docs/phases/link.md',
      'docs/phases/plan.txt',
      'docs/phases/missing.md',
      'docs/phases',
    ]) {
      expect(
        await annotationOf({ [ANNOTATION_PHASE_PLAN]: plan }),
      ).toBeUndefined();
    }
  });

  it('reads a URL plan through the UrlReader, up to homelab.phases.maxBytes', async () => {
    expect(
      await annotationOf({
        [ANNOTATION_PHASE_PLAN]: 'https://git.test/with.md',
      }),
    ).toBe('true');
    expect(
      await annotationOf({
        [ANNOTATION_PHASE_PLAN]: 'https://git.test/huge.md',
      }),
    ).toBeUndefined();
    expect(
      await annotationOf({
        [ANNOTATION_PHASE_PLAN]: 'https://git.test/gone.md',
      }),
    ).toBeUndefined();
  });

  it('does not mark an entity only proposed on a scaffold branch', async () => {
    expect(
      await annotationOf({
        [ANNOTATION_PHASE_PLAN]: 'docs/phases/with.md',
        [ANNOTATION_PROPOSED_BRANCH]: 'scaffold/app',
      }),
    ).toBeUndefined();
  });

  it('resolves a path of an entity read from a URL against that repository, as homelab-backend does', async () => {
    const fromGithub = {
      type: 'url',
      target:
        'https://github.com/me/app/blob/main/manifests/app/catalog-info.yaml',
    };
    expect(
      await annotationOf(
        { [ANNOTATION_PHASE_PLAN]: 'docs/phases/with.md' },
        fromGithub,
      ),
    ).toBe('true');
    expect(
      await annotationOf(
        { [ANNOTATION_PHASE_PLAN]: 'docs/phases/missing.md' },
        fromGithub,
      ),
    ).toBeUndefined();
  });
});
