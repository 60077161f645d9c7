import type { OllamaHistoryPoint } from '@internal/plugin-homelab-common';

/** Enough points for a chart; a 7-day window at 15 s would otherwise be 40,000. */
export const MAX_POINTS = 720;

/** The length of one history bucket: a window cut into at most MAX_POINTS (+1 partial) buckets. */
export function bucketMs(windowMs: number): number {
  return Math.max(1, Math.ceil(windowMs / MAX_POINTS));
}

/** One history bucket as the database aggregates it; numbers may arrive as strings (PostgreSQL bigint, numeric). */
export interface HistoryBucketRow {
  /** The newest sample of the bucket, epoch ms. */
  at: number | string;
  /** 1 when every sample of the bucket reached Ollama. */
  reachable: number | string;
  latency_ms: number | string | null;
  cpu_millicores: number | string | null;
  cpu_limit_millicores: number | string | null;
  memory_bytes: number | string | null;
  memory_limit_bytes: number | string | null;
  loaded_bytes: number | string | null;
  loaded_vram_bytes: number | string | null;
  /** JSON list of the models loaded at the newest sample of the bucket. */
  loaded_models: string | null;
}

const num = (v: number | string | null) =>
  v === null || v === undefined ? undefined : Math.round(Number(v));

function names(json: string | null): string[] {
  try {
    const parsed = JSON.parse(json ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export function historyPoint(row: HistoryBucketRow): OllamaHistoryPoint {
  const vram = num(row.loaded_vram_bytes);
  return {
    at: new Date(Number(row.at)).toISOString(),
    reachable: Number(row.reachable) === 1,
    latencyMs: num(row.latency_ms),
    cpuMillicores: num(row.cpu_millicores),
    cpuLimitMillicores: num(row.cpu_limit_millicores),
    memoryBytes: num(row.memory_bytes),
    memoryLimitBytes: num(row.memory_limit_bytes),
    loadedBytes: num(row.loaded_bytes) ?? 0,
    loadedVramBytes: vram || undefined,
    loadedModels: names(row.loaded_models),
  };
}
