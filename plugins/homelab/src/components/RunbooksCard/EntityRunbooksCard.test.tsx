import type { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { karakeepComponent, ollamaComponent } from '../../testing/entities';
import {
  fakeHomelabApi,
  karakeepPlan,
  KARAKEEP_PLAN_MD,
  pending,
  planList,
} from '../../testing/fixtures';
import { renderOnEntity } from '../../__testUtils__/render';
import { parsePhasePlan } from '@internal/plugin-homelab-common';
import { EntityRunbooksCard } from './EntityRunbooksCard';

function render(
  api: ReturnType<typeof fakeHomelabApi>,
  entity: Entity,
  pollIntervalMs?: number,
) {
  return renderOnEntity(
    api,
    entity,
    <EntityRunbooksCard pollIntervalMs={pollIntervalMs} />,
  );
}

const titles = () =>
  within(screen.getByRole('list', { name: 'runbooks' }))
    .getAllByRole('link')
    .map(l => l.textContent);

describe('EntityRunbooksCard', () => {
  it('links each runbook into the TechDocs reader without asking the backend', async () => {
    const api = fakeHomelabApi();
    render(api, ollamaComponent);
    expect(
      await screen.findByRole('link', { name: 'Ollama operations' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/homelab-docs/runbooks/ollama-operations/',
    );
    expect(
      screen.getByText(
        'runbooks/ollama-operations in the docs of component:default/homelab-docs',
      ),
    ).toBeInTheDocument();
    expect(api.listPlans).not.toHaveBeenCalled();
  });

  it('pins the cutover runbook first while the cutover section is in progress', async () => {
    render(fakeHomelabApi(), karakeepComponent);
    expect(await screen.findByText('cutover in progress')).toBeInTheDocument();
    expect(titles()).toEqual(['Karakeep cutover', 'Karakeep rollback']);
  });

  it('keeps the listed order before the cutover starts', async () => {
    const notStarted = {
      ...karakeepPlan,
      plan: parsePhasePlan(
        KARAKEEP_PLAN_MD.replace('- [x] Lower', '- [ ] Lower'),
      ),
    };
    render(
      fakeHomelabApi({ getPlan: jest.fn(async () => notStarted) }),
      karakeepComponent,
    );
    expect(await screen.findByText('cutover')).toBeInTheDocument();
    expect(titles()).toEqual(['Karakeep rollback', 'Karakeep cutover']);
    expect(screen.queryByText('cutover in progress')).not.toBeInTheDocument();
  });

  it('shows a progress bar while it finds out whether the cutover runs', async () => {
    render(fakeHomelabApi({ getPlan: jest.fn(pending) }), karakeepComponent);
    expect(await screen.findByLabelText('Loading')).toBeInTheDocument();
  });

  it('still lists the runbooks when the plan cannot be loaded, and says the pin is unknown', async () => {
    render(
      fakeHomelabApi({
        listPlans: jest
          .fn()
          .mockRejectedValue(
            new Error('Request failed with 503 Service Unavailable'),
          ),
      }),
      karakeepComponent,
    );
    expect(
      await screen.findByText(
        /Could not check whether the cutover is in progress/,
      ),
    ).toHaveTextContent(/Request failed with 503/);
    expect(titles()).toEqual(['Karakeep rollback', 'Karakeep cutover']);
  });

  it('explains the annotation when no entry is usable', async () => {
    render(fakeHomelabApi(), {
      ...ollamaComponent,
      metadata: {
        name: 'ollama',
        annotations: { 'homelab.dev/runbooks': 'runbooks/ollama-operations' },
      },
    });
    expect(await screen.findByText('No runbooks')).toBeInTheDocument();
    expect(
      screen.getByText(/"runbooks\/ollama-operations" has no "#<page path>"/),
    ).toBeInTheDocument();
  });

  it('keeps the pinned order and says so when a refresh fails', async () => {
    const listPlans = jest
      .fn()
      .mockResolvedValueOnce(planList())
      .mockRejectedValue(new Error('Failed to fetch'));
    render(fakeHomelabApi({ listPlans }), karakeepComponent, 20);
    expect(
      await screen.findByRole('status', { name: 'stale data' }),
    ).toHaveTextContent(/Failed to fetch/);
    expect(titles()).toEqual(['Karakeep cutover', 'Karakeep rollback']);
  });
});
