import type { ServiceSpecInput } from '../spec/serviceSpec';
import { parseQuantity } from '../util/values';
import type { UnmappedKey } from './importComposeService';
import { isMapping } from './normalize/load';
import type { NormalizedService } from './normalize';
import { composeCpus, composeMemory } from './composeValues';

/** Requests and limits from deploy.resources or the v2 mem_limit/cpus keys (bytes and numbers after normalization). */
export function mapResources(
  service: NormalizedService,
  warnings: string[],
  unmapped: UnmappedKey[],
): ServiceSpecInput['resources'] {
  const deploy = isMapping(service.deploy) ? service.deploy : {};
  const res = isMapping(deploy.resources) ? deploy.resources : {};
  const limits = isMapping(res.limits) ? res.limits : {};
  const reservations = isMapping(res.reservations) ? res.reservations : {};
  for (const key of Object.keys(deploy)) {
    if (key !== 'resources' && key !== 'replicas') {
      unmapped.push({
        key: `deploy.${key}`,
        reason:
          'Swarm deployment settings have no equivalent in the service spec',
      });
    }
  }
  const limitMemory = composeMemory(limits.memory ?? service.mem_limit);
  const limitCpu = composeCpus(limits.cpus ?? service.cpus);
  const requestMemory = composeMemory(
    reservations.memory ?? service.mem_reservation,
  );
  const requestCpu = composeCpus(reservations.cpus);
  if (!limitMemory) {
    warnings.push(
      'no memory limit in compose; the draft uses 512Mi, measure the service and adjust',
    );
  }
  const resources: ServiceSpecInput['resources'] = {
    requests: {
      cpu: requestCpu ?? smaller('100m', limitCpu),
      memory: requestMemory ?? smaller('128Mi', limitMemory),
    },
    limits: { memory: limitMemory ?? '512Mi' },
  };
  if (limitCpu) resources.limits.cpu = limitCpu;
  return resources;
}

/** The default request, unless the limit is below it. */
function smaller(request: string, limit: string | undefined): string {
  if (!limit) return request;
  return parseQuantity(limit) < parseQuantity(request) ? limit : request;
}
