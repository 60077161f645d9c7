import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { HomeSummary } from '@internal/plugin-homelab-common';
import { screen, within } from '@testing-library/react';
import { ClusterHealthWidget } from './ClusterHealthWidget';
import { homeSummary } from './homeFixtures';
import { MigrationWidget } from './MigrationWidget';
import { OllamaWidget } from './OllamaWidget';

type Answer = HomeSummary | { status: number; message: string } | 'pending';

function render(element: JSX.Element, answer: Answer) {
  const fetch = mockApis.fetch({
    baseImplementation: async (input: any) => {
      expect(String(input.url ?? input)).toBe(
        'http://example.com/api/homelab/home',
      );
      if (answer === 'pending') return new Promise<Response>(() => {});
      if ('status' in answer) {
        return new Response(
          JSON.stringify({
            error: { name: 'Error', message: answer.message },
            response: { statusCode: answer.status },
          }),
          {
            status: answer.status,
            headers: { 'content-type': 'application/json' },
          },
        );
      }
      return new Response(JSON.stringify(answer), {
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return renderInTestApp(element, {
    apis: [fetch, mockApis.discovery({ baseUrl: 'http://example.com' })],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('Cluster health widget', () => {
  it('shows node requests against allocatable and failing pods with their reason and entity link', async () => {
    await render(<ClusterHealthWidget />, homeSummary());
    expect(
      await screen.findByText('Memory requested 6.0 GiB of 16.0 GiB (37%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('CPU requested 1.50 cores of 4.00 cores (37%)'),
    ).toBeInTheDocument();
    const ollama = screen.getByRole('row', { name: 'pod ai/ollama-0' });
    expect(
      within(ollama).getByText('CrashLoopBackOff: OOMKilled'),
    ).toBeInTheDocument();
    expect(
      within(ollama).getByRole('link', { name: 'ai/ollama-0' }),
    ).toHaveAttribute('href', '/catalog/default/component/ollama');
    const pending = screen.getByRole('row', { name: 'pod karakeep/meili-1' });
    expect(
      within(pending).getByText(/Insufficient memory/),
    ).toBeInTheDocument();
    expect(within(pending).queryByRole('link')).toBeNull();
  });

  it('shows a progress bar while loading', async () => {
    await render(<ClusterHealthWidget />, 'pending');
    expect(await screen.findByLabelText('Loading')).toBeInTheDocument();
  });

  it('says why the request failed', async () => {
    await render(<ClusterHealthWidget />, {
      status: 503,
      message: 'catalog unavailable',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the cluster: catalog unavailable (HTTP 503)',
    );
  });

  it('says the backend could not read the cluster yet, naming its error', async () => {
    await render(
      <ClusterHealthWidget />,
      homeSummary({
        cluster: {
          stale: false,
          error: 'Kubernetes cluster homelab: connect ECONNREFUSED',
        },
      }),
    );
    expect(
      await screen.findByText(
        /could not read the cluster: Kubernetes cluster homelab: connect ECONNREFUSED/,
      ),
    ).toBeInTheDocument();
  });

  it('marks an old reading as stale and keeps showing it', async () => {
    const summary = homeSummary();
    await render(<ClusterHealthWidget />, {
      ...summary,
      cluster: { ...summary.cluster, stale: true },
    });
    expect(await screen.findByLabelText('stale data')).toHaveTextContent(
      /older than two intervals/,
    );
    expect(screen.getByText('CrashLoopBackOff: OOMKilled')).toBeInTheDocument();
  });

  it('says all pods are fine when none fails', async () => {
    const summary = homeSummary();
    await render(<ClusterHealthWidget />, {
      ...summary,
      cluster: {
        ...summary.cluster,
        data: { ...summary.cluster.data!, problems: [] },
      },
    });
    expect(
      await screen.findByText(
        'All 12 pods are running and ready (or finished).',
      ),
    ).toBeInTheDocument();
  });
});

describe('Migration widget', () => {
  it('lists a cutover in progress first, linking its Cutover view, then plans with progress and blockers', async () => {
    await render(<MigrationWidget />, homeSummary());
    const cutover = await screen.findByRole('status', {
      name: 'cutover Phase 4.24: Karakeep',
    });
    expect(within(cutover).getByRole('link')).toHaveAttribute(
      'href',
      '/homelab/migration/cutover/docs~phases~phase-4.24-karakeep',
    );
    expect(cutover).toHaveTextContent(
      '2 checklist items disagree with the cluster',
    );
    const plan = screen.getByRole('listitem', {
      name: 'plan Phase 4.24: Karakeep',
    });
    expect(
      within(plan).getByText('6 of 10 tasks done (60%)'),
    ).toBeInTheDocument();
    expect(within(plan).getByText('Blocked by 4.23')).toBeInTheDocument();
    expect(screen.getByText('1 plan with drift warnings')).toBeInTheDocument();
  });

  it('says when nothing is in progress', async () => {
    await render(
      <MigrationWidget />,
      homeSummary({
        migration: {
          stale: false,
          data: { cutovers: [], inProgress: [], driftWarnings: 0 },
        },
      }),
    );
    expect(await screen.findByText('Nothing in progress')).toBeInTheDocument();
  });

  it('waits for the first computation', async () => {
    await render(
      <MigrationWidget />,
      homeSummary({ migration: { stale: false } }),
    );
    expect(
      await screen.findByText(
        /Waiting for the first reading of the phase plans/,
      ),
    ).toBeInTheDocument();
  });
});

describe('Ollama widget', () => {
  it('shows up, the loaded models against the limit, whether the pair fits, and links the load card', async () => {
    await render(<OllamaWidget />, homeSummary());
    expect(await screen.findByLabelText('Ollama is up')).toBeInTheDocument();
    expect(
      screen.getByText('qwen3:1.7b: 2.0 GiB of 8.0 GiB limit (25%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('text and vision models together'),
    ).toHaveTextContent(
      'do not fit together: qwen3:1.7b 2.0 GiB + moondream 7.0 GiB = 9.0 GiB of a 8.0 GiB memory limit',
    );
    expect(screen.getByRole('link', { name: 'Load card' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ollama',
    );
  });

  it('shows down with no model loaded', async () => {
    const summary = homeSummary();
    await render(<OllamaWidget />, {
      ...summary,
      ollama: {
        stale: true,
        updatedAt: summary.ollama.updatedAt,
        data: { up: false, loaded: [] },
      },
    });
    expect(await screen.findByLabelText('Ollama is down')).toBeInTheDocument();
    expect(screen.getByText('No model is loaded.')).toBeInTheDocument();
    expect(screen.getByLabelText('stale data')).toBeInTheDocument();
  });
});

describe('the widgets of one page', () => {
  it('share one request to GET /home', async () => {
    let requests = 0;
    const fetch = mockApis.fetch({
      baseImplementation: async () => {
        requests++;
        return new Response(JSON.stringify(homeSummary()), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await renderInTestApp(
      <>
        <MigrationWidget />
        <ClusterHealthWidget />
        <OllamaWidget />
      </>,
      {
        apis: [fetch, mockApis.discovery({ baseUrl: 'http://example.com' })],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByLabelText('Ollama is up')).toBeInTheDocument();
    expect(screen.getByText('CrashLoopBackOff: OOMKilled')).toBeInTheDocument();
    expect(screen.getByText('1 plan with drift warnings')).toBeInTheDocument();
    expect(requests).toBe(1);
  });
});
