import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { HomelabSim } from './sim';
import { startTestSim } from './testUtils';

const run = promisify(execFile);

describe('the real kubectl against the simulator', () => {
  let sim: HomelabSim;
  let dir: string;
  let kubectl: (...args: string[]) => Promise<string>;

  beforeAll(async () => {
    ({ sim } = await startTestSim());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sim-kubectl-'));
    const ca = path.join(dir, 'ca.pem');
    fs.writeFileSync(ca, sim.kubeCaPem);
    kubectl = async (...args) => {
      const { stdout } = await run(
        '/usr/bin/kubectl',
        [
          `--server=${sim.kubeUrl}`,
          `--token=${sim.token}`,
          `--certificate-authority=${ca}`,
          ...args,
        ],
        // An empty KUBECONFIG and cache dir keep the user's own cluster config out of it.
        {
          env: {
            ...process.env,
            KUBECONFIG: path.join(dir, 'none'),
            KUBECACHEDIR: path.join(dir, 'cache'),
          },
        },
      );
      return stdout;
    };
  });
  afterAll(async () => {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const lines = (out: string) =>
    out
      .trim()
      .split('\n')
      .map(l => l.trim().split(/\s{2,}/));

  it('get nodes', async () => {
    const rows = lines(await kubectl('get', 'nodes'));
    expect(rows[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(rows.slice(1).map(r => [r[0], r[1]])).toEqual([
      ['node-1', 'Ready'],
      ['node-2', 'Ready'],
      ['node-3', 'Ready'],
    ]);
  });

  it('get pods -A', async () => {
    const rows = lines(await kubectl('get', 'pods', '-A'));
    expect(rows[0]).toEqual([
      'NAMESPACE',
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
    ]);
    expect(rows.slice(1).map(r => [r[0], r[2], r[3]])).toEqual([
      ['ai', '1/1', 'Running'],
      ['karakeep', '1/1', 'Running'],
      ['karakeep', '1/1', 'Running'],
      ['karakeep', '1/1', 'Running'],
    ]);
  });

  it('get deploy,svc,httproute -n ai', async () => {
    const out = await kubectl('get', 'deploy,svc,httproute', '-n', 'ai');
    expect(out).toMatch(/deployment\.apps\/ollama\s+1\/1\s+1\s+1/);
    expect(out).toMatch(
      /service\/ollama\s+ClusterIP\s+10\.43\.\S+\s+<none>\s+11434\/TCP/,
    );
    expect(out).toMatch(/httproute\.gateway\.networking\.k8s\.io\/ollama/);
  });

  it('top pods -n ai', async () => {
    const rows = lines(await kubectl('top', 'pods', '-n', 'ai'));
    expect(rows[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(rows[1][0]).toMatch(/^ollama-/);
    expect(rows[1].slice(1)).toEqual(['5m', '200Mi']);
  });

  it('get pods -l app.kubernetes.io/name=ollama -n ai -o yaml', async () => {
    const out = await kubectl(
      'get',
      'pods',
      '-l',
      'app.kubernetes.io/name=ollama',
      '-n',
      'ai',
      '-o',
      'yaml',
    );
    expect(out).toContain('kind: List');
    expect(out).toContain('image: ollama/ollama:0.12.6');
    expect(out).toMatch(/phase: Running/);
  });

  it('shows the failing pods after a scenario switch', async () => {
    await sim.setScenario('failures');
    const out = await kubectl('get', 'pods', '-A');
    expect(out).toMatch(/ollama-\S+\s+0\/1\s+CrashLoopBackOff\s+7 \(/);
    expect(out).toMatch(/karakeep-meilisearch-0\s+0\/1\s+Pending/);
    expect(out).toMatch(/karakeep-\S+\s+0\/1\s+ImagePullBackOff/);
    await sim.setScenario('fast');
  });
});
