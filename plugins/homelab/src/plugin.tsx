import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { homelabApiRef } from './api/HomelabApi';
import { HomelabClient } from './api/HomelabClient';
import {
  ollamaEntityFilter,
  phasePlanEntityFilter,
  runbooksEntityFilter,
} from './filters';

export const migrationRouteRef = createRouteRef();

const homelabApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: homelabApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new HomelabClient(deps),
    }),
});

// A page with a title, an icon and a route ref is also the sidebar's nav item.
const migrationPage = PageBlueprint.make({
  params: {
    path: '/homelab/migration',
    title: 'Migration',
    icon: <TimelineIcon />,
    routeRef: migrationRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/MigrationPage/MigrationPage').then(m => (
        <m.MigrationPage />
      )),
  },
});

const ollamaLoadCard = EntityCardBlueprint.make({
  name: 'ollama-load',
  params: {
    type: 'content',
    filter: ollamaEntityFilter,
    loader: () =>
      import('./components/OllamaLoadCard/EntityOllamaLoadCard').then(m => (
        <m.EntityOllamaLoadCard />
      )),
  },
});

const runbooksCard = EntityCardBlueprint.make({
  name: 'runbooks',
  params: {
    type: 'info',
    filter: runbooksEntityFilter,
    loader: () =>
      import('./components/RunbooksCard/EntityRunbooksCard').then(m => (
        <m.EntityRunbooksCard />
      )),
  },
});

const migrationContent = EntityContentBlueprint.make({
  name: 'migration',
  params: {
    path: 'migration',
    title: 'Migration',
    filter: phasePlanEntityFilter,
    loader: () =>
      import('./components/MigrationTab/EntityMigrationContent').then(m => (
        <m.EntityMigrationContent />
      )),
  },
});

/** The homelab plugin for the new frontend system. */
export const homelabPlugin = createFrontendPlugin({
  pluginId: 'homelab',
  title: 'Homelab',
  routes: { migration: migrationRouteRef },
  extensions: [
    homelabApi,
    migrationPage,
    ollamaLoadCard,
    runbooksCard,
    migrationContent,
  ],
});

export default homelabPlugin;
