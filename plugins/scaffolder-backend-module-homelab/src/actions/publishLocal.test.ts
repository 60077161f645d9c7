import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { actionContext } from '../__testUtils__/actionContext';
import { LocalScaffoldRepository } from '../git/LocalScaffoldRepository';
import { createPublishLocalAction } from './publishLocal';

const gitOut = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
const CATALOG = 'manifests/miniflux/miniflux/catalog-info.yaml';

describe('homelab:publish:local', () => {
  const dir = createMockDirectory();
  const workspace = () => join(dir.path, 'workspace');
  const data = () => join(dir.path, 'data');
  let action: ReturnType<typeof createPublishLocalAction>;
  let repository: LocalScaffoldRepository;

  beforeEach(() => {
    dir.clear();
    dir.setContent({
      workspace: {
        [CATALOG]:
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: miniflux\n',
        'docs/phases/miniflux.md': '# Phase: Miniflux\n',
      },
    });
    repository = new LocalScaffoldRepository(join(data(), 'scaffolder'), {
      name: 'Homelab portal',
      email: 'portal@homelab.home.arpa',
    });
    action = createPublishLocalAction({ repository });
  });

  const publish = (input: Record<string, unknown>, isDryRun = false) => {
    const context = actionContext(
      { name: 'miniflux', catalogInfoPath: CATALOG, ...input },
      {
        workspacePath: workspace(),
        isDryRun,
        templateRef: 'template:default/homelab-service',
      },
    );
    return { ...context, run: () => action.handler(context.ctx) };
  };

  it('creates the repository on first use, commits onto scaffold/<name> and checks it out', async () => {
    const { run, outputs } = publish({});
    await run();
    const wc = join(data(), 'scaffolder/working-copies/miniflux');
    expect(outputs()).toMatchObject({
      workingCopyPath: wc,
      repositoryPath: join(data(), 'scaffolder/repository'),
      branch: 'scaffold/miniflux',
      catalogInfoPath: join(wc, CATALOG),
      catalogInfoUrl: pathToFileURL(join(wc, CATALOG)).href,
    });
    expect(gitOut(wc, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe(
      'scaffold/miniflux',
    );
    expect(gitOut(wc, 'rev-parse', 'HEAD')).toBe(outputs().commitHash);
    expect(gitOut(wc, 'status', '--porcelain')).toBe('');
    expect(gitOut(wc, 'log', '-1', '--format=%an <%ae>|%s')).toBe(
      'Homelab portal <portal@homelab.home.arpa>|Scaffold miniflux from template:default/homelab-service',
    );
    expect(gitOut(wc, 'ls-files').split('\n')).toEqual([
      'docs/phases/miniflux.md',
      CATALOG,
    ]);
    // main stays empty: each service lives on its own branch
    expect(
      gitOut(outputs().repositoryPath, 'ls-tree', '-r', '--name-only', 'main'),
    ).toBe('');
  });

  it('refuses an existing branch and leaves it as it was', async () => {
    await publish({}).run();
    const wc = join(data(), 'scaffolder/working-copies/miniflux');
    const before = gitOut(wc, 'rev-parse', 'HEAD');
    fs.rmSync(wc, { recursive: true });
    const again = publish({});
    await expect(again.run()).rejects.toThrow(
      `name: the branch scaffold/miniflux already exists in ${join(
        data(),
        'scaffolder/repository',
      )}`,
    );
    expect(
      gitOut(
        join(data(), 'scaffolder/repository'),
        'rev-parse',
        'scaffold/miniflux',
      ),
    ).toBe(before);
    expect(again.outputs()).toEqual({});
  });

  it('refuses when the working copy folder exists, without touching it', async () => {
    const wc = join(data(), 'scaffolder/working-copies/miniflux');
    fs.mkdirSync(wc, { recursive: true });
    fs.writeFileSync(join(wc, 'notes.txt'), 'mine');
    await expect(publish({}).run()).rejects.toThrow(
      `name: ${wc} already exists`,
    );
    expect(fs.readdirSync(wc)).toEqual(['notes.txt']);
  });

  it('checks but writes nothing in a dry run', async () => {
    const { run, outputs } = publish({}, true);
    await run();
    expect(outputs()).toMatchObject({
      branch: 'scaffold/miniflux',
      commitHash: 'dry-run',
    });
    expect(fs.existsSync(data())).toBe(false);
  });

  it.each([
    [{ name: 'Mini_Flux' }, 'name: "Mini_Flux" has upper-case letters'],
    [{ name: 'a'.repeat(64) }, 'name: "aaaa'],
    [{ sourcePath: '../' }, 'sourcePath: "../" contains ".."'],
    [
      { catalogInfoPath: '../catalog-info.yaml' },
      'catalogInfoPath: "../catalog-info.yaml" contains ".."',
    ],
    [
      { catalogInfoPath: 'catalog-info.yaml' },
      'catalogInfoPath: catalog-info.yaml is not in .; render the manifests first',
    ],
  ])('refuses %o before writing anything', async (input, message) => {
    await expect(publish(input).run()).rejects.toThrow(message);
    expect(fs.existsSync(data())).toBe(false);
  });

  describe('links and special files in the workspace', () => {
    const plan = () => join(workspace(), 'docs/phases/miniflux.md');
    const replaceWithLink = (target: string, at = plan()) => {
      fs.rmSync(at, { force: true });
      fs.symlinkSync(target, at);
    };

    it.each([
      ['a link to /etc/passwd', () => replaceWithLink('/etc/passwd')],
      [
        'a relative link that climbs out',
        () => replaceWithLink('../../../../../../../../etc/passwd'),
      ],
      ['a link to a folder of the host', () => replaceWithLink('/etc')],
      [
        'a dangling link to a path outside',
        () => replaceWithLink('/nonexistent/secret.md'),
      ],
      [
        'a link to a sibling of the workspace',
        () => {
          fs.writeFileSync(join(dir.path, 'sibling.md'), 'not yours');
          replaceWithLink('../../../sibling.md');
        },
      ],
    ])('refuses %s, naming the file, and writes nothing', async (_, plant) => {
      plant();
      const { run, outputs } = publish({});
      await expect(run()).rejects.toThrow(
        'sourcePath: docs/phases/miniflux.md is a link to a place outside the published folder',
      );
      expect(fs.existsSync(data())).toBe(false);
      expect(outputs()).toEqual({});
    });

    it('refuses the link in a dry run as well', async () => {
      replaceWithLink('/etc/passwd');
      await expect(publish({}, true).run()).rejects.toThrow(
        'sourcePath: docs/phases/miniflux.md is a link',
      );
    });

    it('refuses a link out of the folder being published even when it stays in the workspace', async () => {
      fs.writeFileSync(join(workspace(), 'notes.md'), 'workspace only');
      fs.symlinkSync(
        '../../../notes.md',
        join(workspace(), 'manifests/miniflux/miniflux/notes.md'),
      );
      await expect(
        publish({
          sourcePath: 'manifests',
          catalogInfoPath: 'miniflux/miniflux/catalog-info.yaml',
        }).run(),
      ).rejects.toThrow('sourcePath: miniflux/miniflux/notes.md is a link');
      expect(fs.existsSync(data())).toBe(false);
    });

    it('refuses a link to nothing', async () => {
      replaceWithLink('missing.md');
      await expect(publish({}).run()).rejects.toThrow(
        'sourcePath: docs/phases/miniflux.md is a link to nothing',
      );
      expect(fs.existsSync(data())).toBe(false);
    });

    it('refuses a FIFO, which would hang the copy', async () => {
      execFileSync('mkfifo', [join(workspace(), 'docs/pipe')]);
      await expect(publish({}).run()).rejects.toThrow(
        'sourcePath: docs/pipe is not a regular file, folder or link',
      );
      expect(fs.existsSync(data())).toBe(false);
    });

    it('keeps a link inside the workspace as a relative link of the working copy', async () => {
      fs.writeFileSync(join(workspace(), 'docs/README.md'), '# Docs\n');
      fs.symlinkSync(
        join(workspace(), 'docs/README.md'),
        join(workspace(), 'docs/phases/index.md'),
      );
      const { run, outputs } = publish({});
      await run();
      const wc = outputs().workingCopyPath;
      const link = join(wc, 'docs/phases/index.md');
      expect(fs.readlinkSync(link)).toBe('../README.md');
      expect(fs.readFileSync(link, 'utf8')).toBe('# Docs\n');
      expect(gitOut(wc, 'status', '--porcelain')).toBe('');
    });
  });

  it.each([
    [
      { sourcePath: '/etc' },
      'sourcePath: "/etc" must be a relative path inside the workspace',
    ],
    [
      { catalogInfoPath: '/etc/passwd' },
      'catalogInfoPath: "/etc/passwd" must be a relative path inside the published folder',
    ],
    [{ name: '../../../tmp/x' }, 'name: '],
    [{ name: 'miniflux\n--upload-pack=x' }, 'name: '],
  ])(
    'refuses the path input %o before writing anything',
    async (input, message) => {
      await expect(publish(input).run()).rejects.toThrow(message);
      expect(fs.existsSync(data())).toBe(false);
    },
  );

  it('refuses a sourcePath that is a link out of the workspace', async () => {
    fs.mkdirSync(join(dir.path, 'host/etc'), { recursive: true });
    fs.symlinkSync(join(dir.path, 'host/etc'), join(workspace(), 'out'));
    await expect(publish({ sourcePath: 'out' }).run()).rejects.toThrow(
      'sourcePath: "out" resolves through a link to a place outside the workspace',
    );
    expect(fs.existsSync(data())).toBe(false);
  });

  it('refuses a working copy folder that is a link out of the data folder', async () => {
    fs.mkdirSync(join(data(), 'scaffolder/working-copies'), {
      recursive: true,
    });
    fs.mkdirSync(join(dir.path, 'host'));
    fs.symlinkSync(
      join(dir.path, 'host'),
      join(data(), 'scaffolder/working-copies/miniflux'),
    );
    await expect(publish({}).run()).rejects.toThrow(
      'name: "miniflux" resolves through a link to a place outside the working copies folder',
    );
    expect(fs.readdirSync(join(dir.path, 'host'))).toEqual([]);
    expect(fs.existsSync(join(data(), 'scaffolder/repository'))).toBe(false);
  });
});
