import type { CutoverCheck } from '@internal/plugin-homelab-common';

/** What a check looks at, as a person reads it. */
export function describeCheck(check: CutoverCheck): string {
  switch (check.kind) {
    case 'pods':
      return `pods ${check.selector} in ${check.namespace} Running and Ready (at least ${check.min})`;
    case 'deployment':
    case 'statefulset':
      return `${check.kind} ${check.name} in ${check.namespace} has all replicas available`;
    case 'pvc':
      return `PVC ${check.name} in ${check.namespace} is Bound`;
    case 'httproute':
      return `HTTPRoute ${check.name} in ${check.namespace} is Accepted with resolved refs`;
    case 'service':
      return `Service ${check.name} in ${check.namespace} has ready endpoints`;
    case 'ollama-model':
      return `${check.model} is in Ollama`;
    case 'http':
      return check.via === 'service'
        ? `GET ${check.path} on service ${check.service}:${check.port} in ${check.namespace} answers ${check.status.text}`
        : `GET ${check.url} answers ${check.status.text}`;
    default:
      return (check as CutoverCheck).key;
  }
}
