import { ramBytes } from './modelPair';
import type { OllamaSample } from './types';

/** The figures of a sample the history downsamples in SQL, as the columns that hold them. */
export function sampleColumns(s: OllamaSample) {
  const orNull = (v: number | undefined) =>
    v === undefined ? null : Math.round(v);
  return {
    latency_ms: orNull(s.latencyMs),
    cpu_millicores: orNull(s.pod?.usage.cpuMillicores),
    cpu_limit_millicores: orNull(s.pod?.limits.cpuMillicores),
    memory_bytes: orNull(s.pod?.usage.memoryBytes),
    memory_limit_bytes: orNull(s.pod?.limits.memoryBytes),
    loaded_bytes: s.loaded.reduce((n, m) => n + ramBytes(m), 0),
    loaded_vram_bytes: s.loaded.reduce((n, m) => n + (m.sizeVramBytes ?? 0), 0),
    loaded_models: JSON.stringify(s.loaded.map(m => m.name)),
  };
}
