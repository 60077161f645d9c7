import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  HomelabSim,
  portalConfigData,
  startTestSim,
} from '@internal/homelab-sim';
import { ClusterClient } from './ClusterClient';

describe('ClusterClient with a kubeconfig (homelab.kubeconfig)', () => {
  let sim: HomelabSim;
  let dir: string;
  beforeAll(async () => {
    sim = (await startTestSim()).sim;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-kubeconfig-'));
  });
  afterAll(async () => {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const config = (kubeconfig: string) =>
    new ConfigReader(
      portalConfigData(
        sim,
        { kubeconfig },
        { url: 'https://kubernetes.default.svc', serviceAccountToken: '' },
      ),
    );

  it("reads the cluster of the kubeconfig's current context", async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(path.join(dir, 'ca.crt'), sim.kubeCaPem);
    fs.writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: lab',
        'clusters:',
        '- name: lab',
        '  cluster:',
        `    server: ${sim.kubeUrl}`,
        '    certificate-authority: ca.crt',
        'users:',
        '- name: me',
        '  user:',
        `    token: ${sim.token}`,
        'contexts:',
        '- name: lab',
        '  context: {cluster: lab, user: me}',
        '',
      ].join('\n'),
    );
    const client = ClusterClient.fromConfig(config(file));
    expect(client.server).toBe(sim.kubeUrl);
    await expect(client.listNodes()).resolves.toHaveLength(3);
  });

  it('names the file when the kubeconfig cannot be read', () => {
    const missing = path.join(dir, 'missing');
    expect(() => ClusterClient.fromConfig(config(missing))).toThrow(
      `the kubeconfig ${missing} (homelab.kubeconfig or KUBECONFIG) could not be read`,
    );
  });
});
