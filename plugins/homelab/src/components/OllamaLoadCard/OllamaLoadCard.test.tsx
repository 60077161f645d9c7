import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeHomelabApi,
  ollamaHistory,
  ollamaStatus,
  pending,
} from '../../testing/fixtures';
import { renderOnEntity, renderWithApi } from '../../__testUtils__/render';
import { EntityOllamaLoadCard } from './EntityOllamaLoadCard';
import { OllamaLoadCard } from './OllamaLoadCard';

function render(
  api: ReturnType<typeof fakeHomelabApi>,
  element = <OllamaLoadCard />,
) {
  return renderWithApi(api, element);
}

describe('OllamaLoadCard', () => {
  it('shows a progress bar while the first status loads', async () => {
    render(fakeHomelabApi({ getOllamaStatus: jest.fn(pending) }));
    expect(await screen.findByLabelText('Loading')).toBeInTheDocument();
  });

  it('says why it has nothing to show when the backend fails, and retries', async () => {
    const getOllamaStatus = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('Request failed with 503 Service Unavailable'),
      )
      .mockResolvedValue(ollamaStatus());
    render(fakeHomelabApi({ getOllamaStatus }));
    expect(
      await screen.findByText(
        /Could not load the Ollama status: Request failed with 503/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/Up, version 0.9.6/)).toBeInTheDocument();
  });

  it('explains an empty database before the first sample', async () => {
    render(
      fakeHomelabApi({
        getOllamaStatus: jest.fn(async () => ({
          ...ollamaStatus(),
          hasData: false,
          sampledAt: undefined,
          pod: undefined,
          loadedModels: [],
          installedModels: [],
        })),
      }),
    );
    expect(await screen.findByText('No samples yet')).toBeInTheDocument();
    expect(screen.getByText(/homelab.ollama.baseUrl/)).toBeInTheDocument();
  });

  it('shows load, models and history of a busy server', async () => {
    const api = fakeHomelabApi({
      getOllamaStatus: jest.fn(async () =>
        ollamaStatus({
          probe: {
            probedAt: new Date(Date.now() - 120_000).toISOString(),
            model: 'qwen3:1.7b',
            tokensPerSecond: 11.84,
          },
        }),
      ),
    });
    render(api);
    expect(
      await screen.findByText(/Up, version 0.9.6, answered in 42 ms/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Last throughput: 11.8 tokens\/s with qwen3:1.7b, measured .*\(2 min ago\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'CPU: 1.50 cores of 3.00 cores limit (50%), request 1.00 cores',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Memory: 3.0 GiB of 6.0 GiB limit (50%), request 2.0 GiB',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'qwen3:1.7b and moondream together: 4.7 GiB, fits the 6.0 GiB limit',
      ),
    ).toBeInTheDocument();

    const loaded = screen.getByRole('group', {
      name: 'loaded model qwen3:1.7b',
    });
    expect(loaded).toHaveTextContent(
      '2.2 GiB (36.7% of the 6.0 GiB limit), CPU, context 2048, unloads in 4 min',
    );
    expect(within(loaded).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '37',
    );

    const installed = screen.getByRole('table', { name: 'installed models' });
    expect(within(installed).getByText('moondream:latest')).toBeInTheDocument();
    expect(within(installed).getAllByRole('row')).toHaveLength(3);

    expect(
      await screen.findByRole('img', {
        name: /^Memory\. pod: now 3\.0 GiB, peak 3\.0 GiB; loaded models: now 2\.2 GiB.*; limit: 6\.0 GiB$/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^CPU\. used: now 2\.40 cores/ }),
    ).toBeInTheDocument();
    expect(api.getOllamaHistory).toHaveBeenCalledWith('1h');

    await userEvent.click(screen.getByRole('button', { name: '24h' }));
    await waitFor(() =>
      expect(api.getOllamaHistory).toHaveBeenLastCalledWith('24h'),
    );
  });

  it('shows an outage with the time since when and the reason', async () => {
    const since = new Date(Date.now() - 600_000).toISOString();
    render(
      fakeHomelabApi({
        getOllamaStatus: jest.fn(async () =>
          ollamaStatus({
            reachable: false,
            unreachableSince: since,
            error: 'connect ECONNREFUSED 10.43.0.17:11434',
            version: undefined,
            loadedModels: [],
            warnings: [
              `Ollama has not answered since ${since}: connect ECONNREFUSED 10.43.0.17:11434`,
            ],
          }),
        ),
      }),
    );
    expect(
      await screen.findByText(
        /Down since .*\(10 min ago\): connect ECONNREFUSED 10.43.0.17:11434/,
      ),
    ).toBeInTheDocument();
    // The outage is said once, not again as a backend warning.
    expect(
      screen.queryByText(/Ollama has not answered since/),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/No model in memory/)).toBeInTheDocument();
  });

  it('marks old samples as stale with the time they were taken', async () => {
    const sampledAt = new Date(Date.now() - 900_000).toISOString();
    render(
      fakeHomelabApi({
        getOllamaStatus: jest.fn(async () =>
          ollamaStatus({ stale: true, sampledAt, ageSeconds: 900 }),
        ),
      }),
    );
    const banner = await screen.findByRole('status', { name: 'stale data' });
    expect(banner).toHaveTextContent(
      /no sample for 15 min though the sampler runs every 15 s/,
    );
    expect(banner).toHaveTextContent(/Last updated .*\(15 min ago\)/);
  });

  it('keeps the last status on screen as stale when a refresh fails', async () => {
    const getOllamaStatus = jest
      .fn()
      .mockResolvedValueOnce(ollamaStatus())
      .mockRejectedValue(new Error('Failed to fetch'));
    render(
      fakeHomelabApi({ getOllamaStatus }),
      <OllamaLoadCard pollIntervalMs={20} />,
    );
    expect(
      await screen.findByRole('status', { name: 'stale data' }),
    ).toHaveTextContent(
      'Showing older data: the last refresh failed (Failed to fetch).',
    );
    expect(screen.getByText(/Up, version 0.9.6/)).toBeInTheDocument();
  });

  it('passes on the backend’s memory warnings', async () => {
    render(
      fakeHomelabApi({
        getOllamaStatus: jest.fn(async () =>
          ollamaStatus({
            warnings: [
              "qwen3:1.7b (2.2 GiB) and llava:7b (5.1 GiB) need 7.3 GiB together, more than Ollama's memory limit of 6.0 GiB: they cannot both stay loaded",
            ],
          }),
        ),
      }),
    );
    expect(
      await screen.findByText(/they cannot both stay loaded/),
    ).toBeInTheDocument();
  });

  const GiB = 2 ** 30;
  const onGpu = (vramBytes: number) => ({
    name: 'qwen3:8b',
    sizeBytes: 4 * GiB,
    ramBytes: 4 * GiB - vramBytes,
    vramBytes,
    gpuShare: vramBytes / (4 * GiB),
    cpuShare: 1 - vramBytes / (4 * GiB),
    placement: vramBytes >= 4 * GiB ? ('gpu' as const) : ('split' as const),
    contextLength: 4096,
    percentOfMemoryLimit:
      Math.round(((4 * GiB - vramBytes) / (6 * GiB)) * 1000) / 10,
  });

  it('shows a model half on the GPU with only its RAM share against the limit', async () => {
    render(
      fakeHomelabApi({
        getOllamaStatus: jest.fn(async () =>
          ollamaStatus({
            loadedModels: [onGpu(2 * GiB)],
            memoryBudget: {
              loadedBytes: 2 * GiB,
              loadedVramBytes: 2 * GiB,
              limitBytes: 6 * GiB,
            },
          }),
        ),
      }),
    );
    const loaded = await screen.findByRole('group', {
      name: 'loaded model qwen3:8b',
    });
    expect(loaded).toHaveTextContent(
      'qwen3:8b 4.0 GiB: 2.0 GiB in RAM (33.3% of the 6.0 GiB limit) and 2.0 GiB on the GPU (50%), context 4096',
    );
    expect(within(loaded).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '33',
    );
    expect(
      screen.getByText(
        'Loaded models in RAM: 2.0 GiB of 6.0 GiB limit (33.3%)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/On the GPU: 2.0 GiB of the loaded models/),
    ).toBeInTheDocument();
  });

  it('shows a model wholly on the GPU as taking none of the RAM', async () => {
    render(
      fakeHomelabApi({
        getOllamaStatus: jest.fn(async () =>
          ollamaStatus({ loadedModels: [onGpu(4 * GiB)] }),
        ),
      }),
    );
    expect(
      await screen.findByRole('group', { name: 'loaded model qwen3:8b' }),
    ).toHaveTextContent('qwen3:8b 4.0 GiB, all on the GPU (none of it in RAM)');
  });

  it('says "no limit" for a pod without a memory or CPU limit', async () => {
    const status = ollamaStatus();
    render(
      fakeHomelabApi({
        getOllamaStatus: jest.fn(async () => ({
          ...status,
          pod: {
            ...status.pod!,
            cpuMillicores: { used: 1500, noLimit: true },
            memoryBytes: { used: 3 * GiB, noLimit: true },
          },
          loadedModels: status.loadedModels.map(m => ({
            ...m,
            percentOfMemoryLimit: undefined,
          })),
          memoryBudget: {
            ...status.memoryBudget,
            limitBytes: undefined,
            noLimit: true,
            pairFitsLimit: undefined,
          },
        })),
      }),
    );
    expect(
      await screen.findByText('Memory: 3.0 GiB (no limit set)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('CPU: 1.50 cores (no limit set)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'loaded model qwen3:1.7b' }),
    ).toHaveTextContent('qwen3:1.7b 2.2 GiB (no memory limit), CPU');
    expect(
      screen.getByText(
        'qwen3:1.7b and moondream together: 4.7 GiB, the pod has no memory limit',
      ),
    ).toBeInTheDocument();
  });

  it('shows too few history samples as such instead of an empty chart', async () => {
    const history = ollamaHistory();
    render(
      fakeHomelabApi({
        getOllamaHistory: jest.fn(async () => ({
          ...history,
          points: history.points.slice(-1),
        })),
      }),
    );
    expect(
      await screen.findByText(
        'Not enough samples in the last 1h for a chart yet.',
      ),
    ).toBeInTheDocument();
  });
});

describe('EntityOllamaLoadCard', () => {
  const model = (tag: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: tag.replace(':', '-'),
      annotations: { 'homelab.dev/ollama-model': tag },
    },
    spec: { type: 'ai-model' },
  });

  it.each([
    ['qwen3:1.7b', /qwen3:1.7b is in memory \(2.2 GiB\) and unloads in 4 min/],
    ['moondream', /moondream is installed \(1.7 GiB\) but not in memory/],
    [
      'gemma3:1b',
      /gemma3:1b is not installed on this Ollama; run ollama pull gemma3:1b/,
    ],
  ])('calls out where %s stands on an ai-model entity', async (tag, text) => {
    renderOnEntity(fakeHomelabApi(), model(tag), <EntityOllamaLoadCard />);
    expect(await screen.findByText(text)).toBeInTheDocument();
  });
});
