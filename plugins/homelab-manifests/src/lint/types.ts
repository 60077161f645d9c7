import type { Document, LineCounter } from 'yaml';
import type { PodSecurityLevel } from '../spec/serviceSpec';
import type { ClusterNetwork } from './network/clusterNetwork';
import type { PortalAccount, ProxyCheck } from './portalProxy/types';

export type Severity = 'error' | 'warning' | 'info';

/** One problem found by `lintManifests`; `line` is 1-based. */
export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  kind: string | null;
  name: string | null;
  namespace: string | null;
  message: string;
  fix: string;
}

export interface LintInput {
  /** Shown in findings; also used to find sibling kustomization.yaml files. */
  path: string;
  content: string;
}

export interface LintOptions {
  /** Enforced level for namespaces without a Namespace object in the input. */
  pssLevel?: PodSecurityLevel;
  /**
   * Pod networks of the cluster, for ipBlock DNS rules; default k3s's 10.42.0.0/16
   * (see DEFAULT_POD_CIDRS for kubeadm and Cilium).
   */
  podCidrs?: string[];
  /** Namespace and pod labels of the cluster DNS; default kube-system, k8s-app=kube-dns. */
  clusterDns?: { namespace: string; podLabels: Record<string, string> };
  /**
   * The `http` checks through the service proxy that the phase plans declare (see
   * proxyChecksOfPlans). When given, the portal-service-proxy rule holds the portal's
   * services/proxy grants to exactly these.
   */
  proxyChecks?: ProxyCheck[];
  /** The portal's ServiceAccount; default homelab-portal in namespace portal. */
  portalAccount?: PortalAccount;
}

export interface LintResult {
  files: number;
  objects: number;
  findings: Finding[];
  summary: Record<Severity, number>;
}

export type YamlPath = (string | number)[];

/** A parsed Kubernetes-looking document of the input. */
export interface LintObject {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  value: any;
  apiVersion: string;
  kind: string;
  name: string | null;
  /** metadata.namespace, else the kustomization's namespace, else "default"; null when cluster-scoped. */
  namespace: string | null;
  /** A Kustomize patch: judged only by rules that make sense on fragments. */
  isPatch: boolean;
}

export interface RuleContext {
  objects: LintObject[];
  /** The pod networks and cluster DNS the network rules judge against. */
  network: ClusterNetwork;
  /** Level a check of `level` would be reported at for objects in `namespace`. */
  pssSeverity(
    namespace: string | null,
    level: 'baseline' | 'restricted',
  ): Severity | undefined;
  report(
    object: LintObject,
    rule: string,
    path: YamlPath,
    message: string,
    fix: string,
    severity?: Severity,
  ): void;
}

export type Rule = (ctx: RuleContext) => void;
