import fs from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { actionContext } from '../__testUtils__/actionContext';
import { LocalScaffoldRepository } from '../git/LocalScaffoldRepository';
import { createRegisterFileAction } from './registerFile';

describe('homelab:catalog:register', () => {
  const dir = createMockDirectory({
    content: {
      'working-copies/miniflux/manifests/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: ns\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: miniflux\n',
      'elsewhere/catalog-info.yaml': 'kind: Component\nmetadata:\n  name: x\n',
    },
  });
  const setup = () => {
    const catalog = catalogServiceMock.mock({
      addLocation: jest.fn().mockResolvedValue({ location: {}, entities: [] }),
    });
    const repository = new LocalScaffoldRepository(dir.path, {
      name: 'Homelab portal',
      email: 'portal@homelab.home.arpa',
    });
    const action = createRegisterFileAction({ catalog, repository });
    return { catalog, action, repository };
  };

  it('registers the working copy file as a file location and outputs the Component', async () => {
    const { catalog, action } = setup();
    const file = join(
      dir.path,
      'working-copies/miniflux/manifests/catalog-info.yaml',
    );
    const { ctx, outputs } = actionContext(
      { catalogInfoUrl: pathToFileURL(file).href },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'file', target: file },
      { credentials: expect.anything() },
    );
    expect(outputs().entityRef).toBe('component:default/miniflux');
  });

  it.each([
    [
      'a file outside the working copies',
      'elsewhere/catalog-info.yaml',
      'is not inside',
    ],
    [
      'a missing file',
      'working-copies/other/catalog-info.yaml',
      'does not exist',
    ],
    [
      'a path escaping with ../',
      'working-copies/../elsewhere/catalog-info.yaml',
      'is not inside',
    ],
  ])('refuses %s', async (_, rel, message) => {
    const { catalog, action } = setup();
    const { ctx } = actionContext(
      { catalogInfoUrl: `${dir.path}/${rel}` },
      { workspacePath: dir.path },
    );
    const refusal = action.handler(ctx);
    await expect(refusal).rejects.toThrow(`catalogInfoUrl: `);
    await expect(refusal).rejects.toThrow(message);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it.each([
    ['a link to /etc/passwd', '/etc/passwd', 'catalog-info.yaml'],
    ['a folder that is a link to the host', '/etc', 'etc-link/passwd'],
  ])(
    'refuses a catalog-info.yaml reached through %s, registering nothing',
    async (_, target, requested) => {
      const link = join(
        dir.path,
        'working-copies/linked',
        requested.split('/')[0],
      );
      fs.mkdirSync(join(dir.path, 'working-copies/linked'), {
        recursive: true,
      });
      fs.rmSync(link, { force: true });
      fs.symlinkSync(target, link);
      const { catalog, action } = setup();
      const { ctx } = actionContext(
        {
          catalogInfoUrl: pathToFileURL(
            join(dir.path, 'working-copies/linked', requested),
          ).href,
        },
        { workspacePath: dir.path },
      );
      await expect(action.handler(ctx)).rejects.toThrow(
        'resolves through a link to a place outside the working copies folder',
      );
      expect(catalog.addLocation).not.toHaveBeenCalled();
    },
  );

  it.each([
    [
      'percent-encoded ../',
      (root: string) =>
        `file://${root}/working-copies/%2e%2e/elsewhere/catalog-info.yaml`,
    ],
    ['a file: URL of another host', () => 'file://nas.home.arpa/etc/passwd'],
    [
      'a relative path',
      () => 'working-copies/miniflux/manifests/catalog-info.yaml',
    ],
  ])('refuses %s, registering nothing', async (_, url) => {
    const { catalog, action } = setup();
    const { ctx } = actionContext(
      { catalogInfoUrl: url(dir.path) },
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow('catalogInfoUrl: ');
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('refuses a folder given as the catalog-info.yaml', async () => {
    const { catalog, action } = setup();
    const { ctx } = actionContext(
      { catalogInfoUrl: join(dir.path, 'working-copies/miniflux/manifests') },
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow('is not a regular file');
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('takes back the published branch when the catalog refuses the file', async () => {
    const { catalog, action, repository } = setup();
    dir.addContent({
      source: {
        'manifests/catalog-info.yaml':
          'kind: Component\nmetadata:\n  name: linkding\n',
      },
    });
    const published = await repository.publish(
      'linkding',
      join(dir.path, 'source'),
      'msg',
    );
    catalog.addLocation.mockRejectedValue(
      new Error("Registry does not support location type 'file'"),
    );
    const { ctx } = actionContext(
      {
        catalogInfoUrl: join(
          published.workingCopyPath,
          'manifests/catalog-info.yaml',
        ),
      },
      { workspacePath: dir.path },
    );

    const failure = action.handler(ctx);
    await expect(failure).rejects.toThrow(
      /the catalog refused file:.*linkding.*took back the branch scaffold\/linkding.*location type 'file'/s,
    );
    await expect(repository.assertFree('linkding')).resolves.toBeUndefined();
  });
});
