import fs from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parse } from 'yaml';
import { actionContext, serviceSpec } from '../__testUtils__/actionContext';
import { createRenderManifestsAction } from './render';

const catalog = catalogServiceMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'postgres',
        annotations: {
          'backstage.io/kubernetes-namespace': 'databases',
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=postgres',
        },
      },
      spec: { type: 'service' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'no-annotations' },
      spec: { type: 'service' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'qwen3-1.7b',
        annotations: { 'homelab.dev/ollama-model': 'qwen3:1.7b' },
      },
      spec: { type: 'ai-model' },
    },
  ],
});

describe('homelab:manifests:render', () => {
  const dir = createMockDirectory();
  const action = createRenderManifestsAction({
    catalog,
    baseDomain: 'lab.example',
  });
  beforeEach(() => dir.clear());

  it('writes the manifest set and gives bare hostnames the configured base domain', async () => {
    const { ctx, outputs } = actionContext(
      { spec: serviceSpec() },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);

    const base = 'manifests/miniflux/miniflux';
    expect(outputs().files).toEqual([
      'manifests/miniflux/namespace.yaml',
      `${base}/deployment.yaml`,
      `${base}/service.yaml`,
      `${base}/httproute.yaml`,
      `${base}/networkpolicy.yaml`,
      `${base}/pvc.yaml`,
      `${base}/secret.yaml`,
      `${base}/catalog-info.yaml`,
      'manifests/miniflux/catalog-info.yaml',
      'manifests/miniflux/kustomization.yaml',
      `${base}/kustomization.yaml`,
    ]);
    expect(outputs()).toMatchObject({
      directory: base,
      catalogInfoPath: `${base}/catalog-info.yaml`,
      hostnames: ['miniflux.lab.example'],
    });
    const route = parse(
      fs.readFileSync(join(dir.path, base, 'httproute.yaml'), 'utf8'),
    );
    expect(route.spec.hostnames).toEqual(['miniflux.lab.example']);
    const deployment = fs.readFileSync(
      join(dir.path, base, 'deployment.yaml'),
      'utf8',
    );
    expect(deployment).not.toContain('cpu: ""');
  });

  it('resolves egress components and ai-model entities through the catalog', async () => {
    const { ctx } = actionContext(
      {
        spec: serviceSpec({ hostnames: [], gateway: undefined }),
        egressTargets: [
          { entityRef: 'component:default/postgres', port: 5432 },
        ],
        ollama: {
          enabled: true,
          baseUrl: 'http://ollama.ai.svc.cluster.local:11434',
          textModel: 'resource:default/qwen3-1.7b',
          visionModel: '',
        },
      },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);
    const base = join(dir.path, 'manifests/miniflux/miniflux');
    const policy = parse(
      fs.readFileSync(join(base, 'networkpolicy.yaml'), 'utf8'),
    );
    expect(JSON.stringify(policy.spec.egress)).toContain(
      '"app.kubernetes.io/name":"postgres"',
    );
    expect(JSON.stringify(policy.spec.egress)).toContain(
      '"kubernetes.io/metadata.name":"databases"',
    );
    const deployment = fs.readFileSync(join(base, 'deployment.yaml'), 'utf8');
    expect(deployment).toMatch(
      /name: INFERENCE_TEXT_MODEL\s+value: qwen3:1.7b/,
    );
    expect(deployment).not.toContain('INFERENCE_IMAGE_MODEL');
  });

  it('admits the configured gateway data plane and takes egress pod ports from the repository manifests', async () => {
    const manifests = createMockDirectory({
      content: {
        'databases/postgres.yaml':
          'apiVersion: v1\nkind: Service\nmetadata: {name: postgres, namespace: databases}\nspec:\n  selector: {app.kubernetes.io/name: postgres}\n  ports: [{port: 5432, targetPort: 15432}]\n',
      },
    });
    const configured = createRenderManifestsAction({
      catalog,
      baseDomain: 'lab.example',
      gatewayDataPlane: 'envoy-gateway',
      manifestsDir: manifests.path,
    });
    const { ctx } = actionContext(
      {
        spec: serviceSpec(),
        egressTargets: [
          { entityRef: 'component:default/postgres', port: 5432 },
        ],
      },
      { workspacePath: dir.path },
    );
    await configured.handler(ctx);
    const policy = parse(
      fs.readFileSync(
        join(dir.path, 'manifests/miniflux/miniflux/networkpolicy.yaml'),
        'utf8',
      ),
    );
    expect(policy.spec.ingress[0].from[0].namespaceSelector).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' },
    });
    expect(policy.spec.egress[1].ports).toEqual([
      { port: 15432, protocol: 'TCP' },
    ]);
  });

  it('adds the requested annotations to the catalog entity', async () => {
    const { ctx } = actionContext(
      {
        spec: serviceSpec(),
        catalogAnnotations: {
          'homelab.dev/phase-plan': 'docs/phases/miniflux.md',
        },
      },
      { workspacePath: dir.path },
    );
    await action.handler(ctx);
    const entity = parse(
      fs.readFileSync(
        join(dir.path, 'manifests/miniflux/miniflux/catalog-info.yaml'),
        'utf8',
      ),
    );
    expect(entity.metadata.annotations['homelab.dev/phase-plan']).toBe(
      'docs/phases/miniflux.md',
    );
    expect(
      entity.metadata.annotations['backstage.io/kubernetes-namespace'],
    ).toBe('miniflux');
    // the new namespace's Resource is no place for the service's annotations
    const namespace = parse(
      fs.readFileSync(
        join(dir.path, 'manifests/miniflux/catalog-info.yaml'),
        'utf8',
      ),
    );
    expect(namespace.kind).toBe('Resource');
    expect(namespace.metadata.annotations).toBeUndefined();
  });

  it.each([
    ['an upper-case name', { name: 'Miniflux' }, 'spec.name', 'upper-case'],
    [
      'a 64-character name',
      { name: 'a'.repeat(64) },
      'spec.name',
      'at most 63',
    ],
    [
      'a name with a leading dash',
      { name: '-miniflux' },
      'spec.name',
      'not "-"',
    ],
    ['a name with ../', { name: '../miniflux' }, 'spec.name', '".." or "/"'],
    [
      'a namespace with ../',
      { namespace: { name: '../../etc', create: true } },
      'spec.namespace.name',
      '".." or "/"',
    ],
    [
      'an absolute namespace',
      { namespace: { name: '/etc', create: true } },
      'spec.namespace.name',
      '".." or "/"',
    ],
    [
      'port 0',
      { ports: [{ name: 'http', port: 0 }] },
      'spec.ports[0].port',
      'at least 1',
    ],
    [
      'port 65536',
      { ports: [{ name: 'http', port: 65536 }] },
      'spec.ports[0].port',
      'at most 65535',
    ],
    [
      'the quantity "lots"',
      {
        resources: {
          requests: { cpu: '100m', memory: 'lots' },
          limits: { memory: '1Gi' },
        },
      },
      'spec.resources.requests.memory',
      'not a Kubernetes quantity',
    ],
    [
      'a hostname with "_"',
      { hostnames: ['mini_flux'] },
      'spec.hostnames[0]',
      'contains "_"',
    ],
    [
      'a mount path with ../',
      { storage: [{ name: 'data', size: '1Gi', mountPath: '/data/../etc' }] },
      'spec.storage[0].mountPath',
      '".."',
    ],
  ])(
    'refuses %s, naming the field, and writes nothing',
    async (_, change, field, rule) => {
      const { ctx } = actionContext(
        { spec: serviceSpec(change) },
        { workspacePath: dir.path },
      );
      const refusal = action.handler(ctx);
      await expect(refusal).rejects.toThrow(field);
      await expect(refusal).rejects.toThrow(rule);
      expect(fs.existsSync(join(dir.path, 'manifests'))).toBe(false);
    },
  );

  it('refuses a target path that leaves the workspace', async () => {
    const { ctx } = actionContext(
      { spec: serviceSpec(), targetPath: 'manifests/../../elsewhere' },
      { workspacePath: join(dir.path, 'workspace') },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      'targetPath: "manifests/../../elsewhere" contains ".."',
    );
    expect(fs.readdirSync(dir.path)).toEqual([]);
  });

  it.each([
    [
      'an absolute target path',
      '/etc/kubernetes',
      'must be a relative path inside the workspace',
    ],
    [
      'a Windows drive path',
      'C:\\Windows\\Temp',
      'must be a relative path inside the workspace',
    ],
    [
      'a NUL character',
      'manifests\u0000/etc',
      'must not contain NUL characters',
    ],
    ['a backslash "..\\"', 'manifests\\..\\..\\etc', 'contains ".."'],
  ])(
    'refuses %s as targetPath and writes nothing',
    async (_, targetPath, rule) => {
      const { ctx } = actionContext(
        { spec: serviceSpec(), targetPath },
        { workspacePath: join(dir.path, 'workspace') },
      );
      const refusal = action.handler(ctx);
      await expect(refusal).rejects.toThrow(`targetPath: `);
      await expect(refusal).rejects.toThrow(rule);
      expect(fs.readdirSync(dir.path)).toEqual([]);
    },
  );

  it('refuses a targetPath that is a link out of the workspace, writing nothing there', async () => {
    dir.setContent({ workspace: {}, elsewhere: { 'keep.txt': 'mine' } });
    fs.symlinkSync(
      join(dir.path, 'elsewhere'),
      join(dir.path, 'workspace/manifests'),
    );
    const { ctx } = actionContext(
      { spec: serviceSpec() },
      { workspacePath: join(dir.path, 'workspace') },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      'targetPath: "manifests" resolves through a link to a place outside the workspace',
    );
    expect(fs.readdirSync(join(dir.path, 'elsewhere'))).toEqual(['keep.txt']);
  });

  it('refuses to write through a link planted below the target folder', async () => {
    dir.setContent({ workspace: { 'manifests/.keep': '' }, etc: {} });
    fs.symlinkSync(
      join(dir.path, 'etc'),
      join(dir.path, 'workspace/manifests/miniflux'),
    );
    const { ctx } = actionContext(
      { spec: serviceSpec() },
      { workspacePath: join(dir.path, 'workspace') },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      'targetPath: "manifests/miniflux/namespace.yaml" resolves through a link to a place outside the workspace',
    );
    expect(fs.readdirSync(join(dir.path, 'etc'))).toEqual([]);
  });

  it('refuses a backstage.io/source-location annotation and writes nothing', async () => {
    const { ctx } = actionContext(
      {
        spec: serviceSpec(),
        catalogAnnotations: {
          'homelab.dev/phase-plan': 'etc/passwd',
          'backstage.io/source-location': 'url:file:///',
        },
      },
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      'catalogAnnotations["backstage.io/source-location"]',
    );
    expect(fs.existsSync(join(dir.path, 'manifests'))).toBe(false);
  });

  it('refuses egress components it cannot place, naming the entry', async () => {
    for (const entityRef of [
      'component:default/missing',
      'component:default/no-annotations',
    ]) {
      const { ctx } = actionContext(
        { spec: serviceSpec(), egressTargets: [{ entityRef, port: 80 }] },
        { workspacePath: dir.path },
      );
      await expect(action.handler(ctx)).rejects.toThrow(
        `egressTargets[0].entityRef: ${entityRef}`,
      );
    }
    expect(fs.existsSync(join(dir.path, 'manifests'))).toBe(false);
  });

  it('never overwrites a file with other content', async () => {
    dir.setContent({ 'manifests/miniflux/miniflux/service.yaml': 'mine\n' });
    const { ctx } = actionContext(
      { spec: serviceSpec() },
      { workspacePath: dir.path },
    );
    await expect(action.handler(ctx)).rejects.toThrow(
      'manifests/miniflux/miniflux/service.yaml already exist(s) with other content; nothing was written',
    );
    expect(
      fs.readFileSync(
        join(dir.path, 'manifests/miniflux/miniflux/service.yaml'),
        'utf8',
      ),
    ).toBe('mine\n');
    expect(
      fs.existsSync(
        join(dir.path, 'manifests/miniflux/miniflux/deployment.yaml'),
      ),
    ).toBe(false);
  });
});
