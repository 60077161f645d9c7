import type {
  CutoverSummary,
  PhasePlanSummary,
} from '@internal/plugin-homelab-common';

export type { RequestPod } from '../pods/types';

/** CPU in millicores and memory in bytes, as integers (kubectl's Quantity.MilliValue and Value round up). */
export interface Requested {
  cpuMillicores: number;
  memoryBytes: number;
}

/** One computed section: its data, when it was computed (epoch ms) and why the latest attempt failed. */
export interface Computed<T> {
  data?: T;
  at?: number;
  error?: string;
  /** The source itself says its data is old (the Ollama sampler stopped). */
  stale?: boolean;
}

export interface SharedMigration {
  plans: PhasePlanSummary[];
  cutovers: CutoverSummary[];
}
