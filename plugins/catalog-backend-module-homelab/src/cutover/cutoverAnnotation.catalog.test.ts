import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { ANNOTATION_CUTOVER } from '@internal/plugin-homelab-common';
import request from 'supertest';
import { catalogModuleHomelab } from '../module';
import { REPO_ROOT } from '../__testUtils__';

/**
 * The real catalog with the repository's own files: Karakeep's plan
 * (docs/phases/phase-4.24-karakeep.md) has a cutover section, Ollama's
 * (phase-4.23-ollama.md) has none.
 */
describe('the cutover annotation in the real catalog', () => {
  it('is on the entity whose phase plan has a cutover section only', async () => {
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleHomelab,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'Resource'] }],
              locations: ['karakeep', 'ai'].map(dir => ({
                type: 'file',
                target: path.join(
                  REPO_ROOT,
                  'manifests',
                  dir,
                  'catalog-info.yaml',
                ),
              })),
            },
          },
        }),
      ],
    });
    const component = async (name: string): Promise<Entity | undefined> => {
      const res = await request(backend.server)
        .get(`/api/catalog/entities/by-name/component/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
      return res.status === 200 ? res.body : undefined;
    };
    let karakeep: Entity | undefined;
    let ollama: Entity | undefined;
    for (let attempt = 0; attempt < 200 && !(karakeep && ollama); attempt++) {
      [karakeep, ollama] = await Promise.all([
        component('karakeep'),
        component('ollama'),
      ]);
      await new Promise(r => setTimeout(r, 100));
    }
    expect(karakeep?.metadata.annotations?.[ANNOTATION_CUTOVER]).toBe('true');
    expect(ollama?.metadata.annotations).toBeDefined();
    expect(ollama?.metadata.annotations?.[ANNOTATION_CUTOVER]).toBeUndefined();
    await backend.stop();
  }, 60_000);
});
