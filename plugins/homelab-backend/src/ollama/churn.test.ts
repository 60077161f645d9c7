import { countChurn } from './churn';
import type { OllamaSample } from './types';

const at = (i: number, models: [string, number?][]): OllamaSample => ({
  sampledAt: i,
  reachable: true,
  consecutiveFailures: 0,
  installed: [],
  loaded: models.map(([name, contextLength]) => ({
    name,
    sizeBytes: 1,
    sizeVramBytes: 0,
    contextLength,
  })),
});

describe('countChurn', () => {
  it('counts a model that is unloaded and loaded again, and context-length changes', () => {
    const churn = countChurn([
      at(1, [['qwen3:1.7b', 2048]]),
      at(2, [['moondream', 2048]]),
      at(3, [['qwen3:1.7b', 2048]]),
      at(4, [['qwen3:1.7b', 4096]]),
      at(5, [['moondream', 2048]]),
    ]);
    expect(churn).toEqual([
      { model: 'qwen3:1.7b', reloads: 1, contextChanges: 1 },
      { model: 'moondream', reloads: 1, contextChanges: 0 },
    ]);
  });

  it('does not count a model that stays loaded', () => {
    expect(
      countChurn([at(1, [['gemma3:1b']]), at(2, [['gemma3:1b']])]),
    ).toEqual([{ model: 'gemma3:1b', reloads: 0, contextChanges: 0 }]);
  });
});
