import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  type AuthenticationStrategy,
  kubernetesAuthStrategyExtensionPoint,
  kubernetesClusterSupplierExtensionPoint,
} from '@backstage/plugin-kubernetes-node';
import { kubernetesModuleHomelab } from './module';

// The Kubernetes backend itself loads @kubernetes/client-node with a dynamic
// import, which jest cannot run; the module is tested against its extension point.
describe('kubernetesModuleHomelab', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sa-'));
    fs.writeFileSync(path.join(dir, 'token'), 'pod-token');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('registers homelabServiceAccount, reading the token from homelab.serviceAccountDir, and keeps the stock serviceAccount', async () => {
    const strategies = new Map<string, AuthenticationStrategy>();
    await startTestBackend({
      extensionPoints: [
        [kubernetesClusterSupplierExtensionPoint, { addClusterSupplier() {} }],
        [
          kubernetesAuthStrategyExtensionPoint,
          {
            addAuthStrategy: (key: string, s: AuthenticationStrategy) =>
              strategies.set(key, s),
          },
        ],
      ],
      features: [
        kubernetesModuleHomelab,
        mockServices.rootConfig.factory({
          data: { homelab: { serviceAccountDir: dir } },
        }),
      ],
    });
    // Adding any strategy replaces the backend's default map, so a config
    // with the stock `serviceAccount` would otherwise stop the plugin at start.
    expect([...strategies.keys()]).toEqual(
      expect.arrayContaining(['serviceAccount', 'localKubectlProxy']),
    );
    expect(
      strategies
        .get('serviceAccount')!
        .validateCluster({ serviceAccountToken: 'config-token' }),
    ).toEqual([]);
    const strategy = strategies.get('homelabServiceAccount');
    expect(strategy).toBeDefined();
    await expect(
      strategy!.getCredential(
        {
          name: 'homelab',
          url: 'https://kubernetes.default.svc',
          authMetadata: {},
        },
        {},
      ),
    ).resolves.toEqual({ type: 'bearer token', token: 'pod-token' });
  });
});
