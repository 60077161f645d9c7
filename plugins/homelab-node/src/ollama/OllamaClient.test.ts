import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import { simConfig } from '../__testUtils__/simConfig';
import { startStuckServer } from '../__testUtils__/stuckServer';
import { OllamaClient } from './OllamaClient';

describe('OllamaClient against the stand-in Ollama', () => {
  let sim: HomelabSim;
  beforeAll(async () => {
    sim = (await startTestSim()).sim;
  });
  afterAll(() => sim.close());

  it('reads the version, the pulled models and the loaded ones', async () => {
    const client = OllamaClient.fromConfig(simConfig(sim));
    expect((await client.version()).version).toMatch(/^\d+\.\d+/);
    const tags = await client.tags();
    expect(tags.models.map(m => m.name)).toEqual([
      'qwen3:1.7b',
      'moondream:latest',
      'gemma3:1b',
    ]);
    expect(tags.models[0].details.quantization_level).toBe('Q4_K_M');
    expect((await client.ps()).models).toEqual([]);
  });

  it('generates with a model, which then shows as loaded', async () => {
    const client = OllamaClient.fromConfig(simConfig(sim));
    const reply = await client.generate({ model: 'gemma3:1b', prompt: 'hi' });
    expect(reply.done).toBe(true);
    expect(reply.eval_count).toBeGreaterThan(0);
    const loaded = await client.ps();
    expect(loaded.models.map(m => m.name)).toEqual(['gemma3:1b']);
  });

  it('reports an unknown model as not found', async () => {
    const client = OllamaClient.fromConfig(simConfig(sim));
    await expect(
      client.generate({ model: 'llama9:70b', prompt: 'hi' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining("model 'llama9:70b' not found"),
    });
  });

  it('says Ollama is unreachable when its port refuses connections', async () => {
    await sim.setScenario('ollama-down');
    try {
      const client = OllamaClient.fromConfig(simConfig(sim));
      await expect(client.tags()).rejects.toThrow(
        `Ollama is unreachable at ${sim.ollamaUrl} (connection refused)`,
      );
    } finally {
      await sim.setScenario('fast');
    }
  });
});

describe('OllamaClient against an Ollama that hangs', () => {
  const limits = { timeoutMs: 300, maxBytes: 256 * 1024 };
  const client = (baseUrl: string) =>
    new OllamaClient({
      baseUrl,
      namespace: 'ai',
      labelSelector: 'app.kubernetes.io/name=ollama',
      limits,
    });

  it('gives up on a server that accepts and never answers, naming the host and the timeout', async () => {
    const server = await startStuckServer('silent');
    try {
      await expect(client(server.url).ps()).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: `Ollama at ${
          new URL(server.url).host
        } did not answer within 0.3 s; the call was aborted (limit homelab.ollama.timeout)`,
      });
    } finally {
      await server.close();
    }
  });

  it('stops reading a server that streams forever at the byte cap', async () => {
    const server = await startStuckServer('endless');
    try {
      await expect(
        client(server.url).generate({ model: 'gemma3:1b', prompt: 'hi' }),
      ).rejects.toThrow(
        `Ollama at ${
          new URL(server.url).host
        } sent more than 256 KiB; the answer was not read (limit homelab.ollama.maxBytes)`,
      );
    } finally {
      await server.close();
    }
  });
});

describe('OllamaClient generate against an Ollama loading a model', () => {
  it('waits for generate up to its own timeout, naming homelab.ollama.generateTimeout', async () => {
    const server = await startStuckServer('silent');
    try {
      const client = new OllamaClient({
        baseUrl: server.url,
        namespace: 'ai',
        labelSelector: 'app.kubernetes.io/name=ollama',
        limits: { timeoutMs: 100, maxBytes: 1024 },
        generateTimeoutMs: 400,
      });
      await expect(
        client.generate({ model: 'gemma3:1b', prompt: 'hi' }),
      ).rejects.toThrow(
        `Ollama at ${
          new URL(server.url).host
        } did not answer within 0.4 s; the call was aborted (limit homelab.ollama.generateTimeout)`,
      );
    } finally {
      await server.close();
    }
  });
});
