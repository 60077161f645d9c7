export { listComposeServices } from './composeFile';
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
