import { InfoCard } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_RUNBOOKS } from '@internal/plugin-homelab-common';
import Alert from '@material-ui/lab/Alert';
import { describeError } from '../../api/describeError';
import { hasPhasePlan } from '../../filters';
import {
  CardEmpty,
  CardLoading,
  RefreshFailedBanner,
} from '../common/CardStates';
import { cutoverInProgress } from '../plans/sections';
import { useEntityPlan } from '../plans/useEntityPlan';
import { hasCutoverRunbook, runbookLinks } from './runbookLinks';
import { RunbookList } from './RunbookList';

function Problems(props: { problems: { entry: string; message: string }[] }) {
  return (
    <>
      {props.problems.map(p => (
        <Alert key={p.entry} severity="warning">
          {p.message}
        </Alert>
      ))}
    </>
  );
}

function Runbooks(props: { entity: Entity; cutover: boolean }) {
  const { links, problems } = runbookLinks(props.entity, props.cutover);
  return (
    <>
      <Problems problems={problems} />
      {links.length === 0 ? (
        <CardEmpty
          title="No runbooks"
          description={`List runbook pages in the ${ANNOTATION_RUNBOOKS} annotation as <entity-ref>#<page path>, e.g. component:default/homelab-docs#runbooks/restore.`}
        />
      ) : (
        <RunbookList links={links} entity={props.entity} />
      )}
    </>
  );
}

/** Pinning the cutover runbook needs the plan's cutover section, so this variant waits for the plan. */
function RunbooksWithPlan(props: { entity: Entity; pollIntervalMs?: number }) {
  const plan = useEntityPlan(props.entity, props.pollIntervalMs);
  if (plan.loading) return <CardLoading />;
  const value = plan.value;
  return (
    <>
      {!value && plan.error && (
        <Alert severity="error">
          Could not check whether the cutover is in progress, so the cutover
          runbook is not pinned: {describeError(plan.error)}
        </Alert>
      )}
      <RefreshFailedBanner error={plan.error} loadedAt={plan.loadedAt} />
      <Runbooks
        entity={props.entity}
        cutover={
          value?.kind === 'found' && cutoverInProgress(value.detail.plan)
        }
      />
    </>
  );
}

/** Links into the TechDocs reader for the entity's runbooks (homelab.dev/runbooks). */
export function EntityRunbooksCard(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  const needsPlan = hasCutoverRunbook(entity) && hasPhasePlan(entity);
  return (
    <InfoCard title="Runbooks">
      {needsPlan ? (
        <RunbooksWithPlan
          entity={entity}
          pollIntervalMs={props.pollIntervalMs}
        />
      ) : (
        <Runbooks entity={entity} cutover={false} />
      )}
    </InfoCard>
  );
}
