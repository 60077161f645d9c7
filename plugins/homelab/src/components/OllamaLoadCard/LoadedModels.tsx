import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { LoadedModelStatus } from '../../api/types';
import { formatBytes, formatDuration } from '../common/format';

/**
 * The model's size and where it sits. Only its RAM share counts against the
 * container's memory limit; what Ollama put in GPU memory does not.
 */
function memory(
  m: LoadedModelStatus,
  limitBytes: number | undefined,
  noLimit: boolean | undefined,
): string {
  const vram = m.vramBytes ?? Math.round(m.gpuShare * m.sizeBytes);
  const ram = m.ramBytes ?? m.sizeBytes - vram;
  let share = '';
  if (m.percentOfMemoryLimit !== undefined)
    share = ` (${m.percentOfMemoryLimit}% of the ${formatBytes(
      limitBytes,
    )} limit)`;
  else if (noLimit) share = ' (no memory limit)';
  const size = formatBytes(m.sizeBytes);
  if (vram <= 0) return `${size}${share}, CPU`;
  if (ram <= 0) return `${size}, all on the GPU (none of it in RAM)`;
  return `${size}: ${formatBytes(ram)} in RAM${share} and ${formatBytes(
    vram,
  )} on the GPU (${Math.round(m.gpuShare * 100)}%)`;
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
  /** The pod has no memory limit. */
  noLimit?: boolean;
}) {
  const { models, limitBytes, noLimit } = props;
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
            <strong>{m.name}</strong> {memory(m, limitBytes, noLimit)}
            {m.contextLength ? `, context ${m.contextLength}` : ''}, {unload(m)}
          </Typography>
          {m.percentOfMemoryLimit !== undefined && (
            <LinearProgress
              variant="determinate"
              value={Math.min(100, m.percentOfMemoryLimit)}
              aria-label={`${m.name} RAM against limit`}
            />
          )}
        </Box>
      ))}
    </Box>
  );
}
