import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { entityFacts } from './entityFacts';

const component = (
  name: string,
  type: string,
  annotations: Record<string, string> = {},
  dependsOn: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type },
  relations: dependsOn.map(targetRef => ({ type: 'dependsOn', targetRef })),
});

const ENTITIES = [
  component(
    'karakeep',
    'service',
    {
      'backstage.io/kubernetes-namespace': 'karakeep',
      'homelab.dev/cutover-runbook':
        'bad entry, component:default/homelab-docs#runbooks/karakeep-cutover',
    },
    ['component:default/ollama'],
  ),
  component('miniflux', 'service', {
    'backstage.io/kubernetes-namespace': 'miniflux',
  }),
  component('ollama', 'model-server'),
];

describe('entityFacts', () => {
  const catalog = catalogServiceMock({ entities: ENTITIES });
  const user = mockCredentials.user();

  it('reads the namespaces, the first usable cutover runbook and that the entity uses Ollama', async () => {
    expect(
      await entityFacts(catalog, ['component:default/karakeep'], user),
    ).toEqual({
      namespaces: ['karakeep'],
      runbook: {
        entityRef: 'component:default/homelab-docs',
        path: 'runbooks/karakeep-cutover',
      },
      ollamaConsumer: true,
    });
  });

  it('an entity that depends on no Ollama entity is no consumer and has no runbook', async () => {
    expect(
      await entityFacts(catalog, ['component:default/miniflux'], user),
    ).toEqual({ namespaces: ['miniflux'], ollamaConsumer: false });
  });

  it('the Ollama component itself consumes Ollama; an entity the caller cannot see adds nothing', async () => {
    expect(
      await entityFacts(
        catalog,
        ['component:default/ollama', 'component:default/hidden'],
        user,
      ),
    ).toEqual({ namespaces: [], ollamaConsumer: true });
  });
});
