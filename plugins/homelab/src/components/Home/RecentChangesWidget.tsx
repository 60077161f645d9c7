import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { usePolled } from '../../hooks/usePolled';
import { CardNotLoaded, RefreshFailedBanner } from '../common/CardStates';
import { formatSeen } from '../common/format';
import { type RecentTask, recentTasks } from './recentTasks';
import { HomeEmpty } from './HomeEmpty';

const COLOR: Record<string, 'primary' | 'secondary' | 'default'> = {
  completed: 'primary',
  failed: 'secondary',
};
const POLL_MS = 30_000;

function TaskRow(props: { task: RecentTask }) {
  const { task } = props;
  return (
    <Box component="li" mb={1} aria-label={`run ${task.title}`}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 6 }}
      >
        <Link to={`/create/tasks/${encodeURIComponent(task.id)}`}>
          {task.title}
        </Link>
        <Chip
          size="small"
          color={COLOR[task.status] ?? 'default'}
          label={task.status}
        />
        <Typography variant="caption" color="textSecondary">
          {formatSeen(task.createdAt)}
        </Typography>
      </Box>
      {task.links.map(l => (
        <Typography key={l.url} variant="body2">
          <Link to={l.url}>{l.title ?? l.url}</Link>
        </Typography>
      ))}
    </Box>
  );
}

/** The last scaffolder runs with their outcome and the pull requests they opened. */
export function RecentChangesWidget() {
  const api = useApi(scaffolderApiRef);
  const polled = usePolled(() => recentTasks(api), 'recent-tasks', POLL_MS);
  if (!polled.value)
    return <CardNotLoaded state={polled} what="the recent scaffolder runs" />;
  return (
    <>
      <RefreshFailedBanner error={polled.error} loadedAt={polled.loadedAt} />
      {polled.value.length === 0 ? (
        <HomeEmpty
          title="No scaffolder runs yet"
          description={
            <>
              Runs of the templates appear here.{' '}
              <Link to="/create">Create something</Link>
            </>
          }
        />
      ) : (
        <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {polled.value.map(t => (
            <TaskRow key={t.id} task={t} />
          ))}
        </Box>
      )}
    </>
  );
}
