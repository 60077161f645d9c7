import { loadObjects } from '../lint/loadObjects';
import { readLintInputs } from '../lint/readLintInputs';
import type { LintInput } from '../lint/types';
import { at, isRecord, podTemplateOf } from '../lint/workloads';

export interface KnownServicePort {
  name?: string;
  port: number;
  /** As written: a number, a container port name, or absent (the same as port). */
  targetPort?: number | string;
  protocol: string;
}

export interface KnownService {
  namespace: string;
  name: string;
  selector: Record<string, string>;
  ports: KnownServicePort[];
}

export interface KnownPodTemplate {
  namespace: string;
  labels: Record<string, string>;
  ports: Array<{ name?: string; containerPort: number; protocol: string }>;
}

/** Services and pod templates the renderer resolves in-cluster egress ports against. */
export interface KnownServices {
  services: KnownService[];
  pods: KnownPodTemplate[];
}

const strings = (value: unknown): Record<string, string> =>
  isRecord(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
    : {};

/**
 * Reads the Service and workload objects of manifests (e.g. the repository's
 * manifests/, as read by readLintInputs). Unparsable documents and patches are skipped:
 * this only feeds port lookups, the lint reports them.
 */
export function knownServicesFrom(inputs: LintInput[]): KnownServices {
  const result: KnownServices = { services: [], pods: [] };
  for (const object of loadObjects(inputs).objects) {
    if (object.isPatch || object.namespace === null) continue;
    if (
      object.kind === 'Service' &&
      object.apiVersion === 'v1' &&
      object.name
    ) {
      const ports = at(object.value, ['spec', 'ports']);
      result.services.push({
        namespace: object.namespace,
        name: object.name,
        selector: strings(at(object.value, ['spec', 'selector'])),
        ports: (Array.isArray(ports) ? ports : [])
          .filter(p => isRecord(p) && typeof p.port === 'number')
          .map(p => ({
            name: typeof p.name === 'string' ? p.name : undefined,
            port: p.port,
            targetPort:
              typeof p.targetPort === 'number' ||
              typeof p.targetPort === 'string'
                ? p.targetPort
                : undefined,
            protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
          })),
      });
      continue;
    }
    const pod = podTemplateOf(object);
    if (!pod) continue;
    const containers = Array.isArray(pod.spec.containers)
      ? pod.spec.containers
      : [];
    result.pods.push({
      namespace: object.namespace,
      labels: strings(pod.labels),
      ports: containers
        .flatMap((c: any) =>
          isRecord(c) && Array.isArray(c.ports) ? c.ports : [],
        )
        .filter((p: any) => isRecord(p) && typeof p.containerPort === 'number')
        .map((p: any) => ({
          name: typeof p.name === 'string' ? p.name : undefined,
          containerPort: p.containerPort,
          protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
        })),
    });
  }
  return result;
}

/**
 * knownServicesFrom over the .yaml files of a folder (the repository's manifests/),
 * read like `homelab lint` reads them; unreadable paths come back as problems.
 */
export function readKnownServices(dir: string): {
  known: KnownServices;
  problems: string[];
} {
  const read = readLintInputs([dir]);
  return { known: knownServicesFrom(read.inputs), problems: read.problems };
}
