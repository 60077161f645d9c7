import { podTemplateOf } from '../workloads';
import type {
  LintObject,
  Rule,
  RuleContext,
  Severity,
  YamlPath,
} from '../types';
import { ciliumPolicyUnits, isCiliumPolicy } from './ciliumPolicy';
import {
  isKubernetesNetworkPolicy,
  kubernetesPolicyUnit,
} from './kubernetesPolicy';
import type { EgressRule, PolicyUnit } from './model';
import { isOtherPolicyKind } from './otherPolicies';
import {
  describeRequirements,
  implies,
  Labels,
  matches,
  POD_NAMESPACE_LABEL,
} from './selectors';

const RULE = 'networkpolicy-dns-egress';

interface Subject {
  name: string;
  /** Does this policy unit select the subject's pods? */
  appliesTo(unit: PolicyUnit): boolean;
}

/**
 * Every pod a policy puts into default-deny egress must be allowed UDP 53 (and should
 * be allowed TCP 53) to a destination that can be the cluster DNS, by the union of the
 * policies selecting it, with no Cilium deny rule in the way. Pods of the input are
 * judged one by one; a policy selecting none of them stands for the pods it selects.
 */
export const networkPolicyDnsEgressRule: Rule = ctx => {
  const units = ctx.objects.flatMap(o => unitsOf(o, ctx));
  const pods = podSubjects(ctx.objects);
  const reported = new Set<string>();
  const report = (
    object: LintObject,
    path: YamlPath,
    message: string,
    fix: string,
    severity: Severity = 'error',
  ) => {
    const key = JSON.stringify([
      object.file,
      object.kind,
      object.name,
      object.namespace,
      path,
    ]);
    if (reported.has(key)) return;
    reported.add(key);
    ctx.report(object, RULE, path, message, fix, severity);
  };

  for (const unit of units.filter(u => u.isolatesEgress)) {
    const selected = pods.filter(p => matches(unit.subject, p.labels));
    const subjects: Subject[] =
      selected.length > 0
        ? selected.map(p => ({
            name: p.name,
            appliesTo: u => matches(u.subject, p.labels),
          }))
        : [
            {
              name: describeSubject(unit),
              appliesTo: u => implies(unit.subject, u.subject),
            },
          ];
    for (const subject of subjects) {
      const applicable = units.filter(u => subject.appliesTo(u));
      if (judge(unit, subject, applicable, ctx, report)) break;
    }
  }

  for (const object of ctx.objects.filter(isOtherPolicyKind)) {
    ctx.report(
      object,
      RULE,
      ['kind'],
      `${object.kind} ${object.name} (${object.apiVersion}) is not checked for DNS egress`,
      'Check by hand that pods it puts into default-deny egress may still reach the cluster DNS on UDP and TCP 53.',
      'info',
    );
  }
};

function unitsOf(object: LintObject, ctx: RuleContext): PolicyUnit[] {
  if (isKubernetesNetworkPolicy(object)) {
    const unit = kubernetesPolicyUnit(object, ctx.network);
    return unit ? [unit] : [];
  }
  return isCiliumPolicy(object) ? ciliumPolicyUnits(object, ctx.network) : [];
}

function podSubjects(objects: LintObject[]) {
  return objects.flatMap(object => {
    const pod = podTemplateOf(object);
    if (!pod || object.namespace === null) return [];
    const labels: Labels = { [POD_NAMESPACE_LABEL]: object.namespace };
    for (const [k, v] of Object.entries(pod.labels)) labels[k] = String(v);
    return [{ name: `${object.kind} ${object.name}`, labels }];
  });
}

function describeSubject(unit: PolicyUnit): string {
  const labels = unit.subject.filter(r => r.key !== POD_NAMESPACE_LABEL);
  const where = namespaceOf(unit);
  return labels.length === 0
    ? `every pod in ${where}`
    : `pods labelled ${describeRequirements(labels)} in ${where}`;
}

function namespaceOf(unit: PolicyUnit): string {
  const scope = unit.subject.find(
    r => r.key === POD_NAMESPACE_LABEL && r.operator === 'In',
  );
  return scope ? scope.values.join(',') : 'every namespace';
}

type Report = (
  object: LintObject,
  path: YamlPath,
  message: string,
  fix: string,
  severity?: Severity,
) => void;

/** Reports what keeps one subject from DNS; true when it reported a problem. */
function judge(
  unit: PolicyUnit,
  subject: Subject,
  applicable: PolicyUnit[],
  ctx: RuleContext,
  report: Report,
): boolean {
  const dns = `the cluster DNS (pods labelled ${Object.entries(
    ctx.network.dnsPodLabels,
  )
    .map(([k, v]) => `${k}=${v}`)
    .join(',')} in ${ctx.network.dnsNamespace})`;
  const allow = applicable.flatMap(u => u.allow);
  const deny = applicable.flatMap(u => u.deny);
  const udp = allow.filter(r => r.reachesDns && r.ports.udp);
  const tcp = allow.filter(r => r.reachesDns && r.ports.tcp);
  let problem = false;

  for (const rule of deny.filter(r => r.reachesDns && r.ports.udp)) {
    report(
      rule.object,
      rule.path,
      `egressDeny blocks UDP 53 to ${dns} for ${subject.name}; deny rules win over every allow rule`,
      'Narrow the egressDeny rule so it leaves port 53 to the DNS pods open.',
    );
    problem = true;
  }
  if (udp.length === 0) {
    problem = true;
    const tcpOnly = tcp;
    const missed = allow.filter(
      r => !r.reachesDns && r.miss && (r.ports.udp || r.ports.tcp),
    );
    if (tcpOnly.length > 0) {
      for (const rule of tcpOnly) {
        report(
          rule.object,
          rule.ports.tcp!,
          `allows port 53 over TCP only (a NetworkPolicy port without protocol is TCP), so every DNS lookup of ${subject.name}, which goes over UDP, is dropped`,
          'Add the same port with protocol: UDP (keep TCP 53 for large answers).',
        );
      }
    } else if (missed.length > 0) {
      for (const rule of missed) {
        report(
          rule.object,
          rule.miss!.path,
          `port 53 is allowed only to a destination that cannot be ${dns} for ${
            subject.name
          }: ${rule.miss!.reason}`,
          fixFor(unit),
        );
      }
    } else {
      report(
        unit.object,
        unit.isolationPath,
        `${unit.object.kind} ${unit.object.name} restricts egress of ${subject.name}, and no egress rule selecting it allows UDP 53 to ${dns}`,
        fixFor(unit),
      );
    }
  } else if (tcp.length === 0) {
    const rule = udp[0];
    report(
      rule.object,
      rule.ports.udp!,
      `allows DNS over UDP but nothing allows TCP 53 for ${subject.name}: answers too large for UDP (many records, DNSSEC) are retried over TCP and fail`,
      'Add port 53 with protocol: TCP next to the UDP one.',
      'warning',
    );
  }
  problem = judgeFqdns(allow, udp, subject, report) || problem;
  return problem;
}

function judgeFqdns(
  allow: EgressRule[],
  udp: EgressRule[],
  subject: Subject,
  report: Report,
): boolean {
  if (udp.length === 0 || udp.some(r => r.proxied)) return false;
  const fqdn = allow.filter(r => r.fqdnPath);
  for (const rule of fqdn) {
    report(
      rule.object,
      rule.fqdnPath!,
      `toFQDNs only matches names Cilium's DNS proxy has seen, and no DNS rule for ${subject.name} has rules.dns, so this rule allows nothing`,
      'Add rules: { dns: [{ matchPattern: "*" }] } to the toPorts entry of port 53 in the DNS egress rule.',
    );
  }
  return fqdn.length > 0;
}

function fixFor(unit: PolicyUnit): string {
  return unit.flavour === 'cilium'
    ? 'Add an egress rule with toEndpoints k8s:io.kubernetes.pod.namespace: kube-system and k8s:k8s-app: kube-dns, toPorts port "53" protocol ANY, with rules.dns matchPattern "*".'
    : 'Add an egress rule to namespaceSelector kubernetes.io/metadata.name: kube-system with podSelector k8s-app: kube-dns, ports 53 UDP and 53 TCP.';
}
