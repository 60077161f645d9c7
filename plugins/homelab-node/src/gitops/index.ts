export { readGitopsConfig } from './config';
export { readGitopsCredentials } from './credentials';
export type { GitopsCredentials } from './credentials';
export {
  GITOPS_LAYOUTS,
  checkLayoutTemplate,
  expandLayoutPath,
  resolveLayoutPath,
} from './layout';
export type { LayoutValues } from './layout';
export * from './types';
