import { isRecord } from '../workloads';

/** One requirement of a Kubernetes label selector, matchLabels entries included (as In). */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export type Labels = Record<string, string>;

/**
 * The pseudo-label a pod's namespace is matched by. Cilium really labels endpoints
 * with it; for Kubernetes NetworkPolicy it stands for "the policy's own namespace".
 */
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';

/** Cilium label keys may carry a source prefix: `k8s:app`, `any:app`. */
export function withoutSource(key: string): string {
  const match = /^(k8s|any|container|unspec):(.*)$/.exec(key);
  return match ? match[2] : key;
}

/**
 * Requirements of a LabelSelector (matchLabels and matchExpressions); undefined when
 * the selector cannot be read, so callers can treat it as matching nothing.
 */
export function requirementsOf(
  selector: unknown,
  normaliseKey: (key: string) => string = k => k,
): Requirement[] | undefined {
  if (selector === undefined || selector === null) return [];
  if (!isRecord(selector)) return undefined;
  const out: Requirement[] = [];
  if (isRecord(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels))
      out.push({
        key: normaliseKey(key),
        operator: 'In',
        values: [String(value)],
      });
  }
  if (Array.isArray(selector.matchExpressions)) {
    for (const expression of selector.matchExpressions) {
      if (!isRecord(expression) || typeof expression.key !== 'string')
        return undefined;
      const operator = expression.operator;
      if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator))
        return undefined;
      out.push({
        key: normaliseKey(expression.key),
        operator,
        values: Array.isArray(expression.values)
          ? expression.values.map(String)
          : [],
      });
    }
  }
  return out;
}

export function matches(requirements: Requirement[], labels: Labels): boolean {
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.operator) {
      case 'In':
        return has && r.values.includes(labels[r.key]);
      case 'NotIn':
        return !has || !r.values.includes(labels[r.key]);
      case 'Exists':
        return has;
      default:
        return !has;
    }
  });
}

/**
 * Does every label set satisfying `narrow` also satisfy `wide`? Decided per requirement
 * of `wide` from the requirements of `narrow`; "no" when it cannot be shown.
 */
export function implies(narrow: Requirement[], wide: Requirement[]): boolean {
  return wide.every(w => narrow.some(n => impliesOne(n, w)));
}

function impliesOne(n: Requirement, w: Requirement): boolean {
  if (n.key !== w.key) return false;
  switch (w.operator) {
    case 'In':
      return n.operator === 'In' && n.values.every(v => w.values.includes(v));
    case 'Exists':
      return n.operator === 'In' || n.operator === 'Exists';
    case 'DoesNotExist':
      return n.operator === 'DoesNotExist';
    default:
      return (
        n.operator === 'DoesNotExist' ||
        (n.operator === 'In' && n.values.every(v => !w.values.includes(v))) ||
        (n.operator === 'NotIn' && w.values.every(v => n.values.includes(v)))
      );
  }
}

export function describeRequirements(requirements: Requirement[]): string {
  if (requirements.length === 0) return 'every pod';
  return requirements
    .map(r =>
      r.operator === 'In' && r.values.length === 1
        ? `${r.key}=${r.values[0]}`
        : `${r.key} ${r.operator}${
            r.values.length ? ` (${r.values.join(',')})` : ''
          }`,
    )
    .join(', ');
}
