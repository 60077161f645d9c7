import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import type { AddressInfo } from 'node:net';
import scaffolderModuleHomelab from '../index';

/** A template whose one step fails: the spec's name is not a DNS label. */
const BROKEN: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'broken', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/homelab-admins',
    parameters: [],
    steps: [
      {
        id: 'render',
        name: 'Render',
        action: 'homelab:manifests:render',
        input: { spec: { name: 'Not A Name!' } },
      },
    ],
  },
};

type TaskEvent = {
  type: string;
  body: { message?: string; stepId?: string; status?: string };
};

/**
 * The real scaffolder runs the task: what its task log shows for a failed homelab step is
 * what every user allowed to read the task sees.
 */
describe('a failed homelab step in the task log', () => {
  it('shows the error message without a stack trace, which goes to the backend log at debug', async () => {
    const logger = mockServices.logger.mock();
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleHomelab,
        logger.factory,
        catalogServiceMock.factory({ entities: [BROKEN] }),
        mockServices.rootConfig.factory({
          data: { homelab: { baseDomain: 'lab.example' } },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`http://localhost:${port}/api/scaffolder${path}`, {
        ...init,
        headers: {
          Authorization: mockCredentials.user.header(),
          'Content-Type': 'application/json',
        },
      });
    try {
      const created = await api('/v2/tasks', {
        method: 'POST',
        body: JSON.stringify({
          templateRef: 'template:default/broken',
          values: {},
        }),
      });
      expect(created.status).toBe(201);
      const { id } = await created.json();

      let events: TaskEvent[] = [];
      for (let attempt = 0; attempt < 100; attempt++) {
        events = await (await api(`/v2/tasks/${id}/events`)).json();
        if (events.some(e => e.type === 'completion')) break;
        await new Promise(r => setTimeout(r, 100));
      }
      const failed = events.filter(
        e => e.type === 'log' && e.body.status === 'failed',
      );
      expect(failed.map(e => e.body.stepId)).toEqual(['render']);
      const message = failed[0].body.message!;
      expect(message).toMatch(
        /^InputError: The service spec was refused[^]*spec\.name: "Not A Name!"/,
      );
      expect(message).not.toMatch(/\n\s+at /);
      expect(message).not.toContain(__dirname);

      const debug = logger.debug.mock.calls.map(call => String(call[0]));
      expect(debug).toContainEqual(
        expect.stringMatching(
          /^homelab:manifests:render failed: InputError: [^]*\n\s+at /,
        ),
      );
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
