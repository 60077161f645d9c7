import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { join, resolve } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseServiceSpecYaml } from '@internal/homelab-manifests';
import { actionContext } from '../__testUtils__/actionContext';
import { createComposeImportAction } from './composeImport';
import { createLintManifestsAction } from './lint';
import { createRenderManifestsAction } from './render';

const fixture = (name: string) =>
  fs.readFileSync(
    resolve(__dirname, '../../../homelab-manifests/fixtures/compose', name),
    'utf8',
  );

describe('homelab:compose:import', () => {
  const dir = createMockDirectory();
  const action = createComposeImportAction();
  beforeEach(() => dir.clear());

  it('drafts a spec with the form overrides, lists unmapped keys and keeps secret values out', async () => {
    const text = fixture('karakeep.compose.yml');
    const { ctx, outputs, logger } = actionContext(
      {
        composeYaml: text,
        service: 'web',
        namespace: { name: 'karakeep', create: true },
        hostnames: ['karakeep'],
        gateway: { name: 'homelab-gateway', namespace: 'gateway' },
        owner: 'group:default/homelab-admins',
      },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);
    const out = outputs();
    expect(out.spec).toMatchObject({
      name: 'web',
      image: 'ghcr.io/karakeep-app/karakeep:0.30.0',
      namespace: { name: 'karakeep', create: true, podSecurity: 'restricted' },
      hostnames: ['karakeep'],
      secretEnv: ['NEXTAUTH_SECRET', 'MEILI_MASTER_KEY'],
    });
    expect(out.unmapped.map((u: any) => u.key)).toContain('container_name');
    expect(out.secretKeys).toEqual(['NEXTAUTH_SECRET', 'MEILI_MASTER_KEY']);
    expect(out.valid).toBe(true);
    expect(parseServiceSpecYaml(out.draft).success).toBe(true);
    expect(out.draft).toContain('#   - container_name: not carried over');

    const secret = '9kq3Xz7LmN2pQ8rT4vW6yB1cD5fG0hJ3kL7mN9pQ2rS4tV6w';
    const everything = JSON.stringify([
      out,
      ...Object.values(logger).map((f: any) => f.mock?.calls ?? []),
    ]);
    expect(everything).not.toContain(secret);
  });

  it('interpolates with the pasted .env and reads env_file from pasted fields only, values never logged', async () => {
    const envFile = fixture('karakeep/.env');
    const { ctx, outputs, logger } = actionContext(
      {
        composeYaml: fixture('karakeep/compose.yaml'),
        service: 'web',
        namespace: { name: 'karakeep' },
        envFile,
      },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);
    const out = outputs();
    expect(out.spec.image).toBe('ghcr.io/karakeep-app/karakeep:0.30.0');
    expect(out.secretKeys).toEqual(
      expect.arrayContaining(['NEXTAUTH_SECRET', 'MEILI_MASTER_KEY']),
    );
    expect(out.unmapped.map((u: any) => u.key)).not.toContain('env_file .env');
    const everything = JSON.stringify([
      out,
      ...Object.values(logger).map((f: any) => f.mock?.calls ?? []),
    ]);
    expect(everything).not.toContain('Jx3nV8qT2mK9wR5zL7bF4hD6sG1pY0cA');
  });

  it('reads the compose file from the workspace and says what the draft still needs', async () => {
    dir.setContent({
      'compose/docker-compose.yml': fixture('immich.compose.yml'),
    });
    const { ctx, outputs, logLines } = actionContext(
      { composePath: 'compose/docker-compose.yml', service: 'immich-server' },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);
    expect(outputs().valid).toBe(false);
    expect(logLines('warn')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^draft needs: spec\.namespace\.name: /),
      ]),
    );
    expect(logLines('warn')).toContain(
      'not carried over: devices: refused: host devices (/dev/dri:/dev/dri) need hostPath volumes, which only Pod Security privileged allows, or a device plugin',
    );
  });

  it.each([
    [
      'text that is not YAML',
      { composeYaml: 'services: [\n  web', service: 'web' },
      'composeYaml: compose file is not valid YAML (line',
    ],
    [
      'YAML that is not a compose file',
      { composeYaml: 'name: x\n', service: 'web' },
      'composeYaml: not a Docker Compose file',
    ],
    [
      'an unknown service',
      { composeYaml: 'services:\n  web: { image: a:1 }\n', service: 'api' },
      'composeYaml: service "api" is not in the compose file; it defines: web',
    ],
    [
      'a path leaving the workspace',
      { composePath: '../compose.yml', service: 'web' },
      'composePath: "../compose.yml" contains ".."',
    ],
    [
      'an empty file',
      { composeYaml: '  ', service: 'web' },
      'composeYaml: is empty',
    ],
    [
      'an invalid namespace',
      {
        composeYaml: 'services:\n  web: { image: a:1 }\n',
        service: 'web',
        namespace: { name: 'My_NS' },
      },
      'namespace.name: "My_NS" has upper-case letters',
    ],
  ])('refuses %s, naming the field', async (_, input, message) => {
    const { ctx, outputs } = actionContext(input, { workspacePath: dir.path });
    await expect(action.handler(ctx)).rejects.toThrow(message);
    expect(outputs()).toEqual({});
  });

  it.each([
    [
      'an absolute composePath',
      () => '/etc/passwd',
      'composePath: "/etc/passwd" must be a relative path inside the workspace',
    ],
    [
      'a composePath that is a link to /etc/passwd',
      () => {
        fs.symlinkSync('/etc/passwd', join(dir.path, 'docker-compose.yml'));
        return 'docker-compose.yml';
      },
      'composePath: "docker-compose.yml" resolves through a link to a place outside the workspace',
    ],
    [
      'a composePath in a folder linked to the host',
      () => {
        fs.symlinkSync('/etc', join(dir.path, 'stack'));
        return 'stack/passwd';
      },
      'composePath: "stack/passwd" resolves through a link',
    ],
    [
      'a FIFO as composePath',
      () => {
        execFileSync('mkfifo', [join(dir.path, 'compose.fifo')]);
        return 'compose.fifo';
      },
      'composePath: compose.fifo is not a regular file of at most 256 KiB',
    ],
    [
      'a 300 KiB compose file',
      () => {
        fs.writeFileSync(
          join(dir.path, 'big.yml'),
          `services:\n  web:\n    image: a:1\n#${'x'.repeat(300 * 1024)}\n`,
        );
        return 'big.yml';
      },
      'composePath: big.yml is not a regular file of at most 256 KiB',
    ],
  ])('refuses %s before reading it', async (_, plant, message) => {
    const { ctx, outputs } = actionContext(
      { composePath: plant(), service: 'web' },
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow(message);
    expect(outputs()).toEqual({});
  });
});

describe.each([
  ['karakeep.compose.yml', 'karakeep', ['web', 'chrome', 'meilisearch']],
  [
    'immich.compose.yml',
    'immich',
    ['immich-server', 'immich-machine-learning', 'redis', 'database'],
  ],
])('the %s stack through the actions', (file, namespace, services) => {
  const dir = createMockDirectory();
  const importer = createComposeImportAction();
  const render = createRenderManifestsAction({
    catalog: catalogServiceMock(),
    baseDomain: 'k8s.home.arpa',
  });

  it('imports every service into specs that render and lint with 0 errors', async () => {
    dir.clear();
    const composeYaml = fixture(file);
    for (const [i, service] of services.entries()) {
      const imported = actionContext(
        {
          composeYaml,
          service,
          namespace: { name: namespace, create: i === 0 },
        },
        { workspacePath: dir.path },
      );
      await importer.handler(imported.ctx);
      expect(imported.outputs().unmapped.length).toBeGreaterThan(0);
      const rendered = actionContext(
        { spec: imported.outputs().spec },
        { workspacePath: dir.path },
      );
      await render.handler(rendered.ctx);
    }
    const lint = actionContext(
      { path: 'manifests' },
      { workspacePath: dir.path },
    );
    await createLintManifestsAction().handler(lint.ctx);
    expect(lint.outputs().errors).toBe(0);
    for (const service of services) {
      expect(
        fs.existsSync(
          join(dir.path, `manifests/${namespace}/${service}/catalog-info.yaml`),
        ),
      ).toBe(true);
    }
    expect(
      fs.existsSync(join(dir.path, `manifests/${namespace}/namespace.yaml`)),
    ).toBe(true);
  });
});
