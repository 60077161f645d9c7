import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveScenario } from '../scenario/resolve';
import { FIXTURE_MANIFESTS } from '../sim';
import { buildCluster } from './build';
import { loadManifests } from './manifests';
import type { KubeObject } from './types';

function build(scenario: string, dir = FIXTURE_MANIFESTS) {
  const logs: string[] = [];
  const objects = buildCluster(
    loadManifests(dir, m => logs.push(m)),
    resolveScenario(scenario),
    m => logs.push(m),
  );
  return { objects, logs };
}

const pods = (objects: KubeObject[]) => objects.filter(o => o.kind === 'Pod');

describe('cluster state from manifests and scenario', () => {
  it('gives every Deployment a ReplicaSet and running pods spread over the nodes', () => {
    const { objects } = build('default');
    const rs = objects.find(
      o => o.kind === 'ReplicaSet' && o.metadata.namespace === 'karakeep',
    )!;
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.ownerReferences![0]).toMatchObject({
      kind: 'Deployment',
      name: 'karakeep',
      controller: true,
    });
    const karakeep = pods(objects).filter(
      p => p.metadata.labels?.['pod-template-hash'] === hash,
    );
    expect(karakeep).toHaveLength(2);
    expect(new Set(karakeep.map(p => p.spec.nodeName)).size).toBe(2);
    expect(
      karakeep[0].status.containerStatuses[0].state.running.startedAt,
    ).toMatch(/Z$/);
    expect(karakeep[0].status.podIP).toMatch(/^10\.42\./);
    const deploy = objects.find(
      o => o.kind === 'Deployment' && o.metadata.name === 'karakeep',
    )!;
    expect(
      deploy.status.conditions.map((c: any) => `${c.type}=${c.status}`),
    ).toEqual(['Available=True', 'Progressing=True']);
    expect(
      objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.name),
    ).toEqual(
      expect.arrayContaining(['ai', 'karakeep', 'default', 'kube-system']),
    );
    expect(
      objects.filter(o => o.kind === 'Node').map(o => o.metadata.name),
    ).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('loads manifests with ${VAR} placeholders as they are and skips catalog-info.yaml', () => {
    const { objects } = build('default');
    const route = objects.find(o => o.kind === 'HTTPRoute')!;
    expect(route.spec.hostnames).toEqual(['ollama.${HOMELAB_DOMAIN}']);
    expect(objects.some(o => o.kind === 'Component')).toBe(false);
  });

  it('turns the failures scenario into three failing workloads with events', () => {
    const { objects } = build('failures');
    const byName = (prefix: string) =>
      pods(objects).filter(p => p.metadata.name.startsWith(prefix));
    const [ollama] = byName('ollama');
    const c = ollama.status.containerStatuses[0];
    expect(c.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(c.lastState.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(c.restartCount).toBeGreaterThan(0);

    const [meili] = byName('karakeep-meilisearch');
    expect(meili.status.phase).toBe('Pending');
    expect(meili.status.conditions[0]).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: '0/3 nodes are available: 3 Insufficient memory.',
    });

    const karakeep = pods(objects).filter(
      p => p.metadata.labels?.['app.kubernetes.io/name'] === 'karakeep',
    );
    expect(karakeep[0].status.containerStatuses[0].state.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "ghcr.io/karakeep-app/karakeep:0.99.0"',
    });

    const reasons = (pod: KubeObject) =>
      objects
        .filter(
          o => o.kind === 'Event' && o.involvedObject.uid === pod.metadata.uid,
        )
        .map(e => e.reason);
    expect(reasons(ollama)).toContain('BackOff');
    expect(reasons(meili)).toEqual(['FailedScheduling']);
    expect(reasons(karakeep[0])).toContain('Failed');
    const deploy = objects.find(
      o => o.kind === 'Deployment' && o.metadata.name === 'ollama',
    )!;
    expect(deploy.status).toMatchObject({
      readyReplicas: 0,
      unavailableReplicas: 1,
    });
  });

  it('adds a stand-in Deployment when a failure names a workload the manifests lack', () => {
    const logs: string[] = [];
    const scenario = resolveScenario({
      name: 'x',
      failures: [{ namespace: 'media', workload: 'immich', kind: 'crashLoop' }],
    });
    const objects = buildCluster([], scenario, m => logs.push(m));
    expect(
      pods(objects)[0].status.containerStatuses[0].state.waiting.reason,
    ).toBe('CrashLoopBackOff');
    expect(logs.join('\n')).toContain('media/immich');
  });

  it('reports a broken manifest by file name, skips it and serves the rest', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-sim-'));
    fs.cpSync(FIXTURE_MANIFESTS, dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'ai', 'broken.yaml'),
      'kind: Deployment\nmetadata:\n  name: [unclosed\n',
    );
    const { objects, logs } = build('default', dir);
    expect(
      logs.some(l => l.includes('broken.yaml') && l.includes('invalid YAML')),
    ).toBe(true);
    expect(
      objects.some(
        o => o.kind === 'Deployment' && o.metadata.name === 'ollama',
      ),
    ).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
