import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Merging a scaffold branch into the base branch of the embedded GitOps repository from
 * the portal. The homelab permission policy grants it to the admin group only.
 */
export const gitopsMergePermission = createPermission({
  name: 'homelab.gitops.merge',
  attributes: { action: 'update' },
});

/** Every permission the homelab backend checks, for the permission registry. */
export const homelabPermissions = [gitopsMergePermission];
