import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join, resolve } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { lintManifests, readLintInputs } from '@internal/homelab-manifests';
import { parsePhasePlan } from '@internal/plugin-homelab-common';
import {
  GitopsCredentialsProvider,
  readGitopsConfig,
} from '@internal/plugin-homelab-node';
import { parse } from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { type GitHttpServer, startGitHttpServer } from '@internal/homelab-sim';
import { runTemplate } from '../__testUtils__/runTemplate';
import { createComposeImportAction } from './composeImport';
import { createComposeImportStackAction } from './composeImportStack';
import { createLintManifestsAction } from './lint';
import { createPublishGitopsAction } from './publishGitops';
import { createRenderManifestsAction } from './render';

const FIXTURES = resolve(
  __dirname,
  '../../../homelab-manifests/fixtures/compose',
);
const fixture = (path: string) => fs.readFileSync(join(FIXTURES, path), 'utf8');
const TEMPLATE = resolve(
  __dirname,
  '../../../../templates/compose-migration/template.yaml',
);
const MEDIA_ENV = fixture('media/.env');
/** Every value of a secret-looking variable of the pasted .env (quotes removed). */
const MEDIA_SECRETS = MEDIA_ENV.split('\n')
  .map(line =>
    line.match(/^([A-Z0-9_]*(?:KEY|PASSWORD|SECRET)[A-Z0-9_]*)=(.*)$/),
  )
  .filter((m): m is RegExpMatchArray => !!m)
  .map(m => m[2].replace(/^['"]|['"]$/g, ''));

const stackValues = {
  composeYaml: fixture('media/compose.yaml'),
  service: '*',
  envFile: MEDIA_ENV,
  name: 'media-stack',
  owner: 'group:default/homelab-admins',
  gatewayName: 'homelab-gateway',
  gatewayNamespace: 'gateway',
  storageSize: '1Gi',
  namespaceChoice: 'new',
  newNamespace: 'media',
  podSecurity: 'restricted',
  phaseId: '5.1',
  title: 'Media stack',
  currentHost: 'the NAS',
  priority: 'High',
};

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

// a 21-service stack is rendered, linted and pushed; nothing here measures time
jest.setTimeout(120_000);

describe('homelab:compose:import-stack', () => {
  const dir = createMockDirectory();
  beforeEach(() => dir.clear());

  it('writes every service folder, the namespace and the stack plan into the workspace, never a secret value', async () => {
    const { ctx, outputs, logLines } = actionContext(
      {
        composeYaml: stackValues.composeYaml,
        envFile: MEDIA_ENV,
        name: 'media-stack',
        namespace: { name: 'media', create: true },
        phaseId: '5.1',
        title: 'Media stack',
      },
      { workspacePath: dir.path },
    );
    await createComposeImportStackAction().handler(ctx);
    const out = outputs();
    expect(out.namespace).toBe('media');
    expect(out.files).toEqual(
      expect.arrayContaining([
        'manifests/media/namespace.yaml',
        'manifests/media/catalog-info.yaml',
        'manifests/media/kustomization.yaml',
        'manifests/media/sonarr/deployment.yaml',
        'manifests/media/n8n-worker/deployment.yaml',
        'docs/phases/media-stack.md',
        'docs/runbooks/media-stack-cutover.md',
        'docs/runbooks/media-stack-rollback.md',
        'docs/runbooks/media-stack-report.md',
      ]),
    );
    // the floating tag and the unset required variable are listed with the fix, the rest renders
    expect(
      out.services.filter((s: any) => !s.rendered).map((s: any) => s.service),
    ).toEqual(['uptime-kuma', 'autobrr']);
    expect(out.unmapped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'uptime-kuma',
          reason: expect.stringContaining('pin the image'),
        }),
      ]),
    );
    const entity = parse(
      fs.readFileSync(
        join(dir.path, 'manifests/media/sonarr/catalog-info.yaml'),
        'utf8',
      ),
    );
    expect(entity.metadata.annotations['homelab.dev/phase-plan']).toBe(
      'docs/phases/media-stack.md',
    );
    const lint = lintManifests(
      readLintInputs([join(dir.path, 'manifests')]).inputs,
    );
    expect(lint.findings.filter(f => f.severity === 'error')).toEqual([]);

    expect(MEDIA_SECRETS.length).toBeGreaterThanOrEqual(5);
    const everything = [
      ...out.files.map((f: string) => fs.readFileSync(join(dir.path, f))),
      JSON.stringify(out),
      ...logLines('info'),
      ...logLines('warn'),
    ].join('\n');
    for (const secret of MEDIA_SECRETS)
      expect(everything).not.toContain(secret);
    expect(logLines('info')).toContain(
      'check: sonarr: ${SONARR_TAG} in image: from the env file "4.0.11" was used',
    );
  });

  it('into an existing namespace leaves the Namespace object out and lists only the services (a dry run writes its workspace too)', async () => {
    const { ctx } = actionContext(
      {
        composeYaml: fixture('karakeep/compose.yaml'),
        envFile: fixture('karakeep/.env'),
        name: 'bookmarks',
        namespace: { name: 'apps', create: false },
      },
      { workspacePath: dir.path, isDryRun: true },
    );
    await createComposeImportStackAction().handler(ctx);
    expect(fs.existsSync(join(dir.path, 'manifests/apps/namespace.yaml'))).toBe(
      false,
    );
    expect(
      fs.existsSync(join(dir.path, 'manifests/apps/catalog-info.yaml')),
    ).toBe(false);
    const kustomization = parse(
      fs.readFileSync(
        join(dir.path, 'manifests/apps/kustomization.yaml'),
        'utf8',
      ),
    );
    expect(kustomization.resources).toEqual([
      'web/',
      'chrome/',
      'meilisearch/',
    ]);
  });

  it('refuses to overwrite a different file of the workspace, writing neither folder', async () => {
    fs.mkdirSync(join(dir.path, 'docs/phases'), { recursive: true });
    fs.writeFileSync(join(dir.path, 'docs/phases/bookmarks.md'), '# mine\n');
    const { ctx } = actionContext(
      {
        composeYaml: fixture('karakeep/compose.yaml'),
        name: 'bookmarks',
        namespace: { name: 'bookmarks' },
      },
      { workspacePath: dir.path },
    );
    await expect(createComposeImportStackAction().handler(ctx)).rejects.toThrow(
      'docs/phases/bookmarks.md already exist(s) in the workspace with other content; nothing was written',
    );
    expect(fs.existsSync(join(dir.path, 'manifests'))).toBe(false);
  });

  it.each([
    [{ name: '../x' }, /name/],
    [{ envFiles: [{ path: '../../etc/passwd', content: 'x' }] }, /envFiles/],
    [{ composeYaml: 'services: [' }, /composeYaml: /],
    [{}, /namespace\.name: the compose file has no project name/],
  ])(
    'refuses %j naming the field, writing nothing',
    async (change, message) => {
      const { ctx, outputs } = actionContext(
        {
          composeYaml: fixture('karakeep/compose.yaml'),
          name: 'bookmarks',
          ...change,
        },
        { workspacePath: dir.path },
      );
      await expect(
        createComposeImportStackAction().handler(ctx),
      ).rejects.toThrow(message);
      expect(outputs()).toEqual({});
      expect(fs.readdirSync(dir.path)).toEqual([]);
    },
  );
});

describe('the compose-migration template with every service of the file', () => {
  const dir = createMockDirectory();
  let server: GitHttpServer;

  beforeAll(async () => {
    server = await startGitHttpServer({ users: { portal: 'right-password' } });
  });
  afterAll(() => server.close());

  beforeEach(() => {
    dir.clear();
    const seed = join(dir.path, 'seed');
    fs.mkdirSync(join(seed, 'docs/phases'), { recursive: true });
    fs.writeFileSync(join(seed, 'docs/phases/README.md'), '# Phases\n');
    // the repository's TechDocs site, as this repository declares homelab-docs
    fs.writeFileSync(
      join(seed, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: lab-docs\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec: { type: documentation, owner: group:default/homelab-admins, lifecycle: production }\n',
    );
    fs.mkdirSync(join(seed, 'manifests/apps'), { recursive: true });
    fs.writeFileSync(
      join(seed, 'manifests/apps/kustomization.yaml'),
      '# apps: small things\nresources:\n  - namespace.yaml # first\n  - miniflux/\n',
    );
    fs.writeFileSync(
      join(seed, 'manifests/apps/namespace.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n',
    );
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
      'seed',
    );
    fs.rmSync(server.repoPath('homelab', 'gitops'), {
      recursive: true,
      force: true,
    });
    server.pulls.length = 0;
    server.createRepository('homelab', 'gitops', seed);
  });

  const scaffold = (values: Record<string, unknown> = {}) => {
    const config = new ConfigReader({
      homelab: {
        gitops: {
          remote: server.repoUrl('homelab', 'gitops'),
          pullRequests: { provider: 'gitea' },
        },
      },
      integrations: {
        gitea: [
          {
            host: new URL(server.baseUrl).host,
            username: 'portal',
            password: 'right-password',
          },
        ],
      },
    });
    const settings = readGitopsConfig(config, join(dir.path, 'data'));
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn().mockResolvedValue(undefined),
    });
    const workspacePath = join(dir.path, 'workspace');
    fs.mkdirSync(workspacePath, { recursive: true });
    return runTemplate({
      templateFile: TEMPLATE,
      parameters: { ...stackValues, ...values },
      workspacePath,
      actions: {
        'homelab:compose:import': createComposeImportAction(),
        'homelab:compose:import-stack': createComposeImportStackAction(),
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
          committer: {
            name: 'Homelab portal',
            email: 'portal@homelab.home.arpa',
          },
        }),
      },
    });
  };
  const clone = (branch: string) => {
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

  it('pushes one branch with a folder per service, the namespace, its kustomization and the stack plan; lint-clean, no secret value anywhere', async () => {
    const result = await scaffold();
    expect(result.ran).toEqual(['stack', 'lint', 'publish']);
    expect(result.steps.lint.output.errors).toBe(0);
    const branch = result.steps.publish.output.branch;
    expect(branch).toBe('scaffold/media-stack');
    const tree = clone(branch);
    const added = git(tree, 'diff', '--name-only', 'origin/main...HEAD').split(
      '\n',
    );
    const rendered = result.steps.stack.output.services
      .filter(
        (s: any) => s.rendered && s.role !== 'sidecar' && s.role !== 'init',
      )
      .map((s: any) => s.name);
    expect(rendered.length).toBeGreaterThanOrEqual(15);
    for (const name of rendered)
      expect(added).toContain(`manifests/media/${name}/kustomization.yaml`);
    expect(added).toEqual(
      expect.arrayContaining([
        'manifests/media/namespace.yaml',
        'manifests/media/catalog-info.yaml',
        'manifests/media/kustomization.yaml',
        'docs/phases/media-stack.md',
        'docs/runbooks/media-stack-cutover.md',
      ]),
    );
    const kustomization = parse(
      fs.readFileSync(join(tree, 'manifests/media/kustomization.yaml'), 'utf8'),
    );
    expect(kustomization.resources).toEqual(
      expect.arrayContaining([
        'namespace.yaml',
        ...rendered.map((n: string) => `${n}/`),
      ]),
    );
    const read = readLintInputs([join(tree, 'manifests')]);
    expect(lintManifests(read.inputs).summary.error).toBe(0);
    // the new namespace is declared once; every service lists the stack's runbooks
    // as pages of the repository's docs site
    expect(
      parse(
        fs.readFileSync(
          join(tree, 'manifests/media/catalog-info.yaml'),
          'utf8',
        ),
      ).spec,
    ).toMatchObject({ type: 'kubernetes-namespace', cluster: 'homelab' });
    const sonarr = parse(
      fs.readFileSync(
        join(tree, 'manifests/media/sonarr/catalog-info.yaml'),
        'utf8',
      ),
    ).metadata.annotations;
    expect(sonarr).toMatchObject({
      'backstage.io/techdocs-entity': 'component:default/lab-docs',
      'homelab.dev/cutover-runbook':
        'component:default/lab-docs#runbooks/media-stack-cutover',
    });
    expect(sonarr['homelab.dev/runbooks'].split(',')).toEqual(
      expect.arrayContaining([
        'component:default/lab-docs#runbooks/media-stack-cutover',
        'component:default/lab-docs#runbooks/media-stack-rollback',
      ]),
    );

    const planText = fs.readFileSync(
      join(tree, 'docs/phases/media-stack.md'),
      'utf8',
    );
    const plan = parsePhasePlan(planText, {
      file: 'docs/phases/media-stack.md',
    });
    expect(plan).toMatchObject({
      title: 'Phase 5.1: Media stack Migration',
      status: 'planned',
      phaseId: '5.1',
    });
    expect(planText).toContain('`sonarr` (Deployment)');
    expect(planText).toContain(
      '[the cutover runbook](../runbooks/media-stack-cutover.md)',
    );

    // the pull request lists what each service did not carry over
    expect(server.pulls[0].body).toContain('uptime-kuma');
    expect(result.output.text[0].content).toContain('`sonarr`: Deployment');

    const everything = [
      ...added.map(f => fs.readFileSync(join(tree, f), 'utf8')),
      ...result.logs,
      JSON.stringify(result.steps),
      JSON.stringify(result.output),
      server.pulls[0].body,
    ].join('\n');
    for (const secret of MEDIA_SECRETS)
      expect(everything).not.toContain(secret);
  });

  it('a stack into an existing namespace extends its kustomization.yaml with every service, comments kept', async () => {
    const result = await scaffold({
      composeYaml: fixture('karakeep/compose.yaml'),
      envFile: fixture('karakeep/.env'),
      name: 'bookmarks',
      namespaceChoice: 'existing',
      namespaceRef: 'resource:default/apps',
    });
    expect(result.steps.publish.output.appended).toEqual([
      'manifests/apps/kustomization.yaml',
    ]);
    const tree = clone('scaffold/bookmarks');
    const text = fs.readFileSync(
      join(tree, 'manifests/apps/kustomization.yaml'),
      'utf8',
    );
    expect(parse(text).resources).toEqual([
      'namespace.yaml',
      'miniflux/',
      'web/',
      'chrome/',
      'meilisearch/',
    ]);
    expect(text).toContain('# apps: small things');
    expect(
      fs.readFileSync(join(tree, 'manifests/apps/namespace.yaml'), 'utf8'),
    ).toContain('name: apps');
  });

  it('refuses a second stack run with the same name before writing, remote unchanged', async () => {
    await scaffold();
    const before = server.lsRemote('homelab', 'gitops');
    await expect(scaffold()).rejects.toThrow(
      /name: the branch scaffold\/media-stack already exists/,
    );
    expect(server.lsRemote('homelab', 'gitops')).toBe(before);
  });
});
