import { at, isRecord } from '../workloads';
import type { LintObject, YamlPath } from '../types';
import { blockCoversPodNetwork } from './cidr';
import type { ClusterNetwork } from './clusterNetwork';
import type { EgressRule, PolicyUnit } from './model';
import { networkPolicyDnsPorts } from './ports';
import { defaultedPolicyTypes, egressTypePath } from './policyTypes';
import {
  describeRequirements,
  matches,
  POD_NAMESPACE_LABEL,
  requirementsOf,
} from './selectors';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function isKubernetesNetworkPolicy(object: LintObject): boolean {
  return (
    object.kind === 'NetworkPolicy' &&
    object.apiVersion.startsWith('networking.k8s.io/')
  );
}

/** A networking.k8s.io NetworkPolicy as the API defines it; undefined if unreadable. */
export function kubernetesPolicyUnit(
  policy: LintObject,
  network: ClusterNetwork,
): PolicyUnit | undefined {
  const pods = requirementsOf(at(policy.value, ['spec', 'podSelector']));
  if (!pods || policy.namespace === null) return undefined;
  const isolatesEgress = defaultedPolicyTypes(policy).includes('Egress');
  const rules = at(policy.value, ['spec', 'egress']);
  const allow: EgressRule[] = [];
  // Egress rules count only when Egress is among the (defaulted) policy types.
  if (isolatesEgress && Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      if (isRecord(rule))
        allow.push(egressRule(policy, rule, ['spec', 'egress', i], network));
    });
  }
  return {
    object: policy,
    flavour: 'kubernetes',
    subject: [
      ...pods,
      { key: POD_NAMESPACE_LABEL, operator: 'In', values: [policy.namespace] },
    ],
    isolatesEgress,
    isolationPath: egressTypePath(policy),
    allow,
    deny: [],
  };
}

function egressRule(
  policy: LintObject,
  rule: Record<string, any>,
  path: YamlPath,
  network: ClusterNetwork,
): EgressRule {
  const ports = networkPolicyDnsPorts(rule.ports, path);
  const base = { object: policy, path, ports, proxied: false };
  // No `to` (or an empty one) means every destination.
  if (!Array.isArray(rule.to) || rule.to.length === 0)
    return { ...base, reachesDns: true };
  let miss: EgressRule['miss'];
  for (let j = 0; j < rule.to.length; j++) {
    const peerPath: YamlPath = [...path, 'to', j];
    const verdict = peerVerdict(rule.to[j], policy.namespace!, network);
    if (verdict === true) return { ...base, reachesDns: true };
    miss ??= {
      path: verdict.ipBlock ? [...peerPath, 'ipBlock', 'cidr'] : peerPath,
      reason: verdict.reason,
    };
  }
  return { ...base, reachesDns: false, miss };
}

function peerVerdict(
  peer: unknown,
  namespace: string,
  network: ClusterNetwork,
): true | { reason: string; ipBlock?: boolean } {
  const dnsPods = `pods labelled ${describeRequirements(
    requirementsOf({ matchLabels: network.dnsPodLabels })!,
  )} in ${network.dnsNamespace}`;
  if (!isRecord(peer)) return { reason: 'the peer is not a mapping' };
  if (isRecord(peer.ipBlock)) {
    const { cidr, except } = peer.ipBlock;
    if (blockCoversPodNetwork(cidr, except, network.podCidrs)) return true;
    return {
      ipBlock: true,
      reason: `ipBlock ${cidr}${
        Array.isArray(except) && except.length
          ? ` (except ${except.join(', ')})`
          : ''
      } does not take in the whole pod network ${network.podCidrs.join(
        ', ',
      )} (lint option podCidrs); policies see the DNS pods' own addresses after the Service's address translation, so a block of the service CIDR alone does not allow DNS`,
    };
  }
  const podSelector = requirementsOf(peer.podSelector);
  const podsMatch =
    peer.podSelector === undefined ||
    (!!podSelector && matches(podSelector, network.dnsPodLabels));
  if (peer.namespaceSelector !== undefined) {
    const namespaces = requirementsOf(peer.namespaceSelector);
    const namespaceMatches =
      !!namespaces &&
      matches(namespaces, { [NAMESPACE_NAME_LABEL]: network.dnsNamespace });
    if (namespaceMatches && podsMatch) return true;
    return {
      reason: `the peer selects no ${dnsPods} (namespaces are matched by their labels, such as ${NAMESPACE_NAME_LABEL})`,
    };
  }
  if (peer.podSelector !== undefined) {
    if (namespace === network.dnsNamespace && podsMatch) return true;
    return {
      reason: `a podSelector without namespaceSelector selects pods of ${namespace} only, not the ${dnsPods}`,
    };
  }
  return { reason: 'the peer names no destination' };
}
