export { readGitopsConfig } from './config';
export {
  GitopsCredentialsError,
  GitopsCredentialsProvider,
} from './credentials';
export type { GitopsCredentials } from './credentials';
export {
  fetchWithForgeCredentials,
  forgeAuthorization,
} from './forgeAuthorization';
export {
  GITOPS_LAYOUTS,
  checkLayoutTemplate,
  expandLayoutPath,
  resolveLayoutPath,
} from './layout';
export type { LayoutValues } from './layout';
export * from './types';
export { GitopsCheckout, PROPOSAL_BRANCH_PREFIX } from './checkout';
export type {
  CheckoutState,
  GitopsCheckoutOptions,
  ProposalBranch,
} from './checkout';
export { checkoutGit, CheckoutGitError } from './checkoutGit';
export { ensureEmbeddedRemote } from './checkoutRemote';
export { gitCredentialEnv } from './gitCredentialEnv';
export { readGitopsCheckoutSettings } from './checkoutSettings';
export type { GitopsCheckoutSettings } from './checkoutSettings';
export { portalGitIdentity } from './portalIdentity';
