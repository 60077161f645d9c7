export { listComposeServices, parseComposeFile } from './composeFile';
export type { ComposeFile } from './composeFile';
export {
  importComposeService,
  IMAGE_TAG_PLACEHOLDER,
} from './importComposeService';
export type {
  ComposeImport,
  ComposeImportOptions,
  UnmappedKey,
} from './importComposeService';
export { looksLikeSecretName, looksLikeSecretValue } from './secretDetection';
export { formatComposeDraft } from './formatComposeDraft';
