import { lintManifests } from '../lint/lintManifests';
import { parseServiceSpec } from '../spec/parseServiceSpec';
import { renderManifests } from './renderManifests';

const worker = {
  name: 'worker',
  owner: 'group:default/homelab-admins',
  namespace: { name: 'media', create: true },
  image: 'ghcr.io/org/worker:1.0.0',
  ports: [],
  resources: {
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { memory: '256Mi' },
  },
  egress: [{ namespace: 'media', app: 'redis', port: 6379 }],
};

describe('a workload without ports', () => {
  it('renders a Deployment without Service or route, and a policy that allows no ingress', () => {
    const parsed = parseServiceSpec(worker);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.problems));
    const files = renderManifests(parsed.spec);
    const paths = files.map(f => f.path);
    expect(paths).toContain('media/worker/deployment.yaml');
    expect(paths).not.toContain('media/worker/service.yaml');
    expect(paths.some(p => p.endsWith('httproute.yaml'))).toBe(false);
    const policy = files.find(
      f => f.path === 'media/worker/networkpolicy.yaml',
    )!;
    expect(policy.content).toContain('ingress: []');
    const deployment = files.find(
      f => f.path === 'media/worker/deployment.yaml',
    )!;
    expect(deployment.content).not.toMatch(/containerPort|readinessProbe/);
    const kustomization = files.find(
      f => f.path === 'media/worker/kustomization.yaml',
    )!;
    expect(kustomization.content).not.toContain('service.yaml');
    const lint = lintManifests(files, {});
    expect(lint.findings.filter(f => f.severity === 'error')).toEqual([]);
  });

  it('refuses hostnames, ingress clients or probes, which need a port', () => {
    const parsed = parseServiceSpec({
      ...worker,
      hostnames: ['worker'],
      gateway: { name: 'gw', namespace: 'gateway' },
      ingress: [{ namespace: 'media' }],
      probes: { type: 'tcp' },
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.problems.map(p => p.path).sort()).toEqual([
      'hostnames',
      'ingress',
      'probes',
    ]);
  });
});
