import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { ScaffolderTask } from '@backstage/plugin-scaffolder-common';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { screen, within } from '@testing-library/react';
import { RecentChangesWidget } from './RecentChangesWidget';

const task = (
  id: string,
  status: ScaffolderTask['status'],
  title: string,
): ScaffolderTask => ({
  id,
  status,
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  spec: {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    parameters: {},
    output: {},
    steps: [],
    templateInfo: {
      entityRef: 'template:default/compose-migration',
      entity: { metadata: { name: 'compose-migration', title } },
    },
  } as ScaffolderTask['spec'],
});

/** The scaffolder's event stream as its client replays it: log lines, then the completion with the output. */
function events(output: unknown) {
  return {
    subscribe(observer: { next: (e: unknown) => void; complete: () => void }) {
      setTimeout(() => {
        observer.next({
          type: 'log',
          body: { message: 'Beginning step Publish' },
        });
        observer.next({
          type: 'completion',
          body: { message: 'Run completed', output },
        });
        observer.complete();
      });
      return { unsubscribe() {} };
    },
  };
}

function render(api: Record<string, jest.Mock>) {
  return renderInTestApp(<RecentChangesWidget />, {
    apis: [[scaffolderApiRef, api as never]],
  });
}

describe('Recent changes widget', () => {
  it('lists the last runs with their outcome and the pull request of a finished one', async () => {
    const api = {
      listTasks: jest.fn(async () => ({
        tasks: [
          task('t2', 'processing', 'Migrate a compose service'),
          task('t1', 'completed', 'New homelab service'),
        ],
      })),
      streamLogs: jest.fn(() =>
        events({
          links: [
            {
              title: 'Pull request',
              url: 'http://127.0.0.1:3000/homelab/gitops/pulls/7',
            },
          ],
        }),
      ),
    };
    await render(api);
    const done = await screen.findByRole('listitem', {
      name: 'run New homelab service',
    });
    expect(within(done).getByText('completed')).toBeInTheDocument();
    expect(
      within(done).getByRole('link', { name: /^Pull request/ }),
    ).toHaveAttribute('href', 'http://127.0.0.1:3000/homelab/gitops/pulls/7');
    expect(
      within(done).getByRole('link', { name: 'New homelab service' }),
    ).toHaveAttribute('href', '/create/tasks/t1');
    const running = screen.getByRole('listitem', {
      name: 'run Migrate a compose service',
    });
    expect(within(running).getByText('processing')).toBeInTheDocument();
    expect(api.listTasks).toHaveBeenCalledWith({
      filterByOwnership: 'all',
      limit: 5,
    });
    // A running task's events are not read: the events route waits for new ones.
    expect(api.streamLogs).toHaveBeenCalledTimes(1);
    expect(api.streamLogs).toHaveBeenCalledWith({ taskId: 't1' });
  });

  it('says when nothing ran yet', async () => {
    await render({
      listTasks: jest.fn(async () => ({ tasks: [] })),
      streamLogs: jest.fn(),
    });
    expect(
      await screen.findByText('No scaffolder runs yet'),
    ).toBeInTheDocument();
  });

  it('says why the runs could not be loaded', async () => {
    await render({
      listTasks: jest.fn(async () => {
        throw new Error('Request failed with 403 Forbidden');
      }),
      streamLogs: jest.fn(),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the recent scaffolder runs: Request failed with 403 Forbidden',
    );
  });
});
