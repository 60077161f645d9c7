import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogIngestionReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  kubernetesClustersReadPermission,
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import { gitopsMergePermission } from '@internal/plugin-homelab-backend';

/** What every signed-in person may do: read the catalog (and so TechDocs and search) and the Kubernetes tab. */
const READ = [
  catalogEntityReadPermission,
  catalogLocationReadPermission,
  kubernetesResourcesReadPermission,
  kubernetesClustersReadPermission,
].map(p => p.name);

/**
 * What only members of the admin group may do: change the catalog, run templates, use the
 * cluster proxy, merge a scaffold branch into the embedded GitOps repository.
 */
const ADMIN = [
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationAnalyzePermission,
  catalogIngestionReadPermission,
  catalogIngestionManagePermission,
  taskCreatePermission,
  taskReadPermission,
  taskCancelPermission,
  actionExecutePermission,
  templateParameterReadPermission,
  templateStepReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  kubernetesProxyPermission,
  gitopsMergePermission,
].map(p => p.name);

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The production policy. Admins are the members of one group, read from the identity's
 * ownership refs (what the sign-in resolver put into the token), never from a user name.
 * Any permission not named here, e.g. of a plugin added later, is denied to everyone.
 */
export class HomelabPermissionPolicy implements PermissionPolicy {
  readonly #adminGroup: string;
  readonly #userInfo: UserInfoService;

  constructor(options: { adminGroup: string; userInfo: UserInfoService }) {
    this.#adminGroup = options.adminGroup.toLocaleLowerCase('en-US');
    this.#userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return deny;
    const { name } = request.permission;
    if (READ.includes(name)) return allow;

    const info = await this.#userInfo.getUserInfo(user.credentials);
    const isAdmin = info.ownershipEntityRefs.some(
      ref => ref.toLocaleLowerCase('en-US') === this.#adminGroup,
    );
    if (isAdmin) return ADMIN.includes(name) ? allow : deny;

    // Others see the tasks they started themselves (none, unless they were admins then),
    // so the task list shows an empty page instead of an error.
    if (
      isPermission(request.permission, taskReadPermission) ||
      isPermission(request.permission, taskCancelPermission)
    ) {
      return createScaffolderTaskConditionalDecision(
        request.permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [info.userEntityRef],
        }),
      );
    }
    return deny;
  }
}
