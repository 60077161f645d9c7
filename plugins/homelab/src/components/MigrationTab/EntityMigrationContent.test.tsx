import { screen, within } from '@testing-library/react';
import { karakeepComponent, ollamaComponent } from '../../testing/entities';
import { fakeHomelabApi, pending, planList } from '../../testing/fixtures';
import { renderOnEntity } from '../../__testUtils__/render';
import { EntityMigrationContent } from './EntityMigrationContent';

function render(
  api: ReturnType<typeof fakeHomelabApi>,
  entity = ollamaComponent,
  pollIntervalMs?: number,
) {
  return renderOnEntity(
    api,
    entity,
    <EntityMigrationContent pollIntervalMs={pollIntervalMs} />,
  );
}

describe('EntityMigrationContent', () => {
  it('shows a progress bar while the plan loads', async () => {
    render(fakeHomelabApi({ getPlan: jest.fn(pending) }));
    expect(await screen.findByLabelText('Loading')).toBeInTheDocument();
  });

  it('says why the plan could not be loaded', async () => {
    render(
      fakeHomelabApi({
        listPlans: jest
          .fn()
          .mockRejectedValue(
            new Error('Request failed with 500 Internal Server Error'),
          ),
      }),
    );
    expect(
      await screen.findByText(
        'Could not load the phase plan: Request failed with 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
  });

  it('passes on why the backend could not read the entity’s plan', async () => {
    render(
      fakeHomelabApi({
        listPlans: jest.fn(async () => ({
          plans: [],
          problems: [
            {
              source: 'component:default/ollama',
              message:
                'homelab.dev/phase-plan "../../etc/passwd" points outside the repository; give a path inside it, e.g. docs/phases/<plan>.md',
            },
          ],
        })),
      }),
    );
    expect(
      await screen.findByText('The phase plan could not be read'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/points outside the repository/),
    ).toBeInTheDocument();
  });

  it('marks a plan still on its scaffold branch as proposed, with the pull request', async () => {
    const proposal = {
      branch: 'scaffold/ollama',
      pullRequest: {
        number: 4,
        url: 'https://git.home.arpa/homelab/gitops/pulls/4',
      },
    };
    const list = planList();
    list.plans[0] = { ...list.plans[0], proposed: proposal };
    const api = fakeHomelabApi({ listPlans: jest.fn(async () => list) });
    const getPlan = api.getPlan.getMockImplementation()!;
    api.getPlan.mockImplementation(async (id: string) => ({
      ...(await getPlan(id)),
      proposed: proposal,
    }));
    render(api);
    expect(
      await screen.findByLabelText('proposed on scaffold/ollama'),
    ).toHaveTextContent(/^proposed \(pull request #4\b/);
  });

  it('says when the backend lists no plan for the entity', async () => {
    render(
      fakeHomelabApi({
        listPlans: jest.fn(async () => ({ plans: [], problems: [] })),
      }),
    );
    expect(await screen.findByText('No phase plan found')).toBeInTheDocument();
    expect(
      screen.getByText(
        /homelab.dev\/phase-plan: docs\/phases\/phase-4.23-ollama.md/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the plan’s sections as read-only checklists with verification, rollback and runbooks', async () => {
    const api = fakeHomelabApi();
    render(api);
    expect(
      await screen.findByText('Phase 4.23: Local inference with Ollama'),
    ).toBeInTheDocument();
    expect(api.getPlan).toHaveBeenCalledWith('docs~phases~phase-4.23-ollama');
    expect(screen.getByText('Target v0.19.0')).toBeInTheDocument();

    const deploy = screen.getByRole('list', { name: '4.23.1 Deploy tasks' });
    const boxes = within(deploy).getAllByRole('checkbox');
    expect(
      boxes.map(b => [
        b.getAttribute('aria-label'),
        (b as HTMLInputElement).checked,
      ]),
    ).toEqual([
      ['Write the Deployment with a 6Gi memory limit', true],
      ['Add a PersistentVolumeClaim for the models', true],
      ['Pull qwen3:1.7b and moondream', false],
      ['qwen3:1.7b', true],
      ['moondream', false],
    ]);
    boxes.forEach(b => expect(b).toBeDisabled());

    const verification = screen.getByRole('list', {
      name: 'verification checklist',
    });
    expect(
      within(verification).getByRole('checkbox', {
        name: '/api/version answers inside the cluster',
      }),
    ).toBeChecked();
    // Verification items are not repeated among the task sections.
    expect(
      screen.getAllByRole('checkbox', {
        name: '/api/version answers inside the cluster',
      }),
    ).toHaveLength(1);

    expect(
      screen.getByText('kubectl -n ai scale deploy/ollama --replicas=0'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Ollama operations' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/homelab-docs/runbooks/ollama-operations/',
    );
  });

  it('shows what blocks the plan and where it contradicts itself', async () => {
    render(fakeHomelabApi(), karakeepComponent);
    expect(
      await screen.findByText('blocked by 4.23: in progress'),
    ).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(
      'The plan is marked planned but 2 tasks are already done',
    );
  });

  it('keeps the plan on screen and says so when a refresh fails', async () => {
    const listPlans = jest
      .fn()
      .mockResolvedValueOnce(planList())
      .mockRejectedValue(new Error('Failed to fetch'));
    render(fakeHomelabApi({ listPlans }), ollamaComponent, 20);
    expect(
      await screen.findByRole('status', { name: 'stale data' }),
    ).toHaveTextContent(/Failed to fetch/);
    expect(
      screen.getByText('Phase 4.23: Local inference with Ollama'),
    ).toBeInTheDocument();
  });
});
