import { HomelabSim, startTestSim } from '@internal/homelab-sim';
import { simConfig } from '../__testUtils__/simConfig';
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
