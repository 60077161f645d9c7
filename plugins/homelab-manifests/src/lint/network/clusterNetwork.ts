import { parseCidr } from './cidr';
import type { Labels } from './selectors';

/** What the DNS check has to know about the cluster; see LintOptions. */
export interface ClusterNetwork {
  /** Pod networks: DNS pods are reached at addresses inside them. */
  podCidrs: string[];
  dnsNamespace: string;
  dnsPodLabels: Labels;
}

/**
 * k3s's default --cluster-cidr. kubeadm has no default of its own: it is what
 * --pod-network-cidr was given, usually the CNI's (Flannel 10.244.0.0/16, Calico
 * 192.168.0.0/16); Cilium's cluster-pool IPAM defaults to 10.0.0.0/8.
 */
export const DEFAULT_POD_CIDRS = ['10.42.0.0/16'];

/** CoreDNS as kubeadm, k3s and Talos deploy it: kube-system, k8s-app=kube-dns. */
export const DEFAULT_CLUSTER_DNS = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns' } as Labels,
};

/** The lint options' cluster network, defaults filled; throws naming a bad CIDR. */
export function clusterNetworkOf(options: {
  podCidrs?: string[];
  clusterDns?: { namespace: string; podLabels: Labels };
}): ClusterNetwork {
  const podCidrs = options.podCidrs ?? DEFAULT_POD_CIDRS;
  for (const cidr of podCidrs) {
    if (!parseCidr(cidr))
      throw new Error(
        `podCidrs: "${cidr}" is not a CIDR; give the pod network such as 10.42.0.0/16`,
      );
  }
  const dns = options.clusterDns ?? DEFAULT_CLUSTER_DNS;
  return {
    podCidrs,
    dnsNamespace: dns.namespace,
    dnsPodLabels: dns.podLabels,
  };
}
