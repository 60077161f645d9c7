import { deriveStatus } from './deriveStatus';
import { bucketMs, historyPoint } from './history';
import type { OllamaSampleStore } from './OllamaSampleStore';
import type {
  OllamaHistory,
  OllamaStatus,
} from '@internal/plugin-homelab-common';

const HOUR_MS = 3_600_000;

/** Answers viewers from the database only; nothing here talks to Ollama. */
export class OllamaStatusService {
  private cached?: {
    latestId: number | undefined;
    at: number;
    status: OllamaStatus;
  };

  constructor(
    private readonly options: {
      store: OllamaSampleStore;
      intervalMs: number;
      churnThreshold: number;
      now?: () => number;
    },
  ) {}

  async status(): Promise<OllamaStatus> {
    const { store, intervalMs, churnThreshold } = this.options;
    const now = (this.options.now ?? Date.now)();
    const latestId = await store.latestId();
    const c = this.cached;
    // Reuse the derived figures while no new sample arrived; only the ages move on.
    if (c && c.latestId === latestId && now - c.at < 1000) return c.status;
    const [lastHour, probe] = await Promise.all([
      store.since(now - HOUR_MS),
      store.latestProbe(),
    ]);
    // The newest sample ends the last hour's; only an older one needs its own query.
    const latest = lastHour.at(-1) ?? (await store.latest());
    const status = deriveStatus({
      latest,
      lastHour,
      probe,
      intervalMs,
      churnThreshold,
      now,
    });
    this.cached = { latestId, at: now, status };
    return status;
  }

  async history(window: { text: string; ms: number }): Promise<OllamaHistory> {
    const to = (this.options.now ?? Date.now)();
    const from = to - window.ms;
    const rows = await this.options.store.historyBuckets(
      from,
      bucketMs(window.ms),
    );
    return {
      window: window.text,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points: rows.map(historyPoint),
    };
  }
}
