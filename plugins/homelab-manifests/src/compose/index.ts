export { listComposeServices, parseComposeFile } from './composeFile';
export type { ComposeFile } from './composeFile';
export {
  importComposeService,
  IMAGE_TAG_PLACEHOLDER,
  RequiredVariableError,
} from './importComposeService';
export type {
  ComposeImport,
  ComposeImportOptions,
  UnmappedKey,
} from './importComposeService';
export { looksLikeSecretName, looksLikeSecretValue } from './secretDetection';
export { formatComposeDraft } from './formatComposeDraft';
export { normalizeCompose, toComposeYaml } from './normalize';
export type {
  ComposeSources,
  NormalizeResult,
  NormalizedCompose,
  NormalizedService,
} from './normalize';
export { importComposeStack } from './stack';
export type {
  StackImport,
  StackImportOptions,
  StackRole,
  StackService,
} from './stack';
