import { useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATION_OLLAMA_MODEL } from '@internal/plugin-homelab-common';
import { OllamaLoadCard } from './OllamaLoadCard';

/** The load card on the Ollama component or an ai-model resource; on a model it calls that model out. */
export function EntityOllamaLoadCard(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  const tag = entity.metadata.annotations?.[ANNOTATION_OLLAMA_MODEL]?.trim();
  return (
    <OllamaLoadCard
      focusModel={tag || undefined}
      pollIntervalMs={props.pollIntervalMs}
    />
  );
}
