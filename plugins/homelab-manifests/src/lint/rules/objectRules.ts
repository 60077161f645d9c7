import { at, isRecord } from '../workloads';
import type { Rule } from '../types';

/** Values that are placeholders for a secret, not the secret itself. */
export function isSecretPlaceholder(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const text = String(value).trim();
  return (
    text === '' ||
    /^ENC\[.*\]$/s.test(text) ||
    /^\$\{[^}]+\}$/.test(text) ||
    text.startsWith('op://') ||
    /^\{\{.*\}\}$/s.test(text)
  );
}

export const secretPlaintextRule: Rule = ctx => {
  for (const object of ctx.objects) {
    if (object.kind !== 'Secret' || object.apiVersion !== 'v1') continue;
    for (const field of ['data', 'stringData']) {
      const values = object.value[field];
      if (!isRecord(values)) continue;
      for (const [key, value] of Object.entries(values)) {
        if (isSecretPlaceholder(value)) continue;
        ctx.report(
          object,
          'secret-plaintext',
          [field, key],
          `Secret ${object.name} holds a literal value for ${key} in ${field}`,
          'Leave the value empty and encrypt the file with SOPS, or use an ExternalSecret / ${VAR} substitution.',
        );
      }
    }
  }
};

export const namespacePssLabelRule: Rule = ctx => {
  for (const object of ctx.objects) {
    if (object.kind !== 'Namespace' || object.isPatch) continue;
    const labels = at(object.value, ['metadata', 'labels']);
    if (
      !isRecord(labels) ||
      labels['pod-security.kubernetes.io/enforce'] === undefined
    ) {
      ctx.report(
        object,
        'namespace-pss-label',
        labels ? ['metadata', 'labels'] : ['metadata'],
        `Namespace ${object.name} has no pod-security.kubernetes.io/enforce label, so admission enforces nothing`,
        'Add pod-security.kubernetes.io/enforce: restricted (or baseline where the images need root).',
      );
    }
  }
};
