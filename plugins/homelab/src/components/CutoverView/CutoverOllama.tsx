import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { homelabApiRef } from '../../api/HomelabApi';
import { usePolled } from '../../hooks/usePolled';
import {
  CardEmpty,
  CardNotLoaded,
  RefreshFailedBanner,
} from '../common/CardStates';
import { LoadedModels } from '../OllamaLoadCard/LoadedModels';
import { ServerSummary } from '../OllamaLoadCard/ServerSummary';

/** The Ollama load card's summary, for plans whose entities use Ollama. */
export function CutoverOllama(props: { pollIntervalMs?: number }) {
  const api = useApi(homelabApiRef);
  const status = usePolled(
    () => api.getOllamaStatus(),
    'cutover-ollama',
    // The status is the sampler's shared reading; polling it costs Ollama nothing.
    value =>
      props.pollIntervalMs ??
      Math.max(5000, (value?.intervalSeconds ?? 15) * 1000),
  );
  const value = status.value;
  return (
    <InfoCard title="Ollama load">
      {value && !value.hasData && (
        <CardEmpty
          title="No samples yet"
          description={`The homelab backend samples Ollama every ${value.intervalSeconds} s and has not stored a sample yet.`}
        />
      )}
      {value?.hasData && (
        <>
          <RefreshFailedBanner
            error={status.error}
            loadedAt={status.loadedAt}
          />
          <ServerSummary status={value} />
          <LoadedModels
            models={value.loadedModels}
            limitBytes={value.memoryBudget.limitBytes}
            noLimit={value.memoryBudget.noLimit}
          />
        </>
      )}
      {!value && <CardNotLoaded state={status} what="the Ollama status" />}
    </InfoCard>
  );
}
