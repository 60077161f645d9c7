import { isRecord } from '../workloads';
import type { LintObject, YamlPath } from '../types';
import type { PortalAccount } from './types';

/** A rule of a Role or ClusterRole that lets its subjects reach services/proxy. */
export interface ProxyGrant {
  /** The RoleBinding or ClusterRoleBinding that gives it to the portal. */
  binding: LintObject;
  /** The Role or ClusterRole holding the rule. */
  role: LintObject;
  rulePath: YamlPath;
  rule: Record<string, unknown>;
  /** Null for a ClusterRoleBinding: every namespace. */
  namespace: string | null;
}

const RBAC = 'rbac.authorization.k8s.io/v1';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * As the RBAC authorizer matches: "services/proxy" itself, "*" and "*\/proxy"
 * (there is no "services/*" wildcard), in the core group or "*".
 */
export function reachesServiceProxy(rule: Record<string, unknown>): boolean {
  const groups = list(rule.apiGroups);
  const resources = list(rule.resources);
  return (
    (groups.includes('') || groups.includes('*')) &&
    resources.some(r => r === 'services/proxy' || r === '*' || r === '*/proxy')
  );
}

/** Whether a binding's subjects include the portal's account, by name or by group. */
function bindsPortal(binding: LintObject, account: PortalAccount): boolean {
  return list(binding.value.subjects).some(subject => {
    if (!isRecord(subject)) return false;
    if (subject.kind === 'ServiceAccount')
      return (
        subject.name === account.name &&
        (subject.namespace ?? binding.namespace) === account.namespace
      );
    return (
      subject.kind === 'Group' &&
      [
        'system:authenticated',
        'system:serviceaccounts',
        `system:serviceaccounts:${account.namespace}`,
      ].includes(String(subject.name))
    );
  });
}

/** Every services/proxy rule the portal's account is given by the objects. */
export function portalProxyGrants(
  objects: LintObject[],
  account: PortalAccount,
): ProxyGrant[] {
  const rbac = objects.filter(o => o.apiVersion === RBAC);
  const find = (kind: string, name: unknown, namespace: string | null) =>
    rbac.find(
      o =>
        o.kind === kind &&
        o.name === name &&
        (kind === 'ClusterRole' || o.namespace === namespace),
    );
  const grants: ProxyGrant[] = [];
  for (const binding of rbac) {
    if (binding.kind !== 'RoleBinding' && binding.kind !== 'ClusterRoleBinding')
      continue;
    if (!bindsPortal(binding, account)) continue;
    const ref = isRecord(binding.value.roleRef) ? binding.value.roleRef : {};
    const role = find(String(ref.kind), ref.name, binding.namespace);
    if (!role) continue;
    list(role.value.rules).forEach((rule, index) => {
      if (isRecord(rule) && reachesServiceProxy(rule))
        grants.push({
          binding,
          role,
          rulePath: ['rules', index],
          rule,
          namespace: binding.kind === 'RoleBinding' ? binding.namespace : null,
        });
    });
  }
  return grants;
}
