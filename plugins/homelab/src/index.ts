/**
 * Homelab portal plugin: Ollama load, migration phase plans and runbooks.
 *
 * The default export is the plugin for the new frontend system; the named
 * `legacyHomelabPlugin` and its extensions serve apps on the old one.
 *
 * @packageDocumentation
 */
export { homelabPlugin as default, migrationRouteRef } from './plugin';
export {
  legacyHomelabPlugin,
  HomelabMigrationPage,
  EntityOllamaLoadCard,
  EntityRunbooksCard,
  EntityMigrationContent,
  EntityCutoverContent,
  EntityCutoverBanner,
  legacyMigrationRouteRef,
  legacyEntityMigrationRouteRef,
  legacyEntityCutoverRouteRef,
  HomelabMigrationCard,
  HomelabClusterHealthCard,
  HomelabOllamaCard,
  HomelabRecentChangesCard,
} from './legacy';
export { homelabApiRef, type HomelabApi } from './api/HomelabApi';
export { HomelabClient } from './api/HomelabClient';
export type * from './api/types';
export {
  isOllamaEntity,
  hasCutover,
  hasPhasePlan,
  hasRunbooks,
  cutoverEntityFilter,
  ollamaEntityFilter,
  phasePlanEntityFilter,
  runbooksEntityFilter,
} from './filters';
