import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

export const POLICIES = ['allow-all', 'homelab'] as const;
export type PolicyName = (typeof POLICIES)[number];

export interface PermissionSettings {
  /** `homelab.permissions.policy`; `homelab` (the real policy) when unset. */
  policy: PolicyName;
  /** `homelab.permissions.adminGroup` as a full, lower-case entity ref. */
  adminGroup: string;
}

export const DEFAULT_ADMIN_GROUP = 'group:default/homelab-admins';

/**
 * Reads which policy the permission backend runs and who its admins are. Only the
 * configuration decides (never NODE_ENV), and a missing key means the strict policy.
 */
export function readPermissionSettings(config: Config): PermissionSettings {
  const policy =
    config.getOptionalString('homelab.permissions.policy') ?? 'homelab';
  if (!(POLICIES as readonly string[]).includes(policy)) {
    throw new Error(
      `homelab.permissions.policy: "${policy}" is not a policy; use ${POLICIES.join(
        ' or ',
      )}`,
    );
  }
  const raw =
    config.getOptionalString('homelab.permissions.adminGroup') ??
    DEFAULT_ADMIN_GROUP;
  let ref;
  try {
    ref = parseEntityRef(raw, { defaultKind: 'group' });
  } catch {
    throw new Error(
      `homelab.permissions.adminGroup: "${raw}" is not an entity ref; use e.g. ${DEFAULT_ADMIN_GROUP}`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new Error(
      `homelab.permissions.adminGroup: "${raw}" is a ${ref.kind}, not a Group; use e.g. ${DEFAULT_ADMIN_GROUP}`,
    );
  }
  return {
    policy: policy as PolicyName,
    adminGroup: stringifyEntityRef(ref).toLocaleLowerCase('en-US'),
  };
}
