import { at, isRecord } from '../workloads';
import type { LintObject, YamlPath } from '../types';
import type { ClusterNetwork } from './clusterNetwork';
import type { EgressRule, PolicyUnit } from './model';
import { ciliumDnsPorts } from './ports';
import {
  matches,
  POD_NAMESPACE_LABEL,
  Requirement,
  requirementsOf,
  withoutSource,
} from './selectors';

const KINDS = ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'];

/** Destinations of a Cilium egress rule besides toPorts (the L3 part). */
const L3_FIELDS = [
  'toEndpoints',
  'toCIDR',
  'toCIDRSet',
  'toEntities',
  'toServices',
  'toFQDNs',
  'toNodes',
  'toGroups',
];

/** Entities that take in the cluster's pods, the DNS pods among them. */
const DNS_ENTITIES = ['cluster', 'all'];

export function isCiliumPolicy(object: LintObject): boolean {
  return (
    KINDS.includes(object.kind) && object.apiVersion.startsWith('cilium.io/')
  );
}

/** One unit per rule: `spec` and each of `specs` are rules of their own. */
export function ciliumPolicyUnits(
  policy: LintObject,
  network: ClusterNetwork,
): PolicyUnit[] {
  const rules: Array<[unknown, YamlPath]> = [];
  const spec = at(policy.value, ['spec']);
  if (spec !== undefined) rules.push([spec, ['spec']]);
  const specs = at(policy.value, ['specs']);
  if (Array.isArray(specs))
    specs.forEach((s, i) => rules.push([s, ['specs', i]]));
  return rules
    .map(([rule, path]) => unit(policy, rule, path, network))
    .filter((u): u is PolicyUnit => !!u);
}

/** A namespaced policy's endpointSelector only ever selects its own namespace's endpoints. */
function ownNamespace(policy: LintObject, requirements: Requirement[]) {
  if (policy.kind !== 'CiliumNetworkPolicy' || policy.namespace === null)
    return requirements;
  return [
    ...requirements,
    {
      key: POD_NAMESPACE_LABEL,
      operator: 'In' as const,
      values: [policy.namespace],
    },
  ];
}

/** toEndpoints of a namespaced policy: its own namespace unless the selector names one. */
function peerScope(policy: LintObject, requirements: Requirement[]) {
  return requirements.some(r => r.key === POD_NAMESPACE_LABEL)
    ? requirements
    : ownNamespace(policy, requirements);
}

function unit(
  policy: LintObject,
  rule: unknown,
  path: YamlPath,
  network: ClusterNetwork,
): PolicyUnit | undefined {
  // nodeSelector rules are host policies: they select nodes, not pods.
  if (!isRecord(rule) || rule.nodeSelector !== undefined) return undefined;
  const selected = requirementsOf(rule.endpointSelector, withoutSource);
  if (!selected) return undefined;
  const list = (field: 'egress' | 'egressDeny') =>
    (Array.isArray(rule[field]) ? rule[field] : [])
      .map((r: unknown, i: number) =>
        isRecord(r)
          ? egressRule(policy, r, [...path, field, i], network)
          : undefined,
      )
      .filter((r: EgressRule | undefined): r is EgressRule => !!r);
  const allow = list('egress');
  const deny = list('egressDeny');
  // enableDefaultDeny defaults to true for a direction that has (allow or deny) rules.
  const defaultDeny = isRecord(rule.enableDefaultDeny)
    ? rule.enableDefaultDeny.egress
    : undefined;
  const hasRules = allow.length > 0 || deny.length > 0;
  return {
    object: policy,
    flavour: 'cilium',
    subject: ownNamespace(policy, selected),
    isolatesEgress: defaultDeny === undefined ? hasRules : defaultDeny === true,
    isolationPath: [
      ...path,
      allow.length > 0 || deny.length === 0 ? 'egress' : 'egressDeny',
    ],
    allow,
    deny,
  };
}

function egressRule(
  policy: LintObject,
  rule: Record<string, any>,
  path: YamlPath,
  network: ClusterNetwork,
): EgressRule {
  const ports = ciliumDnsPorts(rule.toPorts, path);
  const hasToPorts = Array.isArray(rule.toPorts) && rule.toPorts.length > 0;
  const present = L3_FIELDS.filter(
    f => Array.isArray(rule[f]) && rule[f].length > 0,
  );
  const base = {
    object: policy,
    path,
    ports: { udp: ports.udp, tcp: ports.tcp },
    proxied: ports.proxied,
    fqdnPath: present.includes('toFQDNs') ? [...path, 'toFQDNs'] : undefined,
  };
  // An explicitly empty list (toEndpoints: []) selects no peer at all.
  if (L3_FIELDS.some(f => Array.isArray(rule[f]) && rule[f].length === 0))
    return { ...base, reachesDns: false, ports: {} };
  // No destination but ports: every destination on those ports. Nothing at all
  // (`- {}`): no destination, which is how Cilium spells deny-all.
  if (present.length === 0)
    return {
      ...base,
      reachesDns: hasToPorts,
      ports: hasToPorts ? base.ports : {},
    };

  const dnsLabels = {
    ...network.dnsPodLabels,
    [POD_NAMESPACE_LABEL]: network.dnsNamespace,
  };
  const endpoints: unknown[] = Array.isArray(rule.toEndpoints)
    ? rule.toEndpoints
    : [];
  const endpointHit = endpoints.some(selector => {
    const requirements = requirementsOf(selector, withoutSource);
    return (
      !!requirements && matches(peerScope(policy, requirements), dnsLabels)
    );
  });
  const entities: unknown[] = Array.isArray(rule.toEntities)
    ? rule.toEntities
    : [];
  if (endpointHit || entities.some(e => DNS_ENTITIES.includes(String(e))))
    return { ...base, reachesDns: true };

  let miss: EgressRule['miss'];
  if (endpoints.length > 0) {
    miss = {
      path: [...path, 'toEndpoints'],
      reason: `toEndpoints selects no endpoint labelled ${Object.entries(
        network.dnsPodLabels,
      )
        .map(([k, v]) => `${k}=${v}`)
        .join(',')} in ${network.dnsNamespace}${
        policy.kind === 'CiliumNetworkPolicy'
          ? ` (without a k8s:${POD_NAMESPACE_LABEL} label a selector only matches the policy's own namespace, ${policy.namespace})`
          : ''
      }`,
    };
  } else if (present.includes('toCIDR') || present.includes('toCIDRSet')) {
    miss = {
      path: [...path, present.includes('toCIDR') ? 'toCIDR' : 'toCIDRSet'],
      reason:
        'Cilium CIDR rules never match pods the cluster manages, so they cannot allow the DNS pods; use toEndpoints',
    };
  } else if (entities.length > 0) {
    miss = {
      path: [...path, 'toEntities'],
      reason: `entities ${entities.join(
        ', ',
      )} do not take in the DNS pods (cluster or all do)`,
    };
  }
  return { ...base, reachesDns: false, miss };
}
