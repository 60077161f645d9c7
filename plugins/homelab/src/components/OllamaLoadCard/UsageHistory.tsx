import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { homelabApiRef } from '../../api/HomelabApi';
import { usePolled } from '../../hooks/usePolled';
import { CardNotLoaded, RefreshFailedBanner } from '../common/CardStates';
import { formatBytes, formatMillicores } from '../common/format';
import { TimeSeriesChart } from '../common/TimeSeriesChart';

const WINDOWS = ['1h', '6h', '24h', '7d'];

/** CPU and memory of the Ollama pod over a chosen window, each against its limit. */
export function UsageHistory(props: { pollIntervalMs: number }) {
  const api = useApi(homelabApiRef);
  const [window, setWindow] = useState('1h');
  const history = usePolled(
    () => api.getOllamaHistory(window),
    window,
    props.pollIntervalMs,
  );

  let body;
  if (!history.value) {
    body = <CardNotLoaded state={history} what="the usage history" />;
  } else if (history.value.points.length < 2) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Not enough samples in the last {window} for a chart yet.
      </Typography>
    );
  } else {
    const points = history.value.points;
    const times = points.map(p => Date.parse(p.at));
    body = (
      <>
        <RefreshFailedBanner
          error={history.error}
          loadedAt={history.loadedAt}
        />
        <TimeSeriesChart
          title="CPU"
          times={times}
          format={formatMillicores}
          series={[
            { label: 'used', values: points.map(p => p.cpuMillicores) },
            {
              label: 'limit',
              kind: 'limit',
              values: points.map(p => p.cpuLimitMillicores),
            },
          ]}
        />
        <TimeSeriesChart
          title="Memory"
          times={times}
          format={formatBytes}
          series={[
            { label: 'pod', values: points.map(p => p.memoryBytes) },
            { label: 'loaded models', values: points.map(p => p.loadedBytes) },
            {
              label: 'limit',
              kind: 'limit',
              values: points.map(p => p.memoryLimitBytes),
            },
          ]}
        />
      </>
    );
  }

  return (
    <Box mb={2}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2">Usage over time</Typography>
        <ButtonGroup size="small" aria-label="history window">
          {WINDOWS.map(w => (
            <Button
              key={w}
              variant={w === window ? 'contained' : 'outlined'}
              onClick={() => setWindow(w)}
              aria-pressed={w === window}
            >
              {w}
            </Button>
          ))}
        </ButtonGroup>
      </Box>
      {body}
    </Box>
  );
}
