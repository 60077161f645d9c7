import { mockCredentials } from '@backstage/backend-test-utils';
import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
  type Permission,
} from '@backstage/plugin-permission-common';
import { catalogPermissions } from '@backstage/plugin-catalog-common/alpha';
import {
  scaffolderPermissions,
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { kubernetesPermissions } from '@backstage/plugin-kubernetes-common';
import { homelabPermissions } from '@internal/plugin-homelab-backend';
import { HomelabPermissionPolicy } from './HomelabPermissionPolicy';

// What the sign-in resolver put into each person's token: the user and the groups they are in.
const OWNERSHIP: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/homelab-admins'],
  'user:default/bob': ['user:default/bob', 'group:default/family'],
  // Named like the group, and like an admin, but in no group at all.
  'user:default/homelab-admins': ['user:default/homelab-admins'],
  'user:default/admin': ['user:default/admin'],
  'user:default/olga': ['user:default/olga', 'group:default/ops'],
};

const userInfo: UserInfoService = {
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: OWNERSHIP[ref] ?? [ref] };
  },
};

function decide(
  permission: Permission,
  userRef: string | undefined,
  adminGroup = 'group:default/homelab-admins',
) {
  const policy = new HomelabPermissionPolicy({ adminGroup, userInfo });
  const credentials = userRef ? mockCredentials.user(userRef) : undefined;
  return policy.handle(
    { permission },
    credentials
      ? {
          credentials,
          info: { userEntityRef: userRef!, ownershipEntityRefs: [] },
        }
      : undefined,
  );
}

const READ = [
  'catalog.entity.read',
  'catalog.location.read',
  'kubernetes.resources.read',
  'kubernetes.clusters.read',
];
const ALL = [
  ...catalogPermissions,
  ...scaffolderPermissions,
  ...kubernetesPermissions,
  ...homelabPermissions,
];
const ADMIN_ONLY = ALL.filter(p => !READ.includes(p.name));
const OWN_TASKS = [taskReadPermission.name, taskCancelPermission.name];

describe('HomelabPermissionPolicy', () => {
  it('knows every catalog, scaffolder, Kubernetes and homelab permission installed', () => {
    // A new permission in an upgrade shows up here and gets a decision on purpose.
    expect(ALL.map(p => p.name).sort()).toEqual(
      [
        ...READ,
        'catalog.entity.create',
        'catalog.entity.delete',
        'catalog.entity.refresh',
        'catalog.entity.validate',
        'catalog.ingestion.manage',
        'catalog.ingestion.read',
        'catalog.location.analyze',
        'catalog.location.create',
        'catalog.location.delete',
        'kubernetes.proxy',
        'homelab.gitops.merge',
        'scaffolder.action.execute',
        'scaffolder.task.cancel',
        'scaffolder.task.create',
        'scaffolder.task.read',
        'scaffolder.template.dry-run',
        'scaffolder.template.management',
        'scaffolder.template.parameter.read',
        'scaffolder.template.step.read',
      ].sort(),
    );
  });

  describe.each(ALL.map(p => [p.name, p] as const))(
    '%s',
    (name, permission) => {
      it('is allowed to a member of the admin group', async () => {
        expect(await decide(permission, 'user:default/ada')).toEqual({
          result: AuthorizeResult.ALLOW,
        });
      });

      it('is decided for any other signed-in person by what it does', async () => {
        const ownTasksOnly = {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'scaffolder',
          resourceType: 'scaffolder-task',
          conditions: {
            rule: 'IS_TASK_OWNER',
            resourceType: 'scaffolder-task',
            params: { createdBy: ['user:default/bob'] },
          },
        };
        let expected: object = { result: AuthorizeResult.DENY };
        if (READ.includes(name)) expected = { result: AuthorizeResult.ALLOW };
        if (OWN_TASKS.includes(name)) expected = ownTasksOnly;
        expect(await decide(permission, 'user:default/bob')).toEqual(expected);
      });

      it('is denied without a signed-in user', async () => {
        expect(await decide(permission, undefined)).toEqual({
          result: AuthorizeResult.DENY,
        });
      });
    },
  );

  it.each(['user:default/homelab-admins', 'user:default/admin'])(
    'gives %s, a user name and no group, nothing an admin may do',
    async user => {
      for (const permission of ADMIN_ONLY) {
        const decision = await decide(permission, user);
        expect(decision.result).not.toBe(AuthorizeResult.ALLOW);
      }
    },
  );

  it('takes the admins from the configured group, whatever its case', async () => {
    const create = scaffolderPermissions.find(
      p => p.name === 'scaffolder.task.create',
    )!;
    expect(
      (await decide(create, 'user:default/olga', 'group:default/OPS')).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await decide(create, 'user:default/ada', 'group:default/ops')).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('denies a permission it does not know, to admins too', async () => {
    const unknown = createPermission({
      name: 'someplugin.thing.delete',
      attributes: { action: 'delete' },
    });
    expect(await decide(unknown, 'user:default/ada')).toEqual({
      result: AuthorizeResult.DENY,
    });
  });
});
