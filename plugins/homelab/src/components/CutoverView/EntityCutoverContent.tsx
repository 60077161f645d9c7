import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_PHASE_PLAN } from '@internal/plugin-homelab-common';
import { CardEmpty, CardNotLoaded } from '../common/CardStates';
import { CutoverView } from './CutoverView';
import { useEntityCutover } from './useEntityCutover';

/** The entity page's Cutover tab: the Cutover view of the entity's phase plan. */
export function EntityCutoverContent(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  const cutover = useEntityCutover(entity, props.pollIntervalMs);
  if (cutover.value === undefined) {
    return <CardNotLoaded state={cutover} what="the cutover of this entity" />;
  }
  if (cutover.value === null) {
    const plan = entity.metadata.annotations?.[ANNOTATION_PHASE_PLAN];
    return (
      <CardEmpty
        title="No cutover section"
        description={`The phase plan${
          plan ? ` ${plan}` : ''
        } has no section whose heading says "Cutover" (for example "## 4.24.5 Cutover"), and its front matter names none (cutover: "<heading>"). Add one with the cutover's tasks; the Cutover checks runbook shows how to declare live checks beside them.`}
      />
    );
  }
  return (
    <CutoverView
      planId={cutover.value.planId}
      pollIntervalMs={props.pollIntervalMs}
    />
  );
}
