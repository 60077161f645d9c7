import type { NamedObjectCheck } from '@internal/plugin-homelab-common';
import { fail, pass, Verdict } from './result';
import type { CutoverClusterReader } from './types';

export async function checkPvc(
  check: NamedObjectCheck,
  cluster: CutoverClusterReader,
): Promise<Verdict> {
  const pvc = await cluster.getPersistentVolumeClaim(
    check.namespace,
    check.name,
  );
  const phase = pvc.status?.phase ?? 'Pending';
  const detail = [pvc.status?.capacity?.storage, pvc.spec?.storageClassName]
    .filter(Boolean)
    .join(', ');
  const text = `PVC ${check.name} ${phase}${detail ? ` (${detail})` : ''}`;
  return phase === 'Bound' ? pass(text) : fail(text);
}
