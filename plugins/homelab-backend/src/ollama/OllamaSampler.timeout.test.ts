import { mockServices } from '@backstage/backend-test-utils';
import {
  closeMemoryDatabases,
  memoryDatabase,
} from '../__testUtils__/memoryDatabase';
import { OllamaSampler } from './OllamaSampler';
import { OllamaSampleStore } from './OllamaSampleStore';

describe('OllamaSampler with an Ollama that hangs', () => {
  afterEach(closeMemoryDatabases);
  it('records a failed attempt after the request timeout instead of waiting forever', async () => {
    const hang = () => new Promise<never>(() => {});
    const logger = mockServices.logger.mock();
    const sampler = new OllamaSampler({
      ollama: { version: hang, tags: hang, ps: hang, generate: hang },
      store: await OllamaSampleStore.create(memoryDatabase(), {
        slotMs: 15_000,
      }),
      logger,
      intervalMs: 15_000,
      requestTimeoutMs: 50,
      namespace: 'ai',
      labelSelector: 'app.kubernetes.io/name=ollama',
      ollamaName: 'http://ollama:11434',
    });
    const sample = await sampler.tick();
    expect(sample).toMatchObject({
      reachable: false,
      error: 'Ollama at http://ollama:11434 did not answer within 0.05 s',
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
