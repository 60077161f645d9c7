import type { NodeGlance } from '@internal/plugin-homelab-common';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { formatBytes, formatMillicores } from '../common/format';
import { entityPath } from './links';

function Requested(props: {
  node: string;
  label: string;
  requested: number;
  allocatable: number;
  format: (n: number) => string;
  figure: 'cpu' | 'memory';
}) {
  const { node, label, requested, allocatable, format, figure } = props;
  // kubectl describe node truncates the percentage the same way.
  const percent = allocatable
    ? Math.floor((requested / allocatable) * 100)
    : undefined;
  return (
    <Box
      flex={1}
      minWidth={0}
      data-figure={figure}
      data-requested={requested}
      data-allocatable={allocatable}
    >
      <Typography variant="caption" display="block" noWrap>
        {label} requested {format(requested)} of {format(allocatable)}
        {percent !== undefined && ` (${percent}%)`}
      </Typography>
      {percent !== undefined && (
        <LinearProgress
          variant="determinate"
          value={Math.min(100, percent)}
          color={percent >= 90 ? 'secondary' : 'primary'}
          aria-label={`${node} ${label} requested against allocatable`}
        />
      )}
    </Box>
  );
}

/** A node's CPU and memory requests against allocatable, the figures that decide whether the next service fits. */
export function NodeRequests(props: { node: NodeGlance }) {
  const { node } = props;
  return (
    <Box mb={1.5} aria-label={`node ${node.name}`} data-node={node.name}>
      <Typography variant="body2">
        {node.entityRef ? (
          <Link to={entityPath(node.entityRef)}>{node.name}</Link>
        ) : (
          node.name
        )}
        {!node.ready && (
          <Typography component="span" color="error" variant="body2">
            {' '}
            not ready
          </Typography>
        )}
      </Typography>
      <Box display="flex" style={{ gap: 16 }}>
        <Requested
          node={node.name}
          label="CPU"
          figure="cpu"
          requested={node.cpu.requestedMillicores}
          allocatable={node.cpu.allocatableMillicores}
          format={formatMillicores}
        />
        <Requested
          node={node.name}
          label="Memory"
          figure="memory"
          requested={node.memory.requestedBytes}
          allocatable={node.memory.allocatableBytes}
          format={formatBytes}
        />
      </Box>
    </Box>
  );
}
