import { at, isRecord, podTemplateOf, PodTemplate } from '../workloads';
import type { LintObject, Rule, YamlPath } from '../types';

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

function policyTypes(policy: LintObject): string[] {
  const types = at(policy.value, ['spec', 'policyTypes']);
  if (Array.isArray(types)) return types;
  return at(policy.value, ['spec', 'egress']) !== undefined
    ? ['Ingress', 'Egress']
    : ['Ingress'];
}

function allowsDns(policy: LintObject): boolean {
  const egress = at(policy.value, ['spec', 'egress']);
  if (!Array.isArray(egress)) return false;
  return egress.some(rule => {
    if (!isRecord(rule)) return false;
    const ports = rule.ports;
    if (!Array.isArray(ports) || ports.length === 0) return true;
    return ports.some(
      p =>
        isRecord(p) &&
        (p.port === 53 || p.port === 'dns') &&
        (p.protocol ?? 'UDP') === 'UDP',
    );
  });
}

/** Does `wide` select every pod `narrow` selects? (matchLabels subset, no expressions.) */
function covers(wide: LintObject, narrow: LintObject): boolean {
  const wideSelector = at(wide.value, ['spec', 'podSelector']) ?? {};
  if (
    isRecord(wideSelector) &&
    Array.isArray(wideSelector.matchExpressions) &&
    wideSelector.matchExpressions.length > 0
  ) {
    return wide === narrow;
  }
  const wideLabels = isRecord(wideSelector.matchLabels)
    ? wideSelector.matchLabels
    : {};
  const narrowLabels =
    at(narrow.value, ['spec', 'podSelector', 'matchLabels']) ?? {};
  return Object.entries(wideLabels).every(([k, v]) => narrowLabels[k] === v);
}

export const networkPolicyDnsEgressRule: Rule = ctx => {
  const all = ofKind(ctx.objects, 'NetworkPolicy', 'networking.k8s.io/');
  const grouped = byNamespace(all);
  for (const policy of all) {
    if (!policyTypes(policy).includes('Egress')) continue;
    const dnsAllowed = (grouped.get(policy.namespace) ?? []).some(
      other =>
        policyTypes(other).includes('Egress') &&
        covers(other, policy) &&
        allowsDns(other),
    );
    if (!dnsAllowed) {
      ctx.report(
        policy,
        'networkpolicy-dns-egress',
        at(policy.value, ['spec', 'policyTypes'])
          ? ['spec', 'policyTypes']
          : ['spec'],
        `NetworkPolicy ${policy.name} restricts egress but nothing in namespace ${policy.namespace} lets its pods reach DNS`,
        'Add an egress rule to kube-system pods labelled k8s-app: kube-dns on port 53 UDP and TCP.',
      );
    }
  }
};

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

export const podNetworkPolicyRule: Rule = ctx => {
  const covered = new Set(
    ofKind(ctx.objects, 'NetworkPolicy', 'networking.k8s.io/').map(
      p => p.namespace,
    ),
  );
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
