import { act, configure, screen, waitFor } from '@testing-library/react';
import { karakeepCutover, cutoverList } from '../../testing/cutoverFixtures';
import { karakeepComponent, ollamaComponent } from '../../testing/entities';
import { fakeHomelabApi, pending } from '../../testing/fixtures';
import { EntityCutoverBanner } from './EntityCutoverBanner';
import { EntityCutoverContent } from './EntityCutoverContent';
import { renderCutover } from './__testUtils__/renderCutover';

jest.setTimeout(20_000);
configure({ asyncUtilTimeout: 5000 });

describe('EntityCutoverContent', () => {
  it('shows the Cutover view of the entity’s plan', async () => {
    const api = fakeHomelabApi();
    renderCutover(<EntityCutoverContent />, { api, entity: karakeepComponent });
    expect(
      await screen.findByRole('list', { name: 'cutover tasks' }),
    ).toBeInTheDocument();
    expect(api.getCutover).toHaveBeenCalledWith(
      'docs~phases~phase-4.24-karakeep',
    );
  });

  it('says how to add a cutover section when the plan has none', async () => {
    const api = fakeHomelabApi();
    renderCutover(<EntityCutoverContent />, { api, entity: ollamaComponent });
    expect(await screen.findByText('No cutover section')).toBeInTheDocument();
    expect(
      screen.getByText(
        /docs\/phases\/phase-4\.23-ollama\.md has no section whose heading says "Cutover"/,
      ),
    ).toBeInTheDocument();
    expect(api.getCutover).not.toHaveBeenCalled();
  });

  it('says why the cutovers could not be listed', async () => {
    renderCutover(<EntityCutoverContent />, {
      api: fakeHomelabApi({
        listCutovers: jest
          .fn()
          .mockRejectedValue(new Error('Request failed with 401 Unauthorized')),
      }),
      entity: karakeepComponent,
    });
    expect(
      await screen.findByText(
        'Could not load the cutover of this entity: Request failed with 401 Unauthorized',
      ),
    ).toBeInTheDocument();
  });
});

describe('EntityCutoverBanner', () => {
  it('sends the operator to the Cutover tab while the cutover is in progress', async () => {
    renderCutover(<EntityCutoverBanner />, {
      api: fakeHomelabApi(),
      entity: karakeepComponent,
    });
    const banner = await screen.findByRole('alert', {
      name: 'cutover in progress',
    });
    expect(banner).toHaveTextContent(
      'Cutover in progress (4.24.5 Cutover): 2 of 4 tasks done, 1 failing check, 2 disagreements between checklist and cluster.',
    );
    expect(
      screen.getByRole('link', { name: 'Open the Cutover view' }),
    ).toHaveAttribute('href', '/catalog/default/component/karakeep/cutover');
  });

  it('shows nothing before the cutover starts, while loading, or without a cutover', async () => {
    const notStarted = fakeHomelabApi({
      listCutovers: jest.fn(async () =>
        cutoverList([
          karakeepCutover({ inProgress: false, tasks: { done: 0, total: 4 } }),
        ]),
      ),
    });
    renderCutover(<EntityCutoverBanner />, {
      api: notStarted,
      entity: karakeepComponent,
    });
    await waitFor(() => expect(notStarted.listCutovers).toHaveBeenCalled());
    await act(async () => {});
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    const loading = fakeHomelabApi({ listCutovers: jest.fn(pending) });
    renderCutover(<EntityCutoverBanner />, {
      api: loading,
      entity: karakeepComponent,
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
