import { Ollama } from 'ollama';
import { resolveScenario } from '../scenario/resolve';
import type { HomelabSim } from '../sim';
import { kubeGet, loopbackFetch, startTestSim } from '../testUtils';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function fastScenario(
  settings: Record<string, number | string>,
  extra: object = {},
) {
  return { name: 'test', extends: 'fast', ollama: { settings, ...extra } };
}

describe('simulated Ollama API', () => {
  let sim: HomelabSim;
  let ollama: Ollama;
  beforeAll(async () => {
    ({ sim } = await startTestSim());
    ollama = new Ollama({ host: sim.ollamaUrl, fetch: loopbackFetch });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.setScenario('fast'));

  it('lists installed models, version and the root banner', async () => {
    const { models } = await ollama.list();
    expect(models.map(m => m.name)).toEqual([
      'qwen3:1.7b',
      'moondream:latest',
      'gemma3:1b',
    ]);
    expect(models[0].details).toMatchObject({
      format: 'gguf',
      family: 'qwen3',
      parameter_size: '2.0B',
      quantization_level: 'Q4_K_M',
    });
    expect(models[0].digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await ollama.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await (await loopbackFetch(`${sim.ollamaUrl}/`)).text()).toBe(
      'Ollama is running',
    );
  });

  it('generates without streaming and reports durations in nanoseconds', async () => {
    const res = await ollama.generate({
      model: 'qwen3:1.7b',
      prompt: 'Tag this: Kubernetes on a homelab',
      stream: false,
    });
    expect(res.done).toBe(true);
    expect(res.done_reason).toBe('stop');
    expect(res.response).toMatch(/\S/);
    expect(res.eval_count).toBe(8);
    expect(res.prompt_eval_count).toBeGreaterThan(0);
    expect(res.context.length).toBe(res.prompt_eval_count + res.eval_count);
    for (const key of [
      'total_duration',
      'load_duration',
      'prompt_eval_duration',
      'eval_duration',
    ] as const) {
      expect(res[key]).toBeGreaterThan(0);
    }
    const warm = await ollama.generate({
      model: 'qwen3:1.7b',
      prompt: 'again',
      stream: false,
    });
    expect(warm.load_duration).toBeLessThan(res.load_duration);
  });

  it('streams NDJSON chunks ending with a done object', async () => {
    const chunks = [];
    for await (const part of await ollama.generate({
      model: 'gemma3:1b',
      prompt: 'hello',
      stream: true,
    }))
      chunks.push(part);
    expect(chunks.length).toBe(9);
    expect(chunks.slice(0, -1).every(c => !c.done && c.response)).toBe(true);
    expect(chunks[chunks.length - 1]).toMatchObject({
      done: true,
      done_reason: 'stop',
      eval_count: 8,
    });
  });

  it('answers an unknown model like the real server', async () => {
    await expect(
      ollama.generate({ model: 'llava:7b', prompt: 'x', stream: false }),
    ).rejects.toMatchObject({
      status_code: 404,
      error: "model 'llava:7b' not found",
    });
  });

  it('shows loaded models with size, no VRAM and an expiry from keep_alive', async () => {
    await ollama.generate({
      model: 'qwen3:1.7b',
      prompt: 'hi',
      keep_alive: -1,
    });
    const { models } = await ollama.ps();
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({
      name: 'qwen3:1.7b',
      size_vram: 0,
      size: 2147483648,
    });
    expect(new Date(models[0].expires_at).getFullYear()).toBeGreaterThan(2200);
    expect((models[0] as any).context_length).toBe(4096);
  });

  it('puts a model on the GPU as far as its memory goes and reports that part as size_vram', async () => {
    await sim.setScenario(
      fastScenario({ OLLAMA_MAX_LOADED_MODELS: 2 }, { gpu: { memory: '2Gi' } }),
    );
    const GiB = 2 ** 30;
    const metricsMemory = async () => {
      const { body } = await kubeGet(
        sim,
        '/apis/metrics.k8s.io/v1beta1/namespaces/ai/pods',
      );
      const pod = body.items.find((p: any) =>
        p.metadata.name.startsWith('ollama-'),
      );
      return Number(pod.containers[0].usage.memory.replace('Ki', '')) * 1024;
    };
    const idle = await metricsMemory();

    await ollama.generate({ model: 'moondream', prompt: 'hi' });
    let [moondream] = (await ollama.ps()).models;
    expect(moondream).toMatchObject({ size: 2.5 * GiB, size_vram: 2 * GiB });
    // Only the half GiB outside the GPU is in the pod's RAM.
    expect((await metricsMemory()) - idle).toBe(0.5 * GiB);

    await ollama.generate({ model: 'qwen3:1.7b', prompt: 'hi' });
    const models = (await ollama.ps()).models;
    const qwen = models.find(m => m.name === 'qwen3:1.7b');
    moondream = models.find(m => m.name === 'moondream:latest')!;
    // The GPU is full: the second model stays in RAM.
    expect(qwen).toMatchObject({ size: 2 * GiB, size_vram: 0 });
    expect(moondream.size_vram).toBe(2 * GiB);
  });

  it('drops a model from ps when its keep-alive runs out', async () => {
    await ollama.generate({
      model: 'gemma3:1b',
      prompt: 'hi',
      keep_alive: '150ms',
    });
    expect((await ollama.ps()).models.map(m => m.name)).toEqual(['gemma3:1b']);
    await sleep(400);
    expect((await ollama.ps()).models).toEqual([]);
    await ollama.generate({ model: 'gemma3:1b', prompt: 'hi', keep_alive: 0 });
    expect((await ollama.ps()).models).toEqual([]);
  });

  it('evicts the least recently used model beyond OLLAMA_MAX_LOADED_MODELS', async () => {
    await sim.setScenario(fastScenario({ OLLAMA_MAX_LOADED_MODELS: 2 }));
    for (const model of [
      'qwen3:1.7b',
      'gemma3:1b',
      'qwen3:1.7b',
      'moondream',
    ]) {
      await ollama.generate({ model, prompt: 'hi' });
    }
    expect((await ollama.ps()).models.map(m => m.name).sort()).toEqual([
      'moondream:latest',
      'qwen3:1.7b',
    ]);
  });

  it('answers 503 when more requests arrive than NUM_PARALLEL + MAX_QUEUE', async () => {
    await sim.setScenario(
      fastScenario(
        { OLLAMA_NUM_PARALLEL: 1, OLLAMA_MAX_QUEUE: 1 },
        { msPerToken: 40 },
      ),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        ollama.generate({ model: 'qwen3:1.7b', prompt: 'hi' }),
      ),
    );
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(2);
    const rejected = results.filter(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    expect(rejected.map(r => [r.reason.status_code, r.reason.error])).toEqual([
      [
        503,
        'server busy, please try again.  maximum pending requests exceeded',
      ],
      [
        503,
        'server busy, please try again.  maximum pending requests exceeded',
      ],
    ]);
  });

  it('raises the Ollama pod memory in metrics.k8s.io when a model loads', async () => {
    const memoryMi = async () => {
      const res = await kubeGet(
        sim,
        '/apis/metrics.k8s.io/v1beta1/namespaces/ai/pods?labelSelector=app.kubernetes.io%2Fname%3Dollama',
      );
      return parseInt(res.body.items[0].containers[0].usage.memory, 10) / 1024;
    };
    expect(await memoryMi()).toBe(200);
    await ollama.generate({ model: 'qwen3:1.7b', prompt: 'hi' });
    expect(await memoryMi()).toBe(200 + 2048);
  });

  it('shows the Ollama pod busy on CPU while it generates and idle after', async () => {
    const cpu = async () => {
      const res = await kubeGet(
        sim,
        '/apis/metrics.k8s.io/v1beta1/namespaces/ai/pods?labelSelector=app.kubernetes.io%2Fname%3Dollama',
      );
      return res.body.items[0].containers[0].usage.cpu;
    };
    const stream = await ollama.generate({
      model: 'gemma3:1b',
      prompt: 'hi',
      stream: true,
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(await cpu()).toBe('3500000000n');
    while (!(await iterator.next()).done) {
      // drain the stream
    }
    expect(await cpu()).toBe('5000000n');
  });

  it('reads durations the way Ollama does', () => {
    expect(
      resolveScenario(fastScenario({ OLLAMA_KEEP_ALIVE: '1h30m' })).ollama
        .keepAliveMs,
    ).toBe(90 * 60_000);
    expect(
      resolveScenario(fastScenario({ OLLAMA_KEEP_ALIVE: 300 })).ollama
        .keepAliveMs,
    ).toBe(300_000);
  });
});
