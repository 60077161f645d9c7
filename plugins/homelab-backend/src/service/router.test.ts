import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  createMockDirectory,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createHomelabBackendPlugin } from '../plugin';

const OLLAMA_PLAN = `# Phase 4.23: Ollama

> **Status:** In Progress

### 4.23.1 Deploy

- [x] 4.23.1.1 Apply the manifests
- [ ] 4.23.1.2 Pull the models
`;
const KARAKEEP_PLAN = `# Phase 4.24: Karakeep

> **Status:** Planned
> **Prerequisite:** Phase 4.23 complete

### 4.24.1 Research

- [ ] 4.24.1.1 Pin the image
`;

const unreachable = () => Promise.reject(new Error('connect ECONNREFUSED'));

describe('homelab routes', () => {
  const dir = createMockDirectory();

  async function start() {
    const { server } = await startTestBackend({
      features: [
        createHomelabBackendPlugin({
          createSources: () => ({
            ollamaName: 'test',
            namespace: 'ai',
            labelSelector: 'app.kubernetes.io/name=ollama',
            ollama: {
              version: unreachable,
              tags: unreachable,
              ps: unreachable,
              generate: unreachable,
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            homelab: {
              repositoryRoot: dir.path,
              phases: { folders: ['plans'] },
            },
          },
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'karakeep',
                namespace: 'default',
                annotations: {
                  'homelab.dev/phase-plan': 'plans/karakeep.md',
                  'backstage.io/managed-by-location': `file:${join(
                    dir.path,
                    'catalog-info.yaml',
                  )}`,
                },
              },
              spec: { type: 'service' },
            },
          ],
        }),
      ],
    });
    return server;
  }

  beforeEach(() => {
    dir.setContent({
      plans: {
        'ollama.md': OLLAMA_PLAN,
        'karakeep.md': KARAKEEP_PLAN,
        'index.md': '# Plans',
      },
    });
  });

  it('refuses requests without credentials and accepts user and service credentials', async () => {
    const server = await start();
    const get = (path: string, header: string) =>
      request(server).get(`/api/homelab${path}`).set('Authorization', header);
    for (const path of ['/phases', '/ollama/status', '/ollama/history']) {
      expect((await get(path, mockCredentials.none.header())).status).toBe(401);
      expect((await get(path, mockCredentials.user.header())).status).toBe(200);
      expect((await get(path, mockCredentials.service.header())).status).toBe(
        200,
      );
    }
  });

  it('lists the plans of the folder with prerequisite status and the entities pointing at them', async () => {
    const server = await start();
    const res = await request(server).get('/api/homelab/phases').expect(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.plans).toHaveLength(2);
    const karakeep = res.body.plans.find((p: any) => p.phaseId === '4.24');
    expect(karakeep).toMatchObject({
      id: 'plans~karakeep',
      file: 'plans/karakeep.md',
      status: 'planned',
      entityRefs: ['component:default/karakeep'],
      prerequisites: [
        {
          text: '4.23',
          status: 'in-progress',
          satisfied: false,
          planId: 'plans~ollama',
        },
      ],
      phases: [{ phaseId: '4.24.1', status: 'planned' }],
    });

    const one = await request(server)
      .get('/api/homelab/phases/plans~ollama')
      .expect(200);
    expect(one.body.plan.sections.map((s: any) => s.title)).toContain(
      '4.23.1 Deploy',
    );
    await request(server).get('/api/homelab/phases/nope').expect(404);
  });

  it('parses a plan again only when its modification time changes', async () => {
    const server = await start();
    const file = join(dir.path, 'plans', 'ollama.md');
    const mtime = new Date('2026-01-01T10:00:00Z');
    await fs.utimes(file, mtime, mtime);
    const title = async () =>
      (
        await request(server)
          .get('/api/homelab/phases/plans~ollama')
          .expect(200)
      ).body.title;
    expect(await title()).toBe('Phase 4.23: Ollama');

    // Same length and same mtime: the cached parse is served.
    await fs.writeFile(file, OLLAMA_PLAN.replace('Ollama', 'Xllama'));
    await fs.utimes(file, mtime, mtime);
    expect(await title()).toBe('Phase 4.23: Ollama');

    const later = new Date(mtime.getTime() + 5000);
    await fs.utimes(file, later, later);
    expect(await title()).toBe('Phase 4.23: Xllama');
  });

  it('rejects a history window outside 5m..7d with a message naming the field', async () => {
    const server = await start();
    const bad = await request(server)
      .get('/api/homelab/ollama/history?window=8d')
      .expect(400);
    expect(bad.body.error.message).toMatch(/window must be between 5m and 7d/);
    const junk = await request(server)
      .get('/api/homelab/ollama/history?window=soon')
      .expect(400);
    expect(junk.body.error.message).toMatch(/window/);
    const ok = await request(server)
      .get('/api/homelab/ollama/history?window=1h')
      .expect(200);
    expect(ok.body).toMatchObject({ window: '1h', points: [] });
  });

  describe('POST /compose/draft', () => {
    const COMPOSE = [
      'services:',
      '  web:',
      '    image: ghcr.io/example/notes:2.4.1',
      '    ports: ["3000:3000"]',
      '    environment:',
      '      DB_PASSWORD: Sup3rS3cret-Value',
      '      TZ: Europe/Berlin',
      '    container_name: notes',
      '    depends_on: [db]',
      '  db:',
      '    image: postgres:16.4',
    ].join('\n');
    const post = async (
      server: any,
      body: unknown,
      header = mockCredentials.user.header(),
    ) =>
      request(server)
        .post('/api/homelab/compose/draft')
        .set('Authorization', header)
        .send(body as object);

    it('lists the services and drafts the chosen one without its secret values', async () => {
      const server = await start();
      const listed = await post(server, { composeYaml: COMPOSE });
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({
        services: [
          { name: 'web', image: 'ghcr.io/example/notes:2.4.1' },
          { name: 'db', image: 'postgres:16.4' },
        ],
      });

      const drafted = await post(server, {
        composeYaml: COMPOSE,
        service: 'web',
      });
      expect(drafted.status).toBe(200);
      expect(drafted.body.draft).toMatchObject({
        service: 'web',
        secretKeys: ['DB_PASSWORD'],
        unmapped: [expect.objectContaining({ key: 'container_name' })],
      });
      expect(drafted.body.draft.yaml).toContain(
        'image: ghcr.io/example/notes:2.4.1',
      );
      expect(JSON.stringify(drafted.body)).not.toContain('Sup3rS3cret');
    });

    it('refuses a file that is not a compose file, naming the field', async () => {
      const server = await start();
      const notYaml = await post(server, { composeYaml: 'services: [\n  web' });
      expect(notYaml.status).toBe(400);
      expect(notYaml.body.error.message).toMatch(
        /^composeYaml: compose file is not valid YAML \(line \d+/,
      );
      const noServices = await post(server, { composeYaml: 'version: "3"\n' });
      expect(noServices.status).toBe(400);
      expect(noServices.body.error.message).toMatch(
        /composeYaml: .*no top-level "services"/,
      );
      const empty = await post(server, {});
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(
        /composeYaml: paste the docker-compose.yml/,
      );
      const badName = await post(server, {
        composeYaml: COMPOSE,
        service: '../web',
      });
      expect(badName.status).toBe(400);
      expect(badName.body.error.message).toMatch(
        /service: must be a compose service name/,
      );
    });

    it('needs credentials', async () => {
      const server = await start();
      const res = await post(
        server,
        { composeYaml: COMPOSE },
        mockCredentials.none.header(),
      );
      expect(res.status).toBe(401);
    });
  });

  it('reports no data before the sampler has run', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/homelab/ollama/status')
      .expect(200);
    expect(res.body).toMatchObject({ hasData: false, reachable: false });
  });
});
