import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { LoadedModelStatus } from '../../api/types';
import { formatBytes, formatDuration } from '../common/format';

function processor(m: LoadedModelStatus): string {
  if (m.gpuShare <= 0) return 'CPU';
  if (m.cpuShare <= 0) return 'GPU';
  return `${Math.round(m.gpuShare * 100)}% GPU / ${Math.round(
    m.cpuShare * 100,
  )}% CPU`;
}

function unload(m: LoadedModelStatus): string {
  if (m.secondsUntilUnload === undefined) return 'stays loaded';
  if (m.secondsUntilUnload <= 0) return 'unloading now';
  return `unloads in ${formatDuration(m.secondsUntilUnload)}`;
}

/** Each model in memory with its share of the container's memory limit. */
export function LoadedModels(props: {
  models: LoadedModelStatus[];
  limitBytes?: number;
}) {
  const { models, limitBytes } = props;
  return (
    <Box mb={2}>
      <Typography variant="subtitle2">Loaded models</Typography>
      {models.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No model in memory; the next request loads one.
        </Typography>
      )}
      {models.map(m => (
        <Box
          key={m.name}
          mb={1}
          aria-label={`loaded model ${m.name}`}
          role="group"
        >
          <Typography variant="body2">
            <strong>{m.name}</strong> {formatBytes(m.sizeBytes)}
            {m.percentOfMemoryLimit !== undefined
              ? ` (${m.percentOfMemoryLimit}% of the ${formatBytes(
                  limitBytes,
                )} limit)`
              : ''}
            , {processor(m)}
            {m.contextLength ? `, context ${m.contextLength}` : ''}, {unload(m)}
          </Typography>
          {m.percentOfMemoryLimit !== undefined && (
            <LinearProgress
              variant="determinate"
              value={Math.min(100, m.percentOfMemoryLimit)}
              aria-label={`${m.name} memory against limit`}
            />
          )}
        </Box>
      ))}
    </Box>
  );
}
