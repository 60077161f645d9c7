import type { LoggerService } from '@backstage/backend-plugin-api';
import type { OllamaSampleStore } from './OllamaSampleStore';
import type { OllamaReader } from './sources';
import type { ProbeResult } from './types';

/**
 * The opt-in throughput probe: a tiny generate request whose reply says how
 * fast the model produced tokens. The only work the portal ever gives Ollama.
 */
export async function runThroughputProbe(options: {
  ollama: OllamaReader;
  store: OllamaSampleStore;
  logger: LoggerService;
  model: string;
  now?: () => number;
}): Promise<ProbeResult> {
  const { ollama, store, logger, model } = options;
  const now = options.now ?? Date.now;
  let result: ProbeResult;
  try {
    const reply = await ollama.generate({
      model,
      prompt: 'Reply with the single word: ok',
      stream: false,
      options: { num_predict: 8 },
    });
    const tokens = reply.eval_count ?? 0;
    const ns = reply.eval_duration ?? 0;
    result = {
      probedAt: now(),
      model,
      tokensPerSecond: tokens > 0 && ns > 0 ? (tokens / ns) * 1e9 : undefined,
      error:
        tokens > 0 && ns > 0
          ? undefined
          : 'the reply had no eval_count/eval_duration',
    };
  } catch (error) {
    result = {
      probedAt: now(),
      model,
      error: error instanceof Error ? error.message : String(error),
    };
    logger.debug(`Throughput probe of ${model} failed: ${result.error}`);
  }
  await store.addProbe(result);
  return result;
}
