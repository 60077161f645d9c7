import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readClusterAccess } from './clusterAccess';

describe('readClusterAccess', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sa-'));
    fs.writeFileSync(path.join(dir, 'token'), 'tok');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const pod = {
    KUBERNETES_SERVICE_HOST: '10.43.0.1',
    KUBERNETES_SERVICE_PORT: '443',
  };
  const config = (homelab: object = {}) =>
    new ConfigReader({ homelab: { serviceAccountDir: dir, ...homelab } });

  it('uses the service account in a pod', () => {
    expect(readClusterAccess(config(), false, pod)).toEqual({
      type: 'inCluster',
      serviceAccountDir: dir,
      host: '10.43.0.1',
      port: '443',
    });
  });

  it('uses the cluster entry when it has a token, also in a pod', () => {
    expect(readClusterAccess(config(), true, pod)).toEqual({ type: 'config' });
  });

  it('needs the token file as well as the variables', () => {
    const elsewhere = config({ serviceAccountDir: path.join(dir, 'none') });
    expect(readClusterAccess(elsewhere, false, pod)).toEqual({
      type: 'config',
    });
  });

  it('prefers homelab.kubeconfig, then KUBECONFIG outside a pod', () => {
    expect(
      readClusterAccess(config({ kubeconfig: '/k/portal' }), true, pod),
    ).toEqual({ type: 'kubeconfig', path: '/k/portal' });
    expect(
      readClusterAccess(config(), false, {
        KUBECONFIG: `/k/a${path.delimiter}/k/b`,
      }),
    ).toEqual({ type: 'kubeconfig', path: '/k/a' });
    expect(readClusterAccess(config(), false, {})).toEqual({ type: 'config' });
  });
});
