import { resolveScenario } from './resolve';

describe('scenarios', () => {
  it('fills a partial spec from the default scenario', () => {
    const s = resolveScenario({
      name: 'tiny',
      ollama: { settings: { OLLAMA_MAX_LOADED_MODELS: 2 } },
    });
    expect(s.nodes).toHaveLength(3);
    expect(s.ollama.maxLoadedModels).toBe(2);
    expect(s.ollama.models.map(m => m.name)).toEqual([
      'qwen3:1.7b',
      'moondream:latest',
      'gemma3:1b',
    ]);
    expect(s.ollama.keepAliveMs).toBe(5 * 60_000);
  });

  it('names the field and the fix when a scenario is wrong', () => {
    expect(() =>
      resolveScenario({
        name: 'x',
        failures: [
          { namespace: 'ai', workload: 'ollama', kind: 'exploded' as any },
        ],
      }),
    ).toThrow(
      /failures\[0\]\.kind must be one of crashLoop, pendingMemory, imagePull/,
    );
    expect(() =>
      resolveScenario({
        name: 'x',
        ollama: { settings: { OLLAMA_KEEP_ALIVE: 'soon' } },
      }),
    ).toThrow(/OLLAMA_KEEP_ALIVE: "soon" is not a duration/);
    expect(() => resolveScenario('no-such-scenario')).toThrow(
      /neither a shipped scenario \(.*failures.*\)/,
    );
  });

  it('names the field when a scenario gives the GPU no valid memory', () => {
    expect(() =>
      resolveScenario({
        name: 'x',
        ollama: { gpu: { memory: 'lots' } },
      }),
    ).toThrow(/ollama\.gpu\.memory: "lots" is not a memory quantity/);
    expect(() =>
      resolveScenario({ name: 'x', ollama: { gpu: '4Gi' as any } }),
    ).toThrow(/ollama\.gpu must be a mapping with the GPU memory/);
  });

  it('ships a scenario with a GPU on the Ollama node', () => {
    const s = resolveScenario('gpu');
    expect(s.ollama.gpuMemoryBytes).toBe(2 * 2 ** 30);
    expect(s.ollama.maxLoadedModels).toBe(2);
    expect(resolveScenario('fast').ollama.gpuMemoryBytes).toBe(0);
  });
});
