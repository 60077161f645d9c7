/**
 * Catalog module for the homelab: validates the spec of the homelab Resource
 * types, relates them, and discovers nodes, namespaces and AI models.
 *
 * @packageDocumentation
 */
export { catalogModuleHomelab as default } from './module';
export { HomelabEntityProcessor } from './processor/HomelabEntityProcessor';
export { HomelabEntityProvider } from './provider/HomelabEntityProvider';
export type { HomelabEntityProviderOptions } from './provider/HomelabEntityProvider';
export {
  emptyDeclaredEntities,
  readDeclaredEntities,
} from './provider/declared';
export type { DeclaredEntities } from './provider/declared';
