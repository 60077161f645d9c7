import { mockServices } from '@backstage/backend-test-utils';
import { ANNOTATION_ORIGIN_LOCATION, Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { HomelabEntityProcessor } from '../processor/HomelabEntityProcessor';
import { declaredEntities, RecordingConnection } from '../__testUtils__';
import { NamespaceDirectory } from './NamespaceDirectory';
import { NamespaceRelationRefresher } from './NamespaceRelationRefresher';

/** A catalog whose entities the test can change, as locations are added and removed. */
function changingCatalog(initial: Entity[]) {
  let entities = initial;
  let down = false;
  const catalog = catalogServiceMock.mock({
    getEntities: async (request, options) => {
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
      return catalogServiceMock({ entities }).getEntities(request, options);
    },
  });
  return {
    catalog,
    set: (next: Entity[]) => {
      entities = next;
    },
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

function directory(
  catalog: ReturnType<typeof catalogServiceMock.mock>,
  discoversNamespaces = true,
) {
  return new NamespaceDirectory({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    discoversNamespaces,
  });
}

function namespaceResource(
  name: string,
  annotations: Record<string, string> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace, annotations },
    spec: {
      type: 'kubernetes-namespace',
      owner: 'group:default/homelab-admins',
      cluster: 'homelab',
      podSecurity: { enforce: 'baseline', audit: 'baseline', warn: 'baseline' },
    },
  };
}

const component = (name: string, namespace: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: { 'backstage.io/kubernetes-namespace': namespace },
  },
  spec: { type: 'service', owner: 'group:default/homelab-admins' },
});

/** The dependsOn targets and refresh keys the processor gives a component. */
async function processed(entity: Entity, namespaces: NamespaceDirectory) {
  const dependsOn: string[] = [];
  const refreshKeys: string[] = [];
  await new HomelabEntityProcessor({ namespaces }).postProcessEntity(
    entity,
    { type: 'url', target: 'x' },
    (r: CatalogProcessorResult) => {
      if (r.type === 'relation' && r.relation.type === 'dependsOn') {
        const { kind, namespace, name } = r.relation.target;
        dependsOn.push(`${kind}:${namespace}/${name}`.toLowerCase());
      }
      if (r.type === 'refresh') refreshKeys.push(r.key);
    },
  );
  return { dependsOn, refreshKeys };
}

const dependsOn = async (entity: Entity, namespaces: NamespaceDirectory) =>
  (await processed(entity, namespaces)).dependsOn;

describe("a component's namespace relation", () => {
  it('points at the discovered namespace before discovery has run, never at a cluster or node of that name', async () => {
    const namespaces = directory(changingCatalog(declaredEntities()).catalog);
    expect(await dependsOn(component('web', 'homelab'), namespaces)).toEqual([
      'resource:kubernetes-namespace/homelab',
    ]);
    expect(await dependsOn(component('web', 'node-1'), namespaces)).toEqual([
      'resource:kubernetes-namespace/node-1',
    ]);
    // karakeep is declared in manifests/karakeep: the component depends on that entity.
    expect(await dependsOn(component('web', 'karakeep'), namespaces)).toEqual([
      'resource:default/karakeep',
    ]);
  });

  it('points at a declared namespace found by its Kubernetes-name annotation', async () => {
    const namespaces = directory(
      changingCatalog([
        namespaceResource('media-stack', {
          'homelab.dev/kubernetes-name': 'media',
        }),
      ]).catalog,
    );
    expect(await dependsOn(component('jellyfin', 'Media'), namespaces)).toEqual(
      ['resource:default/media-stack'],
    );
  });

  it('never takes a discovered namespace in the catalog for a declared one', async () => {
    const discovered = namespaceResource(
      'media',
      { [ANNOTATION_ORIGIN_LOCATION]: 'homelab-discovery:homelab' },
      'kubernetes-namespace',
    );
    const namespaces = directory(changingCatalog([discovered]).catalog, false);
    // Discovery is off here, so the fallback shows the discovered entity was left out.
    expect(await dependsOn(component('jellyfin', 'media'), namespaces)).toEqual(
      ['resource:default/media'],
    );
  });

  it('with discovery off, points at the Resource named like the namespace unless one is declared for it', async () => {
    const namespaces = directory(
      changingCatalog([
        namespaceResource('media-stack', {
          'homelab.dev/kubernetes-name': 'media',
        }),
      ]).catalog,
      false,
    );
    expect(await dependsOn(component('web', 'tools'), namespaces)).toEqual([
      'resource:default/tools',
    ]);
    expect(await dependsOn(component('jellyfin', 'media'), namespaces)).toEqual(
      ['resource:default/media-stack'],
    );
  });

  it('is the same on every replica when two declared namespaces claim one Kubernetes name', async () => {
    const a = namespaceResource('media-a', {
      'homelab.dev/kubernetes-name': 'media',
    });
    const b = namespaceResource('media');
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const namespaces = directory(changingCatalog(order).catalog);
      expect(await dependsOn(component('web', 'media'), namespaces)).toEqual([
        'resource:default/media',
      ]);
    }
  });

  it("carries the namespace's refresh key, so a change of its entity re-processes it", async () => {
    const namespaces = directory(changingCatalog([]).catalog);
    expect(
      (await processed(component('web', 'Media'), namespaces)).refreshKeys,
    ).toEqual(['homelab-kubernetes-namespace:media']);
  });

  it('answers as if nothing were declared while the catalog has never answered', async () => {
    const catalog = changingCatalog(declaredEntities());
    catalog.setDown(true);
    const namespaces = directory(catalog.catalog);
    expect(await dependsOn(component('web', 'karakeep'), namespaces)).toEqual([
      'resource:kubernetes-namespace/karakeep',
    ]);
    catalog.setDown(false);
    expect(await namespaces.reload()).toContain('karakeep');
    expect(await dependsOn(component('web', 'karakeep'), namespaces)).toEqual([
      'resource:default/karakeep',
    ]);
  });

  it('is refreshed after an answer given while the catalog was down, even if a later component read it', async () => {
    const catalog = changingCatalog(declaredEntities());
    catalog.setDown(true);
    const namespaces = directory(catalog.catalog);
    await dependsOn(component('web', 'karakeep'), namespaces);
    catalog.setDown(false);
    expect(await dependsOn(component('app', 'karakeep'), namespaces)).toEqual([
      'resource:default/karakeep',
    ]);
    // web still holds the discovered ref: the next reload names karakeep as changed.
    expect(await namespaces.reload()).toContain('karakeep');
    expect(await namespaces.reload()).toEqual([]);
  });
});

describe('the namespace relation refresher', () => {
  async function started(initial: Entity[]) {
    const catalog = changingCatalog(initial);
    const namespaces = directory(catalog.catalog);
    const logger = mockServices.logger.mock();
    const refresher = new NamespaceRelationRefresher(namespaces, logger);
    const connection = new RecordingConnection();
    await refresher.connect(connection);
    return { catalog, namespaces, refresher, connection, logger };
  }

  it('refreshes the components of a namespace whose declared entity appears, is renamed or goes, on that run and the next', async () => {
    const { catalog, namespaces, refresher, connection } = await started([
      namespaceResource('ai'),
    ]);
    await refresher.refresh();
    expect(connection.refreshedKeys).toEqual([
      ['homelab-kubernetes-namespace:ai'],
    ]);

    const media = namespaceResource('media-stack', {
      'homelab.dev/kubernetes-name': 'media',
    });
    catalog.set([namespaceResource('ai'), media]);
    await refresher.refresh();
    expect(connection.refreshedKeys.at(-1)).toEqual([
      'homelab-kubernetes-namespace:media',
      'homelab-kubernetes-namespace:ai',
    ]);
    expect(await dependsOn(component('jellyfin', 'media'), namespaces)).toEqual(
      ['resource:default/media-stack'],
    );

    await refresher.refresh();
    expect(connection.refreshedKeys.at(-1)).toEqual([
      'homelab-kubernetes-namespace:media',
    ]);
    const runs = connection.refreshedKeys.length;
    await refresher.refresh();
    expect(connection.refreshedKeys.length).toBe(runs);

    catalog.set([namespaceResource('ai')]);
    await refresher.refresh();
    expect(connection.refreshedKeys.at(-1)).toEqual([
      'homelab-kubernetes-namespace:media',
    ]);
    expect(await dependsOn(component('jellyfin', 'media'), namespaces)).toEqual(
      ['resource:kubernetes-namespace/media'],
    );
  });

  it('keeps the last read while the catalog does not answer, with one warning', async () => {
    const { catalog, namespaces, refresher, connection, logger } =
      await started([namespaceResource('ai')]);
    await refresher.refresh();
    catalog.setDown(true);
    await refresher.refresh();
    await refresher.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /^Could not read the declared Kubernetes namespaces from the catalog \(connect ECONNREFUSED/,
    );
    expect(await dependsOn(component('ollama', 'ai'), namespaces)).toEqual([
      'resource:default/ai',
    ]);
    // Back: nothing changed, but the names of the last change get their second refresh.
    catalog.setDown(false);
    await refresher.refresh();
    expect(connection.refreshedKeys).toEqual([
      ['homelab-kubernetes-namespace:ai'],
      ['homelab-kubernetes-namespace:ai'],
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      'Reading declared Kubernetes namespaces from the catalog works again',
    );
  });
});
