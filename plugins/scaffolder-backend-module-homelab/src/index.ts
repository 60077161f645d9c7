/**
 * Scaffolder actions for the homelab: render and lint manifests, import a Docker
 * Compose service, publish to a local git repository and register the result.
 *
 * @packageDocumentation
 */
export { scaffolderModuleHomelab as default } from './module';
export { createRenderManifestsAction } from './actions/render';
export { createLintManifestsAction } from './actions/lint';
export { createComposeImportAction } from './actions/composeImport';
export { createComposeImportStackAction } from './actions/composeImportStack';
export { createPublishLocalAction } from './actions/publishLocal';
export { createRegisterFileAction } from './actions/registerFile';
export { LocalScaffoldRepository } from './git/LocalScaffoldRepository';
export { readHomelabScaffolderConfig } from './config';
