import type { ServiceSpecInput } from '../spec/serviceSpec';
import type { UnmappedKey } from './importComposeService';
import { ComposeFile, ComposeService, isMapping } from './composeFile';
import { toDnsLabel } from './composeValues';
import { firstPort, urlPortsTo } from './ports';

/** One egress rule per depends_on entry and per service whose URL the service uses. */
export function mapEgress(
  file: ComposeFile,
  serviceName: string,
  service: ComposeService,
  namespace: string,
  unmapped: UnmappedKey[],
): NonNullable<ServiceSpecInput['egress']> {
  const deps = Array.isArray(service.depends_on)
    ? service.depends_on.map(String)
    : Object.keys(isMapping(service.depends_on) ? service.depends_on : {});
  const referenced = Object.keys(file.services).filter(
    other => other !== serviceName && urlPortsTo(service, other).length > 0,
  );
  const egress: NonNullable<ServiceSpecInput['egress']> = [];
  for (const dep of [...new Set([...deps, ...referenced])]) {
    const target = file.services[dep];
    if (!target) {
      unmapped.push({
        key: `depends_on.${dep}`,
        reason: `"${dep}" is not a service of this file`,
      });
      continue;
    }
    const port = urlPortsTo(service, dep)[0] ?? firstPort(file, dep, target);
    if (port === undefined) {
      unmapped.push({
        key: `depends_on.${dep}`,
        reason: `no port known for "${dep}"; add an egress entry with the port it listens on`,
      });
      continue;
    }
    egress.push({ namespace, app: toDnsLabel(dep), port, protocol: 'TCP' });
  }
  return egress;
}
