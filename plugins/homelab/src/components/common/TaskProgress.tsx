import type {
  PhaseProgress,
  TaskCounts,
} from '@internal/plugin-homelab-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { percentOf } from './format';

function declaredText(p?: PhaseProgress): string | undefined {
  if (!p) return undefined;
  if (p.done !== undefined && p.total !== undefined)
    return `${p.done}/${p.total}`;
  if (p.percent !== undefined) return `${p.percent}%`;
  return undefined;
}

/** Checked tasks against all tasks, with the author's own figure beside it when there is one. */
export function TaskProgress(props: {
  tasks: TaskCounts;
  declared?: PhaseProgress;
}) {
  const { done, open } = props.tasks;
  const total = done + open;
  const percent = percentOf(done, total);
  const declared = declaredText(props.declared);
  const label = total ? `${done} of ${total} tasks done` : 'no tasks';
  return (
    <Box minWidth={140}>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={label}
      />
      <Typography variant="caption" color="textSecondary">
        {label}
        {total ? ` (${percent}%)` : ''}
        {declared ? `; plan says ${declared}` : ''}
      </Typography>
    </Box>
  );
}
