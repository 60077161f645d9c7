import { parseEntityRef, type UserEntity } from '@backstage/catalog-model';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { GitIdentity } from '../git/gitCli';

/**
 * The requesting user as a commit author: `spec.profile.displayName` and `email` of their
 * User entity (the task's own, else read from the catalog with the task's credentials),
 * falling back to the user ref and no e-mail; undefined without a user (the portal is
 * then the author too).
 */
export async function requestingAuthor(
  user: { ref?: string; entity?: UserEntity } | undefined,
  catalog: CatalogService,
  credentials: () => Promise<BackstageCredentials>,
): Promise<GitIdentity | undefined> {
  if (!user?.ref && !user?.entity) return undefined;
  let entity = user.entity;
  if (!entity && user.ref) {
    entity = (await catalog
      .getEntityByRef(user.ref, { credentials: await credentials() })
      .catch(() => undefined)) as UserEntity | undefined;
  }
  const profile = entity?.spec?.profile;
  const ref =
    user.ref ??
    `user:${entity?.metadata.namespace ?? 'default'}/${entity?.metadata.name}`;
  return {
    name:
      profile?.displayName ||
      entity?.metadata.name ||
      parseEntityRef(ref).name ||
      ref,
    email: profile?.email ?? '',
  };
}
