// The response shapes live in homelab-common, which the frontend shares.
export type {
  InstalledModelStatus,
  LoadedModelStatus,
  MemoryBudget,
  ModelChurn,
  ModelEstimate,
  OllamaHistory,
  OllamaHistoryPoint,
  OllamaStatus,
  ThroughputProbeStatus,
  Usage,
} from '@internal/plugin-homelab-common';
