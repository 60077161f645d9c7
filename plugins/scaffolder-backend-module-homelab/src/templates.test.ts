import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import {
  parseCutoverPlan,
  parsePhasePlan,
} from '@internal/plugin-homelab-common';
import { validate } from 'jsonschema';
import { parse, parseAllDocuments } from 'yaml';
import { runTemplate } from './__testUtils__/runTemplate';
import { createComposeImportAction } from './actions/composeImport';
import { createLintManifestsAction } from './actions/lint';
import { createPublishGitopsAction } from './actions/publishGitops';
import { createRenderManifestsAction } from './actions/render';
import { readGitopsConfig } from '@internal/plugin-homelab-node';
import { lintManifests, proxyChecksOfPlans } from '@internal/homelab-manifests';

const TEMPLATES = resolve(__dirname, '../../../templates');
const templateFile = (name: string) => join(TEMPLATES, name, 'template.yaml');
const load = (name: string) =>
  parse(fs.readFileSync(templateFile(name), 'utf8'));
const KARAKEEP = fs.readFileSync(
  resolve(
    __dirname,
    '../../homelab-manifests/fixtures/compose/karakeep.compose.yml',
  ),
  'utf8',
);

const cutoverKeys = [
  'deployment name=karakeep namespace=karakeep',
  'pods namespace=karakeep selector=app.kubernetes.io/name=karakeep',
  'pvc name=karakeep-data namespace=karakeep',
  'service name=karakeep namespace=karakeep',
  'httproute name=karakeep namespace=karakeep',
  'http namespace=karakeep path=/api/health port=http service=karakeep status=2xx',
];
const CHECKED_KINDS: Record<string, string> = {
  deployment: 'Deployment',
  pvc: 'PersistentVolumeClaim',
  service: 'Service',
  httproute: 'HTTPRoute',
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

const migrationValues = {
  composeYaml: KARAKEEP,
  service: 'web',
  name: 'karakeep',
  owner: 'group:default/homelab-admins',
  hostname: 'karakeep',
  gatewayName: 'homelab-gateway',
  gatewayNamespace: 'gateway',
  storageSize: '2Gi',
  namespaceChoice: 'new',
  newNamespace: 'karakeep',
  podSecurity: 'restricted',
  phaseId: '4.30',
  title: 'Karakeep',
  currentHost: 'the Docker host on Proxmox',
  priority: 'Medium',
};

/** Validates like POST /v2/tasks: every parameters page against the values. */
function formErrors(template: any, values: Record<string, unknown>): string[] {
  return template.spec.parameters.flatMap((page: any) =>
    validate(values, page).errors.map(e => `${e.property} ${e.message}`),
  );
}

describe.each([
  ['homelab-service', serviceValues],
  ['compose-migration', migrationValues],
])('the %s form', (name, valid) => {
  const template = load(name);

  it('accepts realistic values', () => {
    expect(formErrors(template, valid)).toEqual([]);
  });

  it('accepts a namespace picked from the catalog', () => {
    expect(
      formErrors(template, {
        ...valid,
        namespaceChoice: 'existing',
        namespaceRef: 'resource:default/media',
      }),
    ).toEqual([]);
  });

  it.each([
    ['an upper-case name', { name: 'MiniFlux' }, 'instance.name'],
    ['a 64-character name', { name: 'a'.repeat(64) }, 'instance.name'],
    ['a name with a leading dash', { name: '-miniflux' }, 'instance.name'],
    ['a name with ../', { name: '../miniflux' }, 'instance.name'],
    ['an absolute name', { name: '/etc/passwd' }, 'instance.name'],
    ['a name with a slash', { name: 'mini/flux' }, 'instance.name'],
    ['a name with a newline', { name: 'miniflux\n' }, 'instance.name'],
    [
      'an absolute namespace',
      { newNamespace: '/kube-system' },
      'instance.newNamespace',
    ],
    [
      'an existing namespace ref with ../',
      { namespaceChoice: 'existing', namespaceRef: 'resource:default/../etc' },
      'instance.namespaceRef',
    ],
    ['a hostname with "_"', { hostname: 'mini_flux' }, 'instance.hostname'],
    [
      'a namespace with ../',
      { newNamespace: '../kube-system' },
      'instance.newNamespace',
    ],
    [
      'the image tag latest',
      { image: 'ghcr.io/miniflux/miniflux:latest' },
      'instance.image',
    ],
  ])('refuses %s, naming the field', (_, change, field) => {
    const errors = formErrors(template, { ...valid, ...change });
    expect(errors.join('\n')).toContain(field);
  });
});

describe('the homelab-service form', () => {
  const template = load('homelab-service');
  it.each([
    ['port 0', { port: 0 }, 'instance.port must be greater than or equal to 1'],
    [
      'port 65536',
      { port: 65536 },
      'instance.port must be less than or equal to 65535',
    ],
    [
      'the quantity "lots"',
      { memoryLimit: 'lots' },
      'instance.memoryLimit does not match pattern',
    ],
    [
      'a volume size "lots"',
      { storage: [{ name: 'data', size: 'lots', mountPath: '/data' }] },
      'instance.storage[0].size',
    ],
    [
      'a mount path with ../',
      { storage: [{ name: 'data', size: '1Gi', mountPath: '/../etc' }] },
      'instance.storage[0].mountPath',
    ],
    [
      'an egress port of 70000',
      { egressTargets: [{ entityRef: 'component:default/x', port: 70000 }] },
      'instance.egressTargets[0].port',
    ],
  ])('refuses %s', (_, change, message) => {
    expect(
      formErrors(template, { ...serviceValues, ...change }).join('\n'),
    ).toContain(message);
  });
});

describe('the compose-migration form', () => {
  it.each([['../web'], ['/etc/passwd'], ['web/../../x'], ['.env']])(
    'refuses the compose service %j, naming the field',
    service => {
      const errors = formErrors(load('compose-migration'), {
        ...migrationValues,
        service,
      });
      expect(errors.join('\n')).toContain(
        'instance.service does not match pattern',
      );
    },
  );

  it('accepts "*", every service of the file, with pasted env_file contents', () => {
    expect(
      formErrors(load('compose-migration'), {
        ...migrationValues,
        service: '*',
        envFiles: [{ path: './stack.env', content: 'TZ=UTC\n' }],
      }),
    ).toEqual([]);
  });

  it.each([['../secrets.env'], ['/etc/passwd'], ['conf/../../x.env']])(
    'refuses the env_file path %j, naming the field',
    path => {
      const errors = formErrors(load('compose-migration'), {
        ...migrationValues,
        envFiles: [{ path, content: 'A=1' }],
      });
      expect(errors.join('\n')).toContain(
        'instance.envFiles[0].path does not match pattern',
      );
    },
  );

  it('refuses a pasted text without a top-level services mapping', () => {
    const errors = formErrors(load('compose-migration'), {
      ...migrationValues,
      composeYaml: 'this is not a compose file: [',
    });
    expect(errors.join('\n')).toContain(
      'instance.composeYaml does not match pattern',
    );
  });
});

describe('running the templates against the actions', () => {
  // each run forks git several times on a shared machine; nothing here measures time
  jest.setTimeout(60_000);
  const dir = createMockDirectory();
  const workspace = () => join(dir.path, 'workspace');
  const remote = () => join(dir.path, 'data/gitops/remote.git');
  let actions: Record<string, any>;
  let catalog: ReturnType<typeof catalogServiceMock.mock>;
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: remote(), encoding: 'utf8' });

  beforeEach(() => {
    dir.clear();
    fs.mkdirSync(workspace());
    // the working tree the embedded default's bare repository is made from
    const seed = join(dir.path, 'seed');
    fs.mkdirSync(join(seed, 'docs/phases'), { recursive: true });
    fs.writeFileSync(join(seed, 'docs/phases/README.md'), '# Phases\n');
    const inSeed = (...args: string[]) =>
      execFileSync('git', args, { cwd: seed, encoding: 'utf8' });
    inSeed('init', '--quiet', '--initial-branch=main');
    inSeed('add', '.');
    inSeed(
      '-c',
      'user.name=Me',
      '-c',
      'user.email=me@home.arpa',
      'commit',
      '--quiet',
      '-m',
      'seed',
    );
    catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn().mockResolvedValue(undefined),
    });
    actions = {
      'homelab:manifests:render': createRenderManifestsAction({
        catalog,
        baseDomain: 'k8s.home.arpa',
      }),
      'homelab:manifests:lint': createLintManifestsAction(),
      'homelab:compose:import': createComposeImportAction(),
      'homelab:publish:gitops': createPublishGitopsAction({
        gitops: readGitopsConfig(new ConfigReader({}), join(dir.path, 'data'), {
          repositoryRoot: seed,
        }),
        catalog,
        committer: {
          name: 'Homelab portal',
          email: 'portal@homelab.home.arpa',
        },
      }),
      'fetch:template': createFetchTemplateAction({
        reader: mockServices.urlReader.mock(),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      }),
    };
  });

  const run = (name: string, parameters: Record<string, unknown>) =>
    runTemplate({
      templateFile: templateFile(name),
      parameters,
      actions,
      workspacePath: workspace(),
    });
  const show = (branch: string, file: string) =>
    git('show', `${branch}:${file}`);
  const readYaml = (branch: string, file: string) => parse(show(branch, file));
  const published = (branch: string) =>
    git('ls-tree', '-r', '--name-only', branch).trim().split('\n');

  it('homelab-service pushes a lint-clean branch of the GitOps repository and links the entity-to-be', async () => {
    const result = await run('homelab-service', serviceValues);
    expect(result.ran).toEqual(['render', 'lint', 'publish']);
    expect(result.steps.lint.output.errors).toBe(0);
    const branch = result.steps.publish.output.branch;
    expect(branch).toBe('scaffold/miniflux');
    const entity = readYaml(
      branch,
      'manifests/miniflux/miniflux/catalog-info.yaml',
    );
    expect(entity.metadata.links).toEqual([
      {
        url: 'https://miniflux.k8s.home.arpa',
        title: 'miniflux.k8s.home.arpa',
      },
    ]);
    expect(published('main')).toEqual(['docs/phases/README.md']);
    expect(result.output.links[1].entityRef).toBe('component:default/miniflux');
    // the task page's merge button reads the branch from here
    expect(result.output.scaffoldBranch).toBe('scaffold/miniflux');
    expect(result.output.text[0].content).toContain(
      'The catalog shows\n`component:default/miniflux` once the branch is merged.',
    );
  });

  it('compose-migration also writes a phase plan the Migration page can read, and runbooks', async () => {
    const result = await run('compose-migration', migrationValues);
    expect(result.ran).toEqual(['import', 'render', 'lint', 'plan', 'publish']);
    const branch = result.steps.publish.output.branch;
    const entity = readYaml(
      branch,
      'manifests/karakeep/karakeep/catalog-info.yaml',
    );
    expect(entity.metadata.annotations['homelab.dev/phase-plan']).toBe(
      'docs/phases/karakeep.md',
    );

    const planText = show(branch, 'docs/phases/karakeep.md');
    const plan = parsePhasePlan(planText, { file: 'docs/phases/karakeep.md' });
    expect(plan).toMatchObject({
      title: 'Phase 4.30: Karakeep Migration',
      status: 'planned',
      phaseId: '4.30',
    });
    // numbered tasks, the cutover's verification items and the verification checklist
    expect(plan.tasks.open).toBe(21 + cutoverItems().length + 5);
    expect(plan.tasks.done).toBe(0);
    expect(plan.sections.map(s => s.title)).toEqual(
      expect.arrayContaining([
        '4.30.1 Research',
        '4.30.4 Data Migration',
        '4.30.5 Cutover',
        '4.30.6 Documentation',
      ]),
    );
    expect(plan.verification?.items.length).toBe(5);

    // The cutover section declares live checks from the start, valid as the portal reads them.
    const cutover = parseCutoverPlan(planText);
    expect(cutover.section?.title).toBe('4.30.5 Cutover');
    expect(cutover.problems).toEqual([]);
    function cutoverItems() {
      return parseCutoverPlan(planText).items.filter(i => i.checks.length);
    }
    const checks = cutoverItems().flatMap(i => i.checks);
    expect(checks.map(c => c.key)).toEqual(cutoverKeys);
    // Each check names an object the render wrote on the same branch.
    const rendered = published(branch)
      .filter(f => f.startsWith('manifests/') && f.endsWith('.yaml'))
      .flatMap(f => parseAllDocuments(show(branch, f)).map(d => d.toJS()))
      .filter(o => o?.kind && o.metadata);
    const find = (kind: string, namespace: string, name: string) =>
      rendered.find(
        o =>
          o.kind === kind &&
          o.metadata.name === name &&
          o.metadata.namespace === namespace,
      );
    const located = (check: (typeof checks)[number]) => {
      if (check.kind === 'pods') {
        const [label, value] = check.selector.split('=');
        const deployment = find('Deployment', check.namespace, 'karakeep');
        return deployment?.spec.template.metadata.labels[label] === value;
      }
      if (check.kind === 'http' && check.via === 'service')
        return find(
          'Role',
          check.namespace,
          'homelab-portal-proxy-karakeep',
        )?.rules[0].resourceNames.includes(`${check.service}:${check.port}`);
      const named = check as { namespace: string; name: string };
      return !!find(CHECKED_KINDS[check.kind], named.namespace, named.name);
    };
    expect(checks.map(c => [c.key, located(c)])).toEqual(
      checks.map(c => [c.key, true]),
    );
    // ...and the portal may proxy to exactly the Service port the http check names.
    const proxyLint = lintManifests(
      published(branch)
        .filter(f => f.startsWith('manifests/') && f.endsWith('.yaml'))
        .map(f => ({ path: f, content: show(branch, f) })),
      {
        proxyChecks: proxyChecksOfPlans([
          { path: 'docs/phases/karakeep.md', content: planText },
        ]),
      },
    );
    expect(
      proxyLint.findings.filter(f => f.rule === 'portal-service-proxy'),
    ).toEqual([]);
    expect(plan.rollback?.markdown).toContain('karakeep-rollback.md');
    expect(planText).toContain('- `container_name`: not carried over');
    expect(planText).not.toContain(
      '9kq3Xz7LmN2pQ8rT4vW6yB1cD5fG0hJ3kL7mN9pQ2rS4tV6w',
    );
    for (const runbook of ['karakeep-cutover.md', 'karakeep-rollback.md']) {
      expect(show(branch, `docs/runbooks/${runbook}`)).toContain(
        'docker compose',
      );
    }
    expect(git('log', '-1', '--format=%s', branch).trim()).toBe(
      'Phase 4.30: scaffold the karakeep migration',
    );
  });

  it('a skeleton link to /etc/passwd never ends up as the passwd content in the published branch', async () => {
    // A copy of the compose-migration template whose skeleton carries links out of it.
    const copy = join(dir.path, 'templates/compose-migration');
    fs.cpSync(join(TEMPLATES, 'compose-migration'), copy, { recursive: true });
    const phases = join(copy, 'skeleton/docs/phases');
    fs.symlinkSync('/etc/passwd', join(phases, 'passwd.md'));
    fs.symlinkSync(
      '../../../../../../../../../../etc/passwd',
      join(phases, 'climb.md'),
    );
    fs.symlinkSync('/etc', join(copy, 'skeleton/docs/etc'));

    const result = await runTemplate({
      templateFile: join(copy, 'template.yaml'),
      parameters: migrationValues,
      actions,
      workspacePath: workspace(),
    });
    // The stock fetch:template copies a file: skeleton through a filter that drops links
    // resolving outside it (isChildPath); homelab:publish:gitops refuses any that came through.
    const branch = result.steps.publish.output.branch;
    const files = published(branch);
    expect(files).toContain('docs/phases/karakeep.md');
    expect(files).not.toContain('docs/phases/passwd.md');
    expect(files).not.toContain('docs/phases/climb.md');
    expect(files.some(p => p.startsWith('docs/etc'))).toBe(false);
    const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0];
    for (const file of files) {
      expect(show(branch, file)).not.toContain(passwd);
    }
  });
});
