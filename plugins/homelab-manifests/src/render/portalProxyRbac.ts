import type { ServiceSpec } from '../spec/serviceSpec';
import type { PortalAccount } from '../lint/portalProxy/types';
import { metadata } from './labels';
import type { YamlDoc } from './yamlFile';

/**
 * With spec.portalProbe: a Role granting the portal's ServiceAccount get on
 * services/proxy for the one Service port its cutover check names (the proxy resource
 * `<service>:<port>`, as the portal requests it), and its RoleBinding.
 */
export function renderPortalProxyRbac(
  spec: ServiceSpec,
  account: PortalAccount,
): YamlDoc[] {
  const probe = spec.portalProbe;
  if (!probe) return [];
  const name = `${account.name}-proxy-${spec.name}`;
  const role: YamlDoc = {
    header: `The portal's cutover check GETs ${probe.path} on this Service through the API server's\nservice proxy. get on services/proxy reaches whatever the Service serves, so it is\ngranted for this one port, in this namespace, never in the portal's ClusterRole.`,
    value: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: metadata(spec, name),
      rules: [
        {
          apiGroups: [''],
          resources: ['services/proxy'],
          resourceNames: [`${spec.name}:${probe.port}`],
          verbs: ['get'],
        },
      ],
    },
  };
  const binding: YamlDoc = {
    value: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata(spec, name),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name,
      },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: account.name,
          namespace: account.namespace,
        },
      ],
    },
  };
  return [role, binding];
}
