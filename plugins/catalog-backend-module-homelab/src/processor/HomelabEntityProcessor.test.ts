import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { declaredEntities } from '../__testUtils__';
import { HomelabEntityProcessor } from './HomelabEntityProcessor';

const location = {
  type: 'url',
  target: 'https://git.home.arpa/homelab/catalog-info.yaml',
};

async function process(entity: Entity) {
  const results: CatalogProcessorResult[] = [];
  await new HomelabEntityProcessor().postProcessEntity(entity, location, r =>
    results.push(r),
  );
  return {
    errors: results.flatMap(r => (r.type === 'error' ? [r.error.message] : [])),
    edges: results.flatMap(r =>
      r.type === 'relation'
        ? [
            `${stringifyEntityRef(r.relation.source)} ${
              r.relation.type
            } ${stringifyEntityRef(r.relation.target)}`,
          ]
        : [],
    ),
  };
}

const declared = declaredEntities();

function withSpec(name: string, change: (spec: any) => void): Entity {
  const entity = structuredClone(
    declared.find(e => e.metadata.name === name && e.kind === 'Resource')!,
  );
  change(entity.spec);
  return entity;
}

describe('HomelabEntityProcessor', () => {
  it('accepts every entity the repository declares and relates them', async () => {
    const errors: string[] = [];
    const edges: string[] = [];
    for (const entity of declared) {
      const result = await process(entity);
      errors.push(...result.errors);
      edges.push(...result.edges.filter(e => e.includes(' dependsOn ')));
    }
    expect(errors).toEqual([]);
    expect(edges.sort()).toEqual([
      'component:default/homelab-portal dependsOn resource:default/portal',
      'component:default/karakeep dependsOn resource:default/karakeep',
      'component:default/karakeep-chrome dependsOn resource:default/karakeep',
      'component:default/karakeep-meilisearch dependsOn resource:default/karakeep',
      'component:default/ollama dependsOn resource:default/ai',
      'component:default/ollama dependsOn resource:default/gemma3-1b',
      'component:default/ollama dependsOn resource:default/moondream',
      'component:default/ollama dependsOn resource:default/qwen3-1.7b',
      'resource:default/ai dependsOn resource:default/homelab',
      'resource:default/homelab dependsOn resource:default/node-1',
      'resource:default/homelab dependsOn resource:default/node-2',
      'resource:default/homelab dependsOn resource:default/node-3',
      'resource:default/karakeep dependsOn resource:default/homelab',
      'resource:default/portal dependsOn resource:default/homelab',
    ]);
  });

  it('emits the reverse dependencyOf with each edge', async () => {
    const { edges } = await process(withSpec('node-2', () => {}));
    expect(edges).toEqual([
      'resource:default/homelab dependsOn resource:default/node-2',
      'resource:default/node-2 dependencyOf resource:default/homelab',
    ]);
  });

  it('leaves out edges the entity already declares, which the built-in processor emits', async () => {
    const node = withSpec('node-1', spec => {
      spec.dependencyOf = ['resource:default/homelab'];
    });
    const component = structuredClone(
      declared.find(e => e.metadata.name === 'karakeep-chrome')!,
    );
    component.spec!.dependsOn = ['resource:karakeep'];
    expect((await process(node)).edges).toEqual([]);
    expect((await process(component)).edges).toEqual([]);
  });

  it.each([
    [
      'node-1',
      (spec: any) => {
        spec.cores = 'six';
      },
      'resource:default/node-1 (kubernetes-node): spec.cores is "six"; expected the number of physical cores as a whole number, e.g. 6',
    ],
    [
      'node-3',
      (spec: any) => {
        delete spec.threads;
      },
      'resource:default/node-3 (kubernetes-node): spec.threads is missing; expected the number of hardware threads as a whole number, e.g. 12',
    ],
    [
      'node-2',
      (spec: any) => {
        spec.memory = '16 GB';
      },
      'resource:default/node-2 (kubernetes-node): spec.memory is "16 GB"; expected a Kubernetes memory quantity, e.g. 16Gi',
    ],
    [
      'node-2',
      (spec: any) => {
        spec.cores = 16;
      },
      'resource:default/node-2 (kubernetes-node): spec.cores is 16; expected at most spec.threads (12)',
    ],
    [
      'ai',
      (spec: any) => {
        delete spec.podSecurity.warn;
      },
      'resource:default/ai (kubernetes-namespace): spec.podSecurity.warn is missing; expected one of privileged, baseline, restricted',
    ],
    [
      'karakeep',
      (spec: any) => {
        spec.cluster = 'group:default/homelab-admins';
      },
      'resource:default/karakeep (kubernetes-namespace): spec.cluster is "group:default/homelab-admins"; expected the name or ref of the kubernetes-cluster Resource, e.g. homelab or resource:default/homelab',
    ],
    [
      'moondream',
      (spec: any) => {
        spec.capabilities = ['vision', 'audio'];
      },
      'resource:default/moondream (ai-model): spec.capabilities[1] is "audio"; expected one of text, vision',
    ],
    [
      'qwen3-1.7b',
      (spec: any) => {
        spec.parameterSize = '1.7 billion';
      },
      'resource:default/qwen3-1.7b (ai-model): spec.parameterSize is "1.7 billion"; expected a parameter count such as 1.7B or 999M',
    ],
    [
      'gemma3-1b',
      (spec: any) => {
        delete spec.servedBy;
      },
      'resource:default/gemma3-1b (ai-model): spec.servedBy is missing; expected the ref of the Component serving the model, e.g. component:default/ollama',
    ],
  ])(
    'rejects %s with a malformed field (case %#), naming the entity, field and form',
    async (name, change, message) => {
      const { errors, edges } = await process(withSpec(name, change));
      expect(errors).toEqual([message]);
      expect(edges).toEqual([]);
    },
  );

  it('reports each malformed field of an entity as an input error at its location', async () => {
    const results: CatalogProcessorResult[] = [];
    const entity = withSpec('node-1', spec => {
      spec.arch = 'x86 64';
      spec.roles = [];
    });
    await new HomelabEntityProcessor().postProcessEntity(entity, location, r =>
      results.push(r),
    );
    expect(results).toEqual([
      {
        type: 'error',
        location,
        error: expect.objectContaining({
          name: 'InputError',
          message: expect.stringContaining('spec.arch is "x86 64"'),
        }),
      },
      {
        type: 'error',
        location,
        error: expect.objectContaining({
          name: 'InputError',
          message: expect.stringContaining(
            'spec.roles is []; expected a list of at least one node role',
          ),
        }),
      },
    ]);
  });

  it('leaves Resources of other types alone', async () => {
    const database: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'postgres' },
      spec: { type: 'database', owner: 'group:default/homelab-admins' },
    };
    expect(await process(database)).toEqual({ errors: [], edges: [] });
  });
});
