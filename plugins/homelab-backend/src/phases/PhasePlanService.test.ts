import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PhasePlanService } from './PhasePlanService';

const PLAN = '# Phase 9: Backups\n\n> **Status:** Planned\n';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service' },
});

describe('PhasePlanService: what it reads', () => {
  const dir = createMockDirectory();
  const repo = () => join(dir.path, 'repo');
  const rootLocation = () => `file:${join(repo(), 'catalog-info.yaml')}`;
  /** An entity the catalog read from the repository's configured location. */
  const fromRepository = (name: string, annotations: Record<string, string>) =>
    component(name, {
      'backstage.io/managed-by-location': `file:${join(
        repo(),
        'manifests/app/catalog-info.yaml',
      )}`,
      'backstage.io/managed-by-origin-location': rootLocation(),
      ...annotations,
    });

  function service(
    entities: Entity[] | CatalogService,
    options: {
      maxBytes?: number;
      readTimeoutMs?: number;
      urlReader?: ReturnType<typeof mockServices.urlReader.mock>;
    } = {},
  ) {
    return new PhasePlanService({
      repositoryRoot: repo(),
      folders: ['docs/phases'],
      catalogFileLocations: [rootLocation()],
      limits: {
        maxBytes: options.maxBytes ?? 1024 * 1024,
        readTimeoutMs: options.readTimeoutMs ?? 5000,
      },
      urlReader: options.urlReader ?? mockServices.urlReader.mock(),
      catalog: Array.isArray(entities)
        ? catalogServiceMock({ entities })
        : entities,
      logger: mockServices.logger.mock(),
      resolveUrl: ({ url, base }) => new URL(url, base).toString(),
    });
  }
  const user = mockCredentials.user();

  /** Nothing of the target and no host path (annotation values may be quoted). */
  function expectNothingLeaked(body: unknown) {
    const text = JSON.stringify(body);
    expect(text).not.toContain('root:');
    expect(text).not.toContain(dir.path);
  }

  beforeEach(() => {
    dir.setContent({
      repo: {
        'catalog-info.yaml': '',
        docs: { phases: { 'backups.md': PLAN } },
        notes: { 'plan.md': PLAN.replace('Backups', 'Notes') },
      },
    });
  });

  it('refuses an entity whose source-location is file:/ pointing its plan at /etc/passwd', async () => {
    const list = await service([
      fromRepository('evil', {
        'backstage.io/source-location': 'file:/',
        'homelab.dev/phase-plan': 'etc/passwd',
      }),
      fromRepository('evil-absolute', {
        'backstage.io/source-location': 'file:/',
        'homelab.dev/phase-plan': '/etc/passwd',
      }),
      fromRepository('evil-dotdot', {
        'homelab.dev/phase-plan': '../../../../../../../../etc/passwd',
      }),
    ]).list(user);
    expect(list.plans.map(p => p.file)).toEqual(['docs/phases/backups.md']);
    expect(list.problems).toEqual([
      {
        source: 'component:default/evil',
        message: 'homelab.dev/phase-plan "etc/passwd" does not exist',
      },
      {
        source: 'component:default/evil-absolute',
        message: 'homelab.dev/phase-plan "/etc/passwd" does not exist',
      },
      {
        source: 'component:default/evil-dotdot',
        message: expect.stringMatching(
          /^homelab.dev\/phase-plan "\.\.\/.*etc\/passwd" points outside the repository the entity came from/,
        ),
      },
    ]);
    expectNothingLeaked(list);
  });

  it('refuses links in the phase folder that lead out of it, and does not follow a link to /etc', async () => {
    await fs.symlink('/etc/passwd', join(repo(), 'docs/phases/passwd.md'));
    await fs.symlink('/etc', join(repo(), 'docs/phases/etc'));
    await fs.symlink('/dev/zero', join(repo(), 'docs/phases/zero.md'));
    const list = await service([]).list(user);
    expect(list.plans.map(p => p.file)).toEqual(['docs/phases/backups.md']);
    const outside = expect.stringContaining(
      'resolves outside the folders phase plans are read from',
    );
    expect(list.problems).toEqual([
      {
        source: 'docs/phases/etc',
        message:
          '"docs/phases/etc" is a link that leads outside homelab.phases.folders; it is not followed',
      },
      { source: 'docs/phases/passwd.md', message: outside },
      { source: 'docs/phases/zero.md', message: outside },
    ]);
    expectNothingLeaked(list);
  });

  it('refuses a FIFO named like a plan without waiting for a writer', async () => {
    execFileSync('mkfifo', [join(repo(), 'docs/phases/fifo.md')]);
    const list = await service([]).list(user);
    expect(list.problems).toEqual([
      {
        source: 'docs/phases/fifo.md',
        message:
          '"docs/phases/fifo.md" is not a regular file (a folder, device, FIFO or socket); point at a markdown file',
      },
    ]);
  });

  it('refuses a 50 MB plan by its size, without reading it', async () => {
    const big = join(repo(), 'docs/phases/huge.md');
    await fs.writeFile(big, PLAN);
    await fs.truncate(big, 50 * 1024 * 1024); // sparse: nothing to read but zeros
    const list = await service([]).list(user);
    expect(list.problems).toEqual([
      {
        source: 'docs/phases/huge.md',
        message:
          '"docs/phases/huge.md" is larger than homelab.phases.maxBytes (1 MiB); split the plan or raise the limit',
      },
    ]);
  });

  it('reads plans elsewhere in the repository only for entities the catalog loaded from its configured locations', async () => {
    const trusted = fromRepository('notes', {
      'homelab.dev/phase-plan': 'notes/plan.md',
    });
    const registered = component('registered', {
      'backstage.io/managed-by-location': `file:${join(
        repo(),
        'manifests/app/catalog-info.yaml',
      )}`,
      // Registered through the API, not one of catalog.locations.
      'backstage.io/managed-by-origin-location': `file:${join(
        repo(),
        'manifests/app/catalog-info.yaml',
      )}`,
      'homelab.dev/phase-plan': 'notes/plan.md',
    });
    const list = await service([trusted, registered]).list(user);
    const notes = list.plans.find(p => p.file === 'notes/plan.md');
    expect(notes?.entityRefs).toEqual(['component:default/notes']);
    expect(list.problems).toEqual([
      {
        source: 'component:default/registered',
        message: expect.stringContaining(
          'homelab.dev/phase-plan "notes/plan.md" resolves outside the folders phase plans are read from',
        ),
      },
    ]);
  });

  it('reads no file of the repository that is not markdown, even for an entity the catalog loaded from it', async () => {
    await fs.writeFile(
      join(repo(), 'app-config.local.yaml'),
      '# Rollback\nsecret: x\n',
    );
    await fs.symlink(
      '../app-config.local.yaml',
      join(repo(), 'notes/config.md'),
    );
    const list = await service([
      fromRepository('config', {
        'homelab.dev/phase-plan': 'app-config.local.yaml',
      }),
      fromRepository('config-link', {
        'homelab.dev/phase-plan': 'notes/config.md',
      }),
    ]).list(user);
    const notMarkdown = expect.stringContaining(
      'is not a markdown file (.md or .markdown once links are resolved)',
    );
    expect(list.problems).toEqual([
      { source: 'component:default/config', message: notMarkdown },
      { source: 'component:default/config-link', message: notMarkdown },
    ]);
    expect(JSON.stringify(list)).not.toContain('secret');
  });

  it('shows a user no plan of an entity the catalog hides from them, and every folder plan', async () => {
    const secret = fromRepository('secret', {
      'homelab.dev/phase-plan': 'notes/plan.md',
    });
    const catalog = {
      getEntities: jest.fn(async (_request: unknown, options: any) => ({
        items:
          options.credentials.principal.userEntityRef === 'user:default/admin'
            ? [secret]
            : [],
      })),
    } as unknown as CatalogService;
    const plans = service(catalog);
    const admin = await plans.list(mockCredentials.user('user:default/admin'));
    expect(admin.plans.map(p => p.file).sort()).toEqual([
      'docs/phases/backups.md',
      'notes/plan.md',
    ]);
    const other = await plans.list(mockCredentials.user('user:default/guest'));
    expect(other.plans.map(p => p.file)).toEqual(['docs/phases/backups.md']);
    const notesId = admin.plans.find(p => p.file === 'notes/plan.md')!.id;
    await expect(
      plans.get(notesId, mockCredentials.user('user:default/guest')),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('reads the plans of several entities at the same time, so slow ones cost one timeout together', async () => {
    const urlReader = mockServices.urlReader.mock();
    // Each answer waits until all three were asked for: read one by one, all three time out.
    let release!: () => void;
    const allAsked = new Promise<void>(resolve => {
      release = resolve;
    });
    urlReader.readUrl.mockImplementation(async (url: string) => {
      if (urlReader.readUrl.mock.calls.length === 3) release();
      await allAsked;
      return {
        buffer: async () => Buffer.alloc(0),
        stream: () => Readable.from([PLAN.replace('Backups', url.slice(-4))]),
      };
    });
    const names = ['a', 'b', 'c'];
    const list = await service(
      names.map(n =>
        component(n, {
          'homelab.dev/phase-plan': `https://git.example.net/${n}.md`,
        }),
      ),
      { urlReader, readTimeoutMs: 2000 },
    ).list(user);
    expect(list.problems).toEqual([]);
    expect(list.plans.flatMap(p => p.entityRefs)).toEqual(
      names.map(n => `component:default/${n}`),
    );
  });

  it('gives up on a plan URL that does not answer or trickles past the read timeout, and caps its size', async () => {
    let trickle: Readable | undefined;
    const urlReader = mockServices.urlReader.mock();
    urlReader.readUrl.mockImplementation(async (url: string) => {
      if (url.endsWith('hang.md')) return new Promise<never>(() => undefined);
      if (url.endsWith('trickle.md')) {
        trickle = new Readable({ read() {} });
        const t = setInterval(() => trickle?.push('x'), 20);
        trickle.on('close', () => clearInterval(t));
        return { buffer: async () => Buffer.alloc(0), stream: () => trickle! };
      }
      return {
        buffer: async () => Buffer.alloc(0),
        stream: () =>
          new Readable({
            read() {
              this.push(Buffer.alloc(64 * 1024, 'a'));
            },
          }),
      };
    });
    const list = await service(
      [
        component('hang', {
          'homelab.dev/phase-plan': 'https://git.example.net/hang.md',
        }),
        component('endless', {
          'homelab.dev/phase-plan': 'https://git.example.net/endless.md',
        }),
        component('trickle', {
          'homelab.dev/phase-plan': 'https://git.example.net/trickle.md',
        }),
      ],
      { urlReader, readTimeoutMs: 200 },
    ).list(user);
    expect(list.problems).toEqual([
      {
        source: 'component:default/hang',
        message:
          'https://git.example.net/hang.md was not read within homelab.phases.readTimeout (0.2 s)',
      },
      {
        source: 'component:default/endless',
        message:
          'https://git.example.net/endless.md is larger than homelab.phases.maxBytes (1 MiB); split the plan or raise the limit',
      },
      {
        source: 'component:default/trickle',
        message:
          'https://git.example.net/trickle.md was not read within homelab.phases.readTimeout (0.2 s)',
      },
    ]);
    expect(trickle?.destroyed).toBe(true);
    expect(urlReader.readUrl).toHaveBeenCalledWith(
      'https://git.example.net/hang.md',
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
  });
});
