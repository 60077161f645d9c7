import { at } from '../workloads';
import type { LintObject, YamlPath } from '../types';

/**
 * spec.policyTypes as the API server defaults it (SetDefaults_NetworkPolicy): when the
 * list is missing or empty, Ingress always, plus Egress only when spec.egress has at
 * least one rule. `egress: []` alone therefore makes no Egress policy.
 */
export function defaultedPolicyTypes(policy: LintObject): string[] {
  const types = at(policy.value, ['spec', 'policyTypes']);
  if (Array.isArray(types) && types.length > 0) return types.map(String);
  const egress = at(policy.value, ['spec', 'egress']);
  return Array.isArray(egress) && egress.length > 0
    ? ['Ingress', 'Egress']
    : ['Ingress'];
}

/** Where to point at a policy's Egress type: the written list, else the egress rules. */
export function egressTypePath(policy: LintObject): YamlPath {
  const types = at(policy.value, ['spec', 'policyTypes']);
  return Array.isArray(types) && types.length > 0
    ? ['spec', 'policyTypes']
    : ['spec', 'egress'];
}
