import type { ModelChurn } from '@internal/plugin-homelab-common';
import type { OllamaSample } from './types';

/** Reloads and context-length changes per model across the samples (oldest first). */
export function countChurn(samples: OllamaSample[]): ModelChurn[] {
  const churn = new Map<string, ModelChurn>();
  const seen = new Set<string>();
  let previous = new Map<string, number | undefined>();
  for (const s of samples) {
    if (!s.reachable) continue;
    const current = new Map(s.loaded.map(m => [m.name, m.contextLength]));
    for (const [name, ctx] of current) {
      const entry = churn.get(name) ?? {
        model: name,
        reloads: 0,
        contextChanges: 0,
      };
      if (!previous.has(name)) {
        if (seen.has(name)) entry.reloads++;
      } else if (
        previous.get(name) !== undefined &&
        ctx !== undefined &&
        previous.get(name) !== ctx
      ) {
        entry.contextChanges++;
      }
      seen.add(name);
      churn.set(name, entry);
    }
    previous = current;
  }
  return [...churn.values()];
}
