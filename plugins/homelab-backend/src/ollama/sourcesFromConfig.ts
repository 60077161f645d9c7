import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  ClusterClient,
  OllamaClient,
  readHomelabClusterConfig,
  readHomelabOllamaConfig,
} from '@internal/plugin-homelab-node';
import type { SamplerSources } from './sources';

/**
 * The sampler's sources from `homelab.ollama` and `homelab.cluster`. Without
 * `homelab.cluster` the sampler still reads Ollama but not its pod's usage;
 * a `homelab.cluster` that names no configured cluster is an error.
 */
export function sourcesFromConfig(
  config: Config,
  logger: LoggerService,
): SamplerSources {
  const ollama = readHomelabOllamaConfig(config);
  let cluster: ClusterClient | undefined;
  if (config.has('homelab.cluster')) {
    cluster = new ClusterClient(readHomelabClusterConfig(config), { logger });
  } else {
    logger.warn(
      'homelab.cluster is not set, so Ollama samples carry no pod CPU and memory; set it to the name of a cluster under kubernetes.clusterLocatorMethods[].clusters[]',
    );
  }
  return {
    ollama: new OllamaClient(ollama),
    cluster,
    ollamaName: ollama.baseUrl,
    namespace: ollama.namespace,
    labelSelector: ollama.labelSelector,
  };
}
