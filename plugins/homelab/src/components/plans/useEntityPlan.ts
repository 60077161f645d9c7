import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { ANNOTATION_PHASE_PLAN } from '@internal/plugin-homelab-common';
import { homelabApiRef } from '../../api/HomelabApi';
import type { PhasePlanDetail, PhasePlanSummary } from '../../api/types';
import { usePolled } from '../../hooks/usePolled';

export type EntityPlan =
  | { kind: 'found'; detail: PhasePlanDetail; plans: PhasePlanSummary[] }
  /** The backend could not read the plan the annotation names. */
  | { kind: 'problem'; message: string }
  /** The backend lists no plan for this entity. */
  | { kind: 'missing'; annotation?: string };

export const PLAN_POLL_MS = 60_000;

/** The phase plan the entity's homelab.dev/phase-plan annotation names, as the backend parsed it. */
export function useEntityPlan(entity: Entity, pollIntervalMs = PLAN_POLL_MS) {
  const api = useApi(homelabApiRef);
  const ref = stringifyEntityRef(entity);
  const lowerRef = ref.toLocaleLowerCase('en-US');
  const annotation = entity.metadata.annotations?.[ANNOTATION_PHASE_PLAN];
  return usePolled<EntityPlan>(
    async () => {
      const { plans, problems } = await api.listPlans();
      const summary = plans.find(p =>
        p.entityRefs.some(r => r.toLocaleLowerCase('en-US') === lowerRef),
      );
      if (!summary) {
        const problem = problems.find(
          p => p.source.toLocaleLowerCase('en-US') === lowerRef,
        );
        return problem
          ? { kind: 'problem', message: problem.message }
          : { kind: 'missing', annotation };
      }
      return { kind: 'found', detail: await api.getPlan(summary.id), plans };
    },
    `${ref}|${annotation}`,
    pollIntervalMs,
  );
}
