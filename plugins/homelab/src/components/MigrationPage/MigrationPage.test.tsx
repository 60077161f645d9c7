import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeHomelabApi, pending, planList } from '../../testing/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { MigrationPage } from './MigrationPage';

function render(
  api: ReturnType<typeof fakeHomelabApi>,
  pollIntervalMs?: number,
) {
  return renderWithApi(api, <MigrationPage pollIntervalMs={pollIntervalMs} />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('MigrationPage', () => {
  it('shows a progress bar while the plans load', async () => {
    render(fakeHomelabApi({ listPlans: jest.fn(pending) }));
    expect(await screen.findByLabelText('Loading')).toBeInTheDocument();
  });

  it('says why the plans could not be loaded', async () => {
    render(
      fakeHomelabApi({
        listPlans: jest
          .fn()
          .mockRejectedValue(new Error('Request failed with 401 Unauthorized')),
      }),
    );
    expect(
      await screen.findByText(
        'Could not load the phase plans: Request failed with 401 Unauthorized',
      ),
    ).toBeInTheDocument();
  });

  it('tells where plans come from when there are none, and lists unreadable ones', async () => {
    render(
      fakeHomelabApi({
        listPlans: jest.fn(async () => ({
          plans: [],
          problems: [
            {
              source: 'homelab.phases.folders',
              message:
                'The phase folder "docs/plans" (/srv/docs/plans) does not exist; fix homelab.phases.folders or homelab.repositoryRoot',
            },
          ],
        })),
      }),
    );
    expect(await screen.findByText('No phase plans')).toBeInTheDocument();
    expect(
      screen.getByText(/The phase folder "docs\/plans"/),
    ).toBeInTheDocument();
  });

  it('shows one row per plan with status, progress, drift and what blocks it', async () => {
    render(fakeHomelabApi());
    const table = await screen.findByRole('table', { name: 'phase plans' });

    const ollama = within(table).getByRole('row', {
      name: /Phase 4.23: Local inference with Ollama/,
    });
    expect(within(ollama).getByText('In progress')).toBeInTheDocument();
    expect(
      within(ollama).getByText('4 of 8 tasks done (50%)'),
    ).toBeInTheDocument();
    expect(
      within(ollama).getByRole('link', { name: 'ollama' }),
    ).toHaveAttribute('href', '/catalog/default/component/ollama');

    const karakeep = within(table).getByRole('row', {
      name: /Phase 4.24: Bookmark manager move/,
    });
    expect(within(karakeep).getByText('Planned')).toBeInTheDocument();
    expect(
      within(karakeep).getByText('blocked by 4.23: in progress'),
    ).toBeInTheDocument();
    expect(within(karakeep).getByRole('note')).toHaveTextContent(
      'The plan is marked planned but 2 tasks are already done',
    );
  });

  it('opens a plan to the phases inside it', async () => {
    render(fakeHomelabApi());
    const toggle = await screen.findByRole('button', {
      name: 'show phases of Phase 4.24: Bookmark manager move',
    });
    expect(
      screen.queryByRole('table', { name: /phases of Phase 4.24/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(toggle);
    const phases = await screen.findByRole('table', {
      name: 'phases of Phase 4.24: Bookmark manager move',
    });
    const rows = within(phases).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringMatching(/^4\.24\.1 ManifestsIn progress1 of 2 tasks done/),
      expect.stringMatching(/^4\.24\.2 CutoverIn progress1 of 3 tasks done/),
    ]);
  });

  it('marks a plan that is only on a scaffold branch as proposed with its pull request, and drops the mark once merged', async () => {
    const proposed = planList();
    proposed.plans[1] = {
      ...proposed.plans[1],
      proposed: {
        branch: 'scaffold/karakeep',
        pullRequest: {
          number: 12,
          url: 'https://git.home.arpa/homelab/gitops/pulls/12',
        },
      },
    };
    let merge = () => {};
    const merged = new Promise<void>(resolve => {
      merge = resolve;
    });
    const listPlans = jest
      .fn()
      .mockResolvedValueOnce(proposed)
      .mockImplementation(() => merged.then(() => planList()));
    render(fakeHomelabApi({ listPlans }), 20);
    const row = await screen.findByRole('row', {
      name: /Phase 4.24: Bookmark manager move/,
    });
    expect(
      within(row).getByLabelText('proposed on scaffold/karakeep'),
    ).toHaveTextContent(/^proposed \(pull request #12\b/);
    expect(
      within(row).getByRole('link', { name: /^pull request #12\b/ }),
    ).toHaveAttribute('href', 'https://git.home.arpa/homelab/gitops/pulls/12');
    // the other plan is on the base branch
    const ollama = screen.getByRole('row', {
      name: /Phase 4.23: Local inference with Ollama/,
    });
    expect(within(ollama).queryByText(/proposed/)).not.toBeInTheDocument();

    // merged: the next poll lists it as a normal plan
    merge();
    await waitFor(() =>
      expect(
        screen.queryByLabelText('proposed on scaffold/karakeep'),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('row', { name: /Phase 4.24: Bookmark manager move/ }),
    ).toBeInTheDocument();
  });

  it('names the branch of a proposed plan whose forge has no pull request for it', async () => {
    const proposed = planList();
    proposed.plans[1] = {
      ...proposed.plans[1],
      proposed: { branch: 'scaffold/karakeep' },
    };
    render(fakeHomelabApi({ listPlans: jest.fn(async () => proposed) }));
    expect(
      await screen.findByLabelText('proposed on scaffold/karakeep'),
    ).toHaveTextContent(
      'proposed (branch scaffold/karakeep, no pull request yet)',
    );
  });

  it('keeps the plans on screen and says so when a refresh fails', async () => {
    const listPlans = jest
      .fn()
      .mockResolvedValueOnce(planList())
      .mockRejectedValue(new Error('Failed to fetch'));
    render(fakeHomelabApi({ listPlans }), 20);
    expect(
      await screen.findByRole('status', { name: 'stale data' }),
    ).toHaveTextContent(/the last refresh failed \(Failed to fetch\)/);
    expect(
      screen.getByRole('table', { name: 'phase plans' }),
    ).toBeInTheDocument();
  });

  it('links each plan with a cutover to its Cutover view, highlighting one in progress and counting disagreements', async () => {
    render(fakeHomelabApi());
    const karakeep = await screen.findByRole('row', {
      name: /Phase 4.24: Bookmark manager move/,
    });
    expect(
      await within(karakeep).findByRole('link', { name: 'Cutover view' }),
    ).toHaveAttribute('href', '/cutover/docs~phases~phase-4.24-karakeep');
    expect(
      within(karakeep).getByText('cutover in progress'),
    ).toBeInTheDocument();
    expect(within(karakeep).getByText('2 disagreements')).toBeInTheDocument();
    expect(karakeep).toHaveClass('Mui-selected');

    const ollama = screen.getByRole('row', {
      name: /Phase 4.23: Local inference with Ollama/,
    });
    expect(within(ollama).queryByText('Cutover view')).not.toBeInTheDocument();
    expect(ollama).not.toHaveClass('Mui-selected');
  });

  it('still lists the plans when the cutovers cannot be listed, and says the links are missing', async () => {
    render(
      fakeHomelabApi({
        listCutovers: jest
          .fn()
          .mockRejectedValue(new Error('Request failed with 404 Not Found')),
      }),
    );
    expect(
      await screen.findByText(
        'Cutover views are not linked: the cutovers could not be listed (Request failed with 404 Not Found).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'phase plans' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Cutover view')).not.toBeInTheDocument();
  });
});
