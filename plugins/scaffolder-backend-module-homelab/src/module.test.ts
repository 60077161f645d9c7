import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import scaffolderModuleHomelab from './index';

describe('scaffolderModuleHomelab', () => {
  it('adds the homelab actions to the scaffolder', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleHomelab,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: { homelab: { baseDomain: 'lab.example' } },
        }),
      ],
    });
    const actions = addActions.mock.calls.flat();
    expect(actions.map((a: any) => a.id)).toEqual([
      'homelab:manifests:render',
      'homelab:manifests:lint',
      'homelab:compose:import',
      'homelab:compose:import-stack',
      'homelab:publish:gitops',
    ]);
    expect(
      actions.filter((a: any) => a.supportsDryRun).map((a: any) => a.id),
    ).toEqual([
      'homelab:manifests:render',
      'homelab:manifests:lint',
      'homelab:compose:import',
      'homelab:compose:import-stack',
      'homelab:publish:gitops',
    ]);
  });
});
