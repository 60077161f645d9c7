import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  type ClusterDetails,
  type KubernetesClusterSupplierFactory,
  kubernetesAuthStrategyExtensionPoint,
  kubernetesClusterSupplierExtensionPoint,
} from '@backstage/plugin-kubernetes-node';
import { kubernetesModuleHomelab } from './module';

// What ConfigClusterLocator makes of the production entry and of a development one.
const production: ClusterDetails = {
  name: 'homelab',
  url: 'https://kubernetes.default.svc',
  authMetadata: { 'kubernetes.io/auth-provider': 'homelabServiceAccount' },
};
const development: ClusterDetails = {
  name: 'laptop',
  url: 'https://127.0.0.1:7443',
  caData: 'Q0E=',
  authMetadata: {
    'kubernetes.io/auth-provider': 'serviceAccount',
    serviceAccountToken: 'dev',
  },
};

/** The clusters the Kubernetes plugin gets through the module's supplier. */
async function suppliedClusters(serviceAccountDir: string) {
  let factory: KubernetesClusterSupplierFactory | undefined;
  await startTestBackend({
    extensionPoints: [
      [kubernetesAuthStrategyExtensionPoint, { addAuthStrategy() {} }],
      [
        kubernetesClusterSupplierExtensionPoint,
        {
          addClusterSupplier: (f: KubernetesClusterSupplierFactory) =>
            (factory = f),
        },
      ],
    ],
    features: [
      kubernetesModuleHomelab,
      mockServices.rootConfig.factory({
        data: { homelab: { serviceAccountDir } },
      }),
    ],
  });
  const supplier = await factory!({
    getDefault: async () => ({
      getClusters: async () => [production, development],
    }),
  });
  return supplier.getClusters({ credentials: {} as any });
}

describe('the module’s cluster supplier', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sa-'));
    fs.writeFileSync(path.join(dir, 'token'), 'pod-token');
    fs.writeFileSync(path.join(dir, 'ca.crt'), 'CA');
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('in a pod, points homelabServiceAccount entries at KUBERNETES_SERVICE_HOST/PORT with the folder’s CA', async () => {
    process.env.KUBERNETES_SERVICE_HOST = 'fd00:10:96::1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    const [homelab, laptop] = await suppliedClusters(dir);
    expect(homelab).toEqual({
      ...production,
      url: 'https://[fd00:10:96::1]:443',
      caFile: path.join(dir, 'ca.crt'),
      caData: undefined,
    });
    expect(laptop).toBe(development);
  });

  it('outside a pod, keeps the entries as written', async () => {
    delete process.env.KUBERNETES_SERVICE_HOST;
    delete process.env.KUBERNETES_SERVICE_PORT;
    const [homelab, laptop] = await suppliedClusters(dir);
    expect(homelab).toBe(production);
    expect(laptop).toBe(development);
  });

  it('without a token in the folder, keeps the entries as written', async () => {
    process.env.KUBERNETES_SERVICE_HOST = '10.96.0.1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    fs.rmSync(path.join(dir, 'token'));
    const [homelab] = await suppliedClusters(dir);
    expect(homelab).toBe(production);
  });
});
