import type { Finding, LintObject, RuleContext, YamlPath } from '../types';
import { portalProxyGrants, ProxyGrant } from './grants';
import type { PortalAccount, ProxyCheck } from './types';

export const PORTAL_PROXY_RULE = 'portal-service-proxy';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The proxy resource name the portal requests for a check (ClusterClient.proxyGet). */
export const proxyName = (check: Pick<ProxyCheck, 'service' | 'port'>) =>
  `${check.service}:${check.port}`;

function roleRuleText(check: ProxyCheck): string {
  return `{apiGroups: [""], resources: [services/proxy], resourceNames: ["${proxyName(
    check,
  )}"], verbs: [get]}`;
}

/**
 * Least privilege both ways: each `http` check through the service proxy has a Role
 * in its namespace granting the portal get on that one Service port, and the portal
 * is granted services/proxy nowhere else and for nothing else. Object findings go
 * through ctx; findings on plan lines are returned.
 */
export function portalProxyFindings(
  ctx: RuleContext,
  checks: ProxyCheck[],
  account: PortalAccount,
): Finding[] {
  const grants = portalProxyGrants(ctx.objects, account);
  const who = `ServiceAccount ${account.namespace}/${account.name}`;
  const allowed = new Map<string, Set<string>>();
  for (const check of checks) {
    const names = allowed.get(check.namespace) ?? new Set<string>();
    names.add(proxyName(check)).add(`http:${proxyName(check)}`);
    allowed.set(check.namespace, names);
  }
  const reported = new Set<string>();
  const once = (key: string) => !reported.has(key) && !!reported.add(key);

  for (const grant of grants) judgeGrant(ctx, grant, allowed, who, once);

  const findings: Finding[] = [];
  for (const check of checks) {
    const covered = grants.some(
      g =>
        g.namespace === check.namespace &&
        list(g.rule.verbs).some(v => v === 'get' || v === '*') &&
        (!g.rule.resourceNames ||
          list(g.rule.resourceNames).includes(proxyName(check))),
    );
    if (covered) continue;
    findings.push({
      rule: PORTAL_PROXY_RULE,
      severity: 'error',
      file: check.file,
      line: check.line,
      kind: null,
      name: null,
      namespace: check.namespace,
      message: `The http check of service ${proxyName(
        check,
      )} goes through the service proxy, but no Role in namespace ${
        check.namespace
      } grants ${who} get on services/proxy "${proxyName(check)}"`,
      fix: `Add a Role in ${check.namespace} with the rule ${roleRuleText(
        check,
      )} and a RoleBinding of it to ${who} (as manifests/karakeep/portal-proxy-rbac.yaml does), or remove the check.`,
    });
  }
  return findings;
}

function judgeGrant(
  ctx: RuleContext,
  grant: ProxyGrant,
  allowed: Map<string, Set<string>>,
  who: string,
  once: (key: string) => boolean,
) {
  const { binding, role, rulePath, rule, namespace } = grant;
  const where = `${role.kind} ${role.name}`;
  const ruleKey = `${role.file}\0${role.kind}\0${role.name}\0${rulePath.join(
    '.',
  )}`;
  const report = (
    key: string,
    object: LintObject,
    path: YamlPath,
    message: string,
    fix: string,
  ) => {
    if (once(key)) ctx.report(object, PORTAL_PROXY_RULE, path, message, fix);
  };
  if (namespace === null) {
    report(
      `${binding.file}\0${binding.name}`,
      binding,
      ['roleRef'],
      `ClusterRoleBinding ${binding.name} gives ${who} services/proxy in every namespace through ${where}`,
      'Grant services/proxy with a Role and RoleBinding in each namespace whose phase plan has an http check, never cluster-wide.',
    );
    return;
  }
  const names = allowed.get(namespace);
  if (!names) {
    report(
      `${binding.file}\0${binding.name}\0${namespace}`,
      binding,
      ['roleRef'],
      `${binding.kind} ${binding.name} gives ${who} services/proxy in namespace ${namespace} through ${where}, but no phase plan declares an http check through the service proxy there`,
      `Remove the grant, or declare the check in the plan (<!-- check: http namespace=${namespace} service=... port=... -->).`,
    );
    return;
  }
  const resources = list(rule.resources);
  if (resources.some(r => r !== 'services/proxy'))
    report(
      `${ruleKey}\0resources`,
      role,
      [...rulePath, 'resources'],
      `${where} grants ${resources.join(
        ', ',
      )} to ${who}; the cutover checks need only services/proxy`,
      'Give the services/proxy grant a rule of its own: resources: [services/proxy].',
    );
  const verbs = list(rule.verbs);
  if (verbs.length !== 1 || verbs[0] !== 'get')
    report(
      `${ruleKey}\0verbs`,
      role,
      [...rulePath, 'verbs'],
      `${where} grants ${who} services/proxy with verbs [${verbs.join(
        ', ',
      )}]; a check only GETs`,
      'Use verbs: [get].',
    );
  if (!Array.isArray(rule.resourceNames) || rule.resourceNames.length === 0) {
    report(
      `${ruleKey}\0names`,
      role,
      rulePath,
      `${where} grants ${who} services/proxy for every Service in namespace ${namespace}`,
      `List the Service ports the plan's checks name: resourceNames: [${[
        ...names,
      ]
        .filter(n => !n.startsWith('http:'))
        .map(n => `"${n}"`)
        .join(', ')}].`,
    );
    return;
  }
  rule.resourceNames.forEach((name, index) => {
    if (names.has(String(name))) return;
    report(
      `${ruleKey}\0name\0${name}`,
      role,
      [...rulePath, 'resourceNames', index],
      `${where} grants ${who} services/proxy "${name}" in namespace ${namespace}, but no phase plan checks that Service port`,
      `Remove "${name}", or declare the check in the plan (the name is <service>:<port> as the check writes them).`,
    );
  });
}
