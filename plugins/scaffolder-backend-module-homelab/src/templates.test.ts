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
import { parsePhasePlan } from '@internal/plugin-homelab-common';
import { validate } from 'jsonschema';
import { parse } from 'yaml';
import { runTemplate } from './__testUtils__/runTemplate';
import { createComposeImportAction } from './actions/composeImport';
import { createLintManifestsAction } from './actions/lint';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRegisterFileAction } from './actions/registerFile';
import { createRenderManifestsAction } from './actions/render';
import { LocalScaffoldRepository } from './git/LocalScaffoldRepository';

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
  publishTarget: 'local',
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
  publishTarget: 'local',
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
  const dir = createMockDirectory();
  const workspace = () => join(dir.path, 'workspace');
  let actions: Record<string, any>;
  let catalog: ReturnType<typeof catalogServiceMock.mock>;

  beforeEach(() => {
    dir.clear();
    fs.mkdirSync(workspace());
    const repository = new LocalScaffoldRepository(
      join(dir.path, 'data/scaffolder'),
      {
        name: 'Homelab portal',
        email: 'portal@homelab.home.arpa',
      },
    );
    catalog = catalogServiceMock.mock({
      addLocation: jest.fn().mockResolvedValue({ location: {}, entities: [] }),
      getEntityByRef: jest.fn().mockResolvedValue(undefined),
    });
    actions = {
      'homelab:manifests:render': createRenderManifestsAction({
        catalog,
        baseDomain: 'k8s.home.arpa',
      }),
      'homelab:manifests:lint': createLintManifestsAction(),
      'homelab:compose:import': createComposeImportAction(),
      'homelab:publish:local': createPublishLocalAction({ repository }),
      'homelab:catalog:register': createRegisterFileAction({
        catalog,
        repository,
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
  const readYaml = (folder: string, file: string) =>
    parse(fs.readFileSync(join(folder, file), 'utf8'));

  it('homelab-service publishes a lint-clean branch and registers its catalog-info.yaml', async () => {
    const result = await run('homelab-service', serviceValues);
    expect(result.ran).toEqual([
      'render',
      'lint',
      'publish-local',
      'register-local',
    ]);
    expect(result.steps.lint.output.errors).toBe(0);
    const wc = result.steps['publish-local'].output.workingCopyPath;
    const entity = readYaml(
      wc,
      'manifests/miniflux/miniflux/catalog-info.yaml',
    );
    expect(entity.metadata.links).toEqual([
      {
        url: 'https://miniflux.k8s.home.arpa',
        title: 'miniflux.k8s.home.arpa',
      },
    ]);
    expect(catalog.addLocation).toHaveBeenCalledWith(
      {
        type: 'file',
        target: join(wc, 'manifests/miniflux/miniflux/catalog-info.yaml'),
      },
      expect.anything(),
    );
    expect(result.output.links[0].entityRef).toBe('component:default/miniflux');
  });

  it('compose-migration also writes a phase plan the Migration page can read, and runbooks', async () => {
    const result = await run('compose-migration', migrationValues);
    expect(result.ran).toEqual([
      'import',
      'render',
      'lint',
      'plan',
      'publish-local',
      'register-local',
    ]);
    const wc = result.steps['publish-local'].output.workingCopyPath;
    const entity = readYaml(
      wc,
      'manifests/karakeep/karakeep/catalog-info.yaml',
    );
    expect(entity.metadata.annotations['homelab.dev/phase-plan']).toBe(
      'docs/phases/karakeep.md',
    );

    const planText = fs.readFileSync(
      join(wc, 'docs/phases/karakeep.md'),
      'utf8',
    );
    const plan = parsePhasePlan(planText, { file: 'docs/phases/karakeep.md' });
    expect(plan).toMatchObject({
      title: 'Phase 4.30: Karakeep Migration',
      status: 'planned',
      phaseId: '4.30',
    });
    expect(plan.tasks.open).toBe(20 + 5); // numbered tasks and the verification checklist
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
    expect(plan.rollback?.markdown).toContain('karakeep-rollback.md');
    expect(planText).toContain('- `container_name`: not carried over');
    expect(planText).not.toContain(
      '9kq3Xz7LmN2pQ8rT4vW6yB1cD5fG0hJ3kL7mN9pQ2rS4tV6w',
    );
    for (const runbook of ['karakeep-cutover.md', 'karakeep-rollback.md']) {
      expect(
        fs.readFileSync(join(wc, 'docs/runbooks', runbook), 'utf8'),
      ).toContain('docker compose');
    }
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
    // resolving outside it (isChildPath); homelab:publish:local would refuse any that came through.
    const wc = result.steps['publish-local'].output.workingCopyPath;
    const published = execFileSync('git', ['ls-files'], {
      cwd: wc,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    expect(published).toContain('docs/phases/karakeep.md');
    expect(published).not.toContain('docs/phases/passwd.md');
    expect(published).not.toContain('docs/phases/climb.md');
    expect(published.some(p => p.startsWith('docs/etc'))).toBe(false);
    const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0];
    for (const file of published) {
      expect(fs.lstatSync(join(wc, file)).isSymbolicLink()).toBe(false);
      expect(fs.readFileSync(join(wc, file), 'utf8')).not.toContain(passwd);
    }
  });
});
