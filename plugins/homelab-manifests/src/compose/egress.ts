import type { ServiceSpecInput } from '../spec/serviceSpec';
import type { UnmappedKey } from './importComposeService';
import { toDnsLabel } from './composeValues';
import type { NormalizedCompose, NormalizedService } from './normalize';
import { firstPort, urlPortsTo } from './ports';

/** The services a service talks to: depends_on, links and services named in its environment URLs. */
export function peersOf(
  project: NormalizedCompose,
  serviceName: string,
  service: NormalizedService,
): string[] {
  const deps = Object.keys(service.depends_on ?? {});
  const links = (service.links ?? []).map(l => l.split(':')[0]);
  const referenced = Object.keys(project.services).filter(
    other => other !== serviceName && urlPortsTo(service, other).length > 0,
  );
  return [...new Set([...deps, ...links, ...referenced])];
}

/** One egress rule per peer (see peersOf), to the port the peer's pods listen on. */
export function mapEgress(
  project: NormalizedCompose,
  serviceName: string,
  service: NormalizedService,
  namespace: string,
  unmapped: UnmappedKey[],
): NonNullable<ServiceSpecInput['egress']> {
  const egress: NonNullable<ServiceSpecInput['egress']> = [];
  for (const dep of peersOf(project, serviceName, service)) {
    const target = project.services[dep];
    if (!target) {
      unmapped.push({
        key: `depends_on.${dep}`,
        reason: `"${dep}" is not an active service of this file (another profile, or missing)`,
      });
      continue;
    }
    const port = urlPortsTo(service, dep)[0] ?? firstPort(project, dep, target);
    if (port === undefined) {
      if (
        service.depends_on?.[dep]?.condition !==
        'service_completed_successfully'
      )
        unmapped.push({
          key: `depends_on.${dep}`,
          reason: `"${dep}" listens on no known port, so no egress rule was drafted; add one if the service connects to it`,
        });
      continue;
    }
    egress.push({ namespace, app: toDnsLabel(dep), port, protocol: 'TCP' });
  }
  return egress;
}
