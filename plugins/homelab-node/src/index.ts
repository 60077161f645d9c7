/**
 * Clients of the homelab cluster and its Ollama server, configured from
 * `homelab.cluster` / `homelab.ollama` and `kubernetes.clusterLocatorMethods`,
 * the repository root the backend's relative paths start from, and the one
 * safe way to locate and read an entity's phase plan.
 *
 * @packageDocumentation
 */
export {
  readHomelabConfig,
  readHomelabClusterConfig,
  readHomelabOllamaConfig,
  readOutboundLimits,
} from './config';
export type {
  HomelabConfig,
  HomelabClusterConfig,
  HomelabOllamaConfig,
} from './config';
export {
  DEFAULT_SERVICE_ACCOUNT_DIR,
  readServiceAccountDir,
} from './clusterAccess';
export type { ClusterAccess } from './clusterAccess';
export { ClusterClient } from './kube/ClusterClient';
export { readPodApiServer } from './kube/podApiServer';
export type { PodApiServer } from './kube/podApiServer';
export type { ClusterClientOptions } from './kube/ClusterClient';
export type * from './kube/types';
export { OllamaClient } from './ollama/OllamaClient';
export type { OllamaClientOptions } from './ollama/OllamaClient';
export type { FetchLike } from './transport';
export {
  DEFAULT_OUTBOUND_LIMITS,
  formatBytes,
  limitFetch,
  OutboundLimitError,
  readAtMost,
} from './limits';
export type { OutboundLimits } from './limits';
export { findRepositoryRoot, readRepositoryRoot } from './repositoryRoot';
export { portalDataDir } from './dataDir';
export * from './gitops';
export * from './phasePlans';
export type {
  GenerateRequest,
  GenerateResponse,
  ListResponse,
  ModelResponse,
  ModelDetails,
  VersionResponse,
} from 'ollama';
