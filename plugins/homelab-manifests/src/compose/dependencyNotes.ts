import { toDnsLabel } from './composeValues';
import type { NormalizedService } from './normalize';

/**
 * What depends_on and links mean once on the cluster: pods start in any order (compose's
 * start conditions are gone) and a link alias is no Service name.
 */
export function dependencyNotes(service: NormalizedService): string[] {
  const notes: string[] = [];
  const waits = Object.entries(service.depends_on ?? {}).filter(
    ([, how]) => how.condition !== 'service_completed_successfully',
  );
  if (waits.length > 0) {
    notes.push(
      `depends_on ${waits
        .map(([name, how]) => `${name} (${how.condition})`)
        .join(
          ', ',
        )}: Kubernetes starts pods in any order, so the service must retry until they answer`,
    );
  }
  for (const link of service.links ?? []) {
    const [target, alias] = link.split(':');
    if (alias && alias !== target)
      notes.push(
        `links ${link}: the alias "${alias}" is not a Service name on the cluster; point the service at "${toDnsLabel(
          target,
        )}"`,
      );
  }
  return notes;
}
