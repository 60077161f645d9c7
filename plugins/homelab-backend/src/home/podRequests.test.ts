import { isNonTerminatedOn, podRequests } from './podRequests';
import type { RequestPod } from './types';

// References computed by hand from kubectl's documented rules (k8s.io/kubectl
// pkg/util/resource PodRequestsAndLimits, and "Resource sharing within
// containers" in the Kubernetes docs): effective request = overhead +
// max(sum of app and sidecar containers, max over init containers of that
// container plus the sidecars started before it).

const MiB = 2 ** 20;
const c = (name: string, cpu?: string, memory?: string) => ({
  name,
  resources: {
    requests: {
      ...(cpu ? { cpu } : {}),
      ...(memory ? { memory } : {}),
    },
  },
});
const pod = (
  spec: RequestPod['spec'],
  status?: RequestPod['status'],
): RequestPod => ({
  metadata: { name: 'p', namespace: 'ns' },
  spec,
  status: status ?? { phase: 'Running' },
});

describe('podRequests, as kubectl describe node sums them', () => {
  it('sums app containers', () => {
    expect(
      podRequests(
        pod({ containers: [c('a', '250m', '128Mi'), c('b', '0.5', '1Gi')] }),
      ),
    ).toEqual({ cpuMillicores: 750, memoryBytes: 1152 * MiB });
  });

  it('takes an init container larger than the app containers', () => {
    // app: 100m + 100m = 200m, 64Mi + 64Mi = 128Mi; init: 500m / 96Mi and 50m / 512Mi
    // cpu = max(200, 500, 50) = 500m, memory = max(128, 96, 512) = 512Mi
    expect(
      podRequests(
        pod({
          containers: [c('a', '100m', '64Mi'), c('b', '100m', '64Mi')],
          initContainers: [
            c('migrate', '500m', '96Mi'),
            c('fetch', '50m', '512Mi'),
          ],
        }),
      ),
    ).toEqual({ cpuMillicores: 500, memoryBytes: 512 * MiB });
  });

  it('adds sidecars to the app containers and to every init container after them', () => {
    // init order: setup (300m, 100Mi), proxy sidecar (100m, 50Mi), migrate (250m, 400Mi)
    // app: 200m / 200Mi, plus the sidecar: 300m / 250Mi
    // init candidates: setup 300m / 100Mi; proxy (cumulative sidecars) 100m / 50Mi;
    //   migrate + sidecars 350m / 450Mi  -> max 350m / 450Mi
    // pod: max(300, 350) = 350m, max(250, 450) = 450Mi
    expect(
      podRequests(
        pod({
          containers: [c('app', '200m', '200Mi')],
          initContainers: [
            c('setup', '300m', '100Mi'),
            { ...c('proxy', '100m', '50Mi'), restartPolicy: 'Always' },
            c('migrate', '250m', '400Mi'),
          ],
        }),
      ),
    ).toEqual({ cpuMillicores: 350, memoryBytes: 450 * MiB });
  });

  it('a sidecar before a small init container still counts with the app containers', () => {
    // app 1 CPU / 1Gi + sidecar 200m / 256Mi = 1200m / 1280Mi; init 100m+200m / 10Mi+256Mi
    expect(
      podRequests(
        pod({
          containers: [c('app', '1', '1Gi')],
          initContainers: [
            { ...c('log', '200m', '256Mi'), restartPolicy: 'Always' },
            c('wait', '100m', '10Mi'),
          ],
        }),
      ),
    ).toEqual({ cpuMillicores: 1200, memoryBytes: 1280 * MiB });
  });

  it('adds the pod overhead (RuntimeClass) on top', () => {
    expect(
      podRequests(
        pod({
          containers: [c('a', '100m', '100Mi')],
          overhead: { cpu: '250m', memory: '120Mi' },
        }),
      ),
    ).toEqual({ cpuMillicores: 350, memoryBytes: 220 * MiB });
  });

  it('counts no request as zero and reads decimal and binary suffixes exactly', () => {
    expect(
      podRequests(
        pod({
          containers: [
            c('a'),
            c('b', '1.5', '1.5G'),
            c('c', undefined, '1.1Gi'),
          ],
        }),
      ),
    ).toEqual({
      cpuMillicores: 1500,
      memoryBytes: 1_500_000_000 + Math.ceil(1.1 * 2 ** 30),
    });
  });

  it('takes the larger of spec and allocated resources during a resize', () => {
    const spec = { containers: [c('a', '500m', '256Mi')] };
    const status = (resize?: string) => ({
      phase: 'Running',
      ...(resize ? { resize } : {}),
      containerStatuses: [
        {
          name: 'a',
          ready: true,
          restartCount: 0,
          allocatedResources: { cpu: '1', memory: '128Mi' },
        },
      ],
    });
    expect(podRequests(pod(spec, status()))).toEqual({
      cpuMillicores: 1000,
      memoryBytes: 256 * MiB,
    });
    expect(podRequests(pod(spec, status('Infeasible')))).toEqual({
      cpuMillicores: 1000,
      memoryBytes: 128 * MiB,
    });
  });
});

describe('isNonTerminatedOn', () => {
  const on = (nodeName: string | undefined, phase: string) =>
    pod({ nodeName, containers: [] }, { phase });
  it('keeps Pending, Running and Unknown pods of the node', () => {
    for (const phase of ['Pending', 'Running', 'Unknown'])
      expect(isNonTerminatedOn(on('node-1', phase), 'node-1')).toBe(true);
  });
  it('excludes terminated pods and pods of other nodes or none', () => {
    expect(isNonTerminatedOn(on('node-1', 'Succeeded'), 'node-1')).toBe(false);
    expect(isNonTerminatedOn(on('node-1', 'Failed'), 'node-1')).toBe(false);
    expect(isNonTerminatedOn(on('node-2', 'Running'), 'node-1')).toBe(false);
    expect(isNonTerminatedOn(on(undefined, 'Pending'), 'node-1')).toBe(false);
  });
});
