import { join } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { readHomelabScaffolderConfig } from './config';

describe('readHomelabScaffolderConfig', () => {
  const dir = createMockDirectory({
    content: {
      'package.json': JSON.stringify({ workspaces: ['packages/*'] }),
      'packages/backend/package.json': JSON.stringify({ name: 'backend' }),
    },
  });
  const backendDir = () => join(dir.path, 'packages/backend');

  it('puts the data folder at the repository root, like app-config.yaml', () => {
    const config = readHomelabScaffolderConfig(new ConfigReader({}), {
      cwd: backendDir(),
      env: {},
    });
    expect(config).toEqual({
      baseDomain: 'k8s.home.arpa',
      dataDir: join(dir.path, 'data'),
      author: { name: 'Homelab portal', email: 'portal@homelab.home.arpa' },
      portalAccount: { name: 'homelab-portal', namespace: 'portal' },
    });
  });

  it('follows HOMELAB_DATA_DIR, homelab.baseDomain and scaffolder.defaultAuthor', () => {
    const config = readHomelabScaffolderConfig(
      new ConfigReader({
        homelab: { baseDomain: 'lab.example' },
        scaffolder: {
          defaultAuthor: { name: 'Ada', email: 'ada@lab.example' },
        },
      }),
      {
        cwd: backendDir(),
        env: { HOMELAB_DATA_DIR: '/var/lib/homelab-portal' },
      },
    );
    expect(config).toEqual({
      baseDomain: 'lab.example',
      dataDir: '/var/lib/homelab-portal',
      author: { name: 'Ada', email: 'ada@lab.example' },
      portalAccount: { name: 'homelab-portal', namespace: 'portal' },
    });
  });

  it('refuses a base domain that is not a hostname', () => {
    expect(() =>
      readHomelabScaffolderConfig(
        new ConfigReader({ homelab: { baseDomain: 'my_lab' } }),
        { env: {} },
      ),
    ).toThrow('homelab.baseDomain: "my_lab" contains "_"');
  });
  it('reads homelab.gateway.dataPlane and names a wrong one', () => {
    const read = (dataPlane: unknown) =>
      readHomelabScaffolderConfig(
        new ConfigReader({ homelab: { gateway: { dataPlane } } } as any),
        { cwd: backendDir(), env: {} },
      );
    expect(read('cilium').gatewayDataPlane).toBe('cilium');
    expect(
      read({ namespace: 'kube-system', podLabels: { app: 'traefik' } })
        .gatewayDataPlane,
    ).toEqual({ namespace: 'kube-system', podLabels: { app: 'traefik' } });
    expect(() => read('istio')).toThrow(
      /^homelab\.gateway\.dataPlane: .*'istio'.*; use envoy-gateway, cilium, traefik or \{ namespace, podLabels \}$/,
    );
  });

  it('reads homelab.portal.serviceAccount and names a wrong one', () => {
    const read = (serviceAccount: unknown) =>
      readHomelabScaffolderConfig(
        new ConfigReader({ homelab: { portal: { serviceAccount } } } as any),
        { cwd: backendDir(), env: {} },
      ).portalAccount;
    expect(read({ namespace: 'tools' })).toEqual({
      name: 'homelab-portal',
      namespace: 'tools',
    });
    expect(() => read({ name: 'Portal' })).toThrow(
      /^homelab\.portal\.serviceAccount\.name: .*; give the portal's ServiceAccount name as in manifests\/portal\/serviceaccount\.yaml \(default homelab-portal\)$/,
    );
  });
});
