import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CutoverDetail } from '../../api/types';
import {
  karakeepCutover,
  KARAKEEP_PLAN_ID,
} from '../../testing/cutoverFixtures';
import { fakeHomelabApi, ollamaStatus, pending } from '../../testing/fixtures';
import { CutoverView } from './CutoverView';
import {
  fakeTechdocsStorage,
  renderCutover,
} from './__testUtils__/renderCutover';

function render(
  api: ReturnType<typeof fakeHomelabApi>,
  options: {
    techdocs?: ReturnType<typeof fakeTechdocsStorage>;
    pollIntervalMs?: number;
  } = {},
) {
  return renderCutover(
    <CutoverView
      planId={KARAKEEP_PLAN_ID}
      pollIntervalMs={options.pollIntervalMs}
    />,
    { api, techdocs: options.techdocs },
  );
}

const item = (name: RegExp | string) =>
  within(screen.getByRole('list', { name: 'cutover tasks' })).getByRole(
    'listitem',
    { name },
  );

/** Karakeep once the scenario has advanced: everything passes. */
function allPassing(): CutoverDetail {
  const detail = karakeepCutover();
  return {
    ...detail,
    checks: { pass: 5, fail: 0, unknown: 0 },
    disagreements: 1,
    items: detail.items.map(i => ({
      ...i,
      status: i.results.length ? 'pass' : undefined,
      disagreement:
        i.results.length && !i.checked ? 'open-but-passing' : undefined,
      results: i.results.map(r => ({
        ...r,
        status: 'pass',
        evidence: 'all good',
        checkedAt: new Date().toISOString(),
      })),
    })),
  };
}

// The whole view (runbook, tasks, pods, Ollama) takes seconds to render on a busy machine.
jest.setTimeout(20_000);
configure({ asyncUtilTimeout: 5000 });

describe('CutoverView', () => {
  it('shows a progress bar while the cutover loads', async () => {
    render(fakeHomelabApi({ getCutover: jest.fn(pending) }));
    expect(await screen.findByLabelText('Loading')).toBeInTheDocument();
  });

  it('says why the cutover could not be loaded and retries on request', async () => {
    const getCutover = jest
      .fn()
      .mockRejectedValueOnce(new Error('No cutover for plan "x"'))
      .mockResolvedValue(karakeepCutover());
    render(fakeHomelabApi({ getCutover }));
    expect(
      await screen.findByText(
        'Could not load the cutover: No cutover for plan "x"',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('list', { name: 'cutover tasks' }),
    ).toBeInTheDocument();
  });

  it('shows each task with its checks: result, evidence and age', async () => {
    render(fakeHomelabApi());
    await screen.findByRole('list', { name: 'cutover tasks' });
    const route = item(/homelab-gateway/);
    expect(within(route).getByLabelText('ticked')).toBeInTheDocument();
    const check = within(route).getByRole('group', {
      name: 'check httproute karakeep in karakeep',
    });
    expect(within(check).getByText('fail')).toBeInTheDocument();
    expect(check).toHaveTextContent(
      'httproute karakeep in karakeep: parent homelab-gateway: Accepted=False (NotAllowedByListeners)',
    );
    expect(check).toHaveTextContent(/checked 1\d s ago/);

    const models = item(/are pulled in Ollama/);
    expect(within(models).getAllByText('pass')).toHaveLength(2);
    expect(
      within(item(/deploy\/karakeep/)).getByText('unknown'),
    ).toBeInTheDocument();
    expect(
      within(item(/Decommission/)).getByText('no live check declared'),
    ).toBeInTheDocument();
  });

  it('flags a ticked item whose check fails and an open item whose check passes, and nothing else', async () => {
    render(fakeHomelabApi());
    await screen.findByRole('list', { name: 'cutover tasks' });
    expect(
      within(item(/homelab-gateway/)).getByText('ticked but failing'),
    ).toBeInTheDocument();
    expect(
      within(item(/Soak day 1/)).getByText('open but passing'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/ticked but failing|open but passing/),
    ).toHaveLength(2);
    expect(
      screen.getByText('2 disagreements between checklist and cluster'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('check results')).toHaveTextContent(
      '3 pass, 1 fail, 1 unknown',
    );
    expect(screen.getByText('cutover in progress')).toBeInTheDocument();
  });

  it('lists the pods with phase, readiness, restarts and the last termination reason', async () => {
    render(fakeHomelabApi());
    const pods = await screen.findByRole('table', { name: 'pods' });
    const crashing = within(pods).getByRole('row', {
      name: /karakeep-7c9d8b6f5-abcde/,
    });
    expect(
      within(crashing)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'karakeep-7c9d8b6f5-abcdekarakeep',
      'Running: CrashLoopBackOff',
      '1/2',
      '3',
      'OOMKilled',
    ]);
  });

  it('shows the Ollama load summary for an Ollama consumer only', async () => {
    const api = fakeHomelabApi();
    const { unmount } = render(api);
    expect(await screen.findByText('Ollama load')).toBeInTheDocument();
    expect(await screen.findByText(/Up, version 0\.9\.6/)).toBeInTheDocument();
    unmount();

    const other = fakeHomelabApi({
      getCutover: jest.fn(async () =>
        karakeepCutover({ ollamaConsumer: false }),
      ),
    });
    render(other);
    await screen.findByRole('list', { name: 'cutover tasks' });
    expect(screen.queryByText('Ollama load')).not.toBeInTheDocument();
    expect(other.getOllamaStatus).not.toHaveBeenCalled();
  });

  it('renders the pinned runbook inline from TechDocs with links into the reader', async () => {
    const techdocs = fakeTechdocsStorage();
    render(fakeHomelabApi(), { techdocs });
    const article = await screen.findByRole('article', {
      name: 'runbook Karakeep cutover',
    });
    expect(techdocs.getEntityDocs).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'homelab-docs' },
      'runbooks/karakeep-cutover/',
    );
    expect(article).toHaveTextContent('1. Check Ollama is ready');
    expect(
      within(article).getByRole('link', { name: 'rolling back' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/homelab-docs/runbooks/karakeep-rollback/',
    );
    expect(
      screen.getByRole('link', { name: 'Open in TechDocs' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/homelab-docs/runbooks/karakeep-cutover/',
    );
    await waitFor(() =>
      expect(within(article).getByAltText('topology')).toHaveAttribute(
        'src',
        'data:image/png;base64,UE5H',
      ),
    );
  });

  it('has TechDocs build a site it has not built yet, then shows the page', async () => {
    const techdocs = fakeTechdocsStorage();
    const notBuilt = Object.assign(new Error('Page not found. '), {
      name: 'NotFoundError',
    });
    techdocs.getEntityDocs.mockRejectedValueOnce(notBuilt);
    render(fakeHomelabApi(), { techdocs });
    expect(
      await screen.findByRole('article', { name: 'runbook Karakeep cutover' }),
    ).toHaveTextContent('1. Check Ollama is ready');
    expect(techdocs.syncEntityDocs).toHaveBeenCalledWith({
      kind: 'component',
      namespace: 'default',
      name: 'homelab-docs',
    });
    expect(techdocs.getEntityDocs).toHaveBeenCalledTimes(2);
  });

  it('keeps the checks on screen when the runbook cannot be read, and says which page failed', async () => {
    const techdocs = fakeTechdocsStorage();
    techdocs.getEntityDocs.mockRejectedValue(new Error('Page not found. '));
    render(fakeHomelabApi(), { techdocs });
    expect(
      await screen.findByText(
        /Could not load the runbook runbooks\/karakeep-cutover of component:default\/homelab-docs from TechDocs: Page not found/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'cutover tasks' }),
    ).toBeInTheDocument();
  });

  it('explains the annotation when no runbook is pinned', async () => {
    render(
      fakeHomelabApi({
        getCutover: jest.fn(async () =>
          karakeepCutover({ runbook: undefined }),
        ),
      }),
    );
    expect(
      await screen.findByText(/No cutover runbook is pinned/),
    ).toHaveTextContent('homelab.dev/cutover-runbook');
  });

  it('runs the checks on request and shows the new results', async () => {
    const getCutover = jest
      .fn()
      .mockResolvedValueOnce(karakeepCutover())
      .mockResolvedValue(allPassing());
    const api = fakeHomelabApi({ getCutover });
    render(api);
    await screen.findByText('ticked but failing');
    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(api.checkCutover).toHaveBeenCalledWith(KARAKEEP_PLAN_ID);
    await waitFor(() =>
      expect(screen.queryByText('ticked but failing')).not.toBeInTheDocument(),
    );
    expect(
      within(item(/homelab-gateway/)).getByText('pass'),
    ).toBeInTheDocument();
  });

  it('says why a check request was refused and keeps the results', async () => {
    const api = fakeHomelabApi({
      checkCutover: jest
        .fn()
        .mockRejectedValue(
          new Error('Request failed with 503 Service Unavailable'),
        ),
    });
    render(api);
    await screen.findByText('ticked but failing');
    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));
    expect(
      await screen.findByText(
        'The checks could not be run now: Request failed with 503 Service Unavailable',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('ticked but failing')).toBeInTheDocument();
  });

  it('picks up new results on its own: failing checks turn to passing', async () => {
    const getCutover = jest
      .fn()
      .mockResolvedValueOnce(karakeepCutover())
      .mockResolvedValue(allPassing());
    render(fakeHomelabApi({ getCutover }), { pollIntervalMs: 20 });
    await screen.findByText('ticked but failing');
    await waitFor(() =>
      expect(screen.getByLabelText('check results')).toHaveTextContent(
        '5 pass, 0 fail, 0 unknown',
      ),
    );
    expect(screen.queryByText('fail')).not.toBeInTheDocument();
  });

  it('says when the scheduled checks have stopped updating', async () => {
    const now = Date.now();
    render(
      fakeHomelabApi({
        getCutover: jest.fn(async () =>
          karakeepCutover({ checkedAt: new Date(now - 300_000).toISOString() }),
        ),
      }),
    );
    expect(
      await screen.findByRole('status', { name: 'stale data' }),
    ).toHaveTextContent(
      /the checks last ran 5 min ago though they run every 15 s while the cutover is in progress/,
    );
  });

  it('says why the last evaluation could not run', async () => {
    render(
      fakeHomelabApi({
        getCutover: jest.fn(async () =>
          karakeepCutover({
            error: 'the cluster API did not answer (ECONNREFUSED)',
          }),
        ),
      }),
    );
    expect(
      await screen.findByText(
        /The checks could not run: the cluster API did not answer \(ECONNREFUSED\)/,
      ),
    ).toBeInTheDocument();
  });

  it('keeps the results and says so when a refresh fails', async () => {
    const getCutover = jest
      .fn()
      .mockResolvedValueOnce(karakeepCutover())
      .mockRejectedValue(new Error('Failed to fetch'));
    render(fakeHomelabApi({ getCutover }), { pollIntervalMs: 20 });
    expect(
      await screen.findByRole('status', { name: 'stale data' }),
    ).toHaveTextContent(/the last refresh failed \(Failed to fetch\)/);
    expect(
      screen.getByRole('list', { name: 'cutover tasks' }),
    ).toBeInTheDocument();
  });

  it('shows a check declared since the last evaluation as unknown without an age', async () => {
    const detail = karakeepCutover();
    detail.items[1].results[0] = {
      ...detail.items[1].results[0],
      evidence: 'not checked yet',
      checkedAt: '',
    };
    render(fakeHomelabApi({ getCutover: jest.fn(async () => detail) }));
    await screen.findByRole('list', { name: 'cutover tasks' });
    const check = within(item(/deploy\/karakeep/)).getByRole('group');
    expect(check).toHaveTextContent(
      'unknowndeployment karakeep in karakeep: not checked yet',
    );
    expect(check).not.toHaveTextContent(/ago/);
  });

  it('says when the Ollama sampler has no sample yet', async () => {
    render(
      fakeHomelabApi({
        getOllamaStatus: jest.fn(async () => ({
          ...ollamaStatus(),
          hasData: false,
        })),
      }),
    );
    expect(await screen.findByText('No samples yet')).toBeInTheDocument();
  });

  it('tells how to add tasks to an empty cutover section', async () => {
    render(
      fakeHomelabApi({
        getCutover: jest.fn(async () =>
          karakeepCutover({ items: [], pods: [], inProgress: false }),
        ),
      }),
    );
    expect(
      await screen.findByText(/The cutover section has no task items yet/),
    ).toBeInTheDocument();
    expect(screen.getByText(/No pods in the namespaces/)).toBeInTheDocument();
    expect(screen.getByText('cutover not started')).toBeInTheDocument();
  });
});
