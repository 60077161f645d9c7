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
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { homelabApiRef } from './api/HomelabApi';
import { homeWidgetExtensions } from './components/Home/homeWidgets';
import { gitopsTaskOutputs } from './components/GitopsMerge/gitopsTaskOutputsExtension';
import { HomelabClient } from './api/HomelabClient';
import {
  cutoverEntityFilter,
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

// Only entities whose plan has a cutover section get the tab: the catalog module
// reads the plan and marks them (homelab.dev/cutover).
const cutoverContent = EntityContentBlueprint.make({
  name: 'cutover',
  params: {
    path: 'cutover',
    title: 'Cutover',
    filter: cutoverEntityFilter,
    loader: () =>
      import('./components/CutoverView/EntityCutoverContent').then(m => (
        <m.EntityCutoverContent />
      )),
  },
});

// Shows on the overview only while the cutover is in progress, linking to the tab.
const cutoverBanner = EntityCardBlueprint.make({
  name: 'cutover-banner',
  params: {
    type: 'content',
    filter: cutoverEntityFilter,
    loader: () =>
      import('./components/CutoverView/EntityCutoverBanner').then(m => (
        <m.EntityCutoverBanner />
      )),
  },
});

// Attaches to the scaffolder's form-fields API; templates use it as `ui:field: ComposeServicePicker`.
const composeServicePickerField = FormFieldBlueprint.make({
  name: 'compose-service-picker',
  params: {
    field: () =>
      import('./components/ComposeServicePicker').then(
        m => m.composeServicePickerField,
      ),
  },
});

const scaffoldPreviewField = FormFieldBlueprint.make({
  name: 'scaffold-preview',
  params: {
    field: () =>
      import('./components/ScaffoldPreview').then(m => m.scaffoldPreviewField),
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
    cutoverBanner,
    ollamaLoadCard,
    runbooksCard,
    migrationContent,
    cutoverContent,
    composeServicePickerField,
    scaffoldPreviewField,
    // Migration, Cluster health, Ollama and Recent changes on page:home.
    ...homeWidgetExtensions,
    gitopsTaskOutputs,
  ],
});

export default homelabPlugin;
