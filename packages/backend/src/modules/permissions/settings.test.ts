import { ConfigReader } from '@backstage/config';
import { readPermissionSettings } from './settings';

const read = (permissions?: object) =>
  readPermissionSettings(
    new ConfigReader(permissions ? { homelab: { permissions } } : {}),
  );

describe('readPermissionSettings', () => {
  it('runs the strict policy with homelab-admins when nothing is configured', () => {
    expect(read()).toEqual({
      policy: 'homelab',
      adminGroup: 'group:default/homelab-admins',
    });
  });

  it('runs allow-all only when the configuration says so', () => {
    expect(read({ policy: 'allow-all' }).policy).toBe('allow-all');
  });

  it('refuses an unknown policy, naming the key and the choices', () => {
    expect(() => read({ policy: 'allowall' })).toThrow(
      'homelab.permissions.policy: "allowall" is not a policy; use allow-all or homelab',
    );
  });

  it('accepts a bare or namespaced group name as the admin group', () => {
    expect(read({ adminGroup: 'Ops' }).adminGroup).toBe('group:default/ops');
    expect(read({ adminGroup: 'group:infra/ops' }).adminGroup).toBe(
      'group:infra/ops',
    );
  });

  it('refuses an admin group that is not a group', () => {
    expect(() => read({ adminGroup: 'user:default/ada' })).toThrow(
      /homelab.permissions.adminGroup: "user:default\/ada" is a user, not a Group/,
    );
  });
});
