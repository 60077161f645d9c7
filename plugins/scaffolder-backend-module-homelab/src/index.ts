/**
 * Scaffolder actions for the homelab: render and lint manifests, import a Docker
 * Compose service, and publish to the GitOps repository as a branch and pull request.
 *
 * @packageDocumentation
 */
export { scaffolderModuleHomelab as default } from './module';
export { createRenderManifestsAction } from './actions/render';
export { createLintManifestsAction } from './actions/lint';
export { createComposeImportAction } from './actions/composeImport';
export { createComposeImportStackAction } from './actions/composeImportStack';
export { createPublishGitopsAction } from './actions/publishGitops';
export { readHomelabScaffolderConfig } from './config';
