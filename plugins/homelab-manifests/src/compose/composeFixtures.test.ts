import fs from 'node:fs';
import path from 'node:path';
import { lintManifests } from '../lint/lintManifests';
import { parseServiceSpec } from '../spec/parseServiceSpec';
import { renderManifests } from '../render/renderManifests';
import { importComposeService } from './importComposeService';

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '../../fixtures/compose', name), 'utf8');

const stacks: Array<[string, string, Record<string, string[]>]> = [
  [
    'karakeep.compose.yml',
    'karakeep',
    {
      web: [
        'env_file .env',
        'healthcheck.interval',
        'healthcheck.timeout',
        'healthcheck.retries',
        'restart',
        'container_name',
        'networks',
        'labels',
      ],
      chrome: ['restart', 'command', 'cap_add', 'networks'],
      meilisearch: ['restart', 'networks'],
    },
  ],
  [
    'immich.compose.yml',
    'immich',
    {
      'immich-server': ['volumes[1]', 'container_name', 'restart', 'devices'],
      'immich-machine-learning': ['container_name', 'restart'],
      redis: ['container_name', 'restart'],
      database: ['container_name', 'shm_size', 'restart', 'privileged'],
    },
  ],
];

describe.each(stacks)('importing %s', (file, namespace, expectedUnmapped) => {
  it.each(Object.keys(expectedUnmapped))(
    'turns %s into a spec that renders and lints without errors',
    service => {
      const result = importComposeService(fixture(file), service, {
        namespace,
      });
      const parsed = parseServiceSpec(result.spec);
      if (!parsed.success) throw new Error(JSON.stringify(parsed.problems));
      const lint = lintManifests(renderManifests(parsed.spec), {});
      expect(lint.findings.filter(f => f.severity === 'error')).toEqual([]);
      expect(result.unmapped.map(u => u.key)).toEqual(
        expectedUnmapped[service],
      );
      result.unmapped.forEach(u => expect(u.reason).not.toBe(''));
    },
  );
});

describe('the Karakeep-like stack', () => {
  const text = fixture('karakeep.compose.yml');

  it('maps the web service: image, port, probe, volume, limits, user and egress', () => {
    const { spec, secretKeys } = importComposeService(text, 'web', {
      namespace: 'karakeep',
    });
    expect(spec.image).toBe('ghcr.io/karakeep-app/karakeep:0.30.0');
    expect(spec.ports).toEqual([{ name: 'http', port: 3000, protocol: 'TCP' }]);
    expect(spec.probes).toEqual({
      type: 'http',
      path: '/api/health',
      port: 'http',
    });
    expect(spec.storage).toEqual([
      {
        name: 'data',
        size: '1Gi',
        mountPath: '/data',
        accessMode: 'ReadWriteOnce',
      },
    ]);
    expect(spec.resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '1500m', memory: '1Gi' },
    });
    expect(spec.runAsUser).toBe(1000);
    expect(spec.egress).toEqual([
      { namespace: 'karakeep', app: 'chrome', port: 9222, protocol: 'TCP' },
      {
        namespace: 'karakeep',
        app: 'meilisearch',
        port: 7700,
        protocol: 'TCP',
      },
    ]);
    expect(secretKeys).toEqual(['NEXTAUTH_SECRET', 'MEILI_MASTER_KEY']);
    expect(spec.env).toMatchObject({
      INFERENCE_JOB_TIMEOUT_SEC: '180',
      DATA_DIR: '/data',
    });
  });

  it('infers the port of services that publish none from the URLs others use', () => {
    const { spec, warnings } = importComposeService(text, 'chrome', {
      namespace: 'karakeep',
    });
    expect(spec.ports).toEqual([{ name: 'http', port: 9222, protocol: 'TCP' }]);
    expect(warnings.join('\n')).toContain('port 9222');
  });

  it('reads the HTTP request out of a CMD-SHELL healthcheck', () => {
    const { spec } = importComposeService(text, 'meilisearch', {
      namespace: 'karakeep',
    });
    expect(spec.probes).toEqual({
      type: 'http',
      path: '/health',
      port: 'http',
    });
  });

  it('probes TCP with a warning when the shell healthcheck is not an HTTP request', () => {
    const { spec, warnings } = importComposeService(
      fixture('immich.compose.yml'),
      'redis',
      { namespace: 'immich' },
    );
    expect(spec.probes).toEqual({ type: 'tcp', port: 'redis' });
    expect(warnings).toContain(
      'the healthcheck runs "redis-cli", not an HTTP request to the container; the draft probes TCP port 6379 instead',
    );
  });
});

describe('secret values', () => {
  it.each([
    [
      'karakeep.compose.yml',
      'web',
      '9kq3Xz7LmN2pQ8rT4vW6yB1cD5fG0hJ3kL7mN9pQ2rS4tV6w',
    ],
    ['immich.compose.yml', 'database', 'postgres-Sup3rS3cret'],
    ['immich.compose.yml', 'immich-server', 'postgres-Sup3rS3cret'],
  ])('of %s %s never appear in the result', (file, service, value) => {
    const result = importComposeService(fixture(file), service, {
      namespace: 'x',
    });
    expect(JSON.stringify(result)).not.toContain(value);
    expect(result.secretKeys.length).toBeGreaterThan(0);
  });
});
