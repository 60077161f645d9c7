import { NAME_LABEL } from './labels';
import type { KnownServices } from './knownServices';

export interface PodPortTarget {
  namespace: string;
  /** Service name, also the app.kubernetes.io/name of its pods by the rendered convention. */
  app: string;
  /** The port clients call: the Service's port. */
  port: number;
  protocol: 'TCP' | 'UDP';
}

export interface PodPort {
  port: number;
  /** Set when the pod port could not be read from the manifests: what was assumed. */
  warning?: string;
}

/**
 * NetworkPolicy ports are the pods' ports after the Service's translation: the target
 * Service's targetPort, a name resolved against the pod templates it selects. Without
 * the Service (or its port) among the known manifests, `fallback` is used and said so.
 */
export function podPortOf(
  target: PodPortTarget,
  known: KnownServices | undefined,
  fallback: { port: number; why: string },
): PodPort {
  const where = `${target.app}.${target.namespace}`;
  const assume = (problem: string): PodPort => ({
    port: fallback.port,
    warning: `${problem}; the policy allows port ${fallback.port} (${fallback.why}), change it if the pods listen elsewhere`,
  });
  if (!known)
    return assume(`no manifests were given to look up the Service ${where}`);
  const inNamespace = known.services.filter(
    s => s.namespace === target.namespace,
  );
  const service =
    inNamespace.find(s => s.name === target.app) ??
    inNamespace.find(s => s.selector[NAME_LABEL] === target.app);
  if (!service) return assume(`no Service ${where} in the manifests given`);
  const servicePort = service.ports.find(
    p => p.port === target.port && p.protocol === target.protocol,
  );
  if (!servicePort)
    return assume(
      `Service ${where} has no port ${target.port}/${target.protocol} (it has ${
        service.ports.map(p => `${p.port}/${p.protocol}`).join(', ') || 'none'
      })`,
    );
  const targetPort = servicePort.targetPort ?? servicePort.port;
  if (typeof targetPort === 'number') return { port: targetPort };
  if (/^\d+$/.test(targetPort)) return { port: Number(targetPort) };

  const selected = known.pods.filter(
    pod =>
      pod.namespace === service.namespace &&
      Object.keys(service.selector).length > 0 &&
      Object.entries(service.selector).every(([k, v]) => pod.labels[k] === v),
  );
  const numbers = new Set(
    selected.flatMap(pod =>
      pod.ports
        .filter(p => p.name === targetPort && p.protocol === target.protocol)
        .map(p => p.containerPort),
    ),
  );
  if (numbers.size === 1) return { port: [...numbers][0] };
  if (numbers.size > 1)
    return assume(
      `Service ${where} port ${
        target.port
      } targets "${targetPort}", which its pods give different numbers (${[
        ...numbers,
      ].join(', ')})`,
    );
  return assume(
    `Service ${where} port ${target.port} targets the port name "${targetPort}", which no pod template it selects in the manifests given declares`,
  );
}
