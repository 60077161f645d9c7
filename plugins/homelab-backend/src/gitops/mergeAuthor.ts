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
 * and no e-mail.
 */
export async function mergeAuthor(
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  deps: { userInfo: UserInfoService; catalog: CatalogService },
): Promise<{ identity: GitIdentity; userRef: string }> {
  const { userEntityRef } = await deps.userInfo.getUserInfo(credentials);
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
