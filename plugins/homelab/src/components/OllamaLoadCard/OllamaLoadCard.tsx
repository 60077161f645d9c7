import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@material-ui/lab/Alert';
import Box from '@material-ui/core/Box';
import { homelabApiRef } from '../../api/HomelabApi';
import type { OllamaStatus } from '../../api/types';
import { usePolled } from '../../hooks/usePolled';
import {
  CardEmpty,
  CardNotLoaded,
  RefreshFailedBanner,
  StaleBanner,
} from '../common/CardStates';
import { formatDuration } from '../common/format';
import { FocusModel } from './FocusModel';
import { InstalledModels } from './InstalledModels';
import { LoadedModels } from './LoadedModels';
import { ServerSummary } from './ServerSummary';
import { UsageHistory } from './UsageHistory';

/**
 * Poll at a third of the sampler's interval, so a change shows on the card
 * well within one interval of the sampler seeing it.
 */
function nextPoll(status: OllamaStatus | undefined): number {
  const seconds = status?.intervalSeconds ?? 15;
  return Math.max(5000, (seconds * 1000) / 3);
}

// The card shows outages and stale data as banners of its own; these
// backend warnings say the same and would only repeat them.
const SHOWN_ELSEWHERE = [
  /^Ollama has not answered since/,
  /^The newest sample is/,
];

export interface OllamaLoadCardProps {
  /** The Ollama tag of the ai-model entity the card sits on; it is called out at the top. */
  focusModel?: string;
  /** Fixed polling interval; by default a third of the sampler's interval. */
  pollIntervalMs?: number;
}

export function OllamaLoadCard(props: OllamaLoadCardProps) {
  const api = useApi(homelabApiRef);
  const status = usePolled(
    () => api.getOllamaStatus(),
    'status',
    props.pollIntervalMs ?? nextPoll,
  );
  const value = status.value;

  let body;
  if (!value) {
    body = <CardNotLoaded state={status} what="the Ollama status" />;
  } else if (!value.hasData) {
    body = (
      <CardEmpty
        title="No samples yet"
        description={`The homelab backend samples Ollama every ${value.intervalSeconds} s and has not stored a sample yet. If this stays empty, check homelab.ollama.baseUrl in the app config and the backend log.`}
      />
    );
  } else {
    const warnings = value.warnings.filter(
      w => !SHOWN_ELSEWHERE.some(r => r.test(w)),
    );
    body = (
      <>
        <RefreshFailedBanner error={status.error} loadedAt={status.loadedAt} />
        {value.stale && (
          <StaleBanner lastSeen={value.sampledAt}>
            Stale data: no sample for {formatDuration(value.ageSeconds ?? 0)}{' '}
            though the sampler runs every {value.intervalSeconds} s; the
            backend's sampler may have stopped.
          </StaleBanner>
        )}
        {warnings.length > 0 && (
          <Box my={1}>
            {warnings.map(w => (
              <Alert key={w} severity="warning">
                {w}
              </Alert>
            ))}
          </Box>
        )}
        {props.focusModel && (
          <FocusModel tag={props.focusModel} status={value} />
        )}
        <ServerSummary status={value} />
        <LoadedModels
          models={value.loadedModels}
          limitBytes={value.memoryBudget.limitBytes}
          noLimit={value.memoryBudget.noLimit}
        />
        <UsageHistory
          pollIntervalMs={Math.max(30_000, value.intervalSeconds * 1000)}
        />
        <InstalledModels models={value.installedModels} />
      </>
    );
  }

  return <InfoCard title="Ollama load">{body}</InfoCard>;
}
