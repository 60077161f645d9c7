export { importComposeStack } from './importComposeStack';
export type {
  StackImport,
  StackImportOptions,
  StackRole,
  StackService,
} from './types';
