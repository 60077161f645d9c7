import type { LoggerService } from '@backstage/backend-plugin-api';
import { hostname } from 'node:os';
import { estimateModel, pickPair, type AiModelInfo } from './modelPair';
import type { OllamaSampleStore } from './OllamaSampleStore';
import { readPodSnapshot } from './readPodSnapshot';
import type { ClusterReader, OllamaReader } from './sources';
import type { OllamaSample } from './types';
import { withTimeout } from './withTimeout';

/** The longest the sampler waits between attempts while Ollama does not answer. */
export const MAX_BACKOFF_MS = 5 * 60_000;
/** How long one sampling run waits for Ollama or the cluster before counting the attempt as failed. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export interface OllamaSamplerOptions {
  ollama: OllamaReader;
  cluster?: ClusterReader;
  store: OllamaSampleStore;
  logger: LoggerService;
  intervalMs: number;
  namespace: string;
  labelSelector: string;
  /** Shown in log lines, e.g. the base URL. */
  ollamaName: string;
  textModel?: string;
  visionModel?: string;
  aiModels?: () => Promise<AiModelInfo[]>;
  /** Default: DEFAULT_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Who claims the slots this sampler reads, for the claims table. Default: host name and pid. */
  claimant?: string;
  now?: () => number;
}

/** How long to wait after the latest sample before trying again. */
export function backoffMs(intervalMs: number, consecutiveFailures: number) {
  if (consecutiveFailures <= 0) return intervalMs;
  return Math.min(intervalMs * 2 ** consecutiveFailures, MAX_BACKOFF_MS);
}

/**
 * Reads Ollama's /api/version, /api/tags and /api/ps and the Ollama pod's
 * resources, and stores one sample per slot. Every replica ticks it; the one
 * that claims the slot in the database reads Ollama (see tick). The back-off
 * state lives in the stored samples, so it holds whichever replica samples next.
 */
export class OllamaSampler {
  private readonly now: () => number;
  private readonly claimant: string;
  /** The last slot this sampler sampled, found sampled, or lost the claim of. */
  private settledSlot?: number;

  constructor(private readonly options: OllamaSamplerOptions) {
    this.now = options.now ?? (() => Date.now());
    this.claimant = options.claimant ?? `${hostname()}/${process.pid}`;
  }

  /** The text and vision models that must fit in memory together (config first, else the catalog). */
  async pairNames(): Promise<{ text?: string; vision?: string }> {
    return (await this.catalogPair()).names;
  }

  /** The catalog's ai-models (none while the catalog does not answer) and the pair picked with them. */
  private async catalogPair() {
    const models = (await this.options.aiModels?.().catch(() => [])) ?? [];
    return { models, names: pickPair(this.options, models) };
  }

  /**
   * Samples unless the current slot holds a sample already, Ollama is down
   * and the back-off has not elapsed, or another replica has claimed the slot.
   * Returns the new sample, if it was stored. Ticked several times a slot on
   * every replica: the first tick of a slot claims it, so a replica killed
   * mid-run loses only its own slot and the next one goes to whoever ticks.
   */
  async tick(): Promise<OllamaSample | undefined> {
    const { store, intervalMs } = this.options;
    const now = this.now();
    const slot = store.slotOf(now);
    // Settled by an earlier tick of this slot: no database round trip until the next one.
    if (this.settledSlot === slot) return undefined;
    const previous = await store.latest();
    // This slot is sampled already (another replica, or this task before a restart).
    if (previous && store.slotOf(previous.sampledAt) === slot) {
      this.settledSlot = slot;
      return undefined;
    }
    if (previous && !previous.reachable) {
      const wait = backoffMs(intervalMs, previous.consecutiveFailures);
      // A tenth of the interval of slack, so scheduler jitter does not skip a due attempt.
      if (now - previous.sampledAt + intervalMs / 10 < wait) return undefined;
    }
    // Another replica is reading Ollama for this slot (or did and died doing it).
    const claimed = await store.claimSlot(now, this.claimant);
    this.settledSlot = slot;
    if (!claimed) return undefined;
    const sample = await this.sample(previous, now);
    // False when a replica running at the same time stored this slot first.
    return (await store.add(sample)) ? sample : undefined;
  }

  private async sample(
    previous: OllamaSample | undefined,
    now: number,
  ): Promise<OllamaSample> {
    const { logger, ollamaName } = this.options;
    const [pod, ollamaPart] = await Promise.all([
      this.readPod(),
      this.readOllama(),
    ]);

    if ('error' in ollamaPart) {
      const failures =
        previous && !previous.reachable ? previous.consecutiveFailures + 1 : 1;
      const since =
        previous && !previous.reachable
          ? previous.unreachableSince ?? previous.sampledAt
          : now;
      if (failures === 1) {
        logger.warn(
          `Ollama at ${ollamaName} does not answer (${
            ollamaPart.error
          }); sampling backs off, up to every ${
            MAX_BACKOFF_MS / 60_000
          } minutes, until it does`,
        );
      }
      return {
        sampledAt: now,
        reachable: false,
        error: ollamaPart.error,
        consecutiveFailures: failures,
        unreachableSince: since,
        loaded: [],
        installed: [],
        ...pod,
      };
    }

    if (previous && !previous.reachable) {
      const since = new Date(
        previous.unreachableSince ?? previous.sampledAt,
      ).toISOString();
      logger.info(
        `Ollama at ${ollamaName} answers again; it was unreachable since ${since}`,
      );
    }
    const { loaded, installed } = ollamaPart;
    const { models, names } = await this.catalogPair();
    return {
      sampledAt: now,
      reachable: true,
      latencyMs: ollamaPart.latencyMs,
      consecutiveFailures: 0,
      version: ollamaPart.version,
      loaded,
      installed,
      pair: {
        text: names.text
          ? estimateModel(names.text, loaded, installed, models)
          : undefined,
        vision: names.vision
          ? estimateModel(names.vision, loaded, installed, models)
          : undefined,
      },
      ...pod,
    };
  }

  private get timeoutMs() {
    return this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  private async readOllama() {
    const { ollama, ollamaName } = this.options;
    const started = this.now();
    try {
      const { version } = await withTimeout(
        ollama.version(),
        this.timeoutMs,
        `Ollama at ${ollamaName}`,
      );
      const latencyMs = Math.max(0, this.now() - started);
      const [tags, ps] = await withTimeout(
        Promise.all([ollama.tags(), ollama.ps()]),
        this.timeoutMs,
        `Ollama at ${ollamaName}`,
      );
      return {
        version,
        latencyMs,
        installed: (tags.models ?? []).map(m => ({
          name: m.name,
          sizeBytes: m.size,
          parameterSize: m.details?.parameter_size,
          quantization: m.details?.quantization_level,
        })),
        loaded: (ps.models ?? []).map(m => ({
          name: m.name,
          sizeBytes: m.size,
          sizeVramBytes: m.size_vram ?? 0,
          contextLength: m.context_length,
          expiresAt: m.expires_at
            ? new Date(m.expires_at).toISOString()
            : undefined,
        })),
      };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async readPod(): Promise<Pick<OllamaSample, 'pod' | 'podError'>> {
    const { cluster, namespace, labelSelector } = this.options;
    if (!cluster) return {};
    try {
      const pod = await withTimeout(
        readPodSnapshot(cluster, namespace, labelSelector),
        this.timeoutMs,
        'The Kubernetes API',
      );
      return pod
        ? { pod }
        : {
            podError: `No pod in namespace ${namespace} matches ${labelSelector}`,
          };
    } catch (error) {
      return {
        podError: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
