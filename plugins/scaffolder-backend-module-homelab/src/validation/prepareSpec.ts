import { InputError } from '@backstage/errors';
import { parseServiceSpec, ServiceSpec } from '@internal/homelab-manifests';

/**
 * Form values arrive with unanswered optional fields as "" or null (a template
 * expression over an empty parameter). They are dropped so the spec's own defaults
 * apply; env values are kept as they are, since an empty value is meaningful there.
 */
export function pruneEmptyFormValues(value: unknown, key?: string): unknown {
  if (key === 'env') return value;
  if (Array.isArray(value)) {
    return value
      .map(item => pruneEmptyFormValues(item))
      .filter(item => !isEmpty(item));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, pruneEmptyFormValues(v, k)] as const)
      .filter(([, v]) => !isEmpty(v));
    return entries.length === 0 && Object.keys(value).length > 0
      ? undefined
      : Object.fromEntries(entries);
  }
  return value;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** The validated spec, or an InputError listing every problem as `spec.<field>: <rule>`. */
export function validSpecOrRefuse(draft: unknown, field = 'spec'): ServiceSpec {
  const result = parseServiceSpec(pruneEmptyFormValues(draft));
  if (result.success) return result.spec;
  const lines = result.problems.map(p =>
    p.path === '(spec)'
      ? `${field}: ${p.message}`
      : `${field}.${p.path}: ${p.message}`,
  );
  throw new InputError(
    `The service spec was refused; nothing was written:\n${lines.join('\n')}`,
  );
}
