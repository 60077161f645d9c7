import type { NormalizedService } from './normalize';
import type { UnmappedKey } from './importComposeService';
import { BASELINE_CAPABILITIES } from '../util/podSecurityCapabilities';

/**
 * Host access that the service spec does not carry over, each with the Pod Security level
 * (Kubernetes Pod Security Standards) a namespace would need to allow it.
 */
export function podSecurityNeeds(service: NormalizedService): UnmappedKey[] {
  const needs: UnmappedKey[] = [];
  const mode = service.network_mode;
  if (mode === 'host')
    needs.push({
      key: 'network_mode',
      reason:
        'refused: host networking (hostNetwork) needs Pod Security privileged; reach the service through its Service instead',
    });
  else if (mode?.startsWith('service:') || mode?.startsWith('container:'))
    needs.push({
      key: 'network_mode',
      reason: `shares the network of "${
        mode.split(':')[1]
      }": import the whole file (--all) to run it as a container in that service's pod, or give it its own pod and Service`,
    });
  else if (mode !== undefined && mode !== 'bridge' && mode !== 'default')
    needs.push({
      key: 'network_mode',
      reason: `"${mode}" has no Kubernetes equivalent; pods have their own network namespace`,
    });
  if (service.privileged === true)
    needs.push({
      key: 'privileged',
      reason:
        'refused: privileged containers need Pod Security privileged (baseline and restricted refuse them)',
    });
  if (service.devices?.length)
    needs.push({
      key: 'devices',
      reason: `refused: host devices (${service.devices.join(
        ', ',
      )}) need hostPath volumes, which only Pod Security privileged allows, or a device plugin`,
    });
  const caps = (service.cap_add ?? []).map(c =>
    c.replace(/^CAP_/, '').toUpperCase(),
  );
  if (caps.length > 0) {
    const beyond = caps.filter(c => !BASELINE_CAPABILITIES.has(c));
    needs.push({
      key: 'cap_add',
      reason:
        beyond.length > 0
          ? `refused: ${beyond.join(
              ', ',
            )} needs Pod Security privileged (baseline allows only the default capabilities); find a way to run without it`
          : `refused: ${caps.join(
              ', ',
            )} is allowed by Pod Security baseline, not restricted; use a baseline namespace and add it in deployment.yaml`,
    });
  }
  return needs;
}
