import { podSecurityLevels, PodSecurityLevel } from '../spec/serviceSpec';
import { lineOf } from './locate';
import { clusterNetworkOf } from './network/clusterNetwork';
import { loadObjects } from './loadObjects';
import { podSecurityRule } from './pss';
import { portalProxyFindings } from './portalProxy/portalProxyRule';
import { DEFAULT_PORTAL_ACCOUNT } from './portalProxy/types';
import { checkSchema } from './schemaCheck';
import { LINT_IGNORE_ANNOTATION, suppressionOf } from './suppression';
import {
  httpRouteBackendRule,
  networkPolicyDnsEgressRule,
  networkPolicyNamespaceLabelRule,
  podNetworkPolicyRule,
  serviceTargetsPodRule,
} from './rules/networkRules';
import {
  namespacePssLabelRule,
  secretPlaintextRule,
} from './rules/objectRules';
import {
  containerImageTagRule,
  containerResourcesRule,
  deploymentRwoRecreateRule,
  ollamaRules,
  podProbesRule,
} from './rules/workloadRules';
import { at, isRecord } from './workloads';
import type {
  Finding,
  LintInput,
  LintObject,
  LintOptions,
  LintResult,
  Rule,
  RuleContext,
  Severity,
} from './types';

const RULES: Rule[] = [
  podSecurityRule,
  namespacePssLabelRule,
  containerResourcesRule,
  podProbesRule,
  containerImageTagRule,
  deploymentRwoRecreateRule,
  serviceTargetsPodRule,
  httpRouteBackendRule,
  networkPolicyDnsEgressRule,
  networkPolicyNamespaceLabelRule,
  podNetworkPolicyRule,
  ollamaRules,
];

/** Rules that still make sense on a Kustomize patch fragment. */
const PATCH_RULES: Rule[] = [secretPlaintextRule];

/** Rules whose severity is fixed whatever the caller passes (contract of rule ids). */
const DEFAULT_SEVERITY: Record<string, Severity> = {
  'namespace-pss-label': 'warning',
  'container-resources': 'warning',
  'pod-probes': 'warning',
  'container-image-tag': 'warning',
  'service-targets-pod': 'warning',
  'networkpolicy-namespace-label': 'warning',
  'pod-networkpolicy': 'warning',
  'lint-ignore-reason': 'warning',
};

const RANK: Record<PodSecurityLevel, number> = {
  privileged: 0,
  baseline: 1,
  restricted: 2,
};

/**
 * Lints Kubernetes manifests offline. Never throws for bad input: unparsable YAML
 * becomes `yaml` findings. Findings are sorted by file, line and rule.
 */
export function lintManifests(
  inputs: LintInput[],
  options: LintOptions = {},
): LintResult {
  const fallback = options.pssLevel ?? 'restricted';
  const loaded = loadObjects(inputs);
  const findings: Finding[] = [...loaded.findings];
  const levels = namespaceLevels(loaded.objects, fallback);
  const network = clusterNetworkOf(options);

  const ctx = (objects: LintObject[]): RuleContext => ({
    objects,
    network,
    pssSeverity(namespace, level): Severity | undefined {
      const ns = (namespace !== null && levels.get(namespace)) || {
        enforce: fallback,
        audit: fallback,
        warn: fallback,
      };
      if (RANK[ns.enforce] >= RANK[level]) return 'error';
      if (RANK[ns.audit] >= RANK[level] || RANK[ns.warn] >= RANK[level])
        return 'warning';
      return undefined;
    },
    report(object, rule, path, message, fix, severity = 'error') {
      findings.push({
        rule,
        severity: DEFAULT_SEVERITY[rule] ?? severity,
        file: object.file,
        line: lineOf(object.doc, object.lineCounter, path),
        kind: object.kind,
        name: object.name,
        namespace: object.namespace,
        message,
        fix,
      });
    },
  });

  const whole = loaded.objects.filter(o => !o.isPatch);
  const patchContext = ctx(loaded.objects);
  for (const object of loaded.objects) {
    if (object.isPatch) {
      patchContext.report(
        object,
        'schema-skipped',
        ['kind'],
        `${object.kind} ${
          object.name ?? ''
        } is a Kustomize patch; not validated as a whole object`.replace(
          '  ',
          ' ',
        ),
        'Nothing to do. (A patch is a file listed under patches: in kustomization.yaml, a document with $patch, or a spec-bearing kind without spec.)',
        'info',
      );
    } else {
      checkSchema(object, patchContext);
    }
  }
  const wholeContext = ctx(whole);
  for (const rule of RULES) rule(wholeContext);
  if (options.proxyChecks)
    findings.push(
      ...portalProxyFindings(
        wholeContext,
        options.proxyChecks,
        options.portalAccount ?? DEFAULT_PORTAL_ACCOUNT,
      ),
    );
  for (const rule of PATCH_RULES) rule(patchContext);

  const kept = applySuppressions(findings, loaded.objects, patchContext);
  kept.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.rule.localeCompare(b.rule),
  );
  const summary = { error: 0, warning: 0, info: 0 };
  kept.forEach(f => summary[f.severity]++);
  return {
    files: inputs.length,
    objects: loaded.documentCount,
    findings: kept,
    summary,
  };
}

interface Levels {
  enforce: PodSecurityLevel;
  audit: PodSecurityLevel;
  warn: PodSecurityLevel;
}

function namespaceLevels(
  objects: LintObject[],
  fallback: PodSecurityLevel,
): Map<string, Levels> {
  const result = new Map<string, Levels>();
  const parse = (value: unknown, otherwise: PodSecurityLevel) =>
    (podSecurityLevels as readonly unknown[]).includes(value)
      ? (value as PodSecurityLevel)
      : otherwise;
  for (const object of objects) {
    if (object.kind !== 'Namespace' || object.isPatch || !object.name) continue;
    const labels = at(object.value, ['metadata', 'labels']);
    const get = (mode: string) =>
      isRecord(labels)
        ? labels[`pod-security.kubernetes.io/${mode}`]
        : undefined;
    // Without an enforce label (itself a warning) assume the --pss-level the caller gave.
    result.set(object.name, {
      enforce: parse(get('enforce'), fallback),
      audit: parse(get('audit'), 'privileged'),
      warn: parse(get('warn'), 'privileged'),
    });
  }
  return result;
}

function applySuppressions(
  findings: Finding[],
  objects: LintObject[],
  ctx: RuleContext,
): Finding[] {
  const byObject = new Map<string, Set<string>>();
  for (const object of objects) {
    const suppression = suppressionOf(object);
    if (!suppression) continue;
    byObject.set(
      objectKey(object.file, object.kind, object.name, object.namespace),
      suppression.rules,
    );
    if (!suppression.reason) {
      ctx.report(
        object,
        'lint-ignore-reason',
        ['metadata', 'annotations', LINT_IGNORE_ANNOTATION],
        `${LINT_IGNORE_ANNOTATION} on ${object.kind} ${object.name} gives no reason`,
        `Write it as "<rule>[,<rule>]: <why this is acceptable>".`,
      );
    }
  }
  return findings.filter(f => {
    const rules = byObject.get(objectKey(f.file, f.kind, f.name, f.namespace));
    return !rules || f.rule === 'lint-ignore-reason' || !rules.has(f.rule);
  });
}

function objectKey(
  file: string,
  kind: string | null,
  name: string | null,
  namespace: string | null,
) {
  return JSON.stringify([file, kind, name, namespace]);
}
