import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, type UserEntity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { GitIdentity } from './types';

/**
 * The person merging, as the merge commit's author: `spec.profile.displayName` and `email`
 * of their User entity (read with their own credentials), else their entity ref's name
 * and no e-mail; the portal when the caller is a service.
 */
export async function mergeAuthor(
  credentials: BackstageCredentials,
  deps: { userInfo: UserInfoService; catalog: CatalogService },
  portal: GitIdentity,
): Promise<{ identity: GitIdentity; userRef?: string }> {
  if (credentials.principal.type !== 'user') return { identity: portal };
  const { userEntityRef } = await deps.userInfo.getUserInfo(
    credentials as BackstageCredentials<BackstageUserPrincipal>,
  );
  const entity = (await deps.catalog
    .getEntityByRef(userEntityRef, { credentials })
    .catch(() => undefined)) as UserEntity | undefined;
  const profile = entity?.spec?.profile;
  return {
    identity: {
      name: profile?.displayName || parseEntityRef(userEntityRef).name,
      email: profile?.email ?? '',
    },
    userRef: userEntityRef,
  };
}
