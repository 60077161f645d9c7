import type { LintObject } from '../types';

/** Policy CRDs of other network plugins (Calico, Antrea, AdminNetworkPolicy): seen, not judged. */
export function isOtherPolicyKind(object: LintObject): boolean {
  if (object.isPatch || !/NetworkPolicy$/.test(object.kind)) return false;
  return /^(projectcalico\.org|crd\.projectcalico\.org|crd\.antrea\.io|policy\.networking\.k8s\.io)\//.test(
    object.apiVersion,
  );
}

/** Cluster-scoped policies, which may select pods of any namespace. */
export const CLUSTER_WIDE_POLICY_KINDS = [
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'ClusterNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
];
