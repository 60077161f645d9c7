import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { homelabApiRef } from './api/HomelabApi';
import { HomelabClient } from './api/HomelabClient';
import { HOME_WIDGETS } from './components/Home/widgetParts';

// The same cards, tab and page for apps still on the old frontend system.

export const legacyMigrationRouteRef = createRouteRef({
  id: 'homelab-migration',
});
export const legacyEntityMigrationRouteRef = createRouteRef({
  id: 'homelab-entity-migration',
});
export const legacyEntityCutoverRouteRef = createRouteRef({
  id: 'homelab-entity-cutover',
});

export const legacyHomelabPlugin = createPlugin({
  id: 'homelab',
  apis: [
    createApiFactory({
      api: homelabApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new HomelabClient(deps),
    }),
  ],
  routes: { migration: legacyMigrationRouteRef },
});

/** Mount on a route, e.g. `<Route path="/homelab/migration" element={<HomelabMigrationPage />} />`. */
export const HomelabMigrationPage = legacyHomelabPlugin.provide(
  createRoutableExtension({
    name: 'HomelabMigrationPage',
    component: () =>
      import('./components/MigrationPage/MigrationPage').then(
        m => m.MigrationPage,
      ),
    mountPoint: legacyMigrationRouteRef,
  }),
);

/** For the entity page of the Ollama component and ai-model resources (see isOllamaEntity). */
export const EntityOllamaLoadCard = legacyHomelabPlugin.provide(
  createComponentExtension({
    name: 'EntityOllamaLoadCard',
    component: {
      lazy: () =>
        import('./components/OllamaLoadCard/EntityOllamaLoadCard').then(
          m => m.EntityOllamaLoadCard,
        ),
    },
  }),
);

/** For entities with homelab.dev/runbooks (see hasRunbooks). */
export const EntityRunbooksCard = legacyHomelabPlugin.provide(
  createComponentExtension({
    name: 'EntityRunbooksCard',
    component: {
      lazy: () =>
        import('./components/RunbooksCard/EntityRunbooksCard').then(
          m => m.EntityRunbooksCard,
        ),
    },
  }),
);

/** An entity tab for entities with homelab.dev/phase-plan (see hasPhasePlan). */
export const EntityMigrationContent = legacyHomelabPlugin.provide(
  createRoutableExtension({
    name: 'EntityMigrationContent',
    component: () =>
      import('./components/MigrationTab/EntityMigrationContent').then(
        m => m.EntityMigrationContent,
      ),
    mountPoint: legacyEntityMigrationRouteRef,
  }),
);

/**
 * An entity tab with the Cutover view, for entities whose plan has a cutover section
 * (see hasCutover); mount it at `/cutover` so EntityCutoverBanner's link finds it.
 */
export const EntityCutoverContent = legacyHomelabPlugin.provide(
  createRoutableExtension({
    name: 'EntityCutoverContent',
    component: () =>
      import('./components/CutoverView/EntityCutoverContent').then(
        m => m.EntityCutoverContent,
      ),
    mountPoint: legacyEntityCutoverRouteRef,
  }),
);

/** For the overview of entities with a cutover (see hasCutover): shown while it is in progress. */
export const EntityCutoverBanner = legacyHomelabPlugin.provide(
  createComponentExtension({
    name: 'EntityCutoverBanner',
    component: {
      lazy: () =>
        import('./components/CutoverView/EntityCutoverBanner').then(
          m => m.EntityCutoverBanner,
        ),
    },
  }),
);

function homeCard(name: string) {
  const widget = HOME_WIDGETS.find(w => w.name === name)!;
  return legacyHomelabPlugin.provide(
    createCardExtension({
      name: widget.name,
      title: widget.title,
      description: widget.description,
      components: widget.components,
    }),
  );
}

/** Home page cards for `<CustomHomepageGrid>` or a static home page of the old system. */
export const HomelabMigrationCard = homeCard('HomelabMigration');
export const HomelabClusterHealthCard = homeCard('HomelabClusterHealth');
export const HomelabOllamaCard = homeCard('HomelabOllama');
export const HomelabRecentChangesCard = homeCard('HomelabRecentChanges');
