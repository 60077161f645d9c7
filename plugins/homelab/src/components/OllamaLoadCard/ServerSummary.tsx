import { StatusError, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { OllamaStatus } from '../../api/types';
import { formatBytes, formatMillicores, formatSeen } from '../common/format';
import { UsageBar } from '../common/UsageBar';

/** Whether the text and the vision model fit in memory together, as Karakeep's tagging needs. */
function PairBudget(props: { budget: OllamaStatus['memoryBudget'] }) {
  const { text, vision, pairBytes, limitBytes, pairFitsLimit, noLimit } =
    props.budget;
  if (!text || !vision || pairBytes === undefined) return null;
  let verdict = `${pairFitsLimit ? 'fits' : 'does not fit'} the ${formatBytes(
    limitBytes,
  )} limit`;
  if (pairFitsLimit === undefined)
    verdict = noLimit
      ? 'the pod has no memory limit'
      : 'no memory limit to compare with';
  return (
    <Typography
      variant="body2"
      color={pairFitsLimit === false ? 'error' : 'textSecondary'}
    >
      {text.name} and {vision.name} together: {formatBytes(pairBytes)},{' '}
      {verdict}
    </Typography>
  );
}

/** Up or down, version and latency, the pod's CPU and memory against its limits, and the last throughput probe. */
export function ServerSummary(props: { status: OllamaStatus }) {
  const { status } = props;
  const { pod, probe, memoryBudget } = status;
  return (
    <Box mb={2}>
      <Typography variant="body1" component="div">
        {status.reachable ? (
          <StatusOK>
            Up{status.version ? `, version ${status.version}` : ''}
            {status.latencyMs !== undefined
              ? `, answered in ${status.latencyMs} ms`
              : ''}
          </StatusOK>
        ) : (
          <StatusError>
            Down since{' '}
            {formatSeen(status.unreachableSince ?? status.sampledAt ?? '')}
            {status.error ? `: ${status.error}` : ''}
          </StatusError>
        )}
      </Typography>
      {probe && (
        <Typography variant="body2" color="textSecondary">
          {probe.tokensPerSecond !== undefined
            ? `Last throughput: ${probe.tokensPerSecond.toFixed(
                1,
              )} tokens/s with ${probe.model}, measured ${formatSeen(
                probe.probedAt,
              )}`
            : `Throughput probe with ${probe.model} failed ${formatSeen(
                probe.probedAt,
              )}: ${probe.error ?? 'no result'}`}
        </Typography>
      )}
      <Box mt={1}>
        {pod ? (
          <>
            <Typography variant="caption" color="textSecondary" component="div">
              Pod {pod.name}
              {pod.nodeName ? ` on ${pod.nodeName}` : ''}
              {pod.restarts ? `, ${pod.restarts} restarts` : ''}
            </Typography>
            <UsageBar
              label="CPU"
              {...pod.cpuMillicores}
              format={formatMillicores}
            />
            <UsageBar
              label="Memory"
              {...pod.memoryBytes}
              format={formatBytes}
            />
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            Pod usage unknown{status.podError ? `: ${status.podError}` : ''}
          </Typography>
        )}
        <UsageBar
          label={
            memoryBudget.loadedVramBytes
              ? 'Loaded models in RAM'
              : 'Loaded models'
          }
          used={memoryBudget.loadedBytes}
          limit={memoryBudget.limitBytes}
          format={formatBytes}
        />
        {memoryBudget.loadedVramBytes ? (
          <Typography variant="body2" color="textSecondary">
            On the GPU: {formatBytes(memoryBudget.loadedVramBytes)} of the
            loaded models, outside the pod's memory limit
          </Typography>
        ) : null}
        <PairBudget budget={memoryBudget} />
      </Box>
    </Box>
  );
}
