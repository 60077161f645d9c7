import type { NormalizedCompose, NormalizedService } from '../normalize';
import type { StackRole } from './types';

export interface Classified {
  role: StackRole;
  runsIn?: string[];
}

/**
 * The role of each service: `network_mode: service:<x>` joins x's pod; a one-shot
 * service (`restart: "no"` without ports, or one others wait for with
 * `condition: service_completed_successfully`) becomes init containers of the services
 * that wait for it, or a Job when none does; everything else a Deployment.
 */
export function classifyServices(
  project: NormalizedCompose,
): Record<string, Classified> {
  const waiters: Record<string, string[]> = {};
  for (const [name, service] of Object.entries(project.services)) {
    for (const [dep, how] of Object.entries(service.depends_on ?? {})) {
      if (how.condition === 'service_completed_successfully')
        (waiters[dep] ??= []).push(name);
    }
  }
  const result: Record<string, Classified> = {};
  for (const [name, service] of Object.entries(project.services)) {
    const host = sharedNetworkOf(service);
    if (host !== undefined) result[name] = { role: 'sidecar', runsIn: [host] };
    else if (waiters[name])
      result[name] = { role: 'init', runsIn: waiters[name] };
    else if (isOneShot(service)) result[name] = { role: 'job' };
    else result[name] = { role: 'deployment' };
  }
  return result;
}

/** The service whose network `network_mode: service:<x>` joins. */
export function sharedNetworkOf(
  service: NormalizedService,
): string | undefined {
  const mode = service.network_mode;
  return mode?.startsWith('service:')
    ? mode.slice('service:'.length)
    : undefined;
}

function isOneShot(service: NormalizedService): boolean {
  return (
    service.restart === 'no' &&
    (service.ports ?? []).length === 0 &&
    (service.expose ?? []).length === 0
  );
}
