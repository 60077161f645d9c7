import fs from 'node:fs';
import path from 'node:path';
import {
  parseCutoverPlan,
  parsePhasePlan,
} from '@internal/plugin-homelab-common';
import { parseAllDocuments, parseDocument } from 'yaml';
import { lintManifests } from '../../lint/lintManifests';
import { importComposeStack } from './importComposeStack';

const fixtures = path.join(__dirname, '../../../fixtures/compose');
const read = (file: string) =>
  fs.readFileSync(path.join(fixtures, file), 'utf8');
const mediaEnv = read('media/.env');
const media = () =>
  importComposeStack(read('media/compose.yaml'), {
    sources: { envFile: mediaEnv },
  });
const file = (stack: ReturnType<typeof media>, p: string) =>
  stack.files.find(f => f.path === p)?.content;
const yaml = (stack: ReturnType<typeof media>, p: string) =>
  parseDocument(file(stack, p) ?? '').toJS();

describe('importing the media stack with --all', () => {
  const stack = media();

  it('drafts every active service into the project namespace; each one renders or is listed with its reason', () => {
    expect(stack.namespace).toBe('media');
    expect(stack.services).toHaveLength(21);
    expect(stack.inactive).toEqual({
      backup: ['backup'],
      watchtower: ['maintenance'],
    });
    const decisions = stack.services.filter(s => s.decision);
    expect(decisions.map(s => s.service)).toEqual(['uptime-kuma', 'autobrr']);
    expect(decisions[0].decision!.fix).toContain('pin the image');
    expect(decisions[1].decision!.reason).toContain(
      'required variable AUTOBRR_SESSION_SECRET is not set',
    );
    const lint = lintManifests(
      stack.files.filter(f => f.path.endsWith('.yaml')),
      {},
    );
    expect(lint.findings.filter(f => f.severity === 'error')).toEqual([]);
  });

  it('runs network_mode: service:vpn apps as containers of the vpn pod', () => {
    const pod = yaml(stack, 'media/vpn/deployment.yaml').spec.template.spec;
    expect(pod.containers.map((c: any) => c.name)).toEqual([
      'vpn',
      'qbittorrent',
      'prowlarr',
    ]);
    expect(file(stack, 'media/qbittorrent/deployment.yaml')).toBeUndefined();
    expect(
      yaml(stack, 'media/qbittorrent/kustomization.yaml').resources,
    ).toEqual(['pvc.yaml']);
    expect(yaml(stack, 'media/vpn/deployment.yaml').spec.strategy.type).toBe(
      'Recreate',
    );
  });

  it('makes a one-shot service a Job and an init-style one an init container of its dependant', () => {
    const job = yaml(stack, 'media/recyclarr/job.yaml');
    expect(job.kind).toBe('Job');
    expect(job.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(
      yaml(stack, 'media/recyclarr/kustomization.yaml').resources,
    ).toContain('job.yaml');
    const n8n = yaml(stack, 'media/n8n/deployment.yaml').spec.template.spec;
    expect(n8n.initContainers.map((c: any) => c.name)).toEqual(['db-init']);
    expect(n8n.initContainers[0].readinessProbe).toBeUndefined();
  });

  it('renders workers without ports as Deployments without Service', () => {
    for (const worker of ['unpackerr', 'n8n-worker']) {
      expect(file(stack, `media/${worker}/deployment.yaml`)).toBeDefined();
      expect(file(stack, `media/${worker}/service.yaml`)).toBeUndefined();
      expect(
        yaml(stack, `media/${worker}/networkpolicy.yaml`).spec.ingress,
      ).toEqual([]);
    }
  });

  it('allows traffic between services from depends_on, links and environment URLs, on pod ports', () => {
    const from = (p: string) =>
      yaml(stack, p).spec.ingress.map(
        (rule: any) =>
          rule.from[0].podSelector.matchLabels['app.kubernetes.io/name'],
      );
    expect(from('media/postgres/networkpolicy.yaml')).toEqual([
      'n8n',
      'n8n-worker',
    ]);
    expect(from('media/redis/networkpolicy.yaml')).toEqual([
      'n8n',
      'n8n-worker',
    ]);
    expect(from('media/sonarr/networkpolicy.yaml').sort()).toEqual(
      ['bazarr', 'homepage', 'recyclarr', 'unpackerr'].filter(
        n => n !== 'homepage',
      ),
    );
    expect(from('media/vpn/networkpolicy.yaml')).toEqual(['sonarr', 'radarr']);
    const egress = yaml(stack, 'media/unpackerr/networkpolicy.yaml').spec
      .egress;
    expect(
      egress
        .slice(1)
        .map((e: any) => [
          e.to[0].podSelector.matchLabels['app.kubernetes.io/name'],
          e.ports[0].port,
        ]),
    ).toEqual([
      ['sonarr', 8989],
      ['radarr', 7878],
    ]);
  });

  it("declares live checks in the plan's cutover section for every rendered Deployment and its claims", () => {
    const cutover = parseCutoverPlan(file(stack, 'media/MIGRATION.md')!);
    expect(cutover.section?.title).toBe('3 Cutover');
    expect(cutover.problems).toEqual([]);
    const checks = cutover.items.flatMap(i => i.checks);
    // The reference: the Deployments and claims the import rendered into the namespace.
    const rendered = stack.files
      .filter(f => f.path.endsWith('.yaml'))
      .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
      .filter(
        o => o?.kind === 'Deployment' || o?.kind === 'PersistentVolumeClaim',
      );
    const names = (kind: string) =>
      rendered
        .filter(o => o.kind === kind)
        .map(o => `${o.metadata.namespace}/${o.metadata.name}`)
        .sort();
    const declared = (kind: string) =>
      checks
        .filter(c => c.kind === kind)
        .map(c => {
          const named = c as { namespace: string; name: string };
          return `${named.namespace}/${named.name}`;
        })
        .sort();
    expect(declared('deployment')).toEqual(names('Deployment'));
    expect(declared('pvc')).toEqual(names('PersistentVolumeClaim'));
    expect(declared('deployment').length).toBeGreaterThan(0);
  });

  it('lists the whole stack in one kustomization and one phase plan', () => {
    const root = yaml(stack, 'media/kustomization.yaml').resources;
    expect(root[0]).toBe('namespace.yaml');
    // the namespace's catalog Resource: once for the stack, never applied by kubectl
    expect(root).not.toContain('catalog-info.yaml');
    expect(
      stack.files.filter(f => f.path === 'media/catalog-info.yaml'),
    ).toHaveLength(1);
    expect(yaml(stack, 'media/catalog-info.yaml')).toMatchObject({
      kind: 'Resource',
      metadata: { name: 'media' },
      spec: {
        type: 'kubernetes-namespace',
        owner: 'group:default/homelab-admins',
        cluster: 'homelab',
        podSecurity: { enforce: stack.podSecurity },
      },
    });
    expect(root).toContain('vpn/');
    expect(root).not.toContain('db-init/');
    const plan = parsePhasePlan(file(stack, 'media/MIGRATION.md')!, {
      file: 'MIGRATION.md',
    });
    expect(plan.status).toBe('planned');
    for (const s of stack.services)
      expect(file(stack, 'media/MIGRATION.md')).toContain(`\`${s.service}\``);
    expect(plan.tasks.open).toBeGreaterThan(stack.services.length);
    expect(file(stack, 'media/runbooks/cutover.md')).toContain(
      'kubectl -n media wait --for=condition=complete job/recyclarr',
    );
    expect(file(stack, 'media/runbooks/rollback.md')).toContain(
      'kubectl -n media scale deployment/n8n --replicas=0',
    );
    expect(file(stack, 'media/REPORT.md')).toContain(
      '`cap_add`: refused: NET_ADMIN needs Pod Security privileged',
    );
  });

  it('names each catalog entity after the stack, so two stacks with a redis are two entities', () => {
    const entity = yaml(stack, 'media/redis/catalog-info.yaml');
    expect(entity.metadata.name).toBe('media-redis');
    // the workload keeps the compose name: the other services reach it as redis
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/name=redis',
      'backstage.io/kubernetes-namespace': 'media',
    });
    expect(yaml(stack, 'media/redis/service.yaml').metadata.name).toBe('redis');
    const immich = importComposeStack(read('immich/compose.yaml'));
    expect(
      parseDocument(
        immich.files.find(f => f.path === 'immich/redis/catalog-info.yaml')!
          .content,
      ).toJS().metadata.name,
    ).toBe('immich-redis');
    expect(
      parseDocument(
        immich.files.find(
          f => f.path === 'immich/immich-server/catalog-info.yaml',
        )!.content,
      ).toJS().metadata.name,
    ).toBe('immich-server');
  });

  it('never writes a secret value of the .env file into any generated byte', () => {
    const secrets = mediaEnv
      .split('\n')
      .filter(line => /KEY|PASSWORD|SECRET|ADDRESSES/.test(line.split('=')[0]))
      .map(line =>
        line.slice(line.indexOf('=') + 1).replace(/^['"]|['"]$/g, ''),
      );
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const everything = JSON.stringify(stack);
    for (const secret of secrets.filter(s => !s.includes('/32')))
      expect(everything).not.toContain(secret);
  });
});

describe('importing a stack', () => {
  it('takes the namespace from --namespace, else the project name, else the folder', () => {
    const text = 'services:\n  web: { image: a:1.0, ports: [80] }\n';
    expect(importComposeStack(text, { folderName: 'My Stack' }).namespace).toBe(
      'my-stack',
    );
    expect(
      importComposeStack(`name: proj\n${text}`, { folderName: 'x' }).namespace,
    ).toBe('proj');
    expect(importComposeStack(text, { namespace: 'apps' }).namespace).toBe(
      'apps',
    );
    expect(() => importComposeStack(text)).toThrow(
      'namespace: must not be empty; give one with --namespace',
    );
  });

  it.each([
    ['immich.compose.yml', 'immich'],
    ['karakeep.compose.yml', 'karakeep'],
  ])(
    'renders %s with 0 lint errors or lists each service with its reason',
    (name, namespace) => {
      const stack = importComposeStack(read(name));
      expect(stack.namespace).toBe(namespace);
      const lint = lintManifests(
        stack.files.filter(f => f.path.endsWith('.yaml')),
        {},
      );
      expect(lint.findings.filter(f => f.severity === 'error')).toEqual([]);
      for (const s of stack.services) {
        const rendered = stack.files.some(f =>
          f.path.startsWith(`${namespace}/${s.name}/`),
        );
        expect(rendered || Boolean(s.decision?.reason)).toBe(true);
      }
      expect(JSON.stringify(stack)).not.toMatch(
        /postgres-Sup3rS3cret|9kq3Xz7LmN2pQ8rT4vW6yB1cD5fG0hJ3kL7mN9pQ2rS4tV6w/,
      );
    },
  );

  it.each([
    ['immich', 'DB_PASSWORD'],
    ['karakeep', 'NEXTAUTH_SECRET|MEILI_MASTER_KEY'],
  ])(
    'renders the %s folder (compose.yaml, .env, env_file) and greps every byte for its secrets',
    (folder, secretKeys) => {
      const envFile = read(`${folder}/.env`);
      const stack = importComposeStack(read(`${folder}/compose.yaml`), {
        folderName: folder,
        sources: {
          envFile,
          readFile: p => (p === '.env' ? envFile : undefined),
        },
      });
      expect(stack.namespace).toBe(folder);
      expect(stack.services.filter(s => s.decision)).toEqual([]);
      const lint = lintManifests(
        stack.files.filter(f => f.path.endsWith('.yaml')),
        {},
      );
      expect(lint.findings.filter(f => f.severity === 'error')).toEqual([]);
      const secrets = envFile
        .split('\n')
        .filter(line => new RegExp(`^(${secretKeys})=`).test(line))
        .map(line => line.slice(line.indexOf('=') + 1));
      expect(secrets.length).toBe(secretKeys.split('|').length);
      const everything =
        stack.files.map(f => f.content).join('\n') +
        JSON.stringify(stack.services);
      for (const secret of secrets) expect(everything).not.toContain(secret);
    },
  );

  it('makes the Immich vector-init one-shot an init container of the server', () => {
    const envFile = read('immich/.env');
    const stack = importComposeStack(read('immich/compose.yaml'), {
      sources: { envFile, readFile: p => (p === '.env' ? envFile : undefined) },
    });
    const init = stack.services.find(s => s.service === 'vector-init')!;
    expect(init).toMatchObject({ role: 'init', runsIn: ['immich-server'] });
    const server = stack.files.find(
      f => f.path === 'immich/immich-server/deployment.yaml',
    )!;
    expect(
      parseDocument(server.content).toJS().spec.template.spec.initContainers[0]
        .image,
    ).toContain('ghcr.io/immich-app/postgres:14');
    const web = importComposeStack(read('karakeep/compose.yaml'), {
      folderName: 'karakeep',
      sources: { envFile: read('karakeep/.env') },
    });
    expect(web.services[0].draft!.spec.image).toBe(
      'ghcr.io/karakeep-app/karakeep:0.30.0',
    );
  });
});

describe('compose secrets and configs in a stack', () => {
  it('become a Secret placeholder and a ConfigMap mounted at their targets, never copying the secret file', () => {
    const text = [
      'name: files',
      'services:',
      '  app:',
      '    image: ghcr.io/org/app:1.0.0',
      '    ports: [8080]',
      '    secrets: [db_password, { source: api_key, target: /etc/app/key }]',
      '    configs: [app_conf, inline]',
      'secrets:',
      '  db_password: { file: ./db_password.txt }',
      '  api_key: { file: ./api_key.txt }',
      'configs:',
      '  app_conf: { file: ./app.conf }',
      '  inline: { content: "level=debug" }',
    ].join('\n');
    const given: Record<string, string> = {
      './db_password.txt': 'pw-Never-Copied-77',
      './app.conf': 'listen=8080\n',
    };
    const stack = importComposeStack(text, {
      sources: { readFile: p => given[p] },
    });
    const get = (p: string) =>
      parseDocument(stack.files.find(f => f.path === p)!.content).toJS();
    expect(get('files/app/compose-secrets.yaml').stringData).toEqual({
      db_password: '',
      api_key: '',
    });
    expect(get('files/app/configmap.yaml').data).toEqual({
      app_conf: 'listen=8080\n',
      inline: 'level=debug',
    });
    const container = get('files/app/deployment.yaml').spec.template.spec
      .containers[0];
    expect(container.volumeMounts).toEqual(
      expect.arrayContaining([
        {
          name: 'compose-secrets',
          mountPath: '/run/secrets/db_password',
          subPath: 'db_password',
          readOnly: true,
        },
        {
          name: 'compose-secrets',
          mountPath: '/etc/app/key',
          subPath: 'api_key',
          readOnly: true,
        },
        {
          name: 'compose-configs',
          mountPath: '/app_conf',
          subPath: 'app_conf',
          readOnly: true,
        },
      ]),
    );
    expect(get('files/app/kustomization.yaml').resources).toContain(
      'configmap.yaml',
    );
    expect(get('files/app/kustomization.yaml').resources).not.toContain(
      'compose-secrets.yaml',
    );
    expect(JSON.stringify(stack)).not.toContain('pw-Never-Copied-77');
    const lint = lintManifests(
      stack.files.filter(f => f.path.endsWith('.yaml')),
      {},
    );
    expect(lint.findings.filter(f => f.severity === 'error')).toEqual([]);
  });
});
