import { at, isRecord, podTemplateOf, PodTemplate } from '../workloads';
import type { LintObject, Rule, YamlPath } from '../types';
import { isCiliumPolicy } from '../network/ciliumPolicy';
import { isKubernetesNetworkPolicy } from '../network/kubernetesPolicy';
import {
  CLUSTER_WIDE_POLICY_KINDS,
  isOtherPolicyKind,
} from '../network/otherPolicies';

function groupByNamespace<T>(
  items: T[],
  namespaceOf: (item: T) => string | null,
): Map<string | null, T[]> {
  const result = new Map<string | null, T[]>();
  for (const item of items) {
    const key = namespaceOf(item);
    const list = result.get(key);
    if (list) list.push(item);
    else result.set(key, [item]);
  }
  return result;
}

function podsByNamespace(
  objects: LintObject[],
): Map<string | null, PodTemplate[]> {
  const pods = objects.map(podTemplateOf).filter((p): p is PodTemplate => !!p);
  return groupByNamespace(pods, p => p.object.namespace);
}

function byNamespace(objects: LintObject[]): Map<string | null, LintObject[]> {
  return groupByNamespace(objects, o => o.namespace);
}

function ofKind(
  objects: LintObject[],
  kind: string,
  apiGroup?: string,
): LintObject[] {
  return objects.filter(
    o =>
      o.kind === kind &&
      !o.isPatch &&
      (apiGroup === undefined || o.apiVersion.startsWith(apiGroup)),
  );
}

/** Only namespaces where the input has pods are judged: elsewhere the pods may live in other files. */
export const serviceTargetsPodRule: Rule = ctx => {
  const pods = podsByNamespace(ctx.objects);
  for (const service of ofKind(ctx.objects, 'Service')) {
    const selector = at(service.value, ['spec', 'selector']);
    const candidates = pods.get(service.namespace);
    if (
      !isRecord(selector) ||
      Object.keys(selector).length === 0 ||
      !candidates
    )
      continue;
    const matches = candidates.some(pod =>
      Object.entries(selector).every(
        ([key, value]) => pod.labels[key] === value,
      ),
    );
    if (!matches) {
      ctx.report(
        service,
        'service-targets-pod',
        ['spec', 'selector'],
        `Service ${service.name} selects ${Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}, which no pod template in namespace ${
          service.namespace
        } carries`,
        'Make the selector match the labels under spec.template.metadata.labels of the workload.',
      );
    }
  }
};

/** Judged only for target namespaces where the input has Services. */
export const httpRouteBackendRule: Rule = ctx => {
  const services = byNamespace(ofKind(ctx.objects, 'Service'));
  for (const route of ctx.objects) {
    if (!['HTTPRoute', 'GRPCRoute'].includes(route.kind) || route.isPatch)
      continue;
    if (!route.apiVersion.startsWith('gateway.networking.k8s.io/')) continue;
    const rules = at(route.value, ['spec', 'rules']);
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      const refs = isRecord(rule) ? rule.backendRefs : undefined;
      if (!Array.isArray(refs)) return;
      refs.forEach((ref, j) => {
        if (
          !isRecord(ref) ||
          (ref.kind ?? 'Service') !== 'Service' ||
          (ref.group ?? '') !== ''
        )
          return;
        const path: YamlPath = ['spec', 'rules', i, 'backendRefs', j];
        const namespace =
          typeof ref.namespace === 'string' ? ref.namespace : route.namespace;
        const inNamespace = services.get(namespace) ?? [];
        if (inNamespace.length === 0) return;
        const target = inNamespace.find(s => s.name === ref.name);
        if (!target) {
          ctx.report(
            route,
            'httproute-backend',
            [...path, 'name'],
            `backendRef ${
              ref.name
            } names no Service in namespace ${namespace} (known: ${inNamespace
              .map(s => s.name)
              .join(', ')})`,
            'Point the backendRef at an existing Service name.',
          );
          return;
        }
        const ports = (at(target.value, ['spec', 'ports']) ?? []) as any[];
        if (ref.port === undefined) {
          ctx.report(
            route,
            'httproute-backend',
            path,
            `backendRef ${ref.name} has no port`,
            `Add port: one of ${ports.map(p => p?.port).join(', ')}.`,
          );
        } else if (!ports.some(p => isRecord(p) && p.port === ref.port)) {
          ctx.report(
            route,
            'httproute-backend',
            [...path, 'port'],
            `Service ${ref.name} has no port ${ref.port}`,
            `Use one of the Service ports: ${ports
              .map(p => p?.port)
              .join(', ')}.`,
          );
        }
      });
    });
  }
};

export { networkPolicyDnsEgressRule } from '../network/dnsEgressRule';

export const networkPolicyNamespaceLabelRule: Rule = ctx => {
  for (const policy of ofKind(
    ctx.objects,
    'NetworkPolicy',
    'networking.k8s.io/',
  )) {
    for (const [direction, peers] of [
      ['ingress', 'from'],
      ['egress', 'to'],
    ] as const) {
      const rules = at(policy.value, ['spec', direction]);
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule, i) => {
        const list = isRecord(rule) ? rule[peers] : undefined;
        if (!Array.isArray(list)) return;
        list.forEach((peer, j) => {
          const selector = isRecord(peer) ? peer.namespaceSelector : undefined;
          if (!isRecord(selector)) return;
          const path: YamlPath = [
            'spec',
            direction,
            i,
            peers,
            j,
            'namespaceSelector',
          ];
          const usesName =
            (isRecord(selector.matchLabels) &&
              'name' in selector.matchLabels) ||
            (Array.isArray(selector.matchExpressions) &&
              selector.matchExpressions.some((e: any) => e?.key === 'name'));
          if (usesName) {
            ctx.report(
              policy,
              'networkpolicy-namespace-label',
              isRecord(selector.matchLabels) && 'name' in selector.matchLabels
                ? [...path, 'matchLabels', 'name']
                : path,
              'namespaceSelector uses a "name" label, which namespaces do not carry unless someone adds it',
              'Select on kubernetes.io/metadata.name, which Kubernetes sets on every namespace.',
            );
          }
        });
      });
    }
  }
};

/** Any policy kind counts: Kubernetes, Cilium, Calico or Antrea. */
export const podNetworkPolicyRule: Rule = ctx => {
  const policies = ctx.objects.filter(
    o =>
      isKubernetesNetworkPolicy(o) || isCiliumPolicy(o) || isOtherPolicyKind(o),
  );
  if (policies.some(p => CLUSTER_WIDE_POLICY_KINDS.includes(p.kind))) return;
  const covered = new Set(policies.map(p => p.namespace));
  for (const [namespace, pods] of podsByNamespace(ctx.objects)) {
    if (covered.has(namespace)) continue;
    for (const pod of pods) {
      ctx.report(
        pod.object,
        'pod-networkpolicy',
        ['kind'],
        `${pod.object.kind} ${pod.object.name} runs in namespace ${namespace}, which has no NetworkPolicy in the input`,
        'Add a NetworkPolicy that selects these pods and allows only the traffic they need (plus DNS).',
      );
    }
  }
};
