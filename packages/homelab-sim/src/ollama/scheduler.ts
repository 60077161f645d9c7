import { FOREVER_MS } from '../duration';
import type { ModelSpec, ResolvedOllama } from '../scenario/types';

/** Bytes a model takes once loaded (weights plus KV cache). */
export function loadedBytes(m: ModelSpec): number {
  return m.loadedSize ?? m.size;
}

export class ServerBusy extends Error {
  constructor() {
    super('server busy, please try again.  maximum pending requests exceeded');
  }
}

export interface LoadedModel {
  model: ModelSpec;
  /** Bytes of the model in GPU memory, fixed when it loads (size_vram). */
  vramBytes: number;
  expiresAt: number;
  lastUsed: number;
  active: number;
}

export interface Lease {
  /** True when this request had to load the model first. */
  cold: boolean;
  release(): void;
}

interface Waiter {
  model: ModelSpec;
  keepAliveMs: number;
  resolve(lease: Lease): void;
}

/**
 * Ollama's scheduler in miniature: models load on first use, stay for their
 * keep-alive, the least recently used idle one is evicted beyond
 * OLLAMA_MAX_LOADED_MODELS, each model runs OLLAMA_NUM_PARALLEL requests at
 * once and at most OLLAMA_MAX_QUEUE more wait.
 */
export class Scheduler {
  private loaded = new Map<string, LoadedModel>();
  private pending: Waiter[] = [];
  private running = 0;

  constructor(private cfg: ResolvedOllama) {}

  /** A new scenario is a restarted server: nothing stays loaded. */
  configure(cfg: ResolvedOllama) {
    this.cfg = cfg;
    this.loaded.clear();
    this.pump();
  }

  acquire(model: ModelSpec, keepAliveMs: number): Promise<Lease> {
    if (
      this.running + this.pending.length >=
      this.cfg.numParallel + this.cfg.maxQueue
    ) {
      return Promise.reject(new ServerBusy());
    }
    return new Promise(resolve => {
      this.pending.push({ model, keepAliveMs, resolve });
      this.pump();
    });
  }

  /** Unloads a model now (a request with keep_alive 0 and no prompt). */
  unload(name: string) {
    const entry = this.loaded.get(name);
    if (entry && entry.active === 0) this.loaded.delete(name);
  }

  /** Loaded models, most recently used first; expired ones are dropped on the way. */
  loadedModels(): LoadedModel[] {
    this.prune();
    return [...this.loaded.values()].sort((a, b) => b.lastUsed - a.lastUsed);
  }

  isGenerating(): boolean {
    return this.running > 0;
  }

  private prune() {
    const now = Date.now();
    for (const [name, e] of this.loaded) {
      if (e.active === 0 && e.expiresAt <= now) this.loaded.delete(name);
    }
  }

  /** As much of `bytes` as the GPU memory left by the loaded models holds; the rest stays in RAM. */
  private freeVram(bytes: number): number {
    let used = 0;
    for (const e of this.loaded.values()) used += e.vramBytes;
    return Math.max(0, Math.min(bytes, this.cfg.gpuMemoryBytes - used));
  }

  private expiry(keepAliveMs: number): number {
    return Date.now() + (keepAliveMs < 0 ? FOREVER_MS : keepAliveMs);
  }

  private tryStart(w: Waiter): Lease | undefined {
    let entry = this.loaded.get(w.model.name);
    let cold = false;
    if (entry && entry.active >= this.cfg.numParallel) return undefined;
    if (!entry) {
      if (this.loaded.size >= this.cfg.maxLoadedModels) {
        const idle = [...this.loaded.values()]
          .filter(e => e.active === 0)
          .sort((a, b) => a.lastUsed - b.lastUsed);
        if (!idle.length) return undefined;
        this.loaded.delete(idle[0].model.name);
      }
      entry = {
        model: w.model,
        vramBytes: this.freeVram(loadedBytes(w.model)),
        expiresAt: 0,
        lastUsed: 0,
        active: 0,
      };
      this.loaded.set(w.model.name, entry);
      cold = true;
    }
    const e = entry;
    e.active++;
    e.lastUsed = Date.now();
    e.expiresAt = this.expiry(w.keepAliveMs);
    this.running++;
    let released = false;
    return {
      cold,
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        e.active--;
        e.lastUsed = Date.now();
        e.expiresAt = this.expiry(w.keepAliveMs);
        if (w.keepAliveMs === 0 && e.active === 0)
          this.loaded.delete(e.model.name);
        this.pump();
      },
    };
  }

  private pump() {
    this.prune();
    // First come, first served: a waiter that cannot start holds the rest back.
    while (this.pending.length) {
      const lease = this.tryStart(this.pending[0]);
      if (!lease) return;
      this.pending.shift()!.resolve(lease);
    }
  }
}
