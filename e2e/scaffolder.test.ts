import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTask, waitForTask } from './support/scaffolder.ts';

const dataDir = process.env.E2E_DATA_DIR ?? 'data/e2e';
// The embedded default of homelab.gitops: a bare repository made from the working tree.
const repository = join(dataDir, 'gitops/remote.git');

const validService = {
  name: 'miniflux',
  description: 'RSS reader',
  owner: 'group:default/homelab-admins',
  namespaceChoice: 'new',
  newNamespace: 'miniflux',
  podSecurity: 'restricted',
  image: 'miniflux/miniflux:2.2.6',
  port: 8080,
  healthPath: '/healthcheck',
  hostname: 'rss',
  gatewayName: 'homelab-gateway',
  gatewayNamespace: 'gateway',
  storage: [],
  cpuRequest: '50m',
  memoryRequest: '64Mi',
  memoryLimit: '256Mi',
  runAsUser: 1000,
  secretKeys: ['DATABASE_URL', 'ADMIN_PASSWORD'],
  egressTargets: [],
  usesOllama: false,
};

function branches(): string[] {
  if (!existsSync(repository)) return [];
  return execFileSync('git', ['-C', repository, 'branch', '--format=%(refname:short)'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('scaffolding a homelab service through the REST API', () => {
  it('pushes a lint-clean branch scaffold/miniflux into the GitOps repository', async () => {
    const { status, body } = await createTask('template:default/homelab-service', validService);
    assert.equal(status, 201, JSON.stringify(body));
    const task = await waitForTask(body.id!);
    assert.equal(task.status, 'completed', task.log.join('\n'));
    assert.ok(branches().includes('scaffold/miniflux'), `branches: ${branches().join(', ')}`);

    const clone = mkdtempSync(join(tmpdir(), 'e2e-scaffold-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--branch', 'scaffold/miniflux', repository, clone]);
      const lint = JSON.parse(
        execFileSync('node_modules/.bin/homelab', ['lint', join(clone, 'manifests/miniflux'), '--format', 'json'], { encoding: 'utf8' }),
      );
      assert.equal(lint.summary.error, 0, JSON.stringify(lint.findings));
      assert.ok(lint.objects >= 6, `objects linted: ${lint.objects}`);

      // the branch holds the whole GitOps repository: look at what the scaffold added
      const added = execFileSync('git', ['-C', clone, 'diff', '--name-only', 'origin/main...HEAD'], { encoding: 'utf8' }).trim().split('\n');
      assert.ok(added.some(f => f.endsWith('miniflux/secret.yaml')), `added: ${added.join(', ')}`);
      const secret = execFileSync('git', ['-C', clone, 'grep', '-h', '-A3', 'kind: Secret', '--', ...added], { encoding: 'utf8' });
      assert.doesNotMatch(secret, /ADMIN_PASSWORD: \S+[^"']/, 'secret values stay empty');
      const author = execFileSync('git', ['-C', clone, 'log', '-1', '--format=%cn'], { encoding: 'utf8' }).trim();
      assert.equal(author, 'Homelab portal', 'the portal commits');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('refuses the same name again without touching the branch', async () => {
    const before = execFileSync('git', ['-C', repository, 'rev-parse', 'scaffold/miniflux'], { encoding: 'utf8' });
    const { status, body } = await createTask('template:default/homelab-service', validService);
    assert.equal(status, 201);
    const task = await waitForTask(body.id!);
    assert.equal(task.status, 'failed');
    assert.match(task.log.join('\n'), /scaffold\/miniflux.*exists|exists.*scaffold\/miniflux/);
    assert.equal(execFileSync('git', ['-C', repository, 'rev-parse', 'scaffold/miniflux'], { encoding: 'utf8' }), before);
  });

  for (const [field, value] of [
    ['name', 'MiniFlux'],
    ['name', 'a'.repeat(64)],
    ['name', '-miniflux'],
    ['port', 70000],
    ['memoryLimit', 'lots'],
    ['hostname', 'rss_reader'],
  ] as const) {
    it(`refuses ${field}=${String(value).slice(0, 12)} naming the field, writing nothing`, async () => {
      const before = branches();
      const { status, body } = await createTask('template:default/homelab-service', { ...validService, name: 'refused', [field]: value });
      assert.equal(status, 400, JSON.stringify(body));
      assert.match(JSON.stringify(body.errors), new RegExp(field));
      assert.deepEqual(branches(), before);
    });
  }
});

describe('migrating a compose service through the REST API', () => {
  const validMigration = {
    composeYaml: 'services:\n  web:\n    image: ghcr.io/example/notes:2.4.1\n    ports: ["3000:3000"]\n',
    service: 'web',
    name: 'notes',
    owner: 'group:default/homelab-admins',
    namespaceChoice: 'new',
    newNamespace: 'notes',
    podSecurity: 'restricted',
    gatewayName: 'homelab-gateway',
    gatewayNamespace: 'gateway',
    phaseId: '4.50',
    title: 'Notes',
    currentHost: 'the Docker host',
  };

  for (const [field, value] of [
    ['composeYaml', 'just some text'],
    ['service', '../web'],
    ['name', '../notes'],
    ['newNamespace', 'Notes_NS'],
  ] as const) {
    it(`refuses ${field}=${value} naming the field, writing nothing`, async () => {
      const before = branches();
      const { status, body } = await createTask('template:default/compose-migration', { ...validMigration, [field]: value });
      assert.equal(status, 400, JSON.stringify(body));
      assert.match(JSON.stringify(body.errors), new RegExp(field));
      assert.deepEqual(branches(), before);
    });
  }

  it('fails a compose file that is not YAML at the import step, before anything is written', async () => {
    const before = branches();
    const { status, body } = await createTask('template:default/compose-migration', {
      ...validMigration,
      composeYaml: 'services:\n  web: [unclosed\n',
    });
    assert.equal(status, 201, JSON.stringify(body));
    const task = await waitForTask(body.id!);
    assert.equal(task.status, 'failed');
    assert.match(task.log.join('\n'), /composeYaml: compose file is not valid YAML \(line \d+/);
    assert.deepEqual(branches(), before);
  });
});
