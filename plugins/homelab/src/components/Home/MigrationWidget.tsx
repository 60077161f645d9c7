import { Link } from '@backstage/core-components';
import type {
  MigrationGlance,
  PhaseGlance,
} from '@internal/plugin-homelab-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { TaskProgress } from '../common/TaskProgress';
import { cutoverViewPath, entityPath, MIGRATION_PATH } from './links';
import { SectionStates } from './SectionStates';
import { useHomeSummary } from './useHomeSummary';

function Phase(props: { phase: PhaseGlance }) {
  const { phase } = props;
  const to = phase.entityRefs[0]
    ? entityPath(phase.entityRefs[0], 'migration')
    : MIGRATION_PATH;
  return (
    <Box component="li" mb={1.5} aria-label={`plan ${phase.title}`}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 6 }}
      >
        <Link to={to}>{phase.title}</Link>
        {phase.proposed && (
          <Chip
            size="small"
            variant="outlined"
            label={`proposed on ${phase.proposed.branch}`}
            {...(phase.proposed.pullRequestUrl
              ? {
                  component: 'a',
                  href: phase.proposed.pullRequestUrl,
                  clickable: true,
                }
              : {})}
          />
        )}
      </Box>
      <TaskProgress
        tasks={{
          done: phase.tasks.done,
          open: phase.tasks.total - phase.tasks.done,
        }}
      />
      {phase.blockedBy.length > 0 && (
        <Typography variant="body2" color="error">
          Blocked by {phase.blockedBy.join(', ')}
        </Typography>
      )}
    </Box>
  );
}

function MigrationContent(props: { data: MigrationGlance }) {
  const { cutovers, inProgress, driftWarnings } = props.data;
  return (
    <>
      {cutovers.map(c => (
        <Alert
          key={c.planId}
          severity="warning"
          role="status"
          aria-label={`cutover ${c.title}`}
        >
          Cutover in progress:{' '}
          <Link to={cutoverViewPath(c.planId)}>{c.title}</Link>
          {c.disagreements > 0 &&
            `, ${c.disagreements} checklist item${
              c.disagreements === 1 ? '' : 's'
            } disagree${c.disagreements === 1 ? 's' : ''} with the cluster`}
        </Alert>
      ))}
      <Box
        component="ul"
        p={0}
        m={0}
        mt={cutovers.length ? 1.5 : 0}
        style={{ listStyle: 'none' }}
      >
        {inProgress.map(p => (
          <Phase key={p.planId} phase={p} />
        ))}
      </Box>
      {driftWarnings > 0 && (
        <Typography variant="body2">
          <Link to={MIGRATION_PATH}>
            {driftWarnings} plan{driftWarnings === 1 ? '' : 's'} with drift
            warnings
          </Link>
        </Typography>
      )}
    </>
  );
}

/** Phases in progress with what blocks them, a cutover in progress first, drift counted. */
export function MigrationWidget() {
  const polled = useHomeSummary();
  return (
    <SectionStates
      polled={polled}
      pick={s => s.migration}
      what="the phase plans"
      isEmpty={d =>
        !d.cutovers.length && !d.inProgress.length && !d.driftWarnings
      }
      empty={{
        title: 'Nothing in progress',
        description: (
          <>
            No phase plan is in progress or blocked.{' '}
            <Link to={MIGRATION_PATH}>All plans</Link>
          </>
        ),
      }}
    >
      {data => <MigrationContent data={data} />}
    </SectionStates>
  );
}
