import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { permissionModuleHomelabPolicy } from './module';

async function authorize(
  permissions: object | undefined,
  user: string,
  name: string,
) {
  const { server } = await startTestBackend({
    features: [
      permissionPlugin,
      permissionModuleHomelabPolicy,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          ...(permissions && { homelab: { permissions } }),
        },
      }),
      mockServices.userInfo.mock({
        getUserInfo: async () => ({
          userEntityRef: user,
          ownershipEntityRefs:
            user === 'user:default/ada'
              ? [user, 'group:default/homelab-admins']
              : [user],
        }),
      }).factory,
    ],
  });
  const res = await request(server)
    .post('/api/permission/authorize')
    .set('authorization', mockCredentials.user.header(user))
    .send({
      items: [
        { id: '1', permission: { type: 'basic', name, attributes: {} } },
      ],
    });
  await server.close?.();
  expect(res.status).toBe(200);
  return res.body.items[0].result;
}

describe('permission module homelab-policy', () => {
  it('lets everyone do everything when the configuration picks allow-all', async () => {
    expect(
      await authorize(
        { policy: 'allow-all' },
        'user:default/bob',
        'scaffolder.task.create',
      ),
    ).toBe('ALLOW');
  });

  it('runs the homelab policy when the configuration names it', async () => {
    const permissions = { policy: 'homelab' };
    expect(
      await authorize(permissions, 'user:default/bob', 'scaffolder.task.create'),
    ).toBe('DENY');
    expect(
      await authorize(permissions, 'user:default/ada', 'scaffolder.task.create'),
    ).toBe('ALLOW');
  });

  it('runs the homelab policy when nothing is configured', async () => {
    expect(
      await authorize(undefined, 'user:default/bob', 'kubernetes.proxy'),
    ).toBe('DENY');
  });
});
