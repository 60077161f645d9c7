import { ServiceSpec } from '../spec/serviceSpec';
import {
  metadata,
  NAMESPACE_NAME_LABEL,
  NAME_LABEL,
  selectorLabels,
} from './labels';
import { resolveDataPlane } from './gatewayDataPlane';
import type { KnownServices } from './knownServices';
import { podPortOf } from './podPorts';
import { KeyComment, YamlDoc } from './yamlFile';

export function renderService(spec: ServiceSpec): YamlDoc {
  return {
    value: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(spec),
      spec: {
        type: 'ClusterIP',
        selector: selectorLabels(spec),
        ports: spec.ports.map(p => ({
          name: p.name,
          port: p.port,
          targetPort: p.name,
          protocol: p.protocol,
        })),
      },
    },
  };
}

export function renderHttpRoute(
  spec: ServiceSpec,
  baseDomain: string,
): YamlDoc {
  const gateway = spec.gateway!;
  const port = spec.ports.find(p => p.protocol === 'TCP')!;
  const parentRef: Record<string, unknown> = {
    name: gateway.name,
    namespace: gateway.namespace,
  };
  if (gateway.sectionName) parentRef.sectionName = gateway.sectionName;
  return {
    value: {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: metadata(spec),
      spec: {
        parentRefs: [parentRef],
        hostnames: spec.hostnames.map(h =>
          h.includes('.') ? h : `${h}.${baseDomain}`,
        ),
        rules: [{ backendRefs: [{ name: spec.name, port: port.port }] }],
      },
    },
    comments: [
      {
        path: ['spec', 'parentRefs'],
        text: 'The Gateway lives in another namespace; its listener must allow routes from\nthis one (allowedRoutes.namespaces).',
      },
    ],
  };
}

const DNS_PEER = {
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

/** Private, link-local and carrier-grade NAT ranges stay closed even with allowInternet. */
export const NON_INTERNET_RANGES = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '169.254.0.0/16',
];

/** Ollama's own listening port (OLLAMA_HOST's default), whatever port its Service has. */
export const OLLAMA_PORT = 11434;

export interface RenderedPolicy {
  /** The NetworkPolicy, then a CiliumNetworkPolicy for a Cilium Gateway. */
  docs: YamlDoc[];
  /** Ports that could not be read from the known manifests, and what was assumed. */
  warnings: string[];
}

export function renderNetworkPolicy(
  spec: ServiceSpec,
  known?: KnownServices,
): RenderedPolicy {
  const warnings: string[] = [];
  const comments: KeyComment[] = [];
  const servicePorts = spec.ports.map(p => ({
    port: p.port,
    protocol: p.protocol,
  }));
  const namespacePeer = (ns: string) => ({
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: ns } },
  });

  const ingress: Array<Record<string, unknown>> = [];
  const extraDocs: YamlDoc[] = [];
  if (spec.gateway && spec.hostnames.length > 0) {
    const plane = resolveDataPlane(spec.gateway);
    if (plane.kind === 'cilium-ingress') {
      extraDocs.push(renderCiliumGatewayIngress(spec));
    } else {
      if (plane.assumed) warnings.push(`networkpolicy.yaml: ${plane.assumed}`);
      const peer: Record<string, unknown> = namespacePeer(plane.pods.namespace);
      if (Object.keys(plane.pods.podLabels).length > 0)
        peer.podSelector = { matchLabels: plane.pods.podLabels };
      comments.push({
        path: ['spec', 'ingress'],
        text: plane.assumed
          ? `Unchecked: ${plane.assumed}.`
          : `The Gateway's proxy pods (${plane.pods.namespace}) forward the routed traffic.`,
      });
      ingress.push({ from: [peer], ports: servicePorts });
    }
  }
  for (const client of spec.ingress) {
    const peer: Record<string, unknown> = namespacePeer(client.namespace);
    if (client.app)
      peer.podSelector = { matchLabels: { [NAME_LABEL]: client.app } };
    ingress.push({ from: [peer], ports: servicePorts });
  }

  const egress: Array<Record<string, unknown>> = [
    {
      to: [DNS_PEER],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    },
  ];
  for (const target of egressTargets(spec)) {
    const resolved = podPortOf(target, known, target.fallback);
    if (resolved.warning) {
      warnings.push(`networkpolicy.yaml: ${resolved.warning}`);
      comments.push({
        path: ['spec', 'egress', egress.length, 'ports'],
        text: `Unchecked: ${resolved.warning}.`,
      });
    }
    egress.push({
      to: [
        {
          ...namespacePeer(target.namespace),
          podSelector: { matchLabels: { [NAME_LABEL]: target.app } },
        },
      ],
      ports: [{ port: resolved.port, protocol: target.protocol }],
    });
  }
  if (spec.allowInternet) {
    egress.push({
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: NON_INTERNET_RANGES } }],
    });
  }

  const doc: YamlDoc = {
    value: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(spec),
      spec: {
        podSelector: { matchLabels: selectorLabels(spec) },
        policyTypes: ['Ingress', 'Egress'],
        ingress,
        egress,
      },
    },
    comments: [
      {
        path: ['spec', 'policyTypes'],
        text: 'Selecting the pods for both directions denies everything not listed below.',
      },
      {
        path: ['spec', 'egress'],
        text: "DNS first: without it every name lookup times out, even for allowed targets.\nPorts are the pods' ports: a policy sees traffic after the Service's translation.",
      },
      ...comments,
    ],
  };
  return { docs: [doc, ...extraDocs], warnings };
}

/**
 * Cilium's Gateway API is served by its Envoy (cilium-envoy or the agent's), which
 * reaches the pods with the reserved `ingress` identity: no NetworkPolicy peer selects
 * it, so the allowance is a CiliumNetworkPolicy with fromEntities: [ingress].
 */
function renderCiliumGatewayIngress(spec: ServiceSpec): YamlDoc {
  return {
    value: {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: metadata(spec, `${spec.name}-from-gateway`),
      spec: {
        endpointSelector: { matchLabels: selectorLabels(spec) },
        ingress: [
          {
            fromEntities: ['ingress'],
            toPorts: [
              {
                ports: spec.ports.map(p => ({
                  port: String(p.port),
                  protocol: p.protocol,
                })),
              },
            ],
          },
        ],
      },
    },
    comments: [
      {
        path: ['spec', 'ingress'],
        text: "Cilium's Gateway forwards with the reserved ingress identity, which a\nNetworkPolicy cannot select; Cilium adds this allowance to the NetworkPolicy above.",
      },
    ],
  };
}

interface EgressTarget {
  namespace: string;
  app: string;
  /** The Service port the client calls. */
  port: number;
  protocol: 'TCP' | 'UDP';
  /** Used when the pod port cannot be read from the manifests. */
  fallback: { port: number; why: string };
}

/**
 * The declared allow-list plus the Ollama Service named by ollama.baseUrl when it is an
 * in-cluster address (<service>.<namespace>.svc...), assuming the rendered convention
 * that the Service and its pods' app.kubernetes.io/name share the name.
 */
export function egressTargets(spec: ServiceSpec): EgressTarget[] {
  const targets: EgressTarget[] = spec.egress.map(t => ({
    ...t,
    fallback: { port: t.port, why: 'the Service port of the spec' },
  }));
  const ollama = spec.ollama && clusterServiceOf(spec.ollama.baseUrl);
  if (
    ollama &&
    !targets.some(t => t.namespace === ollama.namespace && t.app === ollama.app)
  ) {
    targets.push({
      ...ollama,
      protocol: 'TCP',
      fallback: { port: OLLAMA_PORT, why: "Ollama's own port" },
    });
  }
  return targets;
}

function clusterServiceOf(url: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const match = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.cluster\.local)?$/.exec(
    parsed.hostname,
  );
  if (!match) return undefined;
  const defaultPort = parsed.protocol === 'https:' ? 443 : 80;
  const port = parsed.port ? Number(parsed.port) : defaultPort;
  return { app: match[1], namespace: match[2], port };
}
