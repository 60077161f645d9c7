import type { ResolvedNode } from '../scenario/types';
import { hexFor, ts, uidFor } from './ids';
import { formatKi, parseBytes } from './quantity';
import type { KubeObject } from './types';

/** A k3s node as `kubectl get node -o yaml` shows it. */
export function buildNode(
  n: ResolvedNode,
  createdMs: number,
  kubeVersion: string,
): KubeObject {
  const roleLabels = Object.fromEntries(
    n.roles.map(r => [`node-role.kubernetes.io/${r}`, 'true']),
  );
  const memory = formatKi(parseBytes(n.memory));
  const since = ts(createdMs);
  const condition = (
    type: string,
    status: string,
    reason: string,
    message: string,
  ) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: ts(Date.now() - 20_000),
    lastTransitionTime: since,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      uid: uidFor(`node/${n.name}`),
      creationTimestamp: since,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/instance-type': 'k3s',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': 'k3s',
        // What node-feature-discovery would report for an i5-10400T (Comet Lake).
        'feature.node.kubernetes.io/cpu-model.vendor_id': 'Intel',
        'feature.node.kubernetes.io/cpu-model.family': '6',
        'feature.node.kubernetes.io/cpu-model.id': '165',
        ...roleLabels,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.42.${n.name.length}.0/24`,
      providerID: `k3s://${n.name}`,
    },
    status: {
      capacity: {
        cpu: String(n.cpu),
        'ephemeral-storage': '244506940Ki',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory,
        pods: '110',
      },
      allocatable: {
        cpu: String(n.cpu),
        'ephemeral-storage': '237859166777',
        'hugepages-1Gi': '0',
        'hugepages-2Mi': '0',
        memory,
        pods: '110',
      },
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        n.ready
          ? condition(
              'Ready',
              'True',
              'KubeletReady',
              'kubelet is posting ready status',
            )
          : condition(
              'Ready',
              'Unknown',
              'NodeStatusUnknown',
              'Kubelet stopped posting node status.',
            ),
      ],
      addresses: [
        { type: 'InternalIP', address: n.internalIP },
        { type: 'Hostname', address: n.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uidFor(`boot/${n.name}`),
        containerRuntimeVersion: 'containerd://2.0.4-k3s2',
        kernelVersion: '6.8.0-60-generic',
        kubeProxyVersion: n.kubeletVersion || kubeVersion,
        kubeletVersion: n.kubeletVersion || kubeVersion,
        machineID: hexFor(`machine/${n.name}`, 32),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.2 LTS',
        systemUUID: uidFor(`system/${n.name}`),
      },
    },
  };
}
