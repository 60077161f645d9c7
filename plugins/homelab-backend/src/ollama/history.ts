import type { OllamaHistoryPoint } from '@internal/plugin-homelab-common';
import type { OllamaSample } from './types';

/** Enough points for a chart; a 7-day window at 15 s would otherwise be 40,000. */
export const MAX_POINTS = 720;

export function historyPoints(samples: OllamaSample[]): OllamaHistoryPoint[] {
  const stride = Math.max(1, Math.ceil(samples.length / MAX_POINTS));
  const picked = samples.filter(
    (_, i) => i % stride === 0 || i === samples.length - 1,
  );
  return picked.map(s => ({
    at: new Date(s.sampledAt).toISOString(),
    reachable: s.reachable,
    latencyMs: s.latencyMs,
    cpuMillicores: s.pod?.usage.cpuMillicores,
    cpuLimitMillicores: s.pod?.limits.cpuMillicores,
    memoryBytes: s.pod?.usage.memoryBytes,
    memoryLimitBytes: s.pod?.limits.memoryBytes,
    loadedBytes: s.loaded.reduce((n, m) => n + m.sizeBytes, 0),
    loadedModels: s.loaded.map(m => m.name),
  }));
}
