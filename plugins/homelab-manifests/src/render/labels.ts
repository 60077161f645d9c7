import { ServiceSpec } from '../spec/serviceSpec';

export const NAME_LABEL = 'app.kubernetes.io/name';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function selectorLabels(spec: ServiceSpec): Record<string, string> {
  return { [NAME_LABEL]: spec.name };
}

export function commonLabels(spec: ServiceSpec): Record<string, string> {
  return { [NAME_LABEL]: spec.name, [PART_OF_LABEL]: 'homelab' };
}

export function metadata(spec: ServiceSpec, name = spec.name) {
  return { name, namespace: spec.namespace.name, labels: commonLabels(spec) };
}

export function secretName(spec: ServiceSpec): string {
  return `${spec.name}-env`;
}

export function claimName(spec: ServiceSpec, volume: string): string {
  return `${spec.name}-${volume}`;
}
