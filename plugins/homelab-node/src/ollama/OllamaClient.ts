import type { Config } from '@backstage/config';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  GenerateRequest,
  GenerateResponse,
  ListResponse,
  Ollama,
  VersionResponse,
} from 'ollama';
import { HomelabOllamaConfig, readHomelabOllamaConfig } from '../config';
import {
  DEFAULT_OUTBOUND_LIMITS,
  limitFetch,
  OutboundLimitError,
} from '../limits';
import { createFetch, describeNetworkFailure, FetchLike } from '../transport';

/** A generate may wait for Ollama to load the model into memory first. */
export const DEFAULT_GENERATE_TIMEOUT_MS = 120_000;

export interface OllamaClientOptions {
  /**
   * Replaces the default fetch (undici's); for callers that bring their own
   * transport. The timeout and byte cap of `settings.limits` still apply.
   */
  fetch?: FetchLike;
}

/** Typed access to the homelab's Ollama server through the official `ollama` package. */
export class OllamaClient {
  static fromConfig(config: Config, options: OllamaClientOptions = {}) {
    return new OllamaClient(readHomelabOllamaConfig(config), options);
  }

  private readonly ollama: Ollama;
  /** The same server for generate, which may load a model first: its own, longer timeout. */
  private readonly generating: Ollama;

  constructor(
    readonly settings: HomelabOllamaConfig,
    options: OllamaClientOptions = {},
  ) {
    const fetch = options.fetch ?? createFetch({});
    const limits = settings.limits ?? DEFAULT_OUTBOUND_LIMITS;
    this.ollama = new Ollama({
      host: settings.baseUrl,
      fetch: limitFetch(fetch, limits, 'Ollama', 'homelab.ollama'),
    });
    this.generating = new Ollama({
      host: settings.baseUrl,
      fetch: limitFetch(
        fetch,
        {
          ...limits,
          timeoutMs: settings.generateTimeoutMs ?? DEFAULT_GENERATE_TIMEOUT_MS,
        },
        'Ollama',
        {
          timeout: 'homelab.ollama.generateTimeout',
          maxBytes: 'homelab.ollama.maxBytes',
        },
      ),
    });
  }

  /** GET /api/version */
  version(): Promise<VersionResponse> {
    return this.call('GET /api/version', () => this.ollama.version());
  }

  /** GET /api/tags: the models pulled onto the server. */
  tags(): Promise<ListResponse> {
    return this.call('GET /api/tags', () => this.ollama.list());
  }

  /** GET /api/ps: the models loaded in memory now. */
  ps(): Promise<ListResponse> {
    return this.call('GET /api/ps', () => this.ollama.ps());
  }

  /** POST /api/generate, answered as one object (no streaming). */
  generate(
    request: Omit<GenerateRequest, 'stream'>,
  ): Promise<GenerateResponse> {
    return this.call(`POST /api/generate (${request.model})`, () =>
      this.generating.generate({ ...request, stream: false }),
    );
  }

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error: any) {
      if (error instanceof OutboundLimitError) {
        throw new ServiceUnavailableError(error.message);
      }
      const status: unknown = error?.status_code;
      if (typeof status !== 'number') {
        throw new ServiceUnavailableError(
          describeNetworkFailure('Ollama', this.settings.baseUrl, error),
        );
      }
      const message = `Ollama at ${
        this.settings.baseUrl
      } answered ${what} with ${status}: ${error.error ?? error.message}`;
      if (status === 404) throw new NotFoundError(message);
      throw new ServiceUnavailableError(message);
    }
  }
}
