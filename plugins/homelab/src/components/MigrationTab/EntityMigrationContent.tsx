import { InfoCard, MarkdownContent } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_PHASE_PLAN,
  ANNOTATION_RUNBOOKS,
} from '@internal/plugin-homelab-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  CardEmpty,
  CardNotLoaded,
  RefreshFailedBanner,
} from '../common/CardStates';
import { StatusChip } from '../common/StatusChip';
import { TaskProgress } from '../common/TaskProgress';
import { DriftList } from '../plans/DriftList';
import { Prerequisites } from '../plans/Prerequisites';
import { cutoverInProgress } from '../plans/sections';
import { useEntityPlan } from '../plans/useEntityPlan';
import { runbookLinks } from '../RunbooksCard/runbookLinks';
import { RunbookList } from '../RunbooksCard/RunbookList';
import { ProposedLabel } from '../MigrationPage/ProposedLabel';
import { Checklist } from './Checklist';
import { PlanChecklists } from './PlanChecklists';

/** The entity's phase plan, read-only: checklists, verification, rollback and runbooks. */
export function EntityMigrationContent(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  const state = useEntityPlan(entity, props.pollIntervalMs);

  if (!state.value) {
    return <CardNotLoaded state={state} what="the phase plan" />;
  }
  const value = state.value;
  if (value.kind === 'problem') {
    return (
      <CardEmpty
        title="The phase plan could not be read"
        description={value.message}
      />
    );
  }
  if (value.kind === 'missing') {
    return (
      <CardEmpty
        title="No phase plan found"
        description={`The backend lists no plan for this entity${
          value.annotation
            ? ` (${ANNOTATION_PHASE_PLAN}: ${value.annotation})`
            : ''
        }. Check that the path is inside the repository the entity comes from.`}
      />
    );
  }

  const { detail, plans } = value;
  const { plan } = detail;
  const { links } = runbookLinks(entity, cutoverInProgress(plan));
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <RefreshFailedBanner error={state.error} loadedAt={state.loadedAt} />
        <InfoCard title={detail.title} subheader={detail.file}>
          <Box display="flex" alignItems="center" style={{ gap: 16 }} mb={1}>
            <StatusChip
              status={detail.status}
              source={detail.statusSource}
              declared={detail.declaredStatus}
            />
            <TaskProgress tasks={detail.tasks} declared={detail.progress} />
            <ProposedLabel plan={detail} />
            {plan.targetVersion && (
              <Typography variant="body2">
                Target {plan.targetVersion}
              </Typography>
            )}
          </Box>
          <Prerequisites plan={detail} plans={plans} />
          <DriftList drift={detail.drift} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="Tasks">
          <PlanChecklists plan={plan} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Runbooks">
          {links.length ? (
            <RunbookList links={links} entity={entity} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              No runbooks listed in {ANNOTATION_RUNBOOKS}.
            </Typography>
          )}
        </InfoCard>
        <Box mt={3}>
          <InfoCard title={plan.verification?.title ?? 'Verification'}>
            {plan.verification?.items.length ? (
              <Checklist
                label="verification checklist"
                items={plan.verification.items}
              />
            ) : (
              <Typography variant="body2" color="textSecondary">
                The plan has no verification checklist.
              </Typography>
            )}
          </InfoCard>
        </Box>
        <Box mt={3}>
          <InfoCard title={plan.rollback?.title ?? 'Rollback'}>
            {plan.rollback?.markdown.trim() ? (
              <MarkdownContent content={plan.rollback.markdown} />
            ) : (
              <Typography variant="body2" color="textSecondary">
                The plan has no rollback section.
              </Typography>
            )}
          </InfoCard>
        </Box>
      </Grid>
    </Grid>
  );
}
