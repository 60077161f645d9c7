import type { LintObject, YamlPath } from '../types';
import type { DnsPorts } from './ports';
import type { Requirement } from './selectors';

/** One egress (or egressDeny) rule, judged only for what DNS needs. */
export interface EgressRule {
  object: LintObject;
  path: YamlPath;
  /** Can one of its destinations be a cluster DNS pod? */
  reachesDns: boolean;
  /** A destination that looks meant for DNS but cannot be it, and why. */
  miss?: { path: YamlPath; reason: string };
  ports: DnsPorts;
  /** Cilium: a port-53 entry carries rules.dns, so the DNS proxy sees lookups. */
  proxied: boolean;
  /** Cilium toFQDNs, which only match names the DNS proxy has seen. */
  fqdnPath?: YamlPath;
}

/** A policy (or one rule of a Cilium policy's specs) reduced to its egress meaning. */
export interface PolicyUnit {
  object: LintObject;
  flavour: 'kubernetes' | 'cilium';
  /** Pods it selects, the namespace as the label io.kubernetes.pod.namespace. */
  subject: Requirement[];
  /** Puts the selected pods into default-deny egress. */
  isolatesEgress: boolean;
  isolationPath: YamlPath;
  allow: EgressRule[];
  deny: EgressRule[];
}
