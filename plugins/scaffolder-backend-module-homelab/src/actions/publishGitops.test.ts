import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join, resolve } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { lintManifests, readLintInputs } from '@internal/homelab-manifests';
import {
  GitopsCheckout,
  GitopsCredentialsProvider,
  readGitopsConfig,
} from '@internal/plugin-homelab-node';
import { parse } from 'yaml';
import { GitHttpServer, startGitHttpServer } from '@internal/homelab-sim';
import { runTemplate } from '../__testUtils__/runTemplate';
import { createLintManifestsAction } from './lint';
import { createPublishGitopsAction } from './publishGitops';
import { createRenderManifestsAction } from './render';

const TEMPLATE = resolve(
  __dirname,
  '../../../../templates/homelab-service/template.yaml',
);
const PORTAL = { name: 'Homelab portal', email: 'portal@homelab.home.arpa' };
const USER = {
  ref: 'user:default/ada',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'ada', namespace: 'default' },
    spec: {
      profile: { displayName: 'Ada Lovelace', email: 'ada@home.arpa' },
      memberOf: [],
    },
  },
};

/** A GitOps repository as people keep them: comments, other services, three layouts. */
const BASE_FILES: Record<string, string> = {
  'README.md': '# home-ops\n',
  'manifests/media/kustomization.yaml': `# media: everything that plays something
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - namespace.yaml # created first
  - jellyfin/
`,
  'manifests/media/namespace.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n',
  'kubernetes/apps/media/kustomization.yaml': `---
# yaml-language-server: $schema=https://json.schemastore.org/kustomization
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  # Pre Flux-Kustomizations
  - ./namespace.yaml
  # Flux-Kustomizations
  - ./jellyfin/ks.yaml
`,
  'kubernetes/apps/media/namespace.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n',
  'argocd/namespaces/media/kustomization.yaml': `# namespaces Argo CD creates
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - namespace.yaml
`,
  'argocd/namespaces/media/namespace.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n',
  'docs/phases/README.md': '# Phases\n',
};

const serviceValues = {
  name: 'miniflux',
  owner: 'group:default/homelab-admins',
  namespaceChoice: 'new',
  newNamespace: 'miniflux',
  podSecurity: 'restricted',
  image: 'ghcr.io/miniflux/miniflux:2.2.6',
  port: 8080,
  healthPath: '/healthcheck',
  hostname: 'miniflux',
  gatewayName: 'homelab-gateway',
  gatewayNamespace: 'gateway',
  storage: [{ name: 'data', size: '2Gi', mountPath: '/data' }],
  cpuRequest: '100m',
  memoryRequest: '128Mi',
  memoryLimit: '512Mi',
  runAsUser: 1000,
  secretKeys: ['DATABASE_URL'],
  egressTargets: [],
  usesOllama: false,
};
const inMedia = {
  namespaceChoice: 'existing',
  namespaceRef: 'resource:default/media',
};

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

// git runs a process per step and the machine is shared: no test here measures time.
jest.setTimeout(60_000);

describe('homelab:publish:gitops against a git server on loopback', () => {
  const dir = createMockDirectory();
  let server: GitHttpServer;
  let workspaceCount = 0;

  beforeAll(async () => {
    server = await startGitHttpServer({ users: { portal: 'right-password' } });
  });
  afterAll(() => server.close());

  beforeEach(() => {
    dir.clear();
    const seed = join(dir.path, 'seed');
    for (const [path, content] of Object.entries(BASE_FILES)) {
      fs.mkdirSync(join(seed, path, '..'), { recursive: true });
      fs.writeFileSync(join(seed, path), content);
    }
    git(seed, 'init', '--quiet', '--initial-branch=main');
    git(seed, 'add', '.');
    git(
      seed,
      '-c',
      'user.name=Me',
      '-c',
      'user.email=me@home.arpa',
      'commit',
      '--quiet',
      '-m',
      'home-ops',
    );
    fs.rmSync(server.repoPath('homelab', 'gitops'), {
      recursive: true,
      force: true,
    });
    server.pulls.length = 0;
    server.createRepository('homelab', 'gitops', seed);
  });

  const scaffold = (
    values: Record<string, unknown> = {},
    gitops: Record<string, unknown> = {},
    password = 'right-password',
  ) => {
    const config = new ConfigReader({
      homelab: {
        gitops: {
          remote: server.repoUrl('homelab', 'gitops'),
          pullRequests: { provider: 'gitea' },
          ...gitops,
        },
      },
      integrations: {
        gitea: [
          { host: new URL(server.baseUrl).host, username: 'portal', password },
        ],
      },
    });
    const settings = readGitopsConfig(config, join(dir.path, 'data'));
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn().mockResolvedValue(undefined),
    });
    const workspacePath = join(dir.path, `workspace-${++workspaceCount}`);
    fs.mkdirSync(workspacePath);
    return runTemplate({
      templateFile: TEMPLATE,
      parameters: { ...serviceValues, ...values },
      workspacePath,
      user: USER,
      actions: {
        'homelab:manifests:render': createRenderManifestsAction({
          catalog,
          baseDomain: 'k8s.home.arpa',
        }),
        'homelab:manifests:lint': createLintManifestsAction(),
        'homelab:publish:gitops': createPublishGitopsAction({
          gitops: settings,
          credentials: GitopsCredentialsProvider.fromConfig(
            config,
            settings.remote,
          ),
          catalog,
          committer: PORTAL,
        }),
      },
    });
  };

  /** A clone of the pushed branch in a temporary folder. */
  const cloneBranch = (branch: string) => {
    const target = join(
      dir.path,
      `clone-${Math.random().toString(36).slice(2)}`,
    );
    git(
      dir.path,
      'clone',
      '--quiet',
      '--branch',
      branch,
      server.repoPath('homelab', 'gitops'),
      target,
    );
    return target;
  };
  const changedFiles = (clone: string) =>
    git(clone, 'diff', '--name-only', 'origin/main...HEAD').split('\n').sort();

  it('pushes scaffold/<name> with the files at the layout paths, authored by the requesting user, committed by the portal', async () => {
    const result = await scaffold();
    const output = result.steps.publish.output;
    expect(output.branch).toBe('scaffold/miniflux');
    const clone = cloneBranch('scaffold/miniflux');
    expect(changedFiles(clone)).toEqual([
      'manifests/miniflux/catalog-info.yaml',
      'manifests/miniflux/kustomization.yaml',
      'manifests/miniflux/miniflux/catalog-info.yaml',
      'manifests/miniflux/miniflux/deployment.yaml',
      'manifests/miniflux/miniflux/httproute.yaml',
      'manifests/miniflux/miniflux/kustomization.yaml',
      'manifests/miniflux/miniflux/networkpolicy.yaml',
      'manifests/miniflux/miniflux/pvc.yaml',
      'manifests/miniflux/miniflux/secret.yaml',
      'manifests/miniflux/miniflux/service.yaml',
      'manifests/miniflux/namespace.yaml',
    ]);
    expect(git(clone, 'log', '-1', '--format=%an <%ae>|%cn <%ce>')).toBe(
      'Ada Lovelace <ada@home.arpa>|Homelab portal <portal@homelab.home.arpa>',
    );
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(output.commit);
    // credentials never land in a repository's config
    const cache = join(dir.path, 'data/gitops/publish-cache');
    expect(fs.readFileSync(join(cache, 'config'), 'utf8')).not.toContain(
      'right-password',
    );

    const read = readLintInputs([join(clone, 'manifests')]);
    expect(read.problems).toEqual([]);
    expect(lintManifests(read.inputs).summary.error).toBe(0);
  });

  it('opens a Gitea pull request listing the files and the lint summary, and links it with the entity-to-be', async () => {
    const result = await scaffold();
    expect(server.pulls).toHaveLength(1);
    const [pull] = server.pulls;
    expect(pull).toMatchObject({
      head: { ref: 'scaffold/miniflux' },
      base: { ref: 'main' },
      title: 'Add miniflux: ghcr.io/miniflux/miniflux:2.2.6',
      user: { login: 'portal' },
    });
    expect(pull.body).toContain(
      '- `manifests/miniflux/miniflux/deployment.yaml`',
    );
    expect(pull.body).toMatch(/0 errors, \d+ warnings/);
    expect(pull.body).toContain('`component:default/miniflux`');
    expect(result.output.links).toEqual([
      { title: 'Pull request', icon: 'github', url: pull.html_url },
      {
        title: 'The entity, once merged',
        icon: 'catalog',
        entityRef: 'component:default/miniflux',
      },
    ]);
  });

  it('refuses a second run with the same name and leaves the remote as it was', async () => {
    await scaffold();
    const before = server.lsRemote('homelab', 'gitops');
    await expect(scaffold({ port: 9090 })).rejects.toThrow(
      /name: the branch scaffold\/miniflux already exists on http:\/\/127\.0\.0\.1:\d+\/homelab\/gitops\.git/,
    );
    expect(server.lsRemote('homelab', 'gitops')).toBe(before);
    expect(server.pulls).toHaveLength(1);
  });

  it('refuses a path that exists on the base branch, naming it, and pushes nothing', async () => {
    const before = server.lsRemote('homelab', 'gitops');
    // a new namespace "media" would write manifests/media/namespace.yaml, which exists
    await expect(scaffold({ newNamespace: 'media' })).rejects.toThrow(
      /already exist on the base branch .*: manifests\/media\/namespace\.yaml/,
    );
    expect(server.lsRemote('homelab', 'gitops')).toBe(before);
  });

  it('fails with a clear message on wrong credentials and pushes nothing', async () => {
    const before = server.lsRemote('homelab', 'gitops');
    const error = await scaffold({}, {}, 'wrong-password').catch(e => e);
    expect(error.message).toMatch(
      /refused the credentials of integrations\.gitea\[0\] \(127\.0\.0\.1:\d+\); check the username and the password or token/,
    );
    expect(error.message).not.toContain('wrong-password');
    expect(server.lsRemote('homelab', 'gitops')).toBe(before);
    expect(server.pulls).toHaveLength(0);
  });

  it.each([
    [
      'default',
      'manifests/media/miniflux/',
      'manifests/media/kustomization.yaml',
      ['namespace.yaml # created first', 'jellyfin/', 'miniflux/'],
      '# media: everything that plays something',
    ],
    [
      'flux',
      'kubernetes/apps/media/miniflux/app/',
      'kubernetes/apps/media/kustomization.yaml',
      ['./namespace.yaml', './jellyfin/ks.yaml', 'miniflux/ks.yaml'],
      '# Flux-Kustomizations',
    ],
    [
      'argocd',
      'argocd/manifests/miniflux/',
      'argocd/namespaces/media/kustomization.yaml',
      ['namespace.yaml', '../../manifests/miniflux/'],
      '# namespaces Argo CD creates',
    ],
  ])(
    'the %s layout puts the service at %s and extends the namespace kustomization, comments kept',
    async (preset, serviceDir, parent, resources, comment) => {
      await scaffold(inMedia, { layout: { preset } });
      const clone = cloneBranch('scaffold/miniflux');
      const changed = changedFiles(clone);
      expect(changed).toContain(parent);
      expect(
        changed.filter(f => f !== parent && !f.startsWith(serviceDir)),
      ).toEqual(
        preset === 'flux' ? ['kubernetes/apps/media/miniflux/ks.yaml'] : [],
      );
      expect(changed).toContain(`${serviceDir}deployment.yaml`);
      const text = fs.readFileSync(join(clone, parent), 'utf8');
      expect(text).toContain(comment);
      expect(
        text
          .split('\n')
          .filter(line => /^\s+- /.test(line))
          .map(line => line.replace(/^\s+- /, '')),
      ).toEqual(resources);
      const read = readLintInputs([join(clone, serviceDir.split('/')[0])]);
      const lint = lintManifests(read.inputs);
      expect(lint.findings.filter(f => f.severity === 'error')).toEqual([]);
      expect(read.problems).toEqual([]);
      expect(lintManifests(read.inputs).summary.error).toBe(0);
    },
  );

  it('a second service in a namespace the first created, after its pull request is merged, extends that namespace kustomization', async () => {
    await scaffold({ newNamespace: 'reader' });
    const [first] = server.pulls;
    const merged = await fetch(`${first.url}/merge`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from('portal:right-password').toString(
          'base64',
        )}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ Do: 'merge' }),
    });
    expect(merged.status).toBe(200);

    const second = await scaffold({
      name: 'fever',
      hostname: 'fever',
      namespaceChoice: 'existing',
      namespaceRef: 'resource:default/reader',
    });
    expect(second.steps.publish.output.appended).toEqual([
      'manifests/reader/kustomization.yaml',
    ]);
    const clone = cloneBranch('scaffold/fever');
    const text = fs.readFileSync(
      join(clone, 'manifests/reader/kustomization.yaml'),
      'utf8',
    );
    expect(parse(text).resources).toEqual([
      'namespace.yaml',
      'miniflux/',
      'fever/',
    ]);
    expect(text).toContain('# kubectl apply -k reader/ creates the namespace');
    expect(server.pulls[1].body).toContain(
      '- `manifests/reader/kustomization.yaml` (existing file, service appended)',
    );
  });

  it('the flux layout writes the Flux Kustomization (ks.yaml) beside app/, pointing at it', async () => {
    await scaffold(inMedia, { layout: { preset: 'flux' } });
    const clone = cloneBranch('scaffold/miniflux');
    const ks = parse(
      fs.readFileSync(
        join(clone, 'kubernetes/apps/media/miniflux/ks.yaml'),
        'utf8',
      ),
    );
    expect(ks).toMatchObject({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'miniflux', namespace: 'flux-system' },
      spec: {
        path: './kubernetes/apps/media/miniflux/app',
        targetNamespace: 'media',
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      },
    });
  });

  it('the embedded default creates a bare repository from the working tree on first use, pushes the branch there, and the portal checkout sees it at once', async () => {
    const work = join(dir.path, 'seed');
    const config = new ConfigReader({});
    const settings = readGitopsConfig(config, join(dir.path, 'data'), {
      repositoryRoot: work,
    });
    const workspacePath = join(dir.path, 'workspace-embedded');
    fs.mkdirSync(workspacePath);
    const catalog = catalogServiceMock.mock();
    const headBefore = git(work, 'rev-parse', 'HEAD');
    // the portal's checkout, as the catalog keeps it, is brought up to date after the push
    const checkout = new GitopsCheckout({
      remote: settings.remote,
      baseBranch: settings.baseBranch,
      checkoutDir: settings.checkoutDir,
    });
    await checkout.ensure();
    const result = await runTemplate({
      templateFile: TEMPLATE,
      parameters: serviceValues,
      workspacePath,
      actions: {
        'homelab:manifests:render': createRenderManifestsAction({
          catalog,
          baseDomain: 'k8s.home.arpa',
        }),
        'homelab:manifests:lint': createLintManifestsAction(),
        'homelab:publish:gitops': createPublishGitopsAction({
          gitops: settings,
          catalog,
          committer: PORTAL,
          afterPush: () => checkout.fetch(),
        }),
      },
    });
    const bare = join(dir.path, 'data/gitops/remote.git');
    expect((await checkout.state()).proposals.map(p => p.branch)).toEqual([
      'scaffold/miniflux',
    ]);
    expect(git(bare, 'rev-parse', 'main')).toBe(headBefore);
    expect(git(bare, 'rev-parse', 'scaffold/miniflux')).toBe(
      result.steps.publish.output.commit,
    );
    // the working tree's repository is untouched: no new branch, same HEAD
    expect(git(work, 'branch', '--list', 'scaffold/*')).toBe('');
    expect(git(work, 'rev-parse', 'HEAD')).toBe(headBefore);
    expect(git(bare, 'log', '-1', '--format=%an', 'scaffold/miniflux')).toBe(
      'Homelab portal',
    );
  });

  it('says to set homelab.gitops.remote when the embedded default has no git working tree to start from', async () => {
    const notGit = join(dir.path, 'not-a-repository');
    fs.mkdirSync(notGit);
    const settings = readGitopsConfig(
      new ConfigReader({}),
      join(dir.path, 'data'),
      {
        repositoryRoot: notGit,
      },
    );
    const workspacePath = join(dir.path, 'workspace-not-git');
    fs.mkdirSync(workspacePath);
    const catalog = catalogServiceMock.mock();
    await expect(
      runTemplate({
        templateFile: TEMPLATE,
        parameters: serviceValues,
        workspacePath,
        actions: {
          'homelab:manifests:render': createRenderManifestsAction({
            catalog,
            baseDomain: 'k8s.home.arpa',
          }),
          'homelab:manifests:lint': createLintManifestsAction(),
          'homelab:publish:gitops': createPublishGitopsAction({
            gitops: settings,
            catalog,
            committer: PORTAL,
          }),
        },
      }),
    ).rejects.toThrow(
      /homelab.gitops.remote is not set, and .*not-a-repository is no git repository to make the embedded one from; set homelab.gitops.remote/,
    );
    expect(fs.existsSync(join(dir.path, 'data/gitops/remote.git'))).toBe(false);
  });
});
